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

double RetentionModel::expected_lifetime(const Parameters& theta) const {
  // Sum until the terms are negligible; a tail still above 1e-7 after a million periods is
  // called divergent, which is what a person needs to know either way.
  constexpr int max_periods = 1000000;
  double total = 0;
  for (int t = 0; t < max_periods; ++t) {
    const double term = survival(theta, t);
    total += term;
    if (term < 1e-12) return total;
  }
  return survival(theta, max_periods) < 1e-7 ? total : INFINITY;
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
