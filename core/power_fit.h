// Least-squares fit of the power retention curve r(t) = a + 1 / (b + c * t^d) to observed
// (period, retention) points, with bounds 0 <= a < 1, c >= 0, d >= 0 (and, in the
// different-events form, b >= 1 / (1 - a)).
//
// The solver is Eigen's Levenberg-Marquardt (a port of MINPACK's lmder: J. J. More, "The
// Levenberg-Marquardt algorithm: implementation and theory", Numerical Analysis, Lecture
// Notes in Mathematics 630, 1978). MINPACK has no bounds, so each bounded parameter is
// solved for through a smooth map of an unbounded one, as MINUIT does (F. James, MINUIT
// Reference Manual, CERN D506, section 1.3): two-sided x = lo + (hi - lo)(sin u + 1) / 2,
// one-sided x = lo - 1 + sqrt(u^2 + 1). Both reach their bound exactly.
//
// Starting values are deterministic: for a few floors a below the smallest observed
// retention, (c, d) come from the straight line ln(1 / (r - a) - b) = ln c + d ln t, and
// the best of the local fits from those starts is returned.
#pragma once

#include <string>
#include <vector>

#include "fit_status.h"
#include "power_curve.h"
#include "status.h"

namespace retention {

/// Last period of a forecast when the caller names none.
inline constexpr int default_forecast_horizon = 30;
/// The longest forecast returned at once (ten years of days).
inline constexpr int max_forecast_horizon = 3660;

struct PowerFitOptions {
  /// Which form of the curve to fit; the same-event form fixes r(0) = 1.
  CurveForm form = CurveForm::same_event;
  /// Each local fit stops after this many evaluations of the residuals (MINPACK maxfev).
  int max_evaluations = 400;
  /// Stop when an iteration reduces the sum of squares by a relative amount below this
  /// (MINPACK ftol).
  double reduction_tolerance = 1e-12;
  /// Stop when the relative change of the (mapped) parameters is below this (MINPACK xtol).
  double step_tolerance = 1e-12;
};

struct PowerFitSummary {
  FitStatus status = FitStatus::failed;
  /// One sentence on why the fit stopped, with its numbers.
  std::string message;
  CurveForm form = CurveForm::same_event;
  PowerCurve curve;
  /// Weighted root mean squared error: sqrt(sum w (r - y)^2 / sum w).
  double rmse = 0;
  /// 1 - weighted residual sum of squares / weighted total sum of squares; 0 when all
  /// observed values are equal (the message says so).
  double r_squared = 0;
  /// Levenberg-Marquardt iterations of the local fit that won.
  int iterations = 0;
  /// Residual evaluations over all starts.
  int evaluations = 0;
};

/// Fits the curve to points (periods[i], retention[i]) weighted by weights[i] (all 1 when
/// weights is empty). Rows may come in any order, may repeat a period and may skip periods.
/// Returns an Error for input no fit can use (sizes differ, non-finite or negative values,
/// too few distinct periods); otherwise a summary, whose status flags a bound or a limit.
Result<PowerFitSummary> fit_power_curve(const std::vector<double>& periods,
                                        const std::vector<double>& retention,
                                        const std::vector<double>& weights = {},
                                        const PowerFitOptions& options = {});

}  // namespace retention
