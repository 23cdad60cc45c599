#include "fit/lm_stop.h"

#include "format.h"

namespace retention {

bool lm_converged(Eigen::LevenbergMarquardtSpace::Status status) {
  using namespace Eigen::LevenbergMarquardtSpace;
  return status == RelativeReductionTooSmall || status == RelativeErrorTooSmall ||
         status == RelativeErrorAndReductionTooSmall || status == CosinusTooSmall ||
         status == FtolTooSmall || status == XtolTooSmall || status == GtolTooSmall;
}

std::string lm_stop_reason(Eigen::LevenbergMarquardtSpace::Status status,
                           const LevenbergMarquardtRules& rules) {
  using namespace Eigen::LevenbergMarquardtSpace;
  // Formatted only where the sentence shows them.
  const auto reduction = [&rules] { return format_number(rules.reduction_tolerance); };
  const auto step = [&rules] { return format_number(rules.step_tolerance); };
  switch (status) {
    case RelativeReductionTooSmall:
      return "the sum of squares fell by less than " + reduction() + " relative";
    case RelativeErrorTooSmall:
      return "the step was below " + step() + " relative to the parameters";
    case RelativeErrorAndReductionTooSmall:
      return "the sum of squares fell by less than " + reduction() + " relative and the step "
             "was below " + step();
    case CosinusTooSmall:
      return "the gradient vanished";
    case FtolTooSmall:
    case XtolTooSmall:
    case GtolTooSmall:
      return "no further improvement is possible in double precision";
    case TooManyFunctionEvaluation:
      return "it reached the limit of " + std::to_string(rules.max_evaluations) +
             " evaluations before any tolerance was met";
    default:
      return "the optimiser could not start from the given points";
  }
}

}  // namespace retention
