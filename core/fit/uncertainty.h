// Standard errors and forecast bands from the curvature of the objective at the optimum.
//
// Everything is computed in the unbounded coordinates u the fit used, over the parameters
// that are not on a bound (those are held fixed: their curvature says nothing about a
// distribution). The covariance of u is the inverse observed information, H^-1 for a
// likelihood and s^2 (J'J)^-1 for least squares with s^2 = SSE / (n - p). Bands use the
// delta method on the logit of S(t), so they stay inside [0, 1]:
//   logit S(t) +- z * sqrt(g' C g) / (S (1 - S)),   g = dS(t)/du.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Dense>

#include "models/model.h"

namespace retention {

struct Uncertainty {
  /// Covariance of the free coordinates of u; empty when it could not be computed.
  Eigen::MatrixXd covariance;
  /// Indices into u of the free coordinates, in the covariance's order.
  std::vector<int> free;
  /// Empty, or a sentence saying why the standard errors are missing.
  std::string problem;
  /// From a Jacobian: the points that inform the fit less its free parameters. Zero or less
  /// means the curve can pass through every point, leaving no error to judge the fit by.
  long degrees_of_freedom = 0;
};

/// dS(t)/du over the free coordinates of u: the model's closed form through the chain rule
/// where it has one, else central differences of S (each step's parameters made once).
class SurvivalSlopes {
 public:
  SurvivalSlopes(const RetentionModel& model, const Eigen::VectorXd& u, std::vector<int> free);

  /// One slope per free coordinate at period t, into `slopes`.
  void at(double t, double* slopes) const;

 private:
  const RetentionModel& model_;
  Parameters theta_;
  std::vector<int> free_;
  bool closed_form_ = false;
  /// dtheta/du of each free coordinate, for the closed form.
  std::vector<double> chain_;
  /// The parameters a step either side of each free coordinate, for differences.
  std::vector<Parameters> above_, below_;
  std::vector<double> steps_;
  mutable std::vector<double> gradient_;
};

/// Coordinates whose parameter sits on a bound (or at the log-scale limit).
std::vector<bool> on_bound(const RetentionModel& model, const Eigen::VectorXd& u);

/// From the Hessian of -LL in the free coordinates.
Uncertainty from_hessian(const Eigen::MatrixXd& hessian, std::vector<int> free);

/// From the Jacobian of the weighted residuals in the free coordinates. Rows that are all zero
/// (points no parameter moves) do not count as points.
Uncertainty from_jacobian(const Eigen::MatrixXd& jacobian, double sum_of_squares,
                          std::vector<int> free);

/// Standard error of each parameter on its own scale; NaN where unknown or on a bound.
std::vector<double> standard_errors(const RetentionModel& model, const Eigen::VectorXd& u,
                                    const Uncertainty& uncertainty);

/// Lower and upper band of S(t) at each period, given S there (`values`); both equal S(t)
/// where unknown.
void forecast_band(const RetentionModel& model, const Eigen::VectorXd& u,
                   const Uncertainty& uncertainty, double z, const std::vector<double>& periods,
                   const std::vector<double>& values, std::vector<double>& lower,
                   std::vector<double>& upper);

/// The unbounded coordinates' parameters.
Parameters parameters_at(const RetentionModel& model, const Eigen::VectorXd& u);

/// The z of a two-sided band with this coverage (0.9 gives 1.6449).
double normal_quantile_two_sided(double level);

}  // namespace retention
