#include "models/exponential_model.h"

#include <algorithm>
#include <cmath>

#include "power_curve.h"

namespace retention {

const std::vector<ParameterSpec>& ExponentialModel::parameters() const {
  static const std::vector<ParameterSpec> specs = {
      {"a", Scale::interval, 0, max_floor},
      {"lambda", Scale::log, 0, INFINITY},
  };
  return specs;
}

double ExponentialModel::survival(const Parameters& theta, double t) const {
  const double a = theta[0];
  return t <= 0 ? 1.0 : a + (1 - a) * std::exp(-theta[1] * t);
}

std::vector<Parameters> ExponentialModel::starting_points(
    const std::vector<double>& periods, const std::vector<double>& retention) const {
  double smallest = 1;
  for (const double r : retention) smallest = std::min(smallest, r);
  const auto first = std::min_element(periods.begin(), periods.end());
  const double t1 = first == periods.end() ? 1 : *first;
  const double r1 = first == periods.end()
                        ? 0.5
                        : retention[static_cast<std::size_t>(first - periods.begin())];

  // lambda from the first point, given the floor: (r1 - a) / (1 - a) = e^(-lambda t1).
  std::vector<Parameters> starts;
  for (const double fraction : {0.0, 0.5, 0.9}) {
    const double a = fraction * smallest;
    const double share = std::clamp((r1 - a) / (1 - a), 1e-6, 1 - 1e-6);
    starts.push_back({a, std::clamp(-std::log(share) / t1, 1e-4, 10.0)});
  }
  return starts;
}

double ExponentialModel::expected_lifetime(const Parameters& theta) const {
  if (theta[0] > 0 || theta[1] <= 0) return INFINITY;
  return 1 / (1 - std::exp(-theta[1]));
}

}  // namespace retention
