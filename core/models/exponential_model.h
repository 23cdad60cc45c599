// Exponential decay to a floor:
//
//   r(t) = a + (1 - a) e^(-lambda t),   0 <= a < 1, lambda >= 0,
//
// a share a of the cohort stays for good and the rest leaves at a constant rate lambda.
//
// Reference: the "exponential decay to a plateau" curve of pharmacokinetics and product
// analytics; for retention see e.g. D. C. Schmittlein, D. G. Morrison and R. Colombo,
// "Counting Your Customers", Management Science 33(1), 1987, on constant-rate churn.
#pragma once

#include "models/model.h"

namespace retention {

class ExponentialModel : public RetentionModel {
 public:
  const char* name() const override { return "exponential"; }
  const char* title() const override { return "exponential decay to a floor"; }
  const std::vector<ParameterSpec>& parameters() const override;
  double survival(const Parameters& theta, double t) const override;
  std::vector<Parameters> starting_points(const std::vector<double>& periods,
                                          const std::vector<double>& retention) const override;
  /// 1 / (1 - e^(-lambda)) when a = 0; infinite with a floor.
  double expected_lifetime(const Parameters& theta) const override;
};

}  // namespace retention
