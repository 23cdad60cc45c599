// Arbitrary finite numbers: fit_power_curve returns an error or finite, in-bound parameters.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "fuzz_numbers.h"
#include "power_fit.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  retention::fuzzing::NumberStream numbers(bytes, size);
  retention::PowerFitOptions options;
  options.form = numbers.count(1) ? retention::CurveForm::different_events
                                  : retention::CurveForm::same_event;
  const std::size_t points = numbers.count(40);
  const bool weighted = numbers.count(1) == 1;
  std::vector<double> periods, retention, weights;
  for (std::size_t i = 0; i < points; ++i) {
    periods.push_back(numbers.next());
    retention.push_back(numbers.next());
    if (weighted) weights.push_back(numbers.next());
  }
  const auto fit = retention::fit_power_curve(periods, retention, weights, options);
  if (!fit) return 0;
  const auto& curve = fit->curve;
  const bool in_bounds = curve.a >= 0 && curve.a < 1 && curve.c >= 0 && curve.d >= 0 &&
                         curve.b >= 1 && std::isfinite(curve.b) && std::isfinite(curve.c) &&
                         std::isfinite(curve.d);
  if (!in_bounds || !std::isfinite(fit->rmse) || !std::isfinite(fit->r_squared)) std::abort();
  return 0;
}
