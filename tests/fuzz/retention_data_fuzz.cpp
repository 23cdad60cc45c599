// Any bytes: parse_retention returns data or an error that points inside the text, and data
// that is always usable: fractions in [0, 1] and whole periods >= 0.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "retention_data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  const auto result = retention::parse_retention(text);
  if (!result) {
    if (result.error().message.empty() || result.error().row < 0) std::abort();
    return 0;
  }
  const auto& data = result.value();
  if (data.periods.size() != data.retention.size() || data.rows.size() != data.periods.size()) {
    std::abort();
  }
  for (std::size_t i = 0; i < data.periods.size(); ++i) {
    const double period = data.periods[i];
    const double value = data.retention[i];
    if (!(period >= 0) || period != std::floor(period)) std::abort();
    if (!(value >= 0 && value <= 1)) std::abort();
  }
  return 0;
}
