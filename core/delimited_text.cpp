#include "delimited_text.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

namespace retention {
namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

// Lines looked at to choose the delimiter.
constexpr int lines_sampled = 50;

bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Counts a character outside double quotes.
int count_unquoted(std::string_view line, char wanted) {
  int count = 0;
  bool quoted = false;
  for (const char ch : line) {
    if (ch == '"') quoted = !quoted;
    if (ch == wanted && !quoted) ++count;
  }
  return count;
}

// The delimiter that splits the sampled lines into the same number of fields (two or more)
// on every line; when several do, the one giving the most fields, then tab before semicolon
// before comma, because a comma may also be a decimal mark. Spaces come last: only when no
// other character separates the columns.
char detect_delimiter(std::string_view text) {
  std::vector<std::string_view> sample;
  std::size_t start = 0;
  while (start < text.size() && static_cast<int>(sample.size()) < lines_sampled) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(start, end - start));
    if (!line.empty()) sample.push_back(line);
    start = end + 1;
  }

  char best = '\0';
  int best_count = 0;
  for (const char candidate : std::array{'\t', ';', ','}) {
    int common = -1;
    for (const std::string_view line : sample) {
      const int count = count_unquoted(line, candidate);
      common = (common == -1 || common == count) ? count : 0;
    }
    if (common > best_count) {
      best = candidate;
      best_count = common;
    }
  }
  if (best != '\0') return best;

  // Fall back on the candidate found on the most lines, so that a ragged file still splits
  // and a line with another delimiter stands out as the odd one.
  int most_lines = 0;
  for (const char candidate : std::array{'\t', ';', ','}) {
    const auto lines = std::count_if(sample.begin(), sample.end(), [candidate](auto line) {
      return count_unquoted(line, candidate) > 0;
    });
    if (lines > most_lines) {
      best = candidate;
      most_lines = static_cast<int>(lines);
    }
  }
  if (best != '\0') return best;
  for (const std::string_view line : sample) {
    if (line.find(' ') != std::string_view::npos) return ' ';
  }
  return '\0';
}

}  // namespace

std::optional<Error> binary_problem(std::string_view text) {
  const bool utf16_mark = text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
                                               (text[0] == '\xFE' && text[1] == '\xFF'));
  const std::size_t zero = text.substr(0, 65536).find('\0');
  if (!utf16_mark && zero == std::string_view::npos) return std::nullopt;

  // UTF-16 text of mostly ASCII has a zero in every other byte and printable characters in
  // the others; a binary file has zeros scattered anywhere.
  const std::size_t sample = std::min<std::size_t>(text.size(), 4096);
  std::size_t zeros[2] = {0, 0};
  std::size_t printable[2] = {0, 0};
  for (std::size_t i = 0; i < sample; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0) ++zeros[i % 2];
    if ((byte >= 0x20 && byte < 0x7F) || byte == '\t' || byte == '\n' || byte == '\r') {
      ++printable[i % 2];
    }
  }
  const std::size_t half = sample / 2;
  const bool alternating = (zeros[1] > half * 8 / 10 && printable[0] > half * 8 / 10) ||
                           (zeros[0] > half * 8 / 10 && printable[1] > half * 8 / 10);
  if (utf16_mark || alternating) {
    return Error{"the file is UTF-16 text; save it as UTF-8 (in a spreadsheet: Save as, CSV "
                 "UTF-8) and load it again"};
  }
  return Error{"this is not a text file: byte " + std::to_string(zero + 1) + " is a zero byte, "
               "as in a binary file; export the data as CSV or TSV and load that"};
}

const char* delimiter_name(char delimiter) {
  switch (delimiter) {
    case '\t': return "tab";
    case ',': return "comma";
    case ';': return "semicolon";
    case ' ': return "spaces";
    default: return "none";
  }
}

Result<DelimitedText> parse_delimited_text(std::string_view text) {
  if (text.size() > max_table_bytes) {
    return Error{"the text is " + std::to_string(text.size() >> 20) + " MB, more than the " +
                 std::to_string(max_table_bytes >> 20) + " MB a table can have here; for an "
                 "event log, use the Cohorts view, which reads files of any size in pieces"};
  }
  if (auto problem = binary_problem(text)) return *problem;
  if (text.substr(0, byte_order_mark.size()) == byte_order_mark) {
    text.remove_prefix(byte_order_mark.size());
  }
  DelimitedText table;
  table.delimiter = detect_delimiter(text);

  // One pass over the characters, tracking quotes so that delimiters and line ends inside a
  // quoted field stay part of it.
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  bool field_was_quoted = false;
  int line = 1;
  int row_line = 1;
  int quote_line = 0;
  int quote_column = 0;
  const auto end_field = [&] {
    fields.push_back(field_was_quoted ? field : std::string(trim(field)));
    field.clear();
    field_was_quoted = false;
  };
  const auto end_row = [&] {
    // Trailing spaces of an aligned line end no field.
    if (table.delimiter != ' ' || !field.empty() || field_was_quoted) end_field();
    const bool blank = fields.empty() || (fields.size() == 1 && fields[0].empty());
    if (!blank) {
      table.rows.push_back(std::move(fields));
      table.lines.push_back(row_line);
    }
    fields.clear();
    row_line = line + 1;
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (ch == '"') {
        quoted = false;
      } else {
        if (ch == '\n') ++line;
        field += ch;
      }
      continue;
    }
    if (ch == '"' && trim(field).empty()) {
      quoted = true;
      field_was_quoted = true;
      field.clear();
      quote_line = line;
      quote_column = static_cast<int>(fields.size()) + 1;
    } else if (ch == '\n') {
      end_row();
      ++line;
    } else if (table.delimiter == ' ' && is_space(ch)) {
      // Aligned columns: a run of spaces is one separator, and leading spaces are none.
      if (!field.empty() || field_was_quoted) end_field();
    } else if (ch == table.delimiter) {
      end_field();
    } else if (ch != '\r' || (i + 1 < text.size() && text[i + 1] != '\n')) {
      field += ch;
    }
  }
  if (quoted) {
    return Error{"row " + std::to_string(quote_line) + ", column " +
                     std::to_string(quote_column) +
                     ": a double quote opens a field that is never closed; add the closing "
                     "quote or remove the opening one",
                 quote_line, quote_column};
  }
  if (!field.empty() || !fields.empty() || field_was_quoted) end_row();
  return table;
}

}  // namespace retention
