#include "fit/observations.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "format.h"

namespace retention {
namespace {

ObservedCurve pooled_curve(const std::vector<CohortCounts>& cohorts) {
  std::map<double, std::pair<double, double>> by_period;  // period -> (active, size)
  double total_size = 0;
  for (const CohortCounts& cohort : cohorts) {
    total_size += cohort.size;
    for (std::size_t i = 0; i < cohort.periods.size(); ++i) {
      auto& cell = by_period[cohort.periods[i]];
      cell.first += cohort.active[i];
      cell.second += cohort.size;
    }
  }
  ObservedCurve curve;
  curve.periods.push_back(0);
  curve.retention.push_back(1);
  curve.weights.push_back(total_size);
  for (const auto& [period, cell] : by_period) {
    curve.periods.push_back(period);
    curve.retention.push_back(cell.first / cell.second);
    curve.weights.push_back(cell.second);
  }
  return curve;
}

}  // namespace

Observations from_curve(ObservedCurve curve) {
  Observations observations;
  observations.curve = std::move(curve);
  return observations;
}

namespace {

// Checks what survivor and active counts share; survivor counts must also never rise,
// which `rises` reports instead of refusing when it is given.
std::optional<Error> check_cohorts(const std::vector<CohortCounts>& cohorts, bool* rises) {
  if (cohorts.empty()) return Error{"there are no cohorts to fit; give at least one"};
  for (std::size_t k = 0; k < cohorts.size(); ++k) {
    const CohortCounts& cohort = cohorts[k];
    const std::string which =
        cohorts.size() == 1 ? "the cohort" : "cohort " + std::to_string(k + 1);
    if (!std::isfinite(cohort.size) || cohort.size <= 0) {
      return Error{which + " has size " + format_number(cohort.size) +
                   "; a cohort needs at least one member at period 0"};
    }
    if (cohort.periods.size() != cohort.active.size()) {
      return Error{which + " has " + std::to_string(cohort.periods.size()) + " periods but " +
                   std::to_string(cohort.active.size()) + " counts"};
    }
    double previous_period = 0;
    double previous_active = cohort.size;
    for (std::size_t i = 0; i < cohort.periods.size(); ++i) {
      const double period = cohort.periods[i];
      const double active = cohort.active[i];
      const std::string where = which + ", period " + format_number(period);
      if (!(period <= max_observed_period)) {
        return Error{where + ": the latest period supported is " +
                     format_number(max_observed_period) + "; is this column a date or an id?"};
      }
      if (period <= previous_period || period != std::floor(period)) {
        return Error{where + ": periods after 0 must be whole numbers that rise (found " +
                     format_number(period) + " after " + format_number(previous_period) + ")"};
      }
      if (!std::isfinite(active) || active < 0) {
        return Error{where + ": " + format_number(active) + " active users is not a count"};
      }
      if (active > cohort.size) {
        return Error{where + ": " + format_number(active) + " active users is more than the " +
                     format_number(cohort.size) + " in the cohort"};
      }
      if (active > previous_active && rises) {
        *rises = true;
      } else if (active > previous_active) {
        return Error{where + ": " + format_number(active) + " active users is more than the " +
                     format_number(previous_active) + " of period " +
                     format_number(previous_period) +
                     "; survivor counts cannot rise. If these are users active in each period "
                     "(who may come back), fit them as a retention curve instead"};
      }
      previous_period = period;
      previous_active = active;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<Observations> from_counts(std::vector<CohortCounts> cohorts) {
  if (auto problem = check_cohorts(cohorts, nullptr)) return *problem;
  Observations observations;
  observations.has_counts = true;
  observations.curve = pooled_curve(cohorts);
  observations.cohorts = std::move(cohorts);
  return observations;
}

Result<Observations> from_cohort_counts(std::vector<CohortCounts> cohorts) {
  bool rises = false;
  if (auto problem = check_cohorts(cohorts, &rises)) return *problem;
  if (!rises) return from_counts(std::move(cohorts));

  // Users active in each period, who may come back: their pooled curve by least squares,
  // each cell weighted by the users behind it.
  Observations observations;
  observations.curve = pooled_curve(cohorts);
  observations.note = "the counts rise in places, so they are users active in each period "
                      "rather than survivors; the pooled curve is fitted by least squares, each "
                      "period weighted by the users behind it";
  return observations;
}

Observations truncated(const Observations& observations, double last_period) {
  Observations cut;
  cut.has_counts = observations.has_counts;
  cut.note = observations.note;
  for (const CohortCounts& cohort : observations.cohorts) {
    CohortCounts kept{cohort.size, {}, {}};
    for (std::size_t i = 0; i < cohort.periods.size() && cohort.periods[i] <= last_period; ++i) {
      kept.periods.push_back(cohort.periods[i]);
      kept.active.push_back(cohort.active[i]);
    }
    cut.cohorts.push_back(std::move(kept));
  }
  const ObservedCurve& curve = observations.curve;
  for (std::size_t i = 0; i < curve.periods.size(); ++i) {
    if (curve.periods[i] > last_period) continue;
    cut.curve.periods.push_back(curve.periods[i]);
    cut.curve.retention.push_back(curve.retention[i]);
    if (!curve.weights.empty()) cut.curve.weights.push_back(curve.weights[i]);
  }
  return cut;
}

double last_observed_period(const Observations& observations) {
  double last = 0;
  for (const double period : observations.curve.periods) last = std::max(last, period);
  return last;
}

}  // namespace retention
