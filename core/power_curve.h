// The power retention curve of Retention Lab's foundation:
//
//   r(t) = a + 1 / (b + c * t^d),   t = periods since the cohort started.
//
// "Same event" form: the cohort is defined and retention counted by the same event, so
// r(0) = 1 by definition and b = 1 / (1 - a). "Different events" form: b is free, with
// r(0) = a + 1/b <= 1, i.e. b >= 1 / (1 - a).
//
// Bounds: 0 <= a < 1, c >= 0, d >= 0.
#pragma once

#include <vector>

#include "status.h"

namespace retention {

enum class CurveForm { same_event, different_events };

struct PowerCurve {
  double a = 0;
  double b = 1;
  double c = 0;
  double d = 0;
  CurveForm form = CurveForm::same_event;
};

/// The curve Retention Lab opens with: about two in three users return after one period and
/// 3% stay for good, a common shape for consumer apps.
inline constexpr double default_a = 0.03;
inline constexpr double default_c = 0.55;
inline constexpr double default_d = 1.5;

/// The largest a accepted; a = 1 would make b = 1 / (1 - a) infinite.
inline constexpr double max_floor = 1.0 - 1e-9;

/// b of the same-event form: the value that makes r(0) = 1.
double same_event_b(double a);

/// Retention at period t >= 0. r(0) is a + 1/b whatever d is (0^0 never enters), and exactly 1
/// in the same-event form.
double retention_at(const PowerCurve& curve, double t);

/// r(t) given its growth term g = c t^d (0 where t = 0 or c = 0), for a caller that needs
/// t^d as well; retention_at(curve, t) is this with g computed.
double retention_with_growth(const PowerCurve& curve, double t, double growth);

/// r(t) for t = 0..last_period.
std::vector<double> curve_values(const PowerCurve& curve, int last_period);

/// Checks the bounds and builds a curve. In the same-event form b is derived from a and any
/// b given is ignored. Errors name the parameter and its value.
Result<PowerCurve> make_power_curve(double a, double b, double c, double d, CurveForm form);

}  // namespace retention
