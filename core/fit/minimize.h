// Minimises a smooth function of a few unbounded variables by damped Newton steps: the
// gradient and Hessian come from central differences, and the step solves
// (H + mu I) s = -g with mu raised until the step goes downhill and lowered after each
// success (Levenberg's damping applied to Newton's method; J. Nocedal and S. J. Wright,
// "Numerical Optimization", 2nd ed., Springer 2006, section 3.4).
//
// It serves the likelihood fits, whose objectives have 2 to 4 variables; least squares go
// to Eigen's Levenberg-Marquardt instead.
#pragma once

#include <functional>
#include <string>

#include <Eigen/Dense>

namespace retention {

struct MinimizeOptions {
  /// Newton iterations at most.
  int max_iterations = 200;
  /// Stop when every gradient component is below this times (1 + |f|).
  double gradient_tolerance = 1e-10;
  /// Stop when the step is below this times (1 + the largest |u|).
  double step_tolerance = 1e-12;
};

enum class MinimizeStop { gradient, step, no_descent, iteration_limit, not_finite };

struct MinimizeResult {
  Eigen::VectorXd u;
  double value = 0;
  int iterations = 0;
  int evaluations = 0;
  MinimizeStop stop = MinimizeStop::not_finite;
};

using Objective = std::function<double(const Eigen::VectorXd&)>;

MinimizeResult minimize(const Objective& f, Eigen::VectorXd start,
                        const MinimizeOptions& options = {});

/// Central-difference Hessian of f at u, with steps scaled to each coordinate.
Eigen::MatrixXd numeric_hessian(const Objective& f, const Eigen::VectorXd& u);

/// A sentence fragment saying why the minimiser stopped: "the gradient vanished".
std::string describe(MinimizeStop stop, const MinimizeOptions& options);

}  // namespace retention
