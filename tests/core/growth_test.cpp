#include "growth.h"

#include <gtest/gtest.h>

namespace retention {
namespace {

TEST(Growth, KnownAnswerForTheDefaultCurve) {
  // ../shared/data/README.md: 43,401 active users in period 30.
  const PowerCurve curve = make_power_curve(0.03, 0, 0.55, 1.5, CurveForm::same_event).value();
  const Growth growth = simulate_growth(curve, {10000, 30}).value();
  ASSERT_EQ(31u, growth.active_users.size());
  EXPECT_EQ(43401, growth.active_users[30]);
  EXPECT_EQ(10000, growth.active_users[0]);
}

TEST(Growth, CohortRowsAddUpToActiveUsers) {
  const PowerCurve curve = make_power_curve(0.1, 0, 1.2, 0.8, CurveForm::same_event).value();
  const Growth growth = simulate_growth(curve, {1000, 12}).value();
  ASSERT_EQ(13u, growth.by_cohort.size);
  for (std::size_t period = 0; period <= 12; ++period) {
    double total = 0;
    for (std::size_t cohort = 0; cohort <= 12; ++cohort) total += growth.by_cohort(cohort, period);
    EXPECT_EQ(growth.active_users[period], total) << "period " << period;
    EXPECT_EQ(growth.by_cohort(0, period) + growth.by_cohort(1, period),
              growth.stacked(1, period));
    EXPECT_EQ(growth.active_users[period], growth.stacked(12, period));
  }
}

TEST(Growth, CohortIsEmptyBeforeItStartsAndRoundedAfter) {
  const PowerCurve curve = make_power_curve(0.03, 0, 0.55, 1.5, CurveForm::same_event).value();
  const Growth growth = simulate_growth(curve, {10, 10}).value();
  EXPECT_EQ(0, growth.by_cohort(5, 4));
  EXPECT_EQ(10, growth.by_cohort(5, 5));
  // r(1) = 0.03 + 1 / (1/0.97 + 0.55) = 0.66254, so 6.6 users round to 7.
  EXPECT_EQ(7, growth.by_cohort(5, 6));
  EXPECT_NEAR(0.66254, growth.curve[1], 1e-5);
}

TEST(Growth, RefusesBadSizes) {
  const PowerCurve curve = make_power_curve(0.03, 0, 0.55, 1.5, CurveForm::same_event).value();
  EXPECT_EQ("new users per period must be a number from 0 to 1e+12, not -5",
            simulate_growth(curve, {-5, 30}).error().message);
  EXPECT_FALSE(simulate_growth(curve, {1e306, 30}).ok());
  EXPECT_EQ("the number of periods must be between 0 and 3660, not 5000",
            simulate_growth(curve, {100, 5000}).error().message);
}

}  // namespace
}  // namespace retention
