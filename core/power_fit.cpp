#include "power_fit.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>
#include <unsupported/Eigen/LevenbergMarquardt>

#include "fit/curve_points.h"
#include "fit/lm_stop.h"
#include "format.h"
#include "models/model.h"

namespace retention {
namespace {

struct Point {
  double period;
  double log_period;  // ln t, 0 at t = 0 where it is never used
  double retention;
  double sqrt_weight;
};

// A bounded value and its derivative in the unbounded coordinate the solver moves, through
// the bound maps every model's fit uses (models/model.h).
struct Mapped {
  double value;
  double derivative;
};

const ParameterSpec floor_scale{"a", Scale::interval, 0.0, max_floor};
const ParameterSpec nonnegative_scale{"", Scale::lower_bound, 0.0, INFINITY};

Mapped from_unbounded(const ParameterSpec& spec, double u) {
  return {to_parameter(spec, u), parameter_slope(spec, u)};
}

// The unbounded vector the solver sees is (u_a, u_c, u_d[, u_b]); in the different-events
// form b = 1 / (1 - a) + s(u_b), so the bound on b follows a.
struct Decoded {
  PowerCurve curve;
  Mapped a, c, d, excess_b;
  double floor_b;  // 1 / (1 - a)
};

Decoded decode(const Eigen::VectorXd& x, CurveForm form) {
  Decoded p;
  p.a = from_unbounded(floor_scale, x[0]);
  p.c = from_unbounded(nonnegative_scale, x[1]);
  p.d = from_unbounded(nonnegative_scale, x[2]);
  p.floor_b = same_event_b(p.a.value);
  p.excess_b = form == CurveForm::different_events ? from_unbounded(nonnegative_scale, x[3])
                                                     : Mapped{0, 0};
  p.curve = {p.a.value, p.floor_b + p.excess_b.value, p.c.value, p.d.value, form};
  return p;
}

Eigen::VectorXd encode(const PowerCurve& curve, CurveForm form) {
  Eigen::VectorXd x(form == CurveForm::different_events ? 4 : 3);
  x[0] = to_unbounded(floor_scale, curve.a);
  x[1] = to_unbounded(nonnegative_scale, curve.c);
  x[2] = to_unbounded(nonnegative_scale, curve.d);
  if (form == CurveForm::different_events) {
    x[3] = to_unbounded(nonnegative_scale, curve.b - same_event_b(curve.a));
  }
  return x;
}

// Weighted residuals sqrt(w) (r(t) - y) and their Jacobian in the unbounded parameters: 3,
// or 4 in the different-events form. Each t^d of the last residuals is kept: MINPACK asks for
// the Jacobian at the point it has just evaluated and accepted, so those powers are not taken
// twice.
//
// The Jacobian keeps Eigen's dynamic size. Fixed 3 and 4 columns (a QR per size) made the
// wasm 10 KB larger gzipped, 5% of what the page downloads, for no speed measurable there.
struct PowerResiduals : Eigen::DenseFunctor<double> {
  PowerResiduals(const std::vector<Point>& points, CurveForm form)
      : DenseFunctor(form == CurveForm::different_events ? 4 : 3,
                     static_cast<int>(points.size())),
        points(points),
        form(form),
        powers(points.size()) {}

  int operator()(const InputType& x, ValueType& residuals) const {
    const PowerCurve curve = decode(x, form).curve;
    for (std::size_t i = 0; i < points.size(); ++i) {
      const Point& point = points[i];
      powers[i] = point.period > 0 ? std::pow(point.period, curve.d) : 0.0;
      const double growth = curve.c > 0 ? curve.c * powers[i] : 0.0;
      residuals[i] = point.sqrt_weight *
                     (retention_with_growth(curve, point.period, growth) - point.retention);
    }
    powers_at = x;
    return 0;
  }

  // Derivatives of r = a + q with q = 1 / g, g = b + c t^d:
  //   dr/db = -q^2,  dr/dc = -q^2 t^d,  dr/dd = -q^2 c t^d ln t,
  // and b moves with a through 1 / (1 - a), whose derivative is b_floor^2.
  int df(const InputType& x, JacobianType& jacobian) const {
    const Decoded p = decode(x, form);
    const bool known = powers_at.size() == x.size() && powers_at == x;
    for (std::size_t i = 0; i < points.size(); ++i) {
      const Point& point = points[i];
      const double power =
          known ? powers[i] : point.period > 0 ? std::pow(point.period, p.d.value) : 0.0;
      const double growth = p.c.value > 0 ? p.c.value * power : 0.0;
      const double g = p.curve.b + growth;

      // Past overflow r is flat at a: every term but a's own vanishes.
      const double q2 = std::isfinite(g) ? 1 / (g * g) : 0.0;
      const double by_b = -q2;
      const double by_c = std::isfinite(g) ? -q2 * power : 0.0;
      const double by_d = std::isfinite(g) ? -q2 * growth * point.log_period : 0.0;
      const double by_a = 1 + by_b * p.floor_b * p.floor_b;

      const auto row = static_cast<Eigen::Index>(i);
      jacobian(row, 0) = point.sqrt_weight * by_a * p.a.derivative;
      jacobian(row, 1) = point.sqrt_weight * by_c * p.c.derivative;
      jacobian(row, 2) = point.sqrt_weight * by_d * p.d.derivative;
      if (form == CurveForm::different_events) {
        jacobian(row, 3) = point.sqrt_weight * by_b * p.excess_b.derivative;
      }
    }
    return 0;
  }

  const std::vector<Point>& points;
  CurveForm form;
  /// t^d at each point for the parameters `powers_at`.
  mutable std::vector<double> powers;
  mutable Eigen::VectorXd powers_at;
};

double sum_of_squares(const std::vector<Point>& points, const PowerCurve& curve) {
  double total = 0;
  for (const Point& point : points) {
    const double residual = retention_at(curve, point.period) - point.retention;
    total += point.sqrt_weight * point.sqrt_weight * residual * residual;
  }
  return total;
}

// (c, d) for a given floor a and offset b from the line ln(1/(r - a) - b) = ln c + d ln t,
// through the points where that logarithm exists; (1, 1) when fewer than two do.
PowerCurve linearised_start(const std::vector<Point>& points, double a, double b,
                            CurveForm form) {
  std::vector<std::pair<double, double>> line;
  for (const Point& point : points) {
    if (point.period <= 0 || point.retention <= a) continue;
    const double excess = 1 / (point.retention - a) - b;
    if (excess > 0 && std::isfinite(excess)) line.emplace_back(point.log_period, std::log(excess));
  }

  PowerCurve start{a, b, 1.0, 1.0, form};
  if (line.size() < 2) return start;
  Eigen::MatrixXd design(line.size(), 2);
  Eigen::VectorXd target(line.size());
  for (std::size_t i = 0; i < line.size(); ++i) {
    design(static_cast<Eigen::Index>(i), 0) = 1;
    design(static_cast<Eigen::Index>(i), 1) = line[i].first;
    target[static_cast<Eigen::Index>(i)] = line[i].second;
  }
  const Eigen::Vector2d coefficients = design.colPivHouseholderQr().solve(target);
  if (!coefficients.allFinite()) return start;
  start.c = std::clamp(std::exp(coefficients[0]), 1e-6, 1e6);
  start.d = std::clamp(coefficients[1], 0.01, 10.0);
  return start;
}

// One start per candidate floor: none, and 80% of the smallest retention after period 0,
// where a curve that has flattened out usually settles. More floors found no better optimum
// across the recovery tests and doubled the time of a fit.
std::vector<PowerCurve> starting_curves(const std::vector<Point>& points, CurveForm form) {
  double smallest = 1;
  double at_zero_sum = 0;
  double at_zero_weight = 0;
  for (const Point& point : points) {
    if (point.period > 0) smallest = std::min(smallest, point.retention);
    if (point.period == 0) {
      at_zero_sum += point.sqrt_weight * point.sqrt_weight * point.retention;
      at_zero_weight += point.sqrt_weight * point.sqrt_weight;
    }
  }

  std::vector<PowerCurve> starts;
  for (const double fraction : {0.0, 0.8}) {
    const double a = std::min(fraction * smallest, 0.99);
    if (fraction > 0 && a <= 0) break;
    double b = same_event_b(a);
    if (form == CurveForm::different_events && at_zero_weight > 0) {
      const double at_zero = at_zero_sum / at_zero_weight;
      if (at_zero > a) b = std::max(b, 1 / (at_zero - a));
    }
    starts.push_back(linearised_start(points, a, b, form));
  }
  return starts;
}

// Names the parameters that ended on a bound, or returns "".
std::string parameters_on_bounds(const PowerCurve& curve, CurveForm form) {
  constexpr double tolerance = 1e-9;
  std::string found;
  const auto add = [&found](const std::string& text) {
    found += (found.empty() ? "" : ", ") + text;
  };
  if (curve.a <= tolerance) add("a is at its lower bound 0");
  if (curve.a >= max_floor - tolerance) add("a is at its upper bound 1");
  if (curve.c <= tolerance) add("c is at its lower bound 0");
  if (curve.d <= tolerance) add("d is at its lower bound 0");
  const double floor_b = same_event_b(curve.a);
  if (form == CurveForm::different_events && curve.b - floor_b <= tolerance * floor_b) {
    add("b is at its lower bound 1 / (1 - a), so r(0) = 100%");
  }
  return found;
}

struct BestLocalFit {
  PowerCurve curve;
  double sum_of_squares = INFINITY;
  Eigen::LevenbergMarquardtSpace::Status status = Eigen::LevenbergMarquardtSpace::NotStarted;
  /// Of the winning fit.
  int iterations = 0;
  /// Over all starts.
  int evaluations = 0;
};

// Fits from each start and keeps the best; the first of equal bests wins.
BestLocalFit best_local_fit(const std::vector<Point>& points,
                            const std::vector<PowerCurve>& starts,
                            const PowerFitOptions& options) {
  PowerResiduals residuals(points, options.form);
  BestLocalFit best;
  for (const PowerCurve& start : starts) {
    Eigen::VectorXd x = encode(start, options.form);
    Eigen::LevenbergMarquardt<PowerResiduals> solver(residuals);
    solver.setMaxfev(options.max_evaluations);
    solver.setFtol(options.reduction_tolerance);
    solver.setXtol(options.step_tolerance);
    const auto status = solver.minimize(x);
    best.evaluations += static_cast<int>(solver.nfev());

    const PowerCurve fitted = decode(x, options.form).curve;
    const double sum = sum_of_squares(points, fitted);
    const bool finite = std::isfinite(fitted.a) && std::isfinite(fitted.b) &&
                        std::isfinite(fitted.c) && std::isfinite(fitted.d);
    if (finite && std::isfinite(sum) && sum < best.sum_of_squares) {
      best.sum_of_squares = sum;
      best.status = status;
      best.curve = fitted;
      best.iterations = static_cast<int>(solver.iterations());
    }
  }
  return best;
}

}  // namespace

Result<PowerFitSummary> fit_power_curve(const std::vector<double>& periods,
                                        const std::vector<double>& retention,
                                        const std::vector<double>& weights,
                                        const PowerFitOptions& options) {
  const bool free_start = options.form == CurveForm::different_events;
  auto checked = checked_curve({periods, retention, weights}, free_start ? 4 : 3, free_start);
  if (!checked) return checked.error();
  const ObservedCurve& curve = checked.value();
  std::vector<Point> points;
  for (std::size_t i = 0; i < curve.periods.size(); ++i) {
    const double period = curve.periods[i];
    points.push_back({period, period > 0 ? std::log(period) : 0.0, curve.retention[i],
                      std::sqrt(curve.weights[i])});
  }

  // Local fits from each deterministic start.
  const auto starts = starting_curves(points, options.form);
  const BestLocalFit best = best_local_fit(points, starts, options);
  PowerFitSummary summary;
  summary.form = options.form;
  summary.curve = best.curve;
  summary.iterations = best.iterations;
  summary.evaluations = best.evaluations;
  const double best_sum = best.sum_of_squares;
  const auto best_status = best.status;

  // Quality of the winning fit.
  double weight_sum = 0;
  double weighted_mean = 0;
  for (const Point& point : points) {
    weight_sum += point.sqrt_weight * point.sqrt_weight;
    weighted_mean += point.sqrt_weight * point.sqrt_weight * point.retention;
  }
  weighted_mean /= weight_sum;
  double total_sum = 0;
  for (const Point& point : points) {
    const double deviation = point.retention - weighted_mean;
    total_sum += point.sqrt_weight * point.sqrt_weight * deviation * deviation;
  }
  summary.rmse = std::sqrt(best_sum / weight_sum);
  // Values equal to within rounding leave no variance to explain: R² is undefined, not -inf.
  const bool has_variance = total_sum > 0 && std::isfinite(best_sum / total_sum);
  summary.r_squared = has_variance ? 1 - best_sum / total_sum : 0.0;

  // Status and the sentence that explains it.
  const std::string tally = std::to_string(summary.iterations) + " iterations (best of " +
                            std::to_string(starts.size()) + " starts)";
  const std::string quality = "; RMSE " + format_number(summary.rmse);
  const std::string flat =
      has_variance ? "" : "; R² is undefined because all observed values are equal";
  if (!std::isfinite(best_sum)) {
    summary.status = FitStatus::failed;
    summary.message = "the fit failed: no start gave a finite sum of squares";
    return summary;
  }
  const std::string reason = lm_stop_reason(
      best_status, {options.max_evaluations, options.reduction_tolerance, options.step_tolerance});
  const std::string on_bounds = parameters_on_bounds(summary.curve, options.form);
  if (best_status == Eigen::LevenbergMarquardtSpace::TooManyFunctionEvaluation) {
    summary.status = FitStatus::iteration_limit;
    summary.message = "stopped after " + tally + ": " + reason + quality + flat;
  } else if (!lm_converged(best_status)) {
    summary.status = FitStatus::failed;
    summary.message = "the fit failed after " + tally + ": " + reason + quality + flat;
  } else if (!has_variance) {
    summary.status = FitStatus::undetermined;
    summary.message = "undetermined after " + tally + ": every observed value is the same, so "
                      "the data cannot tell the parameters apart" + quality;
  } else if (!on_bounds.empty()) {
    summary.status = FitStatus::hit_bound;
    summary.message = "converged on a bound after " + tally + ": " + on_bounds + quality + flat;
  } else {
    summary.status = FitStatus::converged;
    summary.message = "converged after " + tally + ": " + reason + quality + flat;
  }
  return summary;
}

}  // namespace retention
