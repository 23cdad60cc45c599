// Delimited text as people export it: tab-, comma- or semicolon-separated (detected from the
// data), or columns aligned with spaces; LF or CRLF line ends; an optional UTF-8 byte-order
// mark; fields quoted with double quotes, a doubled quote standing for one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "status.h"

namespace retention {

struct DelimitedText {
  /// The separator found: '\t', ',', ';', or ' ' for space-aligned columns; '\0' when every
  /// line holds a single field.
  char delimiter = '\0';
  /// Fields of each non-blank line, unquoted; unquoted fields are trimmed of spaces.
  std::vector<std::vector<std::string>> rows;
  /// 1-based line of the text where each row starts (blank lines are counted, not kept).
  std::vector<int> lines;
};

/// The largest text split at once: tables of retention or counts are far smaller, and an
/// event log goes through the streaming reader of event_log.h instead.
inline constexpr std::size_t max_table_bytes = std::size_t{64} << 20;

/// Why bytes are no text to read: UTF-16 (named as such, with what to do) or binary; nothing
/// for text, UTF-8 or any other 8-bit encoding.
std::optional<Error> binary_problem(std::string_view text);

/// A name for a delimiter in messages: "tab", "comma", "semicolon", "spaces" or "none".
const char* delimiter_name(char delimiter);

/// Splits the text into rows of fields. Fails on a quote that is never closed, on text over
/// max_table_bytes, and on bytes that are no text: UTF-16 (named as such) or binary.
Result<DelimitedText> parse_delimited_text(std::string_view text);

}  // namespace retention
