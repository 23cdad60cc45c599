#include <cmath>

#include <gtest/gtest.h>

#include "models/model.h"

namespace retention {
namespace {

double lifetime(const std::string& name, const Parameters& theta) {
  return make_model(name)->expected_lifetime(theta);
}

TEST(ExpectedLifetime, ShiftedBetaGeometricHasItsClosedForm) {
  // (alpha + beta - 1) / (alpha - 1) = 4 for alpha = 2, beta = 3.
  EXPECT_DOUBLE_EQ(4.0, lifetime("sbg", {2, 3}));
  EXPECT_TRUE(std::isinf(lifetime("sbg", {0.7, 1.2})));
}

TEST(ExpectedLifetime, BetaDiscreteWeibullAtCOneMatchesShiftedBetaGeometric) {
  // The numeric sum with its power-law tail reaches the closed form of sBG.
  EXPECT_NEAR(4.0, lifetime("bdw", {2, 3, 1}), 1e-3);
}

TEST(ExpectedLifetime, BetaDiscreteWeibullWithAHeavyTailHasNone) {
  // S(t) falls like t^(-c alpha) = t^(-0.35): the sum diverges.
  EXPECT_TRUE(std::isinf(lifetime("bdw", {0.0961, 2.0, 3.597})));
}

TEST(ExpectedLifetime, PowerCurveWithoutAFloorSumsItsTail) {
  // a = 0, c = 1, d = 2: sum over t >= 0 of 1 / (1 + t^2) = (1 + pi coth pi) / 2.
  const double pi = std::acos(-1.0);
  EXPECT_NEAR((1 + pi / std::tanh(pi)) / 2, lifetime("power", {0, 1, 2}), 1e-3);
  EXPECT_TRUE(std::isinf(lifetime("power", {0.03, 0.55, 1.5})));
  EXPECT_TRUE(std::isinf(lifetime("power", {0, 1, 0.9})));
}

TEST(ExpectedLifetime, ExponentialHasItsClosedForm) {
  EXPECT_NEAR(1 / (1 - std::exp(-0.5)), lifetime("exponential", {0, 0.5}), 1e-12);
  EXPECT_TRUE(std::isinf(lifetime("exponential", {0.1, 0.5})));
}

}  // namespace
}  // namespace retention
