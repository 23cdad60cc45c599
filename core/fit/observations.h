// What a fit is given: either one observed curve (fitted by weighted least squares) or the
// counts behind it, one or more cohorts (fitted by maximum likelihood).
#pragma once

#include <string>
#include <vector>

#include "status.h"

namespace retention {

/// The latest period a fit accepts: ten years of days. Later periods are almost always a
/// date or an id in the wrong column, and forecasts reach every observed period.
inline constexpr double max_observed_period = 3660;

/// One retention curve: (period, retention) points with optional weights (all 1 if empty).
struct ObservedCurve {
  std::vector<double> periods;
  std::vector<double> retention;
  std::vector<double> weights;
};

/// One cohort's counts: `size` members at period 0, `active[i]` of them still active at
/// `periods[i]`. Periods rise strictly and may skip; missing cells are simply absent.
struct CohortCounts {
  double size = 0;
  std::vector<double> periods;
  std::vector<double> active;
};

/// The data of a fit. With counts, `cohorts` holds them and `curve` is their pooled curve
/// (retention = sum of active / sum of sizes over the cohorts that reached each period,
/// weighted by those sizes); without, only `curve` is set.
struct Observations {
  bool has_counts = false;
  std::vector<CohortCounts> cohorts;
  ObservedCurve curve;
  /// How the data were taken, when that was a choice; empty otherwise.
  std::string note;
};

/// A curve alone; its points are checked by the fit.
Observations from_curve(ObservedCurve curve);

/// Counts of one or more cohorts, checked: sizes above 0, whole periods above 0 that rise,
/// counts that never exceed the size nor rise from one period to the next (these are
/// survivors; for "active in period" data that can rise, fit the curve instead). The error
/// names the cohort, the period and the numbers.
Result<Observations> from_counts(std::vector<CohortCounts> cohorts);

/// Counts of cohorts as a cohort table gives them: survivor counts (as from_counts) when no
/// count rises, else users active in each period, whose pooled curve is fitted by weighted
/// least squares; `note` says which.
Result<Observations> from_cohort_counts(std::vector<CohortCounts> cohorts);

/// The same observations cut to periods <= last_period, for backtests.
Observations truncated(const Observations& observations, double last_period);

/// Largest period observed.
double last_observed_period(const Observations& observations);

}  // namespace retention
