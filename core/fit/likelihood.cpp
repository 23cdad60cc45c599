#include "fit/likelihood.h"

#include <cmath>
#include <vector>

namespace retention {

double log_likelihood(const RetentionModel& model, const Parameters& theta,
                      const std::vector<CohortCounts>& cohorts) {
  // Cohorts of a triangle share their periods: ln S(t) is computed once per period, not once
  // per cell. from_counts admits whole periods up to max_observed_period only; anything else
  // is computed directly.
  std::vector<double> log_survival_at;
  const auto log_survival_of = [&](double period) {
    if (!(period >= 0 && period <= max_observed_period) || period != std::floor(period)) {
      return model.log_survival(theta, period);
    }
    const auto index = static_cast<std::size_t>(period);
    if (index >= log_survival_at.size()) log_survival_at.resize(index + 1, NAN);
    double& cached = log_survival_at[index];
    if (std::isnan(cached)) cached = model.log_survival(theta, period);
    return cached;
  };

  double total = 0;
  for (const CohortCounts& cohort : cohorts) {
    double previous_log_survival = 0;
    double previous_active = cohort.size;
    for (std::size_t i = 0; i < cohort.periods.size(); ++i) {
      const double log_survival = log_survival_of(cohort.periods[i]);
      const double lost = previous_active - cohort.active[i];
      if (lost > 0) {
        // ln(S0 - S1) = ln S0 + ln(1 - S1 / S0), exact even when both are tiny.
        const double drop = std::log1p(-std::exp(log_survival - previous_log_survival));
        total += lost * (previous_log_survival + drop);
      }
      previous_log_survival = log_survival;
      previous_active = cohort.active[i];
    }
    if (previous_active > 0) total += previous_active * previous_log_survival;
  }
  return std::isnan(total) ? -INFINITY : total;
}

}  // namespace retention
