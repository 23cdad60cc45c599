// JS bindings of the model fits: fit() for every model and for "compare", and the parsers
// of count data. Conversion only; see retention-core.d.ts for the shapes.
#include <emscripten/bind.h>

#include <cmath>

#include "count_data.h"
#include "fit/model_choice.h"
#include "fit/model_fit.h"
#include "js_values.h"

namespace retention::js {
namespace {

const char* status_name(FitStatus status) {
  switch (status) {
    case FitStatus::converged: return "converged";
    case FitStatus::hit_bound: return "hitBound";
    case FitStatus::iteration_limit: return "iterationLimit";
    case FitStatus::undetermined: return "undetermined";
    default: return "failed";
  }
}

// {cohorts: [{size?, active, periods?}]}: active[k] is users at period k (so active[0] is the
// size) unless periods are given; null marks a period not reached.
Result<std::vector<CohortCounts>> read_cohorts(const val& list) {
  if (!list.isArray()) return Error{"cohorts must be an array, not " + type_of(list)};
  std::vector<CohortCounts> cohorts;
  const auto count = list["length"].as<std::size_t>();
  for (std::size_t k = 0; k < count; ++k) {
    const val entry = list[k];
    const std::string name = "cohorts[" + std::to_string(k) + "]";
    if (!is_object(entry)) return Error{name + " must be an object {size, active}"};
    auto active = sparse_numbers(entry["active"], name + ".active");
    if (!active) return active.error();
    auto periods = numbers_field(entry, "periods", true);
    if (!periods) return Error{name + "." + periods.error().message};
    if (!periods->empty() && periods->size() != active->size()) {
      return Error{name + " has " + std::to_string(periods->size()) + " periods but " +
                   std::to_string(active->size()) + " counts"};
    }
    const bool indexed = periods->empty();
    double size = indexed && !active->empty() ? (*active)[0] : NAN;
    if (!entry["size"].isUndefined()) {
      auto given = number_field(entry, "size");
      if (!given) return Error{name + "." + given.error().message};
      size = given.value();
    }
    CohortCounts cohort{size, {}, {}};
    for (std::size_t i = 0; i < active->size(); ++i) {
      const double period = indexed ? double(i) : (*periods)[i];
      if (period == 0 || std::isnan((*active)[i])) continue;
      cohort.periods.push_back(period);
      cohort.active.push_back((*active)[i]);
    }
    cohorts.push_back(std::move(cohort));
  }
  return cohorts;
}

// The three shapes of data a fit accepts, told apart by their fields.
Result<Observations> read_observations(const val& input) {
  if (!input["cohorts"].isUndefined()) {
    auto cohorts = read_cohorts(input["cohorts"]);
    if (!cohorts) return cohorts.error();
    return from_cohort_counts(cohorts.value());
  }
  auto periods = numbers_field(input, "periods", false);
  if (!periods) return periods.error();
  const bool counts = !input["active"].isUndefined();
  auto values = numbers_field(input, counts ? "active" : "retention", false);
  if (!values) return values.error();
  if (periods->size() != values->size()) {
    return Error{std::string("periods and ") + (counts ? "active" : "retention") +
                 " must have the same length (" + std::to_string(periods->size()) + " and " +
                 std::to_string(values->size()) + ")"};
  }
  if (!counts && input["cohortSize"].isUndefined()) {
    auto weights = numbers_field(input, "weights", true);
    if (!weights) return weights.error();
    return from_curve({periods.value(), values.value(), weights.value()});
  }

  // Counts, given directly or as retention of a cohort of known size.
  auto size = number_field(input, "cohortSize");
  if (!size) return size.error();
  CohortCounts cohort{size.value(), {}, {}};
  for (std::size_t i = 0; i < periods->size(); ++i) {
    if ((*periods)[i] == 0) continue;
    cohort.periods.push_back((*periods)[i]);
    cohort.active.push_back(counts ? (*values)[i] : (*values)[i] * size.value());
  }
  return from_counts({cohort});
}

Result<ModelFitOptions> read_options(const val& input) {
  ModelFitOptions options;
  const val model = input["model"];
  if (!model.isUndefined()) {
    if (!model.isString()) {
      return Error{"model must be text such as \"sbg\", not " + type_of(model)};
    }
    options.model = model.as<std::string>();
  }
  auto form = form_field(input, options.form);
  if (!form) return form.error();
  options.form = form.value();
  auto horizon = whole_field(input, "horizon", options.horizon);
  if (!horizon) return horizon.error();
  options.horizon = horizon.value();
  auto level = number_field(input, "bandLevel", options.band_level);
  if (!level) return level.error();
  options.band_level = level.value();
  if (!input["fitThrough"].isUndefined() && !input["fitThrough"].isNull()) {
    auto through = whole_field(input, "fitThrough", 0);
    if (!through || through.value() < 0) {
      return Error{"fitThrough must be a whole period >= 0, the last period to fit"};
    }
    options.fit_through = through.value();
  }
  return options;
}

val fit_object(const ModelFit& fit, CurveForm form) {
  val result = val::object();
  result.set("model", fit.model);
  result.set("title", fit.title);
  result.set("status", std::string(status_name(fit.status)));
  result.set("message", fit.message);
  result.set("notes", to_array(fit.notes));

  // Parameters by their formula names, at the top level (as the foundation's a, b, c, d)
  // and grouped with their standard errors.
  val parameters = val::object();
  val errors = val::object();
  for (std::size_t i = 0; i < fit.names.size(); ++i) {
    result.set(fit.names[i], fit.values[i]);
    parameters.set(fit.names[i], fit.values[i]);
    errors.set(fit.names[i], finite_or_null(fit.standard_errors[i]));
  }
  for (std::size_t i = 0; i < fit.derived_names.size(); ++i) {
    result.set(fit.derived_names[i], fit.derived_values[i]);
    parameters.set(fit.derived_names[i], fit.derived_values[i]);
  }
  result.set("parameters", parameters);
  result.set("standardErrors", errors);
  if (!fit.uncertainty_note.empty()) result.set("uncertaintyNote", fit.uncertainty_note);
  if (fit.model == "power") result.set("form", std::string(form_name(form)));

  result.set("byLikelihood", fit.by_likelihood);
  result.set("logLikelihood", finite_or_null(fit.log_likelihood));
  result.set("aic", finite_or_null(fit.aic));
  result.set("bic", finite_or_null(fit.bic));
  result.set("rmse", finite_or_null(fit.rmse));
  result.set("rSquared", finite_or_null(fit.r_squared));
  result.set("observations", fit.observations);
  result.set("iterations", fit.iterations);
  result.set("evaluations", fit.evaluations);
  result.set("expectedLifetime", finite_or_null(fit.expected_lifetime));

  val forecast = val::object();
  forecast.set("periods", to_float64_array(fit.forecast.periods));
  forecast.set("retention", to_float64_array(fit.forecast.retention));
  forecast.set("lower", to_float64_array(fit.forecast.lower));
  forecast.set("upper", to_float64_array(fit.forecast.upper));
  forecast.set("method", fit.band_method);
  result.set("forecast", forecast);
  result.set("retentionRates", to_float64_array(fit.retention_rates));

  val observed = val::object();
  observed.set("periods", to_float64_array(fit.observed.periods));
  observed.set("retention", to_float64_array(fit.observed.retention));
  val in_fit = val::array();
  for (const bool used : fit.in_fit) in_fit.call<void>("push", used);
  observed.set("inFit", in_fit);
  observed.set("residuals", to_float64_array(fit.residuals));
  result.set("observed", observed);
  return result;
}

val comparison_object(const ModelComparison& comparison, CurveForm form, double level) {
  val rows = val::array();
  for (const ModelComparisonRow& row : comparison.rows) {
    val entry = row.error.empty() ? fit_object(row.fit, form) : val::object();
    entry.set("model", row.model);
    entry.set("title", row.title);
    if (!row.error.empty()) entry.set("error", row.error);
    entry.set("backtestMape", finite_or_null(row.backtest_mape));
    rows.call<void>("push", entry);
  }
  val result = val::object();
  result.set("model", std::string("compare"));
  result.set("rows", rows);
  result.set("recommended", comparison.recommended >= 0
                                ? val(comparison.rows[std::size_t(comparison.recommended)].model)
                                : val::null());
  result.set("reason", comparison.reason);
  result.set("backtestCutoff", comparison.backtest_cutoff);
  result.set("bandLevel", level);
  return result;
}

val fit(val input) {
  if (!is_object(input)) return failure({"fit takes an object {periods, retention}"});
  RETENTION_TAKE(options, read_options(input));
  RETENTION_TAKE(observations, read_observations(input));
  if (options.model == "compare") {
    RETENTION_TAKE(comparison, compare_models(observations, options));
    return comparison_object(comparison, options.form, options.band_level);
  }
  RETENTION_TAKE(result, fit_model(observations, options));
  return fit_object(result, options.form);
}

val counts_object(const CohortCounts& cohort) {
  val entry = val::object();
  entry.set("size", cohort.size);
  entry.set("periods", to_array(cohort.periods));
  entry.set("active", to_array(cohort.active));
  return entry;
}

val parse_counts_text(val text) {
  if (!text.isString()) return failure({"parseCounts takes text, not " + type_of(text)});
  RETENTION_TAKE(table, parse_counts(text.as<std::string>()));
  val segments = val::array();
  for (std::size_t s = 0; s < table.segments.size(); ++s) {
    val entry = counts_object(table.counts[s]);
    entry.set("name", table.segments[s]);
    segments.call<void>("push", entry);
  }
  val result = val::object();
  result.set("segments", segments);
  result.set("notes", to_array(table.notes));
  return result;
}

val parse_cohorts_text(val text) {
  if (!text.isString()) return failure({"parseCohorts takes text, not " + type_of(text)});
  RETENTION_TAKE(table, parse_cohort_table(text.as<std::string>()));
  val cohorts = val::array();
  for (std::size_t k = 0; k < table.cohorts.size(); ++k) {
    val entry = counts_object(table.cohorts[k]);
    entry.set("label", table.labels[k]);
    cohorts.call<void>("push", entry);
  }
  val result = val::object();
  result.set("cohorts", cohorts);
  result.set("notes", to_array(table.notes));
  return result;
}

}  // namespace
}  // namespace retention::js

EMSCRIPTEN_BINDINGS(retention_fits) {
  emscripten::function("fit", &retention::js::fit);
  emscripten::function("parseCounts", &retention::js::parse_counts_text);
  emscripten::function("parseCohorts", &retention::js::parse_cohorts_text);
}
