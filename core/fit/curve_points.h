// The checks every curve fit makes before it starts, with messages that name the point.
#pragma once

#include <cstddef>

#include "fit/observations.h"
#include "status.h"

namespace retention {

/// The curve's points with a weight above 0, checked: equal lengths, periods >= 0, retention
/// in [0, 1], weights >= 0, and enough distinct periods for `parameter_count` parameters
/// (periods after 0 only, unless `period_zero_informs` because r(0) is itself fitted).
/// The result always has weights.
Result<ObservedCurve> checked_curve(const ObservedCurve& curve, std::size_t parameter_count,
                                    bool period_zero_informs);

}  // namespace retention
