// Ingest and cohort a synthetic event log held in memory, native. The figure to compare is
// bytes per second (MB/s) over the whole pipeline: chunked reading, interning, cohorts.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>

#include "cohorts.h"
#include "event_log.h"

namespace retention {
namespace {

constexpr std::size_t log_bytes = 50u << 20;
constexpr std::size_t chunk_bytes = 1u << 20;

// About 50 MB of "user,time,event" rows over 180 days, in time order as exports are, with
// users drawn uniformly from `users` ids (so 1M users each appear a little over once).
std::string synthetic_log(std::uint32_t users) {
  std::string text = "user_id,timestamp,event\n";
  text.reserve(log_bytes + 64);
  constexpr std::int64_t start = 1704067200;  // 2024-01-01T00:00:00Z
  constexpr std::int64_t span = 180 * 86400;
  const char* const events[] = {"open", "view", "buy"};
  std::uint64_t state = 42;
  const auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::uint32_t>(state >> 33);
  };
  const std::size_t rows_expected = log_bytes / 35;
  char row[96];
  for (std::size_t i = 0; text.size() < log_bytes; ++i) {
    const std::int64_t seconds = start + static_cast<std::int64_t>(span * i / rows_expected);
    const std::int64_t day = seconds / 86400;
    const std::int64_t second_of_day = seconds % 86400;
    // Civil date of `day` (H. Hinnant's civil_from_days), to write ISO 8601 without a library.
    const std::int64_t z = day + 719468;
    const std::int64_t era = z / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2);
    const int length = std::snprintf(
        row, sizeof row, "u%07u,%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ,%s\n",
        next() % users, static_cast<long long>(y), static_cast<long long>(m),
        static_cast<long long>(d), static_cast<long long>(second_of_day / 3600),
        static_cast<long long>(second_of_day / 60 % 60), static_cast<long long>(second_of_day % 60),
        events[next() % 3]);
    text.append(row, static_cast<std::size_t>(length));
  }
  return text;
}

// The events of a log: its rows after the header.
double rows_of(const std::string& text) {
  return static_cast<double>(std::count(text.begin(), text.end(), '\n') - 1);
}

void BM_IngestAndCohort(benchmark::State& state) {
  const std::string text = synthetic_log(static_cast<std::uint32_t>(state.range(0)));
  EventLogOptions log_options;
  log_options.calendar.unit = PeriodUnit::week;
  std::size_t peak_memory = 0;
  for (auto _ : state) {
    EventLogBuilder builder(log_options);
    for (std::size_t at = 0; at < text.size(); at += chunk_bytes) {
      benchmark::DoNotOptimize(builder.add(std::string_view(text).substr(at, chunk_bytes)));
    }
    const EventLog log = builder.finish().value();
    peak_memory = log.peak_memory_bytes;
    benchmark::DoNotOptimize(compute_cohorts(log));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["peak_MiB"] = static_cast<double>(peak_memory) / (1 << 20);
  state.counters["log_MiB"] = static_cast<double>(text.size()) / (1 << 20);
  state.counters["rows"] = rows_of(text);
}
BENCHMARK(BM_IngestAndCohort)->Arg(1000000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_Ingest(benchmark::State& state) {
  const std::string text = synthetic_log(1000000);
  for (auto _ : state) benchmark::DoNotOptimize(read_event_log(text));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["rows"] = rows_of(text);
}
BENCHMARK(BM_Ingest)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace retention
