// Any bytes: a cohort table parses into cohorts with one label each, or an error.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "count_data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  const auto result = retention::parse_cohort_table(text);
  if (!result) {
    if (result.error().message.empty()) std::abort();
    return 0;
  }
  if (result->labels.size() != result->cohorts.size()) std::abort();
  for (const auto& cohort : result->cohorts) {
    if (cohort.periods.size() != cohort.active.size()) std::abort();
  }
  return 0;
}
