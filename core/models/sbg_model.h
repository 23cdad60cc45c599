// Shifted-beta-geometric (sBG) model of contractual retention:
//
//   S(t) = B(alpha, beta + t) / B(alpha, beta),   alpha, beta > 0,
//
// each member churns at the end of every period with a probability theta of their own,
// and theta varies across the cohort as Beta(alpha, beta).
//
// Reference: P. S. Fader and B. G. S. Hardie, "How to Project Customer Retention", Journal
// of Interactive Marketing 21(1), 2007, equations (3)-(5).
#pragma once

#include "models/model.h"

namespace retention {

class ShiftedBetaGeometricModel : public RetentionModel {
 public:
  const char* name() const override { return "sbg"; }
  const char* title() const override { return "shifted-beta-geometric"; }
  const std::vector<ParameterSpec>& parameters() const override;
  double survival(const Parameters& theta, double t) const override;
  double log_survival(const Parameters& theta, double t) const override;
  std::vector<Parameters> starting_points(const std::vector<double>& periods,
                                          const std::vector<double>& retention) const override;
  /// (alpha + beta - 1) / (alpha - 1) for alpha > 1, the mean of 1 / theta; infinite else.
  double expected_lifetime(const Parameters& theta) const override;
};

/// ln B(a, b + x) - ln B(a, b) through lgamma, exact for large arguments where the beta
/// functions themselves underflow. Shared by the sBG and BdW models.
double log_beta_ratio(double a, double b, double x);

/// Starts for beta-distributed churn: alpha over a fixed grid, beta chosen so that the mean
/// churn alpha / (alpha + beta) matches the data's first observed drop.
std::vector<Parameters> beta_churn_starts(const std::vector<double>& periods,
                                          const std::vector<double>& retention);

}  // namespace retention
