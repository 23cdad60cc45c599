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
