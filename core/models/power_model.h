// The power curve of the foundation (see power_curve.h) as a model among others:
//
//   r(t) = a + 1 / (b + c t^d),   b = 1 / (1 - a),   0 <= a < 1, c >= 0, d >= 0.
//
// In the different-events form b is a fourth parameter (r(0) = a + 1/b). Its bound
// b >= 1 / (1 - a) moves with a, which the generic code cannot express, so that form is
// fitted by power_fit.h and this class only evaluates it (forecasts, uncertainty).
#pragma once

#include "models/model.h"
#include "power_curve.h"

namespace retention {

class PowerModel : public RetentionModel {
 public:
  explicit PowerModel(CurveForm form = CurveForm::same_event) : form_(form) {}

  const char* name() const override { return "power"; }
  const char* title() const override { return "power curve"; }
  const std::vector<ParameterSpec>& parameters() const override;
  double survival(const Parameters& theta, double t) const override;
  /// From the formula: with g = c t^d, dr/da = 1 and dr/db = -1 / (b + g)^2, times t^d for c
  /// and c t^d ln t for d; the same-event form folds b = 1 / (1 - a) into dr/da.
  bool survival_gradient(const Parameters& theta, double t, double* gradient) const override;
  std::vector<Parameters> starting_points(const std::vector<double>& periods,
                                          const std::vector<double>& retention) const override;
  /// Infinite with a floor a > 0 or with d <= 1 (the tail 1 / (c t^d) then has no finite
  /// sum); summed numerically otherwise.
  double expected_lifetime(const Parameters& theta) const override;

  CurveForm form() const { return form_; }
  /// The curve for parameters (a, c, d), or (a, b, c, d) in the different-events form.
  PowerCurve curve(const Parameters& theta) const;
  /// The parameters of a curve, in this model's order.
  Parameters parameters_of(const PowerCurve& curve) const;

 private:
  CurveForm form_;
};

}  // namespace retention
