#include "fit/likelihood.h"

#include <cmath>

namespace retention {

double log_likelihood(const RetentionModel& model, const Parameters& theta,
                      const std::vector<CohortCounts>& cohorts) {
  double total = 0;
  for (const CohortCounts& cohort : cohorts) {
    double previous_log_survival = 0;
    double previous_active = cohort.size;
    for (std::size_t i = 0; i < cohort.periods.size(); ++i) {
      const double log_survival = model.log_survival(theta, cohort.periods[i]);
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
