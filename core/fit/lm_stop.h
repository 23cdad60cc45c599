// How Eigen's Levenberg-Marquardt (MINPACK lmder) stopped, in words, for every
// least-squares fit's summary.
#pragma once

#include <string>

#include <unsupported/Eigen/LevenbergMarquardt>

namespace retention {

struct LevenbergMarquardtRules {
  int max_evaluations;
  double reduction_tolerance;
  double step_tolerance;
};

/// True when a tolerance was met, including MINPACK's "cannot improve in double precision".
bool lm_converged(Eigen::LevenbergMarquardtSpace::Status status);

/// A sentence fragment: "the sum of squares fell by less than 1e-12 relative".
std::string lm_stop_reason(Eigen::LevenbergMarquardtSpace::Status status,
                           const LevenbergMarquardtRules& rules);

}  // namespace retention
