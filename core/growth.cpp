#include "growth.h"

#include <cmath>

#include "format.h"

namespace retention {

Result<Growth> simulate_growth(const PowerCurve& curve, const GrowthOptions& options) {
  if (!(options.new_users >= 0 && options.new_users <= max_new_users)) {
    return Error{"new users per period must be a number from 0 to " +
                 format_number(max_new_users) + ", not " + format_number(options.new_users)};
  }
  if (options.periods < 0 || options.periods > max_growth_periods) {
    return Error{"the number of periods must be between 0 and " +
                 std::to_string(max_growth_periods) + ", not " +
                 std::to_string(options.periods)};
  }
  const auto length = static_cast<std::size_t>(options.periods) + 1;

  // Every cohort has the same size, so a cohort of age t has the same rounded users whenever
  // it started: compute each age once.
  Growth growth;
  growth.curve = curve_values(curve, options.periods);
  std::vector<double> users_at_age(length);
  for (std::size_t age = 0; age < length; ++age) {
    users_at_age[age] = std::round(growth.curve[age] * options.new_users);
  }

  // Shift the per-age users into each cohort's row, and keep the running total over
  // cohorts: its last row is the active users of each period.
  growth.by_cohort = {length, std::vector<double>(length * length, 0.0)};
  growth.stacked = {length, std::vector<double>(length * length, 0.0)};
  for (std::size_t start = 0; start < length; ++start) {
    double* row = growth.by_cohort.row(start);
    double* stack = growth.stacked.row(start);
    const double* below = start > 0 ? growth.stacked.row(start - 1) : nullptr;
    for (std::size_t period = 0; period < length; ++period) {
      if (period >= start) row[period] = users_at_age[period - start];
      stack[period] = (below ? below[period] : 0.0) + row[period];
    }
  }
  const double* total = growth.stacked.row(length - 1);
  growth.active_users.assign(total, total + length);
  return growth;
}

}  // namespace retention
