// Any bytes: survivor counts come back as cohorts that from_counts either accepts or refuses
// with a message, and an accepted one fits to finite parameters.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "count_data.h"
#include "fit/model_fit.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  const auto result = retention::parse_counts(text);
  if (!result) return 0;
  for (const auto& cohort : result->counts) {
    if (!(cohort.size >= 0) || cohort.periods.size() != cohort.active.size()) std::abort();
    const auto observations = retention::from_counts({cohort});
    if (!observations) {
      if (observations.error().message.empty()) std::abort();
      continue;
    }
    retention::ModelFitOptions options;
    options.model = "sbg";
    options.horizon = 5;
    const auto fit = retention::fit_model(observations.value(), options);
    if (!fit) continue;
    for (const double value : fit->values) {
      if (!std::isfinite(value)) std::abort();
    }
  }
  return 0;
}
