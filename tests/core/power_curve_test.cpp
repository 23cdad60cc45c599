#include "power_curve.h"

#include <cmath>

#include <gtest/gtest.h>

namespace retention {
namespace {

PowerCurve same_event(double a, double c, double d) {
  return make_power_curve(a, 0, c, d, CurveForm::same_event).value();
}

TEST(PowerCurve, SameEventStartsAtOneForEveryShape) {
  for (const double a : {0.0, 0.03, 0.5, 0.99}) {
    for (const double d : {0.0, 0.5, 1.5, 5.0}) {
      EXPECT_EQ(1.0, retention_at(same_event(a, 0.55, d), 0)) << "a=" << a << " d=" << d;
    }
  }
}

TEST(PowerCurve, ZeroExponentDoesNotLeakZeroToTheZero) {
  // With d = 0, c t^0 = c for t > 0 but the curve is still 1 at t = 0.
  const PowerCurve curve = same_event(0.2, 1.0, 0.0);
  EXPECT_DOUBLE_EQ(1.0, retention_at(curve, 0));
  EXPECT_DOUBLE_EQ(0.2 + 1.0 / (1.25 + 1.0), retention_at(curve, 3));
}

TEST(PowerCurve, MatchesTheFormulaAtKnownPoints) {
  const PowerCurve curve = same_event(0.03, 0.55, 1.5);
  EXPECT_DOUBLE_EQ(1.0 / 0.97, curve.b);
  EXPECT_DOUBLE_EQ(0.03 + 1.0 / (1.0 / 0.97 + 0.55 * std::pow(4.0, 1.5)), retention_at(curve, 4));
}

TEST(PowerCurve, DifferentEventsKeepsItsOwnB) {
  const PowerCurve curve = make_power_curve(0.1, 2.0, 0.5, 1.0, CurveForm::different_events)
                               .value();
  EXPECT_DOUBLE_EQ(0.6, retention_at(curve, 0));
  EXPECT_DOUBLE_EQ(0.1 + 1.0 / 2.5, retention_at(curve, 1));
}

TEST(PowerCurve, RefusesAFloorOfOne) {
  const auto refused = make_power_curve(1.0, 0, 0.5, 1.0, CurveForm::same_event);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ("parameter a = 1 is outside [0, 1): the floor of retention must be below 100%",
            refused.error().message);
}

TEST(PowerCurve, RefusesNegativeAndNonFiniteParameters) {
  EXPECT_FALSE(make_power_curve(0.1, 0, -0.1, 1.0, CurveForm::same_event).ok());
  EXPECT_FALSE(make_power_curve(0.1, 0, 0.5, -1.0, CurveForm::same_event).ok());
  EXPECT_FALSE(make_power_curve(NAN, 0, 0.5, 1.0, CurveForm::same_event).ok());
  EXPECT_FALSE(make_power_curve(0.1, 0, INFINITY, 1.0, CurveForm::same_event).ok());
}

TEST(PowerCurve, RefusesDifferentEventsStartAboveOne) {
  // b = 1 gives r(0) = 0.5 + 1 = 1.5.
  const auto refused = make_power_curve(0.5, 1.0, 0.5, 1.0, CurveForm::different_events);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ("parameter b = 1 must be at least 1 / (1 - a) = 2 so that retention at period 0 "
            "is at most 100%",
            refused.error().message);
}

TEST(PowerCurve, HugeExponentStaysFinite) {
  const PowerCurve flat = same_event(0.1, 0.0, 400.0);
  EXPECT_DOUBLE_EQ(1.0, retention_at(flat, 1e6));
  const PowerCurve steep = same_event(0.1, 1.0, 400.0);
  EXPECT_DOUBLE_EQ(0.1, retention_at(steep, 1e6));
}

}  // namespace
}  // namespace retention
