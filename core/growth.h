// Growth from a retention curve: every period a new cohort of the same size starts, and the
// cohort started in period k has round(r(p - k) * new_users) active users in period p.
#pragma once

#include <cstddef>
#include <vector>

#include "power_curve.h"
#include "status.h"

namespace retention {

struct GrowthOptions {
  /// Users in each new cohort.
  double new_users = 10000;
  /// Last period simulated: the timeline is periods 0..periods, one cohort starting in each.
  int periods = 30;
};

/// The largest number of periods simulated at once (a 10-year daily timeline).
inline constexpr int max_growth_periods = 3660;
/// The largest cohort simulated: more than everyone on Earth, small enough that no sum of
/// cohorts overflows.
inline constexpr double max_new_users = 1e12;

/// A simulated timeline. Every cohort has the same size, so a cohort of age t has the same
/// users whenever it started: the users of each age and their running total describe every
/// cohort in every period, in O(periods) numbers instead of a periods² table.
struct Growth {
  /// r(t) for t = 0..periods.
  std::vector<double> curve;
  /// users_at_age[t]: active users of a cohort of age t, round(r(t) * new_users).
  std::vector<double> users_at_age;
  /// Active users in each period: the sum over cohorts of their rounded users, which is
  /// users_at_age summed over ages 0..period.
  std::vector<double> active_users;

  /// Active users of the cohort started in period `cohort`, in `period`; 0 before it starts.
  double cohort_users(std::size_t cohort, std::size_t period) const {
    return period >= cohort ? users_at_age[period - cohort] : 0.0;
  }

  /// Active users of cohorts 0..cohort in `period`: the top edge of that cohort's band in a
  /// stacked chart. Exact: every term is a whole number and the sums stay below 2^53.
  double stacked_users(std::size_t cohort, std::size_t period) const {
    if (cohort >= period) return active_users[period];
    return active_users[period] - active_users[period - cohort - 1];
  }
};

/// Simulates growth, refusing a cohort size outside [0, max_new_users] and a timeline that is
/// negative or longer than max_growth_periods.
Result<Growth> simulate_growth(const PowerCurve& curve, const GrowthOptions& options);

}  // namespace retention
