#include "fit/uncertainty.h"

#include <cmath>
#include <utility>

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

SurvivalSlopes::SurvivalSlopes(const RetentionModel& model, const Eigen::VectorXd& u,
                               std::vector<int> free)
    : model_(model), theta_(parameters_at(model, u)), free_(std::move(free)) {
  const auto& specs = model.parameters();
  gradient_.resize(specs.size());
  closed_form_ = model.survival_gradient(theta_, 1.0, gradient_.data());
  for (const int i : free_) {
    const double coordinate = u[i];
    if (closed_form_) {
      chain_.push_back(parameter_slope(specs[std::size_t(i)], coordinate));
      continue;
    }
    const double h = coordinate_step(coordinate);
    Eigen::VectorXd up = u;
    Eigen::VectorXd down = u;
    up[i] += h;
    down[i] -= h;
    above_.push_back(parameters_at(model, up));
    below_.push_back(parameters_at(model, down));
    steps_.push_back(h);
  }
}

void SurvivalSlopes::at(double t, double* slopes) const {
  if (closed_form_) {
    model_.survival_gradient(theta_, t, gradient_.data());
    for (std::size_t k = 0; k < free_.size(); ++k) {
      slopes[k] = gradient_[std::size_t(free_[k])] * chain_[k];
    }
    return;
  }
  for (std::size_t k = 0; k < free_.size(); ++k) {
    slopes[k] = (model_.survival(above_[k], t) - model_.survival(below_[k], t)) / (2 * steps_[k]);
  }
}

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
  // A point the curve passes through whatever its parameters (r(0) = 1 when the curve starts
  // at 100%) has a zero row and a zero residual: it says nothing about the parameters or the
  // noise, so it does not count towards the degrees of freedom.
  const Eigen::Index unknowns = jacobian.cols();
  Eigen::Index points = unknowns == 0 ? jacobian.rows() : 0;
  for (Eigen::Index i = 0; unknowns > 0 && i < jacobian.rows(); ++i) {
    if (jacobian.row(i).cwiseAbs().maxCoeff() > 0) ++points;
  }
  result.degrees_of_freedom = static_cast<long>(points - unknowns);
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
                   const std::vector<double>& values, std::vector<double>& lower,
                   std::vector<double>& upper) {
  lower = values;
  upper = values;
  if (uncertainty.covariance.size() == 0) return;
  const SurvivalSlopes slopes(model, u, uncertainty.free);
  const auto free_count = static_cast<Eigen::Index>(uncertainty.free.size());
  Eigen::VectorXd gradient(free_count);
  Eigen::VectorXd covariance_times_gradient(free_count);

  for (std::size_t p = 0; p < periods.size(); ++p) {
    const double value = values[p];
    if (!(value > 0 && value < 1)) continue;

    // Gradient of S(t) in the free coordinates.
    slopes.at(periods[p], gradient.data());

    covariance_times_gradient.noalias() = uncertainty.covariance * gradient;
    const double variance = gradient.dot(covariance_times_gradient);
    if (!(variance >= 0)) continue;
    const double logit = std::log(value / (1 - value));
    const double spread = z * std::sqrt(variance) / (value * (1 - value));
    lower[p] = 1 / (1 + std::exp(-(logit - spread)));
    upper[p] = 1 / (1 + std::exp(-(logit + spread)));
  }
}

double normal_quantile_two_sided(double level) {
  // The last level's z is kept: every fit asks for the same one (0.9 unless the page changes
  // it), and the 60 erf calls below took a few percent of a small fit as WebAssembly.
  thread_local double last_level = NAN;
  thread_local double last_z = NAN;
  if (level == last_level) return last_z;

  // Bisection on erf: z with P(|Z| <= z) = level. 60 halvings reach double precision.
  double low = 0;
  double high = 40;
  for (int i = 0; i < 60; ++i) {
    const double middle = (low + high) / 2;
    (std::erf(middle / std::sqrt(2.0)) < level ? low : high) = middle;
  }
  last_level = level;
  last_z = (low + high) / 2;
  return last_z;
}

}  // namespace retention
