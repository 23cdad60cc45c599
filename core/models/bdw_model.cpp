#include "models/bdw_model.h"

#include <cmath>

#include "models/sbg_model.h"

namespace retention {

const std::vector<ParameterSpec>& BetaDiscreteWeibullModel::parameters() const {
  static const std::vector<ParameterSpec> specs = {
      {"alpha", Scale::log, 0, INFINITY},
      {"beta", Scale::log, 0, INFINITY},
      {"c", Scale::log, 0, INFINITY},
  };
  return specs;
}

double BetaDiscreteWeibullModel::log_survival(const Parameters& theta, double t) const {
  return t <= 0 ? 0.0 : log_beta_ratio(theta[0], theta[1], std::pow(t, theta[2]));
}

double BetaDiscreteWeibullModel::survival(const Parameters& theta, double t) const {
  return std::exp(log_survival(theta, t));
}

std::vector<Parameters> BetaDiscreteWeibullModel::starting_points(
    const std::vector<double>& periods, const std::vector<double>& retention) const {
  std::vector<Parameters> starts;
  for (const Parameters& churn : beta_churn_starts(periods, retention)) {
    for (const double c : {0.6, 1.0, 1.6}) starts.push_back({churn[0], churn[1], c});
  }
  return starts;
}

double BetaDiscreteWeibullModel::expected_lifetime(const Parameters& theta) const {
  if (theta[2] * theta[0] <= 1) return INFINITY;
  return sum_of_survival(theta);
}

}  // namespace retention
