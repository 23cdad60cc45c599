// How a fit ended, shared by every model's summary.
#pragma once

namespace retention {

enum class FitStatus {
  /// A stopping tolerance was met inside the bounds.
  converged,
  /// Converged, but at least one parameter sits on a bound; the message names it.
  hit_bound,
  /// The evaluation limit was reached before any tolerance was met.
  iteration_limit,
  /// The optimiser could not make progress (e.g. tolerances too small for the data).
  failed,
  /// The data cannot determine the curve: every observed value is the same, so any curve
  /// through that level fits as well as the one returned.
  undetermined,
};

}  // namespace retention
