// JS bindings of the core: plain JS objects in, plain JS objects out, camelCase names. Only
// conversion lives here; every check of meaning and every number comes from core/.
//
// Nothing throws into JS: a wrong type or a core error comes back as {error: {message, row?,
// column?}}. The types are declared by hand in retention-core.d.ts beside this file. This
// file holds the foundation's calls; fit_bindings.cpp holds the model fits.
#include <emscripten/bind.h>

#include "cohorts.h"
#include "fit/model_fit.h"
#include "growth.h"
#include "models/model.h"
#include "js_values.h"
#include "power_curve.h"
#include "retention_data.h"

namespace retention::js {
namespace {

val curve_object(const PowerCurve& curve) {
  val object = val::object();
  object.set("a", curve.a);
  object.set("b", curve.b);
  object.set("c", curve.c);
  object.set("d", curve.d);
  return object;
}

val simulate(val input) {
  if (!is_object(input)) return failure({"simulate takes an object {a, c, d, newUsers, periods}"});
  const bool has_b = !input["b"].isUndefined();
  RETENTION_TAKE(form,
                 form_field(input, has_b ? CurveForm::different_events : CurveForm::same_event));
  RETENTION_TAKE(a, number_field(input, "a", default_a));
  RETENTION_TAKE(b, number_field(input, "b", 0.0));
  RETENTION_TAKE(c, number_field(input, "c", default_c));
  RETENTION_TAKE(d, number_field(input, "d", default_d));
  const GrowthOptions defaults;
  RETENTION_TAKE(new_users, number_field(input, "newUsers", defaults.new_users));
  RETENTION_TAKE(periods, whole_field(input, "periods", defaults.periods));
  RETENTION_TAKE(curve, make_power_curve(a, b, c, d, form));
  RETENTION_TAKE(growth, simulate_growth(curve, {new_users, periods}));

  // Only O(periods) numbers cross; module_api.js derives the per-cohort rows from them when
  // they are first read, and the page's charts never need them.
  val result = val::object();
  result.set("parameters", curve_object(curve));
  result.set("curve", to_float64_array(growth.curve));
  result.set("usersByAge", to_float64_array(growth.users_at_age));
  result.set("activeUsers", to_float64_array(growth.active_users));
  return result;
}

val parse_retention_text(val text) {
  if (!text.isString()) return failure({"parseRetention takes text, not " + type_of(text)});
  RETENTION_TAKE(data, parse_retention(text.as<std::string>()));
  val result = val::object();
  result.set("periods", to_array(data.periods));
  result.set("retention", to_array(data.retention));
  if (!data.weights.empty()) result.set("weights", to_array(data.weights));
  result.set("percent", data.percent);
  result.set("notes", to_array(data.notes));
  result.set("rows", to_array(data.rows));
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
  const ModelFitOptions fit;
  fit_defaults.set("horizon", fit.horizon);
  fit_defaults.set("maxHorizon", max_forecast_horizon);
  fit_defaults.set("form", std::string(form_name(fit.form)));
  fit_defaults.set("model", fit.model);
  fit_defaults.set("bandLevel", fit.band_level);
  fit_defaults.set("models", to_array(model_names()));
  const CohortOptions cohort;
  const CalendarOptions calendar;
  val cohort_defaults = val::object();
  cohort_defaults.set("period", std::string(period_unit_name(calendar.unit)));
  cohort_defaults.set("weekStart",
                      std::string(calendar.week_start == WeekStart::monday ? "monday" : "sunday"));
  cohort_defaults.set("cohortBy",
                      std::string(cohort.cohort_by == CohortBy::first ? "first" : "recurring"));
  cohort_defaults.set("mode", std::string(cohort.mode == RetentionMode::on ? "on" : "onOrAfter"));
  val result = val::object();
  result.set("simulate", simulate_defaults);
  result.set("fit", fit_defaults);
  result.set("cohorts", cohort_defaults);
  return result;
}

}  // namespace

}  // namespace retention::js

EMSCRIPTEN_BINDINGS(retention_core) {
  emscripten::function("simulateByAge", &retention::js::simulate);
  emscripten::function("parseRetention", &retention::js::parse_retention_text);
  emscripten::function("defaults", &retention::js::defaults);
}
