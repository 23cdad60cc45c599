#include "fit/curve_points.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "format.h"

namespace retention {

Result<ObservedCurve> checked_curve(const ObservedCurve& curve, std::size_t parameter_count,
                                    bool period_zero_informs) {
  const auto& periods = curve.periods;
  const auto& retention = curve.retention;
  const auto& weights = curve.weights;
  if (periods.size() != retention.size()) {
    return Error{"periods and retention must have the same length (" +
                 std::to_string(periods.size()) + " and " + std::to_string(retention.size()) +
                 ")"};
  }
  if (!weights.empty() && weights.size() != periods.size()) {
    return Error{"weights must have one value per point (" + std::to_string(weights.size()) +
                 " for " + std::to_string(periods.size()) + " points)"};
  }

  ObservedCurve kept;
  kept.periods.reserve(periods.size());
  kept.retention.reserve(periods.size());
  kept.weights.reserve(periods.size());
  std::vector<double> informative_periods;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    // Named only when a point is refused: a fit of 180 points would otherwise build 180
    // strings it never shows.
    const auto where = [i] { return "point " + std::to_string(i + 1); };
    const double period = periods[i];
    const double value = retention[i];
    const double weight = weights.empty() ? 1.0 : weights[i];
    if (!std::isfinite(period) || period < 0) {
      return Error{where() + ": period " + format_number(period) + " must be a number >= 0"};
    }
    if (period > max_observed_period) {
      return Error{where() + ": period " + format_number(period) + " is past the latest period "
                   "supported, " + format_number(max_observed_period) +
                   "; is this column a date or an id?"};
    }
    if (!std::isfinite(value) || value < 0 || value > 1 + 1e-9) {
      return Error{where() + " (period " + format_number(period) + "): retention " +
                   format_number(value) + " must be a fraction between 0 and 1"};
    }
    if (!std::isfinite(weight) || weight < 0) {
      return Error{where() + " (period " + format_number(period) + "): weight " +
                   format_number(weight) + " must be a number >= 0"};
    }
    if (weight == 0) continue;
    kept.periods.push_back(period);
    kept.retention.push_back(value);
    kept.weights.push_back(weight);
    if (period > 0 || period_zero_informs) informative_periods.push_back(period);
  }
  std::sort(informative_periods.begin(), informative_periods.end());
  informative_periods.erase(std::unique(informative_periods.begin(), informative_periods.end()),
                            informative_periods.end());

  if (informative_periods.size() < parameter_count) {
    const std::string which =
        period_zero_informs ? "different periods" : "different periods after period 0";
    return Error{"fitting " + std::to_string(parameter_count) + " parameters needs points at " +
                 std::to_string(parameter_count) + " or more " + which +
                 " with a weight above 0; found " + std::to_string(informative_periods.size()) +
                 "; add rows for more periods" +
                 (parameter_count > 2 ? ", or choose a model with fewer parameters" : "")};
  }
  return kept;
}

}  // namespace retention
