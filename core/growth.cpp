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

  // Cohorts started in periods 0..p have ages p..0 in period p, so the active users of
  // period p are the users of ages 0..p: a running total.
  Growth growth;
  growth.curve = curve_values(curve, options.periods);
  growth.users_at_age.resize(length);
  growth.active_users.resize(length);
  double total = 0;
  for (std::size_t age = 0; age < length; ++age) {
    growth.users_at_age[age] = std::round(growth.curve[age] * options.new_users);
    total += growth.users_at_age[age];
    growth.active_users[age] = total;
  }
  return growth;
}

}  // namespace retention
