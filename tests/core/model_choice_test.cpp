#include "fit/model_choice.h"

#include <cmath>

#include <gtest/gtest.h>

#include "models/model.h"

namespace retention {
namespace {

TEST(ModelChoice, RecommendsTheModelThatGeneratedTheData) {
  // Exponential decay to a 20% floor, observed for 12 periods: the exponential model
  // forecasts the held-out periods exactly.
  const auto truth = make_model("exponential");
  CohortCounts cohort{5000, {}, {}};
  for (int t = 1; t <= 12; ++t) {
    cohort.periods.push_back(t);
    cohort.active.push_back(5000 * truth->survival({0.2, 0.4}, t));
  }
  const ModelComparison comparison =
      compare_models(from_counts({cohort}).value(), ModelFitOptions{}).value();
  ASSERT_EQ(4u, comparison.rows.size());
  EXPECT_EQ(8, comparison.backtest_cutoff);
  ASSERT_GE(comparison.recommended, 0);
  EXPECT_EQ("exponential", comparison.rows[std::size_t(comparison.recommended)].model)
      << comparison.reason;
  EXPECT_LT(comparison.rows[std::size_t(comparison.recommended)].backtest_mape, 1e-3);
  EXPECT_EQ(0, comparison.reason.find("exponential decay to a floor forecasts best: fitted on "
                                      "periods up to 8"))
      << comparison.reason;
}

TEST(ModelChoice, FaderHardieRegularPrefersADurationModelOverThePowerCurve) {
  CohortCounts regular{1000, {1, 2, 3, 4, 5, 6, 7}, {631, 468, 382, 326, 289, 262, 241}};
  const ModelComparison comparison =
      compare_models(from_counts({regular}).value(), ModelFitOptions{}).value();
  for (const ModelComparisonRow& row : comparison.rows) {
    EXPECT_TRUE(row.error.empty()) << row.model << ": " << row.error;
    EXPECT_TRUE(std::isfinite(row.fit.aic)) << row.model;
    EXPECT_TRUE(std::isfinite(row.backtest_mape)) << row.model;
  }
  EXPECT_FALSE(comparison.reason.empty());
}

TEST(ModelChoice, ListsAModelThatCannotBeFittedWithItsReason) {
  // Two periods after 0: enough for the two-parameter models only.
  const ModelComparison comparison =
      compare_models(from_counts({{1000, {1, 2}, {600, 500}}}).value(), ModelFitOptions{})
          .value();
  EXPECT_EQ("fitting 3 parameters needs points at 3 or more different periods after period 0 "
            "with a weight above 0; found 2; add rows for more periods, or choose a model with "
            "fewer parameters",
            comparison.rows[0].error);
  EXPECT_TRUE(comparison.rows[1].error.empty());
  EXPECT_EQ(0, comparison.backtest_cutoff);
  EXPECT_NE(std::string::npos, comparison.reason.find("has the lowest AIC"));
}

}  // namespace
}  // namespace retention
