#include "models/sbg_model.h"

#include <algorithm>
#include <cmath>

namespace retention {

const std::vector<ParameterSpec>& ShiftedBetaGeometricModel::parameters() const {
  static const std::vector<ParameterSpec> specs = {
      {"alpha", Scale::log, 0, INFINITY},
      {"beta", Scale::log, 0, INFINITY},
  };
  return specs;
}

double log_beta_ratio(double a, double b, double x) {
  // ln B(a, b + x) - ln B(a, b) = lnG(b + x) - lnG(a + b + x) - lnG(b) + lnG(a + b).
  return std::lgamma(b + x) - std::lgamma(a + b + x) - std::lgamma(b) + std::lgamma(a + b);
}

double ShiftedBetaGeometricModel::log_survival(const Parameters& theta, double t) const {
  return t <= 0 ? 0.0 : log_beta_ratio(theta[0], theta[1], t);
}

double ShiftedBetaGeometricModel::survival(const Parameters& theta, double t) const {
  return std::exp(log_survival(theta, t));
}

std::vector<Parameters> beta_churn_starts(const std::vector<double>& periods,
                                          const std::vector<double>& retention) {
  // The first drop per period: 1 - r(t1)^(1 / t1) at the earliest period observed.
  double churn = 0.3;
  const auto first = std::min_element(periods.begin(), periods.end());
  if (first != periods.end()) {
    const double r = retention[static_cast<std::size_t>(first - periods.begin())];
    if (r > 0 && r < 1) churn = 1 - std::pow(r, 1 / *first);
  }
  churn = std::clamp(churn, 0.01, 0.99);

  std::vector<Parameters> starts;
  for (const double alpha : {0.5, 1.0, 3.0}) starts.push_back({alpha, alpha * (1 - churn) / churn});
  return starts;
}

std::vector<Parameters> ShiftedBetaGeometricModel::starting_points(
    const std::vector<double>& periods, const std::vector<double>& retention) const {
  return beta_churn_starts(periods, retention);
}

double ShiftedBetaGeometricModel::expected_lifetime(const Parameters& theta) const {
  const double alpha = theta[0];
  const double beta = theta[1];
  return alpha > 1 ? (alpha + beta - 1) / (alpha - 1) : INFINITY;
}

}  // namespace retention
