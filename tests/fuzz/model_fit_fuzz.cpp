// Arbitrary finite numbers as a curve or as counts: every model returns an error or finite
// parameters with a finite forecast band that contains the forecast.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "fit/model_fit.h"
#include "fuzz_numbers.h"
#include "models/model.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  retention::fuzzing::NumberStream numbers(bytes, size);
  retention::ModelFitOptions options;
  const auto& names = retention::model_names();
  options.model = names[numbers.count(names.size() - 1)];
  options.horizon = static_cast<int>(numbers.count(20));
  const bool counts = numbers.count(1) == 1;
  const std::size_t points = numbers.count(24);

  retention::Result<retention::Observations> observations = retention::Error{"unset"};
  if (counts) {
    retention::CohortCounts cohort{numbers.next(), {}, {}};
    for (std::size_t i = 0; i < points; ++i) {
      cohort.periods.push_back(numbers.next());
      cohort.active.push_back(numbers.next());
    }
    observations = retention::from_counts({cohort});
  } else {
    retention::ObservedCurve curve;
    for (std::size_t i = 0; i < points; ++i) {
      curve.periods.push_back(numbers.next());
      curve.retention.push_back(numbers.next());
    }
    observations = retention::from_curve(curve);
  }
  if (!observations) return 0;

  const auto fit = retention::fit_model(observations.value(), options);
  if (!fit) return 0;
  for (const double value : fit->values) {
    if (!std::isfinite(value)) std::abort();
  }
  const auto& forecast = fit->forecast;
  for (std::size_t t = 0; t < forecast.retention.size(); ++t) {
    const double value = forecast.retention[t];
    if (!(value >= 0 && value <= 1)) std::abort();
    if (!(forecast.lower[t] <= value + 1e-12 && value <= forecast.upper[t] + 1e-12)) {
      std::abort();
    }
  }
  return 0;
}
