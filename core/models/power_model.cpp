#include "models/power_model.h"

#include <algorithm>
#include <cmath>

namespace retention {

const std::vector<ParameterSpec>& PowerModel::parameters() const {
  static const std::vector<ParameterSpec> same_event = {
      {"a", Scale::interval, 0, max_floor},
      {"c", Scale::lower_bound, 0, INFINITY},
      {"d", Scale::lower_bound, 0, INFINITY},
  };
  // b >= 1 always holds (a >= 0); the tighter b >= 1 / (1 - a) is power_fit.h's to keep.
  static const std::vector<ParameterSpec> different_events = {
      {"a", Scale::interval, 0, max_floor},
      {"b", Scale::lower_bound, 1, INFINITY},
      {"c", Scale::lower_bound, 0, INFINITY},
      {"d", Scale::lower_bound, 0, INFINITY},
  };
  return form_ == CurveForm::same_event ? same_event : different_events;
}

PowerCurve PowerModel::curve(const Parameters& theta) const {
  if (form_ == CurveForm::same_event) {
    return {theta[0], same_event_b(theta[0]), theta[1], theta[2], form_};
  }
  return {theta[0], theta[1], theta[2], theta[3], form_};
}

Parameters PowerModel::parameters_of(const PowerCurve& curve) const {
  if (form_ == CurveForm::same_event) return {curve.a, curve.c, curve.d};
  return {curve.a, curve.b, curve.c, curve.d};
}

double PowerModel::survival(const Parameters& theta, double t) const {
  return retention_at(curve(theta), t);
}

bool PowerModel::survival_gradient(const Parameters& theta, double t, double* gradient) const {
  const PowerCurve shape = curve(theta);
  const std::size_t count = form_ == CurveForm::same_event ? 3 : 4;
  std::fill(gradient, gradient + count, 0.0);
  // r(0) is fixed at 1 in the same-event form, and t^d is never taken at t = 0 (see
  // retention_at), so only a and b move it.
  const double power = t > 0 ? std::pow(t, shape.d) : 0.0;
  const double growth = t > 0 && shape.c > 0 ? shape.c * power : 0.0;
  const double log_t = t > 0 ? std::log(t) : 0.0;
  if (form_ == CurveForm::same_event) {
    if (t <= 0) return true;
    // r = a + q with q = (1 - a) / D, D = 1 + (1 - a) g: dr/da = 1 - 1 / D^2, and
    // dr/dg = -q^2. Past overflow r is flat at a.
    const double rest = 1 - shape.a;
    const double spread = 1 + rest * growth;
    const double q = rest / spread;
    gradient[0] = 1 - 1 / (spread * spread);
    if (!std::isfinite(spread)) return true;
    gradient[1] = -q * q * power;
    gradient[2] = -q * q * growth * log_t;
    return true;
  }
  // r = min(1, a + 1 / (b + g)); flat where the cap holds it at 1.
  const double g = shape.b + growth;
  if (!(shape.a + 1 / g < 1)) return true;
  const double q2 = std::isfinite(g) ? 1 / (g * g) : 0.0;
  gradient[0] = 1;
  gradient[1] = -q2;
  if (!std::isfinite(g)) return true;
  gradient[2] = -q2 * power;
  gradient[3] = -q2 * growth * log_t;
  return true;
}

std::vector<Parameters> PowerModel::starting_points(const std::vector<double>& periods,
                                                    const std::vector<double>& retention) const {
  (void)periods;
  double smallest = 1;
  for (const double r : retention) smallest = std::min(smallest, r);
  std::vector<Parameters> starts;
  for (const double fraction : {0.0, 0.6}) {
    for (const double d : {0.7, 1.5}) {
      const double a = fraction * smallest;
      starts.push_back(parameters_of({a, same_event_b(a), 1.0, d, form_}));
    }
  }
  return starts;
}

}  // namespace retention

namespace retention {

double PowerModel::expected_lifetime(const Parameters& theta) const {
  const PowerCurve shape = curve(theta);
  if (shape.a > 0 || shape.d <= 1 || shape.c <= 0) return INFINITY;
  return sum_of_survival(theta);
}

}  // namespace retention
