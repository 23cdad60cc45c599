// JS bindings of the core: plain JS objects in, plain JS objects out, camelCase names. Only
// conversion lives here; every check of meaning and every number comes from core/.
//
// Nothing throws into JS: a wrong type or a core error comes back as {error: {message, row?,
// column?}}. The types are declared by hand in retention-core.d.ts beside this file.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "format.h"
#include "growth.h"
#include "power_curve.h"
#include "power_fit.h"
#include "retention_data.h"

using emscripten::val;

namespace retention {
namespace {

val failure(const Error& error) {
  val details = val::object();
  details.set("message", error.message);
  if (error.row > 0) details.set("row", error.row);
  if (error.column > 0) details.set("column", error.column);
  val result = val::object();
  result.set("error", details);
  return result;
}

std::string type_of(const val& value) {
  if (value.isNull()) return "null";
  if (value.isArray()) return "an array";
  return value.typeOf().as<std::string>();
}

bool is_object(const val& value) {
  return !value.isNull() && value.typeOf().as<std::string>() == "object";
}

// A numeric field of an input object; missing gives the fallback when there is one.
Result<double> number_field(const val& input, const char* name,
                            std::optional<double> fallback = std::nullopt) {
  const val field = input[name];
  if (field.isUndefined() && fallback) return *fallback;
  if (!field.isNumber()) {
    return Error{std::string(name) + " must be a number, not " + type_of(field)};
  }
  return field.as<double>();
}

Result<int> whole_field(const val& input, const char* name, int fallback) {
  auto number = number_field(input, name, fallback);
  if (!number) return number.error();
  const double value = number.value();
  if (value != std::floor(value) || std::abs(value) > 1e9) {
    return Error{std::string(name) + " must be a whole number, not " + format_number(value)};
  }
  return static_cast<int>(value);
}

// An array of numbers (a plain array or a typed array); an empty vector when absent and
// optional.
Result<std::vector<double>> numbers_field(const val& input, const char* name, bool optional) {
  const val field = input[name];
  if (optional && (field.isUndefined() || field.isNull())) return std::vector<double>{};
  const bool typed = val::global("ArrayBuffer").call<bool>("isView", field);
  if (!field.isArray() && !typed) {
    return Error{std::string(name) + " must be an array of numbers, not " + type_of(field)};
  }
  std::vector<double> numbers = emscripten::convertJSArrayToNumberVector<double>(field);

  // Only a NaN can hide an element that was not a number; name the first such element.
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    if (!std::isnan(numbers[i])) continue;
    const val element = field[i];
    if (element.isNumber()) continue;
    return Error{std::string(name) + "[" + std::to_string(i) + "] must be a number, not " +
                 type_of(element)};
  }
  return numbers;
}

Result<CurveForm> form_field(const val& input, CurveForm fallback) {
  const val field = input["form"];
  if (field.isUndefined()) return fallback;
  const std::string name = field.isString() ? field.as<std::string>() : "";
  if (name == "sameEvent") return CurveForm::same_event;
  if (name == "differentEvents") return CurveForm::different_events;
  return Error{"form must be \"sameEvent\" or \"differentEvents\""};
}

const char* form_name(CurveForm form) {
  return form == CurveForm::same_event ? "sameEvent" : "differentEvents";
}

const char* status_name(FitStatus status) {
  switch (status) {
    case FitStatus::converged: return "converged";
    case FitStatus::hit_bound: return "hitBound";
    case FitStatus::iteration_limit: return "iterationLimit";
    default: return "failed";
  }
}

// Copies out of wasm memory, so the result outlives the vector it came from.
val to_float64_array(const std::vector<double>& values) {
  return val::global("Float64Array")
      .new_(emscripten::typed_memory_view(values.size(), values.data()));
}

val curve_object(const PowerCurve& curve) {
  val object = val::object();
  object.set("a", curve.a);
  object.set("b", curve.b);
  object.set("c", curve.c);
  object.set("d", curve.d);
  return object;
}

#define TAKE(variable, expression)          \
  auto variable##_result = (expression);    \
  if (!variable##_result) return failure(variable##_result.error()); \
  const auto variable = variable##_result.value()

val simulate(val input) {
  if (!is_object(input)) return failure({"simulate takes an object {a, c, d, newUsers, periods}"});
  const bool has_b = !input["b"].isUndefined();
  TAKE(form, form_field(input, has_b ? CurveForm::different_events : CurveForm::same_event));
  TAKE(a, number_field(input, "a", default_a));
  TAKE(b, number_field(input, "b", 0.0));
  TAKE(c, number_field(input, "c", default_c));
  TAKE(d, number_field(input, "d", default_d));
  const GrowthOptions defaults;
  TAKE(new_users, number_field(input, "newUsers", defaults.new_users));
  TAKE(periods, whole_field(input, "periods", defaults.periods));
  TAKE(curve, make_power_curve(a, b, c, d, form));
  TAKE(growth, simulate_growth(curve, {new_users, periods}));

  val cohorts = val::array();
  for (const auto& cohort : growth.by_cohort) cohorts.call<void>("push", to_float64_array(cohort));
  val result = val::object();
  result.set("parameters", curve_object(curve));
  result.set("curve", to_float64_array(growth.curve));
  result.set("activeUsers", to_float64_array(growth.active_users));
  result.set("cohorts", cohorts);
  return result;
}

val fit(val input) {
  if (!is_object(input)) return failure({"fit takes an object {periods, retention}"});
  TAKE(periods, numbers_field(input, "periods", false));
  TAKE(retention, numbers_field(input, "retention", false));
  TAKE(weights, numbers_field(input, "weights", true));
  TAKE(horizon, whole_field(input, "horizon", default_forecast_horizon));
  if (horizon < 0 || horizon > max_forecast_horizon) {
    return failure({"horizon must be between 0 and " + std::to_string(max_forecast_horizon)});
  }
  PowerFitOptions options;
  TAKE(form, form_field(input, options.form));
  options.form = form;
  TAKE(summary, fit_power_curve(periods, retention, weights, options));

  // The forecast covers the horizon and every observed period, so no point is left bare.
  int last_period = horizon;
  for (const double period : periods) last_period = std::max(last_period, int(period));
  std::vector<double> forecast_periods(static_cast<std::size_t>(last_period) + 1);
  for (std::size_t t = 0; t < forecast_periods.size(); ++t) forecast_periods[t] = double(t);
  val forecast = val::object();
  forecast.set("periods", to_float64_array(forecast_periods));
  forecast.set("retention", to_float64_array(curve_values(summary.curve, last_period)));

  val result = curve_object(summary.curve);
  result.set("form", std::string(form_name(summary.form)));
  result.set("rmse", summary.rmse);
  result.set("rSquared", summary.r_squared);
  result.set("iterations", summary.iterations);
  result.set("evaluations", summary.evaluations);
  result.set("status", std::string(status_name(summary.status)));
  result.set("message", summary.message);
  result.set("forecast", forecast);
  return result;
}

val numbers_to_array(const std::vector<double>& values) {
  val array = val::array();
  for (const double value : values) array.call<void>("push", value);
  return array;
}

val parse_retention_text(val text) {
  if (!text.isString()) return failure({"parseRetention takes text, not " + type_of(text)});
  TAKE(data, parse_retention(text.as<std::string>()));
  val result = val::object();
  result.set("periods", numbers_to_array(data.periods));
  result.set("retention", numbers_to_array(data.retention));
  if (!data.weights.empty()) result.set("weights", numbers_to_array(data.weights));
  result.set("percent", data.percent);
  val notes = val::array();
  for (const std::string& note : data.notes) notes.call<void>("push", note);
  result.set("notes", notes);
  val rows = val::array();
  for (const int row : data.rows) rows.call<void>("push", row);
  result.set("rows", rows);
  return result;
}

val defaults() {
  const GrowthOptions growth;
  val simulate_defaults = val::object();
  simulate_defaults.set("a", default_a);
  simulate_defaults.set("c", default_c);
  simulate_defaults.set("d", default_d);
  simulate_defaults.set("newUsers", growth.new_users);
  simulate_defaults.set("periods", growth.periods);
  simulate_defaults.set("maxPeriods", max_growth_periods);
  val fit_defaults = val::object();
  fit_defaults.set("horizon", default_forecast_horizon);
  fit_defaults.set("maxHorizon", max_forecast_horizon);
  fit_defaults.set("form", std::string(form_name(PowerFitOptions{}.form)));
  val result = val::object();
  result.set("simulate", simulate_defaults);
  result.set("fit", fit_defaults);
  return result;
}

#undef TAKE

}  // namespace
}  // namespace retention

EMSCRIPTEN_BINDINGS(retention_core) {
  emscripten::function("simulate", &retention::simulate);
  emscripten::function("fit", &retention::fit);
  emscripten::function("parseRetention", &retention::parse_retention_text);
  emscripten::function("defaults", &retention::defaults);
}
