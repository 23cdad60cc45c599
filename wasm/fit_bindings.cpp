// JS bindings of the model fits: fit() for every model and for "compare" (finished in
// fit_api.js), and the parsers of count data. Conversion only; see retention-core.d.ts for
// the shapes.
#include <emscripten/bind.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

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
  const val fit_through = input["fitThrough"];
  if (!fit_through.isUndefined() && !fit_through.isNull()) {
    auto through = whole_field(input, "fitThrough", 0);
    if (!through || through.value() < 0) {
      return Error{"fitThrough must be a whole period >= 0, the last period to fit"};
    }
    options.fit_through = through.value();
  }
  return options;
}

// A fit crosses to JS as two values, its numbers in one Float64Array and its texts in one
// string, because every property set from C++ is a crossing of its own; fit_api.js builds
// the documented object from them. The layout is fit_api.js's to read:
//   numbers: the counts of parameters, derived quantities and notes; byLikelihood (0 or 1),
//     logLikelihood, aic, bic, rmse, rSquared, observations, iterations, evaluations,
//     expectedLifetime; the values, then the standard errors, of the parameters; the derived
//     values; then each series as its length and its values: forecast periods, retention,
//     lower, upper, retention rates, observed periods, retention, inFit (0 or 1), residuals.
//   text: model, title, status, message, form ("" unless power), uncertaintyNote, the band's
//     method, the parameters' names, the derived names and the notes, each ended by the
//     unit separator U+001F (which append_text keeps out of the pieces).
struct PackedFit {
  std::vector<double> numbers;
  std::string text;
};

void append_series(std::vector<double>& numbers, const std::vector<double>& series) {
  numbers.push_back(double(series.size()));
  numbers.insert(numbers.end(), series.begin(), series.end());
}

void append_text(std::string& text, const std::string& piece) {
  // A piece holding the separator itself would shift every text after it; none of the core's
  // sentences does, but a separator in a piece becomes a space rather than trusting that.
  const std::size_t start = text.size();
  text += piece;
  std::replace(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(), '\x1f', ' ');
  text += '\x1f';
}

void pack_fit(const ModelFit& fit, CurveForm form, PackedFit& packed) {
  std::vector<double>& numbers = packed.numbers;
  numbers.assign({double(fit.names.size()), double(fit.derived_names.size()),
                  double(fit.notes.size()), fit.by_likelihood ? 1.0 : 0.0, fit.log_likelihood,
                  fit.aic, fit.bic, fit.rmse, fit.r_squared, fit.observations,
                  double(fit.iterations), double(fit.evaluations), fit.expected_lifetime});
  numbers.insert(numbers.end(), fit.values.begin(), fit.values.end());
  numbers.insert(numbers.end(), fit.standard_errors.begin(), fit.standard_errors.end());
  numbers.insert(numbers.end(), fit.derived_values.begin(), fit.derived_values.end());
  append_series(numbers, fit.forecast.periods);
  append_series(numbers, fit.forecast.retention);
  append_series(numbers, fit.forecast.lower);
  append_series(numbers, fit.forecast.upper);
  append_series(numbers, fit.retention_rates);
  append_series(numbers, fit.observed.periods);
  append_series(numbers, fit.observed.retention);
  numbers.push_back(double(fit.in_fit.size()));
  for (const bool used : fit.in_fit) numbers.push_back(used ? 1.0 : 0.0);
  append_series(numbers, fit.residuals);

  std::string& text = packed.text;
  text.clear();
  append_text(text, fit.model);
  append_text(text, fit.title);
  append_text(text, status_name(fit.status));
  append_text(text, fit.message);
  append_text(text, fit.model == "power" ? form_name(form) : "");
  append_text(text, fit.uncertainty_note);
  append_text(text, fit.band_method);
  for (const std::string& name : fit.names) append_text(text, name);
  for (const std::string& name : fit.derived_names) append_text(text, name);
  for (const std::string& note : fit.notes) append_text(text, note);
}

val packed_object(val numbers, const std::string& text) {
  val packed = val::object();
  packed.set("numbers", numbers);
  packed.set("text", text);
  return packed;
}

// One fit's numbers stay here after the call and cross as a view of wasm memory, not a
// copy: fit_api.js copies the series out before it calls into the module again, so nothing
// can overwrite them or grow the memory under the view first.
val packed_fit(const ModelFit& fit, CurveForm form) {
  static PackedFit packed;
  pack_fit(fit, form, packed);
  return packed_object(
      val(emscripten::typed_memory_view(packed.numbers.size(), packed.numbers.data())),
      packed.text);
}

// The comparison's rows carry their fits packed as above, for fit_api.js to unpack.
val packed_comparison(const ModelComparison& comparison, CurveForm form, double level) {
  val rows = val::array();
  for (const ModelComparisonRow& row : comparison.rows) {
    val entry = val::object();
    if (row.error.empty()) {
      // Copies: every row's fit must outlive the next row's.
      PackedFit packed;
      pack_fit(row.fit, form, packed);
      entry.set("fit", packed_object(to_float64_array(packed.numbers), packed.text));
    }
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

// fit_api.js's fit(): a failure as it is, else a fit or a comparison packed as above.
val fit_packed(val input) {
  if (!is_object(input)) return failure({"fit takes an object {periods, retention}"});
  RETENTION_TAKE(options, read_options(input));
  RETENTION_TAKE(observations, read_observations(input));
  if (options.model == "compare") {
    RETENTION_TAKE(comparison, compare_models(observations, options));
    return packed_comparison(comparison, options.form, options.band_level);
  }
  RETENTION_TAKE(result, fit_model(observations, options));
  return packed_fit(result, options.form);
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
  emscripten::function("fitPacked", &retention::js::fit_packed);
  emscripten::function("parseCounts", &retention::js::parse_counts_text);
  emscripten::function("parseCohorts", &retention::js::parse_cohorts_text);
}
