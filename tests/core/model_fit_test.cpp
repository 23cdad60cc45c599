#include "fit/model_fit.h"

#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "fit/likelihood.h"
#include "models/sbg_model.h"

namespace retention {
namespace {

// ../shared/data/fader_hardie_2007.csv, segment "regular", years 0..7 (the fitting window).
const std::vector<double> regular_years = {1, 2, 3, 4, 5, 6, 7};
const std::vector<double> regular_active = {631, 468, 382, 326, 289, 262, 241};

Observations regular_counts() {
  return from_counts({{1000, regular_years, regular_active}}).value();
}

ModelFit fit(const Observations& observations, const std::string& model, int horizon = 12) {
  ModelFitOptions options;
  options.model = model;
  options.horizon = horizon;
  auto result = fit_model(observations, options);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.value();
}

TEST(ShiftedBetaGeometric, LogLikelihoodAtOneOneIsTheKnownValue) {
  const ShiftedBetaGeometricModel model;
  EXPECT_NEAR(-1741.7, log_likelihood(model, {1, 1}, regular_counts().cohorts), 0.05);
}

TEST(ShiftedBetaGeometric, ReachesFaderHardieEstimatesAndProjections) {
  const ModelFit sbg = fit(regular_counts(), "sbg");
  EXPECT_EQ(FitStatus::converged, sbg.status) << sbg.message;
  ASSERT_EQ((std::vector<std::string>{"alpha", "beta"}), sbg.names);
  EXPECT_NEAR(0.704, sbg.values[0], 5e-4);
  EXPECT_NEAR(1.182, sbg.values[1], 5e-4);
  const std::vector<double> projected = {220.1, 204.4, 191.2, 179.9, 170.0};
  for (std::size_t k = 0; k < projected.size(); ++k) {
    EXPECT_NEAR(projected[k], 1000 * sbg.forecast.retention[8 + k], 0.5) << "year " << 8 + k;
  }
  EXPECT_TRUE(sbg.by_likelihood);
  EXPECT_NEAR(-2 * sbg.log_likelihood + 4, sbg.aic, 1e-9);
  EXPECT_GT(sbg.standard_errors[0], 0);
  EXPECT_GT(sbg.standard_errors[1], 0);
  // alpha < 1: the mean lifetime of the Beta mixture is infinite.
  EXPECT_TRUE(std::isinf(sbg.expected_lifetime));
}

TEST(ShiftedBetaGeometric, BandContainsTheForecastAndWidensWithTime) {
  const ModelFit sbg = fit(regular_counts(), "sbg");
  for (std::size_t t = 1; t < sbg.forecast.periods.size(); ++t) {
    EXPECT_LT(sbg.forecast.lower[t], sbg.forecast.retention[t]);
    EXPECT_GT(sbg.forecast.upper[t], sbg.forecast.retention[t]);
  }
  // Relative to the forecast, the band widens the further it reaches past the data.
  const auto relative_width = [&sbg](std::size_t t) {
    return (sbg.forecast.upper[t] - sbg.forecast.lower[t]) / sbg.forecast.retention[t];
  };
  EXPECT_GT(relative_width(12), relative_width(8));
  EXPECT_GT(relative_width(8), relative_width(2));
  EXPECT_EQ(1.0, sbg.forecast.lower[0]);
}

TEST(ShiftedBetaGeometric, RetentionRatesRiseWithTenure) {
  // Heterogeneity: those who stay are the loyal ones, so r_t = S(t)/S(t-1) rises.
  const ModelFit sbg = fit(regular_counts(), "sbg");
  EXPECT_NEAR(regular_active[0] / 1000, sbg.retention_rates[0], 0.02);
  for (std::size_t t = 1; t < sbg.retention_rates.size(); ++t) {
    EXPECT_GT(sbg.retention_rates[t], sbg.retention_rates[t - 1]);
  }
}

// Expected (noiseless) counts of a model for a cohort of 10,000 over periods 1..12.
Observations expected_counts(const RetentionModel& model, const Parameters& theta) {
  CohortCounts cohort{10000, {}, {}};
  for (int t = 1; t <= 12; ++t) {
    cohort.periods.push_back(t);
    cohort.active.push_back(10000 * model.survival(theta, t));
  }
  return from_counts({cohort}).value();
}

Observations expected_curve(const RetentionModel& model, const Parameters& theta) {
  ObservedCurve curve;
  for (int t = 0; t <= 24; ++t) {
    curve.periods.push_back(t);
    curve.retention.push_back(model.survival(theta, t));
  }
  return from_curve(curve);
}

void expect_recovered(const std::string& name, const std::vector<Parameters>& truths) {
  const auto model = make_model(name);
  for (const Parameters& truth : truths) {
    for (const bool counts : {true, false}) {
      const Observations data =
          counts ? expected_counts(*model, truth) : expected_curve(*model, truth);
      const ModelFit result = fit(data, name);
      for (std::size_t i = 0; i < truth.size(); ++i) {
        EXPECT_NEAR(truth[i], result.values[i], 1e-4 * std::max(1.0, truth[i]))
            << name << (counts ? " counts " : " curve ") << result.names[i] << ": "
            << result.message;
      }
    }
  }
}

TEST(ModelFit, RecoversShiftedBetaGeometricFromNoiselessData) {
  expect_recovered("sbg", {{0.7, 1.2}, {0.3, 0.8}, {2.0, 5.0}, {5.0, 30.0}});
}

TEST(ModelFit, RecoversBetaDiscreteWeibullFromNoiselessData) {
  expect_recovered("bdw", {{0.7, 1.2, 1.0}, {1.5, 3.0, 0.6}, {0.5, 2.0, 1.5}});
}

TEST(ModelFit, RecoversExponentialFromNoiselessData) {
  expect_recovered("exponential", {{0.2, 0.3}, {0.05, 1.0}, {0.5, 0.1}});
}

TEST(ModelFit, RecoversPowerFromNoiselessData) {
  expect_recovered("power", {{0.03, 0.55, 1.5}, {0.2, 1.5, 1.1}, {0.1, 3.0, 0.6}});
}

TEST(ModelFit, BetaDiscreteWeibullReducesToShiftedBetaGeometricAtCOne) {
  const ModelFit bdw = fit(expected_counts(ShiftedBetaGeometricModel(), {0.7, 1.2}), "bdw");
  EXPECT_NEAR(1.0, bdw.values[2], 1e-4);
}

TEST(ModelFit, NinetyPercentBandCoversTheTruthNinetyPercentOfTheTime) {
  // Simulated cohorts of 2,000 whose members churn as sBG(0.8, 1.6); each cohort is
  // observed for 6 periods and the band is checked at periods 1..12. Fixed seed.
  const ShiftedBetaGeometricModel model;
  const Parameters truth = {0.8, 1.6};
  std::mt19937_64 random(20261203);
  std::gamma_distribution<double> gamma_alpha(truth[0], 1.0);
  std::gamma_distribution<double> gamma_beta(truth[1], 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);

  int covered = 0;
  int checked = 0;
  for (int run = 0; run < 200; ++run) {
    std::vector<int> alive(7, 0);
    for (int member = 0; member < 2000; ++member) {
      const double x = gamma_alpha(random);
      const double churn = x / (x + gamma_beta(random));
      int periods_alive = 0;
      while (periods_alive < 6 && uniform(random) >= churn) ++periods_alive;
      for (int t = 1; t <= periods_alive; ++t) ++alive[std::size_t(t)];
    }
    CohortCounts cohort{2000, {}, {}};
    for (int t = 1; t <= 6; ++t) {
      cohort.periods.push_back(t);
      cohort.active.push_back(alive[std::size_t(t)]);
    }
    const ModelFit result = fit(from_counts({cohort}).value(), "sbg");
    for (int t = 1; t <= 12; ++t) {
      const double true_value = model.survival(truth, t);
      ++checked;
      covered += result.forecast.lower[std::size_t(t)] <= true_value &&
                 true_value <= result.forecast.upper[std::size_t(t)];
    }
  }
  const double coverage = double(covered) / checked;
  RecordProperty("coverage", std::to_string(coverage));
  EXPECT_GE(coverage, 0.85);
  EXPECT_LE(coverage, 0.95);
}

TEST(ModelFit, PoolsSeveralCohortsOfATriangle) {
  // Three cohorts of one sBG process, observed for 6, 4 and 2 periods.
  const ShiftedBetaGeometricModel model;
  std::vector<CohortCounts> cohorts;
  for (const auto& [size, reached] : {std::pair{1000.0, 6}, {2000.0, 4}, {500.0, 2}}) {
    CohortCounts cohort{size, {}, {}};
    for (int t = 1; t <= reached; ++t) {
      cohort.periods.push_back(t);
      cohort.active.push_back(size * model.survival({0.9, 2.5}, t));
    }
    cohorts.push_back(cohort);
  }
  const ModelFit pooled = fit(from_counts(cohorts).value(), "sbg");
  EXPECT_NEAR(0.9, pooled.values[0], 1e-4);
  EXPECT_NEAR(2.5, pooled.values[1], 1e-4);
  EXPECT_EQ(3500, pooled.observations);
}

TEST(ModelFit, RefusesCountsThatRiseOrCohortsOfSizeZero) {
  EXPECT_EQ("the cohort, period 3: 500 active users is more than the 468 of period 2; survivor "
            "counts cannot rise. If these are users active in each period (who may come back), "
            "fit them as a retention curve instead",
            from_counts({{1000, {1, 2, 3}, {631, 468, 500}}}).error().message);
  EXPECT_EQ("cohort 2 has size 0; a cohort needs at least one member at period 0",
            from_counts({{1000, {1}, {600}}, {0, {1}, {0}}}).error().message);
}

TEST(ModelFit, RefusesFewerPointsThanParameters) {
  ModelFitOptions options;
  options.model = "bdw";
  const auto refused = fit_model(from_counts({{1000, {1, 2}, {600, 500}}}).value(), options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ("fitting 3 parameters needs points at 3 or more different periods after period 0 "
            "with a weight above 0; found 2; add rows for more periods, or choose a model with "
            "fewer parameters",
            refused.error().message);
}

TEST(ModelFit, RefusesRetentionAboveOne) {
  ModelFitOptions options;
  options.model = "exponential";
  const auto refused = fit_model(from_curve({{0, 1, 2}, {1, 1.3, 0.5}, {}}), options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ("point 2 (period 1): retention 1.3 must be a fraction between 0 and 1",
            refused.error().message);
}

TEST(ModelFit, AllEqualValuesGiveFiniteFlaggedFitsForEveryModel) {
  for (const std::string& name : model_names()) {
    const ModelFit flat = fit(from_curve({{1, 2, 3, 4, 5}, {0.4, 0.4, 0.4, 0.4, 0.4}, {}}), name);
    for (const double value : flat.values) EXPECT_TRUE(std::isfinite(value)) << name;
    for (const double value : flat.forecast.retention) EXPECT_TRUE(std::isfinite(value)) << name;
    EXPECT_EQ(0, flat.r_squared) << name;
    EXPECT_EQ(FitStatus::undetermined, flat.status) << name << ": " << flat.message;
  }
}

TEST(ModelFit, CountsCannotUseTheDifferentEventsForm) {
  ModelFitOptions options;
  options.form = CurveForm::different_events;
  EXPECT_FALSE(fit_model(regular_counts(), options).ok());
}

TEST(ModelFit, RefusesAnUnknownModel) {
  ModelFitOptions options;
  options.model = "weibull";
  EXPECT_EQ("unknown model \"weibull\"; choose power, sbg, bdw, exponential or compare",
            fit_model(regular_counts(), options).error().message);
}

// ../shared/data/seed_example.tsv.
ObservedCurve seed_example() { return {{0, 1, 2, 3, 4}, {1, 0.55, 0.4, 0.35, 0.3}, {}}; }

TEST(ModelFit, ExactFitThroughItsPointsHasNoStandardErrorsAicOrBand) {
  // Periods 1-3 against a, c, d: the curve passes through all three (r(0) = 1 moves nothing).
  ModelFitOptions options;
  options.fit_through = 3;
  const ModelFit exact = fit_model(from_curve(seed_example()), options).value();
  for (const double error : exact.standard_errors) EXPECT_TRUE(std::isnan(error));
  EXPECT_TRUE(std::isnan(exact.aic));
  EXPECT_TRUE(std::isnan(exact.bic));
  ASSERT_EQ(1u, exact.notes.size());
  EXPECT_NE(std::string::npos, exact.notes[0].find("passes through them")) << exact.notes[0];
  EXPECT_EQ(exact.forecast.retention, exact.forecast.upper);
  EXPECT_NE(std::string::npos, exact.message.find("no standard errors")) << exact.message;
}

TEST(ModelFit, PeriodZeroOfACurveStartingAtOneIsNoDegreeOfFreedom) {
  // r(0) = 1 whatever a, c and d are, so listing period 0 must not shrink the errors.
  const ModelFit with_zero = fit(from_curve(seed_example()), "power");
  ObservedCurve without = seed_example();
  without.periods.erase(without.periods.begin());
  without.retention.erase(without.retention.begin());
  const ModelFit without_zero = fit(from_curve(without), "power");
  ASSERT_EQ(3u, with_zero.standard_errors.size());
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_GT(with_zero.standard_errors[i], 0);
    EXPECT_NEAR(without_zero.standard_errors[i], with_zero.standard_errors[i],
                1e-6 * with_zero.standard_errors[i]);
  }
}

}  // namespace
}  // namespace retention

namespace retention {
namespace {

TEST(ModelFit, CohortsWhoseCountsRiseAreFittedAsActiveUsers) {
  // Users active in each period come back: 400 then 450.
  const auto observations =
      from_cohort_counts({{1000, {1, 2, 3, 4}, {500, 400, 450, 380}},
                          {800, {1, 2, 3}, {420, 330, 300}}});
  ASSERT_TRUE(observations.ok());
  EXPECT_FALSE(observations->has_counts);
  EXPECT_EQ((std::vector<double>{1800, 1800, 1800, 1800, 1000}), observations->curve.weights);
  EXPECT_DOUBLE_EQ(920.0 / 1800, observations->curve.retention[1]);
  ModelFitOptions options;
  const ModelFit fit = fit_model(observations.value(), options).value();
  ASSERT_EQ(1u, fit.notes.size());
  EXPECT_EQ(0u, fit.notes[0].find("the counts rise in places"));
  EXPECT_FALSE(fit.by_likelihood);
}

TEST(ModelFit, CohortsWhoseCountsNeverRiseAreSurvivors) {
  const auto observations = from_cohort_counts({{1000, {1, 2}, {600, 500}}});
  ASSERT_TRUE(observations.ok());
  EXPECT_TRUE(observations->has_counts);
  EXPECT_TRUE(observations->note.empty());
  EXPECT_EQ("the cohort, period 1: 1200 active users is more than the 1000 in the cohort",
            from_cohort_counts({{1000, {1}, {1200}}}).error().message);
}

}  // namespace
}  // namespace retention
