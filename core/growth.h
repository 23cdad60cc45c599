// Growth from a retention curve: every period a new cohort of the same size starts, and the
// cohort started in period k has round(r(p - k) * new_users) active users in period p.
#pragma once

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

/// A square matrix stored row after row, so that it is one allocation and crosses to JS as
/// one copy.
struct SquareMatrix {
  std::size_t size = 0;
  std::vector<double> values;

  double operator()(std::size_t row, std::size_t column) const {
    return values[row * size + column];
  }
  double* row(std::size_t index) { return values.data() + index * size; }
  const double* row(std::size_t index) const { return values.data() + index * size; }
};

struct Growth {
  /// r(t) for t = 0..periods.
  std::vector<double> curve;
  /// Active users in each period: the sum over cohorts of their rounded users.
  std::vector<double> active_users;
  /// by_cohort(k, p): active users of the cohort started in period k, in period p; 0 before
  /// the cohort starts.
  SquareMatrix by_cohort;
  /// stacked(k, p): active users of cohorts 0..k in period p, the top edge of cohort k's
  /// band in a stacked chart; its last row equals active_users.
  SquareMatrix stacked;
};

/// Simulates growth, refusing a cohort size outside [0, max_new_users] and a timeline that is
/// negative or longer than max_growth_periods.
Result<Growth> simulate_growth(const PowerCurve& curve, const GrowthOptions& options);

}  // namespace retention
