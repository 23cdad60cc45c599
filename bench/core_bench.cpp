// Timings of the core's hot paths, native. bench/run.mjs runs this with --benchmark_format=json
// and sets the same operations beside the module in the browser and the Python reference.
//
// The fits read their data from bench/fixtures.json (written by bench/fixtures.mjs), so every
// side fits the same numbers. Each fit also reports the parameters it found as counters, which
// run.mjs checks against scipy's.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "fit/model_fit.h"
#include "fit/observations.h"
#include "growth.h"
#include "models/model.h"
#include "power_fit.h"
#include "retention_data.h"

namespace retention {
namespace {

// The fixtures file, parsed once; a null document when it is missing or unreadable.
const nlohmann::json& fixtures() {
  static const nlohmann::json document = [] {
    std::ifstream file(RETENTION_BENCH_FIXTURES);
    const std::string text{std::istreambuf_iterator<char>(file), {}};
    return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  }();
  return document;
}

// False (and the benchmark skipped with a reason) when the fixtures cannot be read.
bool have_fixtures(benchmark::State& state) {
  if (fixtures().is_object()) return true;
  state.SkipWithError("cannot read " RETENTION_BENCH_FIXTURES "; run node bench/fixtures.mjs");
  return false;
}

std::vector<double> numbers(const nlohmann::json& array) {
  return array.get<std::vector<double>>();
}

// The power-curve points of fixtures.json with `count` points (5 or 180).
ObservedCurve power_points(int count) {
  const auto& points = fixtures()["power"]["points" + std::to_string(count)];
  return {numbers(points["periods"]), numbers(points["retention"]), {}};
}

// Fader and Hardie's `regular` segment: one cohort of 1,000, survivors in years 1-12.
std::vector<CohortCounts> fader_hardie_regular() {
  const auto& data = fixtures()["faderHardie"];
  return {{data["cohortSize"].get<double>(), numbers(data["periods"]), numbers(data["active"])}};
}

// The 52-cohort weekly triangle: cohort k has its size, then survivors at periods 1..52-k.
std::vector<CohortCounts> weekly_triangle() {
  std::vector<CohortCounts> cohorts;
  for (const auto& entry : fixtures()["triangle"]["cohorts"]) {
    const std::vector<double> active = numbers(entry["active"]);
    CohortCounts cohort{entry["size"].get<double>(), {}, {}};
    for (std::size_t period = 1; period < active.size(); ++period) {
      cohort.periods.push_back(static_cast<double>(period));
      cohort.active.push_back(active[period]);
    }
    cohorts.push_back(std::move(cohort));
  }
  return cohorts;
}

// The parsing benchmark's text, by the rule of retentionText in fixtures.mjs: rows
// "period<TAB>0.dddddd" whose digits are (period * 7919) mod 1,000,000, up to min_bytes.
std::string retention_text(std::size_t min_bytes) {
  std::string text = "period\tretention\n";
  char digits[8];
  for (long period = 0; text.size() < min_bytes; ++period) {
    std::snprintf(digits, sizeof digits, "%06ld", period * 7919 % 1000000);
    text += std::to_string(period) + "\t0." + digits + "\n";
  }
  return text;
}

// Puts a fit's parameters into the benchmark's counters, for run.mjs to compare.
void report_parameters(benchmark::State& state, const ModelFit& fit) {
  for (std::size_t i = 0; i < fit.names.size(); ++i) state.counters[fit.names[i]] = fit.values[i];
  state.counters["fit_iterations"] = fit.iterations;
}

void BM_RetentionCurve(benchmark::State& state) {
  const PowerCurve curve = make_power_curve(0.03, 0, 0.55, 1.5, CurveForm::same_event).value();
  double t = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(retention_at(curve, t));
    t = t < 365 ? t + 1 : 0;
  }
}
BENCHMARK(BM_RetentionCurve);

void BM_SimulateGrowth(benchmark::State& state) {
  const PowerCurve curve = make_power_curve(0.03, 0, 0.55, 1.5, CurveForm::same_event).value();
  const GrowthOptions options{10000, static_cast<int>(state.range(0))};
  for (auto _ : state) benchmark::DoNotOptimize(simulate_growth(curve, options));
}
BENCHMARK(BM_SimulateGrowth)->Arg(30)->Arg(90)->Arg(180)->Arg(365)->Unit(benchmark::kMicrosecond);

// The least-squares fit alone.
void BM_PowerFit(benchmark::State& state) {
  if (!have_fixtures(state)) return;
  const ObservedCurve points = power_points(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(fit_power_curve(points.periods, points.retention));

  const auto fit = fit_power_curve(points.periods, points.retention);
  if (!fit) return state.SkipWithError(fit.error().message.c_str());
  state.counters["a"] = fit->curve.a;
  state.counters["c"] = fit->curve.c;
  state.counters["d"] = fit->curve.d;
  state.counters["fit_iterations"] = fit->iterations;
}
BENCHMARK(BM_PowerFit)->Arg(5)->Arg(180)->Unit(benchmark::kMicrosecond);

// What core.fit({periods, retention}) runs: the fit above, then standard errors, fit quality,
// a 30-period forecast with its band and the expected lifetime.
void BM_PowerFitModel(benchmark::State& state) {
  if (!have_fixtures(state)) return;
  const Observations observations = from_curve(power_points(static_cast<int>(state.range(0))));
  const ModelFitOptions options;
  for (auto _ : state) benchmark::DoNotOptimize(fit_model(observations, options));

  const auto fit = fit_model(observations, options);
  if (!fit) return state.SkipWithError(fit.error().message.c_str());
  report_parameters(state, fit.value());
}
BENCHMARK(BM_PowerFitModel)->Arg(5)->Arg(180)->Unit(benchmark::kMicrosecond);

// Maximum likelihood on counts, through fit_model as core.fit does it.
void BM_CountsFit(benchmark::State& state, const std::string& model,
                  std::vector<CohortCounts> (*data)()) {
  if (!have_fixtures(state)) return;
  const auto observations = from_counts(data());
  if (!observations) return state.SkipWithError(observations.error().message.c_str());
  ModelFitOptions options;
  options.model = model;
  for (auto _ : state) benchmark::DoNotOptimize(fit_model(observations.value(), options));

  const auto fit = fit_model(observations.value(), options);
  if (!fit) return state.SkipWithError(fit.error().message.c_str());
  report_parameters(state, fit.value());
}
BENCHMARK_CAPTURE(BM_CountsFit, sbg_fader_hardie_13, "sbg", fader_hardie_regular)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_CountsFit, bdw_fader_hardie_13, "bdw", fader_hardie_regular)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_CountsFit, sbg_pooled_weekly_triangle_52, "sbg", weekly_triangle)
    ->Unit(benchmark::kMicrosecond);

// One step of fit_model on its own: the expected lifetime of the fitted curve, the sum over
// t >= 0 of S(t). run.mjs sets it beside the fits to show how much of them it takes.
void BM_ExpectedLifetime(benchmark::State& state, const std::string& model_name,
                         Result<Observations> (*data)()) {
  if (!have_fixtures(state)) return;
  const auto observations = data();
  if (!observations) return state.SkipWithError(observations.error().message.c_str());
  ModelFitOptions options;
  options.model = model_name;
  const auto fit = fit_model(observations.value(), options);
  if (!fit) return state.SkipWithError(fit.error().message.c_str());
  const auto model = make_model(model_name);
  for (auto _ : state) benchmark::DoNotOptimize(model->expected_lifetime(fit->values));
  // Google Benchmark writes an infinite counter as bare Infinity, which is not JSON.
  const double lifetime = model->expected_lifetime(fit->values);
  state.counters["lifetime_is_infinite"] = std::isinf(lifetime) ? 1 : 0;
  if (std::isfinite(lifetime)) state.counters["lifetime"] = lifetime;
}

// The data of the power and BdW fits above, for BM_ExpectedLifetime to fit first.
Result<Observations> power_points_5() { return from_curve(power_points(5)); }
Result<Observations> fader_hardie_counts() { return from_counts(fader_hardie_regular()); }
BENCHMARK_CAPTURE(BM_ExpectedLifetime, power_5_points, "power", power_points_5)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ExpectedLifetime, bdw_fader_hardie_13, "bdw", fader_hardie_counts)
    ->Unit(benchmark::kMicrosecond);

// Reading about 1 MB of retention text; bytes per second is the figure.
void BM_ParseRetention(benchmark::State& state) {
  const std::string text = retention_text(1u << 20);
  for (auto _ : state) benchmark::DoNotOptimize(parse_retention(text));

  const auto data = parse_retention(text);
  if (!data) return state.SkipWithError(data.error().message.c_str());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["text_bytes"] = static_cast<double>(text.size());
  state.counters["rows"] = static_cast<double>(data->periods.size());
}
BENCHMARK(BM_ParseRetention)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace retention
