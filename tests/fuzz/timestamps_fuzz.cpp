// Any text as a timestamp in every format: it parses to a time within years 1 to 9999 or
// is explained, never crashes; detection over a sample counts no more than it saw.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "timestamps.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  using retention::TimestampFormat;
  for (const auto format : {TimestampFormat::automatic, TimestampFormat::iso_8601,
                            TimestampFormat::yyyymmdd, TimestampFormat::unix_seconds,
                            TimestampFormat::unix_milliseconds}) {
    const auto parsed = retention::parse_timestamp(text, format);
    // Years 1 to 9999 span about -62e9 to 253e9 seconds around 1970.
    if (parsed && (parsed->seconds < -63'000'000'000 || parsed->seconds > 254'000'000'000)) {
      std::abort();
    }
    if (!parsed && retention::explain_unparsed_timestamp(text, format).empty()) std::abort();
  }
  std::vector<std::string_view> sample;
  for (std::size_t at = 0; at < text.size(); at += 12) sample.push_back(text.substr(at, 12));
  const auto detected = retention::detect_timestamp_format(sample);
  if (detected.parsed > detected.values || detected.values > int(sample.size())) std::abort();
  return 0;
}
