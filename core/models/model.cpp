#include "model.h"

#include <algorithm>
#include <cmath>

#include "models/bdw_model.h"
#include "models/exponential_model.h"
#include "models/power_model.h"
#include "models/sbg_model.h"

namespace retention {

double RetentionModel::log_survival(const Parameters& theta, double t) const {
  return std::log(survival(theta, t));
}

bool RetentionModel::survival_gradient(const Parameters&, double, double*) const {
  return false;
}

double RetentionModel::expected_lifetime(const Parameters& theta) const {
  return sum_of_survival(theta);
}

double RetentionModel::sum_of_survival(const Parameters& theta) const {
  constexpr int tail_start = 4096;
  double total = 0;
  for (int t = 0; t < tail_start; ++t) {
    const double term = survival(theta, t);
    total += term;
    if (term < 1e-15) return total;
  }

  // A power-law tail t^-k has S(T/2) / S(T) = 2^k; faster (exponential) tails give a large k
  // and a negligible remainder.
  const double at_half = survival(theta, tail_start / 2);
  const double at_end = survival(theta, tail_start);
  if (!(at_end > 0)) return total;
  const double exponent = std::log(at_half / at_end) / std::log(2.0);
  if (!(exponent > 1.001)) return INFINITY;
  return total + at_end * tail_start / (exponent - 1);
}

std::unique_ptr<RetentionModel> make_model(const std::string& name) {
  if (name == "power") return std::make_unique<PowerModel>(CurveForm::same_event);
  if (name == "sbg") return std::make_unique<ShiftedBetaGeometricModel>();
  if (name == "bdw") return std::make_unique<BetaDiscreteWeibullModel>();
  if (name == "exponential") return std::make_unique<ExponentialModel>();
  return nullptr;
}

const std::vector<std::string>& model_names() {
  static const std::vector<std::string> names = {"power", "sbg", "bdw", "exponential"};
  return names;
}

double to_parameter(const ParameterSpec& spec, double u) {
  switch (spec.scale) {
    case Scale::log:
      return std::exp(std::clamp(u, -log_limit, log_limit));
    case Scale::interval:
      return spec.lower + (spec.upper - spec.lower) * (std::sin(u) + 1) / 2;
    case Scale::lower_bound:
      return spec.lower - 1 + std::hypot(u, 1.0);
  }
  return u;
}

double parameter_slope(const ParameterSpec& spec, double u) {
  switch (spec.scale) {
    case Scale::log:
      return std::abs(u) < log_limit ? std::exp(u) : 0.0;
    case Scale::interval:
      return (spec.upper - spec.lower) * std::cos(u) / 2;
    case Scale::lower_bound:
      return u / std::hypot(u, 1.0);
  }
  return 1;
}

double to_unbounded(const ParameterSpec& spec, double x) {
  switch (spec.scale) {
    case Scale::log:
      return std::clamp(std::log(std::max(x, 1e-300)), -log_limit, log_limit);
    case Scale::interval:
      return std::asin(std::clamp(2 * (x - spec.lower) / (spec.upper - spec.lower) - 1, -1.0,
                                  1.0));
    case Scale::lower_bound: {
      const double shifted = std::max(x - spec.lower, 0.0) + 1;
      return std::sqrt(shifted - 1) * std::sqrt(shifted + 1);
    }
  }
  return x;
}

}  // namespace retention
