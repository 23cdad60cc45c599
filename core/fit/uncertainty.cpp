#include "fit/uncertainty.h"

#include <cmath>

namespace retention {
namespace {

double coordinate_step(double u) { return 1e-6 * std::max(1.0, std::abs(u)); }

// The inverse of a symmetric matrix if it is positive definite.
bool invert_positive(const Eigen::MatrixXd& matrix, Eigen::MatrixXd& inverse) {
  const Eigen::LLT<Eigen::MatrixXd> cholesky(matrix);
  if (cholesky.info() != Eigen::Success) return false;
  inverse = cholesky.solve(Eigen::MatrixXd::Identity(matrix.rows(), matrix.cols()));
  return inverse.allFinite();
}

}  // namespace

Parameters parameters_at(const RetentionModel& model, const Eigen::VectorXd& u) {
  const auto& specs = model.parameters();
  Parameters theta(specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    theta[i] = to_parameter(specs[i], u[static_cast<Eigen::Index>(i)]);
  }
  return theta;
}

std::vector<bool> on_bound(const RetentionModel& model, const Eigen::VectorXd& u) {
  const auto& specs = model.parameters();
  std::vector<bool> bound(specs.size(), false);
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const double coordinate = u[static_cast<Eigen::Index>(i)];
    switch (specs[i].scale) {
      case Scale::log:
        bound[i] = std::abs(coordinate) >= log_limit - 1e-6;
        break;
      case Scale::interval:
        bound[i] = std::abs(std::cos(coordinate)) < 1e-5;
        break;
      case Scale::lower_bound:
        bound[i] = std::abs(coordinate) < 1e-5;
        break;
    }
  }
  return bound;
}

Uncertainty from_hessian(const Eigen::MatrixXd& hessian, std::vector<int> free) {
  Uncertainty result;
  result.free = std::move(free);
  if (!invert_positive(hessian, result.covariance)) {
    result.covariance.resize(0, 0);
    result.problem = "the likelihood is flat or not curved upwards at the optimum";
  }
  return result;
}

Uncertainty from_jacobian(const Eigen::MatrixXd& jacobian, double sum_of_squares,
                          std::vector<int> free) {
  Uncertainty result;
  result.free = std::move(free);
  const Eigen::Index points = jacobian.rows();
  const Eigen::Index unknowns = jacobian.cols();
  if (points <= unknowns) {
    result.problem = "there are no more points than free parameters, so nothing is left to "
                     "estimate the noise";
    return result;
  }
  Eigen::MatrixXd inverse;
  if (!invert_positive(jacobian.transpose() * jacobian, inverse)) {
    result.problem = "the parameters cannot be told apart from these points";
    return result;
  }
  result.covariance = inverse * (sum_of_squares / static_cast<double>(points - unknowns));
  return result;
}

std::vector<double> standard_errors(const RetentionModel& model, const Eigen::VectorXd& u,
                                    const Uncertainty& uncertainty) {
  const auto& specs = model.parameters();
  std::vector<double> errors(specs.size(), NAN);
  if (uncertainty.covariance.size() == 0) return errors;
  for (std::size_t k = 0; k < uncertainty.free.size(); ++k) {
    const auto i = static_cast<std::size_t>(uncertainty.free[k]);
    const double coordinate = u[static_cast<Eigen::Index>(i)];
    const double h = coordinate_step(coordinate);
    const double slope =
        (to_parameter(specs[i], coordinate + h) - to_parameter(specs[i], coordinate - h)) /
        (2 * h);
    const auto index = static_cast<Eigen::Index>(k);
    errors[i] = std::abs(slope) * std::sqrt(uncertainty.covariance(index, index));
  }
  return errors;
}

void forecast_band(const RetentionModel& model, const Eigen::VectorXd& u,
                   const Uncertainty& uncertainty, double z, const std::vector<double>& periods,
                   std::vector<double>& lower, std::vector<double>& upper) {
  const Parameters theta = parameters_at(model, u);
  const auto free_count = static_cast<Eigen::Index>(uncertainty.free.size());
  lower.resize(periods.size());
  upper.resize(periods.size());

  // The parameters a small step either side of each free coordinate, shared by all periods.
  std::vector<Parameters> above, below;
  std::vector<double> steps;
  for (const int i : uncertainty.free) {
    const double h = coordinate_step(u[i]);
    Eigen::VectorXd up = u;
    Eigen::VectorXd down = u;
    up[i] += h;
    down[i] -= h;
    above.push_back(parameters_at(model, up));
    below.push_back(parameters_at(model, down));
    steps.push_back(h);
  }

  for (std::size_t p = 0; p < periods.size(); ++p) {
    const double t = periods[p];
    const double value = model.survival(theta, t);
    lower[p] = upper[p] = value;
    if (uncertainty.covariance.size() == 0 || !(value > 0 && value < 1)) continue;

    // Gradient of S(t) in the free coordinates.
    Eigen::VectorXd gradient(free_count);
    for (Eigen::Index k = 0; k < free_count; ++k) {
      const auto index = static_cast<std::size_t>(k);
      gradient[k] = (model.survival(above[index], t) - model.survival(below[index], t)) /
                    (2 * steps[index]);
    }

    const double variance = gradient.dot(uncertainty.covariance * gradient);
    if (!(variance >= 0)) continue;
    const double logit = std::log(value / (1 - value));
    const double spread = z * std::sqrt(variance) / (value * (1 - value));
    lower[p] = 1 / (1 + std::exp(-(logit - spread)));
    upper[p] = 1 / (1 + std::exp(-(logit + spread)));
  }
}

double normal_quantile_two_sided(double level) {
  // Bisection on erf: z with P(|Z| <= z) = level. 60 halvings reach double precision.
  double low = 0;
  double high = 40;
  for (int i = 0; i < 60; ++i) {
    const double middle = (low + high) / 2;
    (std::erf(middle / std::sqrt(2.0)) < level ? low : high) = middle;
  }
  return (low + high) / 2;
}

}  // namespace retention
