#include "power_curve.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "format.h"

namespace retention {

double same_event_b(double a) { return 1.0 / (1.0 - a); }

double retention_at(const PowerCurve& curve, double t) {
  // t^d is taken only for t > 0: pow(0, 0) is 1 in C, which would turn r(0) into
  // a + 1/(b + c) when d = 0 instead of the defined a + 1/b. c = 0 skips the power, whose
  // overflow to infinity would otherwise make 0 * inf = NaN.
  const double growth = t > 0 && curve.c > 0 ? curve.c * std::pow(t, curve.d) : 0.0;
  return retention_with_growth(curve, t, growth);
}

double retention_with_growth(const PowerCurve& curve, double t, double growth) {
  // a + 1/b rounds to 1 - 1e-16 for many a; the definition says 1.
  if (t <= 0 && curve.form == CurveForm::same_event) return 1.0;

  // Same event: a + 1/(1/(1 - a) + g) = a + (1 - a)/(1 + (1 - a) g), whose rounding never
  // lifts r above 1. The other form is capped: its b may sit a rounding error below bound.
  if (curve.form == CurveForm::same_event) {
    const double rest = 1 - curve.a;
    return curve.a + rest / (1 + rest * growth);
  }
  return std::min(1.0, curve.a + 1.0 / (curve.b + growth));
}

std::vector<double> curve_values(const PowerCurve& curve, int last_period) {
  std::vector<double> values(static_cast<std::size_t>(std::max(last_period, 0)) + 1);
  for (std::size_t t = 0; t < values.size(); ++t) {
    values[t] = retention_at(curve, static_cast<double>(t));
  }
  return values;
}

Result<PowerCurve> make_power_curve(double a, double b, double c, double d, CurveForm form) {
  const auto refuse = [](const char* name, double value, const char* rule) {
    return Error{"parameter " + std::string(name) + " = " + format_number(value) + " " + rule};
  };
  if (!std::isfinite(a) || a < 0 || a >= 1) {
    return refuse("a", a, "is outside [0, 1): the floor of retention must be below 100%");
  }
  if (!std::isfinite(c) || c < 0) return refuse("c", c, "must be a finite number >= 0");
  if (!std::isfinite(d) || d < 0) return refuse("d", d, "must be a finite number >= 0");

  PowerCurve curve{a, same_event_b(a), c, d, form};
  if (form == CurveForm::different_events) {
    // r(0) = a + 1/b <= 1 needs b >= 1/(1 - a); a small tolerance keeps a fitted b that sits
    // on that bound from being refused for its last rounding bit.
    if (!std::isfinite(b) || b < curve.b * (1 - 1e-12)) {
      return refuse("b", b,
                    ("must be at least 1 / (1 - a) = " + format_number(curve.b) +
                     " so that retention at period 0 is at most 100%").c_str());
    }
    curve.b = b;
  }
  return curve;
}

}  // namespace retention
