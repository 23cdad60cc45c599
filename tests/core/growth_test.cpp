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

TEST(Growth, CohortsAddUpToActiveUsersAndTheirStack) {
  const PowerCurve curve = make_power_curve(0.1, 0, 1.2, 0.8, CurveForm::same_event).value();
  const Growth growth = simulate_growth(curve, {1000, 12}).value();
  ASSERT_EQ(13u, growth.users_at_age.size());
  for (std::size_t period = 0; period <= 12; ++period) {
    // stacked_users is a difference of running totals; here each band is added up directly.
    double total = 0;
    for (std::size_t cohort = 0; cohort <= 12; ++cohort) {
      total += growth.cohort_users(cohort, period);
      EXPECT_EQ(total, growth.stacked_users(cohort, period))
          << "cohort " << cohort << ", period " << period;
    }
    EXPECT_EQ(growth.active_users[period], total) << "period " << period;
  }
}

TEST(Growth, StackIsExactAtTheLargestTimelineAndCohorts) {
  const PowerCurve curve = make_power_curve(0.03, 0, 0.55, 1.5, CurveForm::same_event).value();
  const Growth growth = simulate_growth(curve, {max_new_users, max_growth_periods}).value();
  const auto last = static_cast<std::size_t>(max_growth_periods);
  double band_sum = 0;
  for (std::size_t cohort = 0; cohort <= last; ++cohort) {
    const double below = cohort == 0 ? 0 : growth.stacked_users(cohort - 1, last);
    EXPECT_EQ(growth.cohort_users(cohort, last), growth.stacked_users(cohort, last) - below);
    band_sum += growth.cohort_users(cohort, last);
  }
  EXPECT_EQ(growth.active_users[last], band_sum);
}

TEST(Growth, CohortIsEmptyBeforeItStartsAndRoundedAfter) {
  const PowerCurve curve = make_power_curve(0.03, 0, 0.55, 1.5, CurveForm::same_event).value();
  const Growth growth = simulate_growth(curve, {10, 10}).value();
  EXPECT_EQ(0, growth.cohort_users(5, 4));
  EXPECT_EQ(10, growth.cohort_users(5, 5));
  // r(1) = 0.03 + 1 / (1/0.97 + 0.55) = 0.66254, so 6.6 users round to 7.
  EXPECT_EQ(7, growth.cohort_users(5, 6));
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
