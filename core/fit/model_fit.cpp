#include "fit/model_fit.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include <unsupported/Eigen/NumericalDiff>

#include "fit/curve_points.h"
#include "fit/likelihood.h"
#include "fit/lm_stop.h"
#include "fit/uncertainty.h"
#include "format.h"
#include "models/power_model.h"

namespace retention {
namespace {

constexpr double least_squares_tolerance = 1e-12;

// The best local fit found, in the unbounded coordinates.
struct LocalFit {
  Eigen::VectorXd u;
  double objective = INFINITY;
  int iterations = 0;
  int evaluations = 0;
  int starts = 0;
  FitStatus status = FitStatus::failed;
  std::string reason;
};

Eigen::VectorXd unbounded(const RetentionModel& model, const Parameters& theta) {
  const auto& specs = model.parameters();
  Eigen::VectorXd u(static_cast<Eigen::Index>(specs.size()));
  for (std::size_t i = 0; i < specs.size(); ++i) {
    u[static_cast<Eigen::Index>(i)] = to_unbounded(specs[i], theta[i]);
  }
  return u;
}

// Starting points come from the curve's points after period 0.
std::vector<Parameters> starts_for(const RetentionModel& model, const ObservedCurve& curve) {
  std::vector<double> periods;
  std::vector<double> retention;
  for (std::size_t i = 0; i < curve.periods.size(); ++i) {
    if (curve.periods[i] <= 0) continue;
    periods.push_back(curve.periods[i]);
    retention.push_back(std::clamp(curve.retention[i], 1e-6, 1.0));
  }
  return model.starting_points(periods, retention);
}

// Weighted residuals sqrt(w) (S(t) - r) of a curve, in the unbounded coordinates.
struct CurveResiduals : Eigen::DenseFunctor<double> {
  CurveResiduals(const RetentionModel& model, const ObservedCurve& curve)
      : DenseFunctor(static_cast<int>(model.parameters().size()),
                     static_cast<int>(curve.periods.size())),
        model(model),
        curve(curve) {}

  int operator()(const InputType& u, ValueType& residuals) const {
    const Parameters theta = parameters_at(model, u);
    for (std::size_t i = 0; i < curve.periods.size(); ++i) {
      residuals[static_cast<Eigen::Index>(i)] =
          std::sqrt(curve.weights[i]) *
          (model.survival(theta, curve.periods[i]) - curve.retention[i]);
    }
    return 0;
  }

  const RetentionModel& model;
  const ObservedCurve& curve;
};

double sum_of_squares(const RetentionModel& model, const Parameters& theta,
                      const ObservedCurve& curve) {
  double total = 0;
  for (std::size_t i = 0; i < curve.periods.size(); ++i) {
    const double residual = model.survival(theta, curve.periods[i]) - curve.retention[i];
    total += curve.weights[i] * residual * residual;
  }
  return total;
}

LocalFit fit_least_squares(const RetentionModel& model, const ObservedCurve& curve,
                           const ModelFitOptions& options) {
  const LevenbergMarquardtRules rules{options.max_evaluations, least_squares_tolerance,
                                      least_squares_tolerance};
  LocalFit best;
  CurveResiduals residuals(model, curve);
  for (const Parameters& start : starts_for(model, curve)) {
    ++best.starts;
    Eigen::VectorXd u = unbounded(model, start);
    Eigen::NumericalDiff<CurveResiduals, Eigen::Central> differentiated(residuals);
    Eigen::LevenbergMarquardt<decltype(differentiated)> solver(differentiated);
    solver.setMaxfev(rules.max_evaluations);
    solver.setFtol(rules.reduction_tolerance);
    solver.setXtol(rules.step_tolerance);
    const auto status = solver.minimize(u);
    best.evaluations += static_cast<int>(solver.nfev());

    const double objective = sum_of_squares(model, parameters_at(model, u), curve);
    if (std::isfinite(objective) && objective < best.objective) {
      best.u = u;
      best.objective = objective;
      best.iterations = static_cast<int>(solver.iterations());
      best.reason = lm_stop_reason(status, rules);
      best.status = lm_converged(status) ? FitStatus::converged
                    : status == Eigen::LevenbergMarquardtSpace::TooManyFunctionEvaluation
                        ? FitStatus::iteration_limit
                        : FitStatus::failed;
    }
  }
  return best;
}

LocalFit fit_power_least_squares(const PowerModel& model, const ObservedCurve& curve,
                                 const ModelFitOptions& options,
                                 const PowerFitSummary& summary) {
  (void)options;
  LocalFit fit;
  fit.u = unbounded(model, model.parameters_of(summary.curve));
  fit.objective = sum_of_squares(model, model.parameters_of(summary.curve), curve);
  fit.iterations = summary.iterations;
  fit.evaluations = summary.evaluations;
  fit.status = summary.status == FitStatus::hit_bound ? FitStatus::converged : summary.status;
  return fit;
}

LocalFit fit_likelihood(const RetentionModel& model, const Observations& observations,
                        const ModelFitOptions& options) {
  const Objective negative_log_likelihood = [&](const Eigen::VectorXd& u) {
    return -log_likelihood(model, parameters_at(model, u), observations.cohorts);
  };
  LocalFit best;
  for (const Parameters& start : starts_for(model, observations.curve)) {
    ++best.starts;
    const MinimizeResult result =
        minimize(negative_log_likelihood, unbounded(model, start), options.likelihood);
    best.evaluations += result.evaluations;
    if (std::isfinite(result.value) && result.value < best.objective) {
      best.u = result.u;
      best.objective = result.value;
      best.iterations = result.iterations;
      best.reason = describe(result.stop, options.likelihood);
      best.status = result.stop == MinimizeStop::iteration_limit ? FitStatus::iteration_limit
                    : result.stop == MinimizeStop::not_finite   ? FitStatus::failed
                                                                : FitStatus::converged;
    }
  }
  return best;
}

// Names the parameters on a bound: "a is at its lower bound 0", or for a log-scale
// parameter at the edge of its range, "alpha is at its upper limit 1e+08".
std::string bounds_sentence(const RetentionModel& model, const Eigen::VectorXd& u,
                            const std::vector<bool>& bound) {
  std::string text;
  const auto& specs = model.parameters();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (!bound[i]) continue;
    const double value = to_parameter(specs[i], u[static_cast<Eigen::Index>(i)]);
    const bool at_upper = specs[i].scale == Scale::log ? value > 1 : value > specs[i].lower;
    const double limit = specs[i].scale == Scale::log ? (at_upper ? 1e8 : 1e-8)
                         : at_upper                   ? 1.0
                                                      : specs[i].lower;
    text += (text.empty() ? "" : ", ") + std::string(specs[i].name) + " is at its " +
            (at_upper ? "upper" : "lower") +
            (specs[i].scale == Scale::log ? " limit " : " bound ") + format_number(limit);
  }
  return text;
}

}  // namespace

Result<ModelFit> fit_model(const Observations& all_observations,
                           const ModelFitOptions& options) {
  // Cut only when asked: copying every cohort's counts costs more than a small fit.
  Observations cut;
  if (options.fit_through >= 0) cut = truncated(all_observations, options.fit_through);
  const Observations& observations = options.fit_through >= 0 ? cut : all_observations;
  std::unique_ptr<RetentionModel> model =
      options.model == "power" ? std::make_unique<PowerModel>(options.form)
                               : make_model(options.model);
  if (!model) {
    return Error{"unknown model \"" + options.model +
                 "\"; choose power, sbg, bdw, exponential or compare"};
  }
  if (options.horizon < 0 || options.horizon > max_forecast_horizon) {
    return Error{"the forecast horizon must be between 0 and " +
                 std::to_string(max_forecast_horizon) + " periods"};
  }
  if (!(options.band_level > 0 && options.band_level < 1)) {
    return Error{"the band level must be between 0 and 1, such as 0.9"};
  }
  const auto& specs = model->parameters();
  const bool free_start = options.model == "power" && options.form == CurveForm::different_events;
  if (free_start && observations.has_counts) {
    return Error{"the different-events form starts below 100%, which counts from a cohort's "
                 "own first period cannot show; fit counts with the same-event form"};
  }

  // The fit itself: likelihood for counts, least squares for a curve.
  auto checked = checked_curve(observations.curve, specs.size(), free_start);
  if (!checked && options.fit_through >= 0 &&
      checked_curve(all_observations.curve, specs.size(), free_start)) {
    // The data are enough; the chosen last period cuts them too short.
    const std::string count = std::to_string(specs.size());
    return Error{"fitting " + count + " parameters needs points at " + count + " or more "
                 "different periods, and the periods up to " +
                 format_number(options.fit_through) + " have fewer; fit through a later "
                 "period, or fit every period"};
  }
  if (!checked) return checked.error();
  const ObservedCurve& curve = checked.value();
  ModelFit fit;
  if (!all_observations.note.empty()) fit.notes.push_back(all_observations.note);
  fit.model = model->name();
  fit.title = model->title();
  fit.by_likelihood = observations.has_counts;
  LocalFit local;
  std::string power_message;
  if (fit.by_likelihood) {
    local = fit_likelihood(*model, observations, options);
  } else if (options.model == "power") {
    PowerFitOptions power_options;
    power_options.form = options.form;
    auto power = fit_power_curve(curve.periods, curve.retention, curve.weights, power_options);
    if (!power) return power.error();
    local = fit_power_least_squares(static_cast<const PowerModel&>(*model), curve, options,
                                    power.value());
    power_message = power->message;
  } else {
    local = fit_least_squares(*model, curve, options);
  }
  if (!std::isfinite(local.objective)) {
    fit.status = FitStatus::failed;
    fit.message = "the fit failed: no starting point gave a finite objective";
    return fit;
  }
  const Parameters theta = parameters_at(*model, local.u);
  for (std::size_t i = 0; i < specs.size(); ++i) fit.names.push_back(specs[i].name);
  fit.values = theta;
  if (options.model == "power" && options.form == CurveForm::same_event) {
    fit.derived_names.push_back("b");
    fit.derived_values.push_back(same_event_b(theta[0]));
  }
  fit.iterations = local.iterations;
  fit.evaluations = local.evaluations;

  // Uncertainty over the parameters not on a bound.
  const std::vector<bool> bound = on_bound(*model, local.u);
  std::vector<int> free;
  for (std::size_t i = 0; i < bound.size(); ++i) {
    if (!bound[i]) free.push_back(static_cast<int>(i));
  }
  Uncertainty uncertainty;
  if (fit.by_likelihood) {
    const Objective negative_log_likelihood = [&](const Eigen::VectorXd& free_u) {
      Eigen::VectorXd u = local.u;
      for (std::size_t k = 0; k < free.size(); ++k) u[free[k]] = free_u[Eigen::Index(k)];
      return -log_likelihood(*model, parameters_at(*model, u), observations.cohorts);
    };
    Eigen::VectorXd free_u(static_cast<Eigen::Index>(free.size()));
    for (std::size_t k = 0; k < free.size(); ++k) free_u[Eigen::Index(k)] = local.u[free[k]];
    uncertainty = from_hessian(numeric_hessian(negative_log_likelihood, free_u), free);
  } else {
    // The Jacobian of the weighted residuals sqrt(w) (S(t) - r), row by row.
    const SurvivalSlopes slopes(*model, local.u, free);
    const auto rows = static_cast<Eigen::Index>(curve.periods.size());
    Eigen::MatrixXd jacobian(rows, static_cast<Eigen::Index>(free.size()));
    std::vector<double> row(free.size());
    for (Eigen::Index i = 0; i < rows; ++i) {
      const auto point = static_cast<std::size_t>(i);
      slopes.at(curve.periods[point], row.data());
      const double sqrt_weight = std::sqrt(curve.weights[point]);
      for (std::size_t k = 0; k < free.size(); ++k) {
        jacobian(i, Eigen::Index(k)) = sqrt_weight * row[k];
      }
    }
    uncertainty = from_jacobian(jacobian, local.objective, free);
  }
  fit.standard_errors = standard_errors(*model, local.u, uncertainty);
  fit.uncertainty_note = uncertainty.problem;
  if (fit.uncertainty_note.empty() && free.size() < bound.size()) {
    fit.uncertainty_note = "a parameter on a bound has no standard error: " +
                           bounds_sentence(*model, local.u, bound);
  }
  fit.band_method = uncertainty.problem.empty()
                        ? "delta method on the logit scale, from the curvature of the " +
                              std::string(fit.by_likelihood ? "likelihood" : "sum of squares")
                        : "none: " + uncertainty.problem;

  // Quality against the fitted points of the observed (or pooled) curve; residuals at all.
  const ObservedCurve& shown = observations.has_counts ? observations.curve : curve;
  double weight_sum = 0, weighted_mean = 0, residual_sum = 0, total_sum = 0;
  for (std::size_t i = 0; i < shown.periods.size(); ++i) {
    const double weight = shown.weights.empty() ? 1.0 : shown.weights[i];
    weight_sum += weight;
    weighted_mean += weight * shown.retention[i];
  }
  weighted_mean /= weight_sum;
  for (std::size_t i = 0; i < shown.periods.size(); ++i) {
    const double weight = shown.weights.empty() ? 1.0 : shown.weights[i];
    const double residual = shown.retention[i] - model->survival(theta, shown.periods[i]);
    const double deviation = shown.retention[i] - weighted_mean;
    residual_sum += weight * residual * residual;
    total_sum += weight * deviation * deviation;
  }
  fit.rmse = std::sqrt(residual_sum / weight_sum);
  const bool has_variance = total_sum > 0 && std::isfinite(residual_sum / total_sum);
  fit.r_squared = has_variance ? 1 - residual_sum / total_sum : 0.0;
  fit.observed = all_observations.curve;
  for (std::size_t i = 0; i < fit.observed.periods.size(); ++i) {
    const double period = fit.observed.periods[i];
    fit.in_fit.push_back(options.fit_through < 0 || period <= options.fit_through);
    fit.residuals.push_back(fit.observed.retention[i] - model->survival(theta, period));
  }

  // Information criteria.
  const auto parameter_count = static_cast<double>(specs.size());
  if (fit.by_likelihood) {
    fit.log_likelihood = -local.objective;
    fit.observations = 0;
    for (const CohortCounts& cohort : observations.cohorts) fit.observations += cohort.size;
    fit.aic = -2 * fit.log_likelihood + 2 * parameter_count;
    fit.bic = -2 * fit.log_likelihood + parameter_count * std::log(fit.observations);
  } else {
    fit.log_likelihood = NAN;
    fit.observations = static_cast<double>(curve.periods.size());
    double curve_weights = 0;
    for (const double weight : curve.weights) curve_weights += weight;
    const double fit_term =
        fit.observations * std::log(std::max(local.objective / curve_weights, 1e-300));
    fit.aic = fit_term + 2 * parameter_count;
    fit.bic = fit_term + parameter_count * std::log(fit.observations);

    // With no point to spare, the sum of squares is zero by construction and its logarithm
    // would make the fit look better than any other.
    if (uncertainty.degrees_of_freedom <= 0) {
      fit.aic = NAN;
      fit.bic = NAN;
      fit.notes.push_back("the curve has as many free parameters as the fitted points that "
                          "can move it, so it passes through them: no AIC, BIC or standard "
                          "errors; fit more periods to judge it");
    }
  }

  // Forecast, band and per-period retention rates.
  const double z = normal_quantile_two_sided(options.band_level);
  const int last = std::max(options.horizon, int(last_observed_period(all_observations)));
  fit.forecast.periods.reserve(std::size_t(last) + 1);
  fit.forecast.retention.reserve(std::size_t(last) + 1);
  fit.retention_rates.reserve(std::size_t(last));
  for (int t = 0; t <= last; ++t) {
    fit.forecast.periods.push_back(t);
    fit.forecast.retention.push_back(model->survival(theta, t));
    if (t > 0) {
      const double previous = fit.forecast.retention[std::size_t(t) - 1];
      fit.retention_rates.push_back(previous > 0 ? fit.forecast.retention.back() / previous
                                                 : 0.0);
    }
  }
  forecast_band(*model, local.u, uncertainty, z, fit.forecast.periods, fit.forecast.retention,
                fit.forecast.lower, fit.forecast.upper);
  fit.expected_lifetime = model->expected_lifetime(theta);

  // Status and the sentence that explains it. The power fit's summary already has its
  // sentence, so the parts of the others are built only for them.
  const bool any_on_bound = free.size() < bound.size();
  const std::string missing_errors =
      uncertainty.problem.empty() ? "" : "; no standard errors: " + uncertainty.problem;
  const std::string method = fit.by_likelihood ? "maximum likelihood" : "least squares";
  const auto quality = [&fit] {
    return fit.by_likelihood ? "; log-likelihood " + format_number(fit.log_likelihood)
                             : "; RMSE " + format_number(fit.rmse);
  };
  fit.status = local.status;
  if (!has_variance && local.status == FitStatus::converged) {
    fit.status = FitStatus::undetermined;
    fit.message = method + " is undetermined: every observed value is the same, so the data "
                  "cannot tell the parameters apart" + quality();
    return fit;
  }
  if (!power_message.empty()) {
    fit.message = power_message + missing_errors;
    fit.status = local.status == FitStatus::converged && any_on_bound ? FitStatus::hit_bound
                                                                      : local.status;
    return fit;
  }
  const std::string on_bounds = bounds_sentence(*model, local.u, bound);
  const std::string tally = std::to_string(fit.iterations) + " iterations (best of " +
                            std::to_string(local.starts) + " starts)";
  if (local.status == FitStatus::converged && !on_bounds.empty()) {
    fit.status = FitStatus::hit_bound;
    fit.message = method + " converged on a bound after " + tally + ": " + on_bounds +
                  quality() + missing_errors;
  } else if (local.status == FitStatus::converged) {
    fit.message = method + " converged after " + tally + ": " + local.reason + quality() +
                  missing_errors;
  } else if (local.status == FitStatus::iteration_limit) {
    fit.message = method + " stopped after " + tally + ": " + local.reason + quality();
  } else {
    fit.message = method + " failed after " + tally + ": " + local.reason + quality();
  }
  return fit;
}

}  // namespace retention
