#include "power_fit.h"

#include <cmath>

#include <gtest/gtest.h>

#include "retention_data.h"
#include "test_data.h"

namespace retention {
namespace {

PowerFitSummary fit_file(const std::string& name, const PowerFitOptions& options = {}) {
  const RetentionData data = parse_retention(testing::read_shared_file(name)).value();
  return fit_power_curve(data.periods, data.retention, data.weights, options).value();
}

TEST(PowerFit, ReachesTheKnownAnswerForSeedExample) {
  // ../shared/data/README.md (scipy curve_fit reaches the same point).
  const PowerFitSummary fit = fit_file("seed_example.tsv");
  EXPECT_EQ(FitStatus::converged, fit.status) << fit.message;
  EXPECT_NEAR(0.1896, fit.curve.a, 5e-5);
  EXPECT_NEAR(1.5485, fit.curve.c, 5e-5);
  EXPECT_NEAR(1.1338, fit.curve.d, 5e-5);
  EXPECT_NEAR(0.00526, fit.rmse, 5e-6);
}

TEST(PowerFit, ReachesTheKnownAnswerForSeedRetention) {
  const PowerFitSummary fit = fit_file("seed_retention.tsv");
  EXPECT_EQ(FitStatus::converged, fit.status) << fit.message;
  EXPECT_NEAR(0.236, fit.curve.a, 5e-4);
  EXPECT_NEAR(1.985, fit.curve.c, 5e-4);
  EXPECT_NEAR(1.282, fit.curve.d, 5e-4);
  EXPECT_NEAR(0.0082, fit.rmse, 5e-5);
  EXPECT_GT(fit.r_squared, 0.99);
}

TEST(PowerFit, UsesThePeriodColumnNotTheRowOrder) {
  const std::vector<double> periods = {3, 0, 4, 1, 2};
  const std::vector<double> retention = {0.35, 1, 0.3, 0.55, 0.4};
  const PowerFitSummary shuffled = fit_power_curve(periods, retention).value();
  EXPECT_NEAR(0.1896, shuffled.curve.a, 5e-5);
  EXPECT_NEAR(1.5485, shuffled.curve.c, 5e-5);
  EXPECT_NEAR(1.1338, shuffled.curve.d, 5e-5);
}

TEST(PowerFit, RecoversACurveFromGappedPeriodsStartingAtOne) {
  const PowerCurve truth = make_power_curve(0.12, 0, 0.8, 0.9, CurveForm::same_event).value();
  const std::vector<double> periods = {1, 7, 14, 30, 60};
  std::vector<double> retention;
  for (const double t : periods) retention.push_back(retention_at(truth, t));
  const PowerFitSummary fit = fit_power_curve(periods, retention).value();
  EXPECT_NEAR(truth.a, fit.curve.a, 1e-6);
  EXPECT_NEAR(truth.c, fit.curve.c, 1e-6);
  EXPECT_NEAR(truth.d, fit.curve.d, 1e-6);
}

TEST(PowerFit, RecoversNoiselessCurvesAcrossTheParameterRange) {
  std::vector<double> periods;
  for (int t = 0; t <= 30; ++t) periods.push_back(t);
  for (const double a : {0.0, 0.05, 0.3, 0.6}) {
    for (const double c : {0.1, 0.55, 2.0, 5.0}) {
      for (const double d : {0.3, 1.0, 1.5, 3.0}) {
        const PowerCurve truth = make_power_curve(a, 0, c, d, CurveForm::same_event).value();
        std::vector<double> retention;
        for (const double t : periods) retention.push_back(retention_at(truth, t));
        const PowerFitSummary fit = fit_power_curve(periods, retention).value();
        const std::string where = "a=" + std::to_string(a) + " c=" + std::to_string(c) +
                                  " d=" + std::to_string(d) + ": " + fit.message;
        EXPECT_NEAR(a, fit.curve.a, 1e-4) << where;
        EXPECT_NEAR(c, fit.curve.c, 1e-4) << where;
        EXPECT_NEAR(d, fit.curve.d, 1e-4) << where;
      }
    }
  }
}

TEST(PowerFit, IsDeterministic) {
  const PowerFitSummary first = fit_file("seed_retention.tsv");
  const PowerFitSummary second = fit_file("seed_retention.tsv");
  EXPECT_EQ(first.curve.a, second.curve.a);
  EXPECT_EQ(first.curve.c, second.curve.c);
  EXPECT_EQ(first.curve.d, second.curve.d);
  EXPECT_EQ(first.iterations, second.iterations);
  EXPECT_EQ(first.message, second.message);
}

TEST(PowerFit, WeightsPullTheCurveTowardsHeavyPoints) {
  const std::vector<double> periods = {0, 1, 2, 3, 4, 5};
  const std::vector<double> retention = {1, 0.5, 0.42, 0.30, 0.31, 0.27};
  const PowerFitSummary plain = fit_power_curve(periods, retention).value();
  const PowerFitSummary heavy =
      fit_power_curve(periods, retention, {1, 1, 1, 1000, 1, 1}).value();
  const double plain_miss = std::abs(retention_at(plain.curve, 3) - 0.30);
  const double heavy_miss = std::abs(retention_at(heavy.curve, 3) - 0.30);
  EXPECT_LT(heavy_miss, plain_miss / 10);
}

TEST(PowerFit, ZeroWeightIgnoresAPoint) {
  const std::vector<double> periods = {0, 1, 2, 3, 4, 9};
  const std::vector<double> retention = {1, 0.55, 0.4, 0.35, 0.3, 0.9};
  const PowerFitSummary fit =
      fit_power_curve(periods, retention, {1, 1, 1, 1, 1, 0}).value();
  EXPECT_NEAR(0.1896, fit.curve.a, 5e-5);
}

TEST(PowerFit, DifferentEventsRecoversAFreeB) {
  const PowerCurve truth =
      make_power_curve(0.1, 2.5, 0.7, 1.2, CurveForm::different_events).value();
  std::vector<double> periods;
  std::vector<double> retention;
  for (int t = 0; t <= 20; ++t) {
    periods.push_back(t);
    retention.push_back(retention_at(truth, t));
  }
  PowerFitOptions options;
  options.form = CurveForm::different_events;
  const PowerFitSummary fit = fit_power_curve(periods, retention, {}, options).value();
  EXPECT_NEAR(0.1, fit.curve.a, 1e-6);
  EXPECT_NEAR(2.5, fit.curve.b, 1e-6);
  EXPECT_NEAR(0.7, fit.curve.c, 1e-6);
  EXPECT_NEAR(1.2, fit.curve.d, 1e-6);
}

TEST(PowerFit, FlagsAFloorOnItsBound) {
  // Retention that falls like 1 / (1 + t) has no floor: a ends on 0.
  std::vector<double> periods;
  std::vector<double> retention;
  for (int t = 0; t <= 10; ++t) {
    periods.push_back(t);
    retention.push_back(1.0 / (1 + t));
  }
  const PowerFitSummary fit = fit_power_curve(periods, retention).value();
  EXPECT_EQ(FitStatus::hit_bound, fit.status);
  EXPECT_NE(std::string::npos, fit.message.find("a is at its lower bound 0")) << fit.message;
  EXPECT_NEAR(1.0, fit.curve.c, 1e-6);
  EXPECT_NEAR(1.0, fit.curve.d, 1e-6);
}

TEST(PowerFit, AllEqualValuesGiveAFlaggedFiniteFit) {
  const PowerFitSummary fit =
      fit_power_curve({1, 2, 3, 4}, {0.4, 0.4, 0.4, 0.4}).value();
  EXPECT_TRUE(std::isfinite(fit.curve.a) && std::isfinite(fit.curve.c) &&
              std::isfinite(fit.curve.d));
  EXPECT_EQ(0, fit.r_squared);
  EXPECT_EQ(FitStatus::undetermined, fit.status);
  EXPECT_EQ(0, fit.message.find("undetermined after")) << fit.message;
}

TEST(PowerFit, RefusesTooFewPeriods) {
  const auto refused = fit_power_curve({0, 1, 2}, {1, 0.5, 0.4});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ("fitting 3 parameters needs points at 3 or more different periods after period 0 "
            "with a weight above 0; found 2; add rows for more periods, or choose a model with "
            "fewer parameters",
            refused.error().message);
}

TEST(PowerFit, RefusesBadValuesNamingThePoint) {
  EXPECT_EQ("point 2 (period 1): retention 1.5 must be a fraction between 0 and 1",
            fit_power_curve({0, 1, 2, 3}, {1, 1.5, 0.4, 0.3}).error().message);
  EXPECT_EQ("point 3: period -2 must be a number >= 0",
            fit_power_curve({0, 1, -2, 3}, {1, 0.5, 0.4, 0.3}).error().message);
  EXPECT_EQ("periods and retention must have the same length (4 and 3)",
            fit_power_curve({0, 1, 2, 3}, {1, 0.5, 0.4}).error().message);
  EXPECT_EQ("point 1 (period 0): weight nan must be a number >= 0",
            fit_power_curve({0, 1, 2, 3}, {1, 0.5, 0.4, 0.3}, {NAN, 1, 1, 1}).error().message);
}

}  // namespace
}  // namespace retention
