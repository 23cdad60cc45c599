// Timings of the core's hot paths, native. The browser-side timings are in bench/browser.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "growth.h"
#include "power_fit.h"
#include "retention_data.h"

namespace retention {
namespace {

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

void BM_PowerFit(benchmark::State& state) {
  const PowerCurve truth = make_power_curve(0.2, 0, 1.5, 1.1, CurveForm::same_event).value();
  std::vector<double> periods;
  std::vector<double> retention;
  for (int t = 0; t < state.range(0); ++t) {
    periods.push_back(t);
    // A fixed ripple stands in for noise so the fit has a residual to work on.
    retention.push_back(retention_at(truth, t) * (1 + 0.01 * ((t % 3) - 1)));
  }
  for (auto _ : state) benchmark::DoNotOptimize(fit_power_curve(periods, retention));
}
BENCHMARK(BM_PowerFit)->Arg(5)->Arg(180)->Unit(benchmark::kMicrosecond);

void BM_ParseRetention(benchmark::State& state) {
  std::string text = "period\tretention\n";
  for (int t = 0; t < 20000; ++t) text += std::to_string(t) + "\t0.123456\n";
  for (auto _ : state) benchmark::DoNotOptimize(parse_retention(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseRetention)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace retention
