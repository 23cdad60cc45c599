// Any bytes: the splitter either reports an unclosed quote or returns rows whose line numbers
// rise and stay within the text's line count.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "delimited_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  const auto result = retention::parse_delimited_text(text);
  if (!result) return 0;
  const auto& table = result.value();
  const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  if (table.rows.size() != table.lines.size()) std::abort();
  for (std::size_t i = 0; i < table.lines.size(); ++i) {
    if (table.lines[i] < 1 || table.lines[i] > lines) std::abort();
    if (i > 0 && table.lines[i] <= table.lines[i - 1]) std::abort();
  }
  return 0;
}
