// Any bytes as an event log: reading it in chunks of a size taken from the first byte gives
// the same log and the same cohort table as reading it whole, or the same error.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cohorts.h"
#include "event_log.h"

namespace {

bool same_tables(const retention::CohortTable& x, const retention::CohortTable& y) {
  if (x.cohorts.size() != y.cohorts.size() || x.users != y.users) return false;
  for (std::size_t k = 0; k < x.cohorts.size(); ++k) {
    if (x.cohorts[k].counts != y.cohorts[k].counts) return false;
  }
  return x.mean_retention == y.mean_retention;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = 1 + bytes[0] % 64;
  const std::string_view text(reinterpret_cast<const char*>(bytes) + 1, size - 1);
  retention::EventLogOptions options;
  options.calendar.unit = static_cast<retention::PeriodUnit>(bytes[0] % 3);

  const auto whole = retention::read_event_log(text, options);
  retention::EventLogBuilder builder(options);
  bool failed = false;
  for (std::size_t at = 0; at < text.size() && !failed; at += chunk) {
    failed = !builder.add(text.substr(at, chunk));
  }
  const auto chunked = builder.finish();
  if (whole.ok() != chunked.ok()) std::abort();
  if (!whole) {
    if (whole.error().message != chunked.error().message) std::abort();
    return 0;
  }
  if (whole->events.size() != chunked->events.size() || whole->rows != chunked->rows ||
      whole->skipped_rows != chunked->skipped_rows || whole->user_count != chunked->user_count) {
    std::abort();
  }

  for (const auto mode : {retention::RetentionMode::on, retention::RetentionMode::on_or_after}) {
    retention::CohortOptions cohort_options;
    cohort_options.mode = mode;
    const auto x = retention::compute_cohorts(whole.value(), cohort_options);
    const auto y = retention::compute_cohorts(chunked.value(), cohort_options);
    if (x.ok() != y.ok() || (x.ok() && !same_tables(x.value(), y.value()))) std::abort();
  }
  return 0;
}
