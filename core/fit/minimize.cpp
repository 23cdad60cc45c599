#include "fit/minimize.h"

#include <cmath>

#include "format.h"

namespace retention {
namespace {

double step_for(double u) { return 1e-4 * std::max(1.0, std::abs(u)); }

Eigen::VectorXd numeric_gradient(const Objective& f, const Eigen::VectorXd& u) {
  Eigen::VectorXd gradient(u.size());
  for (Eigen::Index i = 0; i < u.size(); ++i) {
    const double h = step_for(u[i]);
    Eigen::VectorXd up = u;
    Eigen::VectorXd down = u;
    up[i] += h;
    down[i] -= h;
    gradient[i] = (f(up) - f(down)) / (2 * h);
  }
  return gradient;
}

}  // namespace

Eigen::MatrixXd numeric_hessian(const Objective& f, const Eigen::VectorXd& u) {
  const Eigen::Index n = u.size();
  const double centre = f(u);
  Eigen::MatrixXd hessian(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double hi = step_for(u[i]);
    Eigen::VectorXd up = u;
    Eigen::VectorXd down = u;
    up[i] += hi;
    down[i] -= hi;
    hessian(i, i) = (f(up) - 2 * centre + f(down)) / (hi * hi);
    for (Eigen::Index j = 0; j < i; ++j) {
      const double hj = step_for(u[j]);
      Eigen::VectorXd pp = u, pm = u, mp = u, mm = u;
      pp[i] += hi, pp[j] += hj;
      pm[i] += hi, pm[j] -= hj;
      mp[i] -= hi, mp[j] += hj;
      mm[i] -= hi, mm[j] -= hj;
      hessian(i, j) = hessian(j, i) = (f(pp) - f(pm) - f(mp) + f(mm)) / (4 * hi * hj);
    }
  }
  return hessian;
}

MinimizeResult minimize(const Objective& f, Eigen::VectorXd start,
                        const MinimizeOptions& options) {
  const Eigen::Index n = start.size();
  int evaluations = 0;
  const Objective counted = [&](const Eigen::VectorXd& u) {
    ++evaluations;
    return f(u);
  };

  MinimizeResult result;
  result.u = std::move(start);
  result.value = counted(result.u);
  if (!std::isfinite(result.value)) {
    result.evaluations = evaluations;
    return result;
  }

  double damping = 1e-3;
  result.stop = MinimizeStop::iteration_limit;
  for (result.iterations = 1; result.iterations <= options.max_iterations; ++result.iterations) {
    // Derivatives at the current point.
    const Eigen::VectorXd gradient = numeric_gradient(counted, result.u);
    if (gradient.cwiseAbs().maxCoeff() <=
        options.gradient_tolerance * (1 + std::abs(result.value))) {
      result.stop = MinimizeStop::gradient;
      break;
    }
    const Eigen::MatrixXd hessian = numeric_hessian(counted, result.u);

    // A damped Newton step, damped harder until it goes downhill.
    bool accepted = false;
    Eigen::VectorXd step;
    for (int attempt = 0; attempt < 40 && !accepted; ++attempt) {
      const Eigen::MatrixXd damped =
          hessian + damping * Eigen::MatrixXd::Identity(n, n) * std::max(1.0, hessian.norm());
      const Eigen::LDLT<Eigen::MatrixXd> solver(damped);
      step = solver.solve(-gradient);
      const bool usable = solver.info() == Eigen::Success && solver.isPositive() &&
                          step.allFinite() && gradient.dot(step) < 0;
      if (usable) {
        const double trial = counted(result.u + step);
        if (std::isfinite(trial) && trial < result.value) {
          result.u += step;
          result.value = trial;
          accepted = true;
          damping = std::max(damping / 10, 1e-12);
          break;
        }
      }
      damping *= 10;
    }
    if (!accepted) {
      result.stop = MinimizeStop::no_descent;
      break;
    }

    // Converged when the accepted step is negligible.
    if (step.cwiseAbs().maxCoeff() <=
        options.step_tolerance * (1 + result.u.cwiseAbs().maxCoeff())) {
      result.stop = MinimizeStop::step;
      break;
    }
  }
  result.iterations = std::min(result.iterations, options.max_iterations);
  result.evaluations = evaluations;
  return result;
}

std::string describe(MinimizeStop stop, const MinimizeOptions& options) {
  switch (stop) {
    case MinimizeStop::gradient:
      return "the gradient fell below " + format_number(options.gradient_tolerance);
    case MinimizeStop::step:
      return "the step fell below " + format_number(options.step_tolerance);
    case MinimizeStop::no_descent:
      return "no step lowers the objective any further";
    case MinimizeStop::iteration_limit:
      return "it reached the limit of " + std::to_string(options.max_iterations) +
             " iterations";
    case MinimizeStop::not_finite:
      return "the objective is not finite at the start";
  }
  return "";
}

}  // namespace retention
