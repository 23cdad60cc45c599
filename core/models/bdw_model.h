// Beta-discrete-Weibull (BdW) model of contractual retention:
//
//   S(t) = B(alpha, beta + t^c) / B(alpha, beta),   alpha, beta, c > 0,
//
// the sBG model with a churn probability that changes with tenure: c < 1 means members who
// stay become less likely to leave, c > 1 more likely. At c = 1 it is the sBG model.
//
// Reference: P. S. Fader, B. G. S. Hardie, Y. Liu, J. Davin and T. Steenburgh, "'How to
// Project Customer Retention' Revisited: The Role of Duration Dependence", Journal of
// Interactive Marketing 43, 2018, equation (4).
#pragma once

#include "models/model.h"

namespace retention {

class BetaDiscreteWeibullModel : public RetentionModel {
 public:
  const char* name() const override { return "bdw"; }
  const char* title() const override { return "beta-discrete-Weibull"; }
  const std::vector<ParameterSpec>& parameters() const override;
  double survival(const Parameters& theta, double t) const override;
  double log_survival(const Parameters& theta, double t) const override;
  std::vector<Parameters> starting_points(const std::vector<double>& periods,
                                          const std::vector<double>& retention) const override;
  /// S(t) falls like t^(-c alpha) for large t, so the sum is infinite when c alpha <= 1;
  /// summed numerically otherwise.
  double expected_lifetime(const Parameters& theta) const override;
};

}  // namespace retention
