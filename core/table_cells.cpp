#include "table_cells.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include "number_text.h"

namespace retention {

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return lower;
}

int find_column(const std::vector<std::string>& header, const std::vector<std::string>& names) {
  for (std::size_t column = 0; column < header.size(); ++column) {
    const std::string name = lowercase(header[column]);
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      return static_cast<int>(column);
    }
  }
  return -1;
}

std::string quoted(std::string_view text) {
  constexpr std::size_t shown = 40;
  if (text.size() <= shown) return "\"" + std::string(text) + "\"";
  return "\"" + std::string(text.substr(0, shown)) + "…\"";
}

std::string list_of(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + quoted(name);
  return text;
}

std::string Cell::where() const {
  return "row " + std::to_string(row) + ", column " + std::to_string(column + 1) + " (" + name +
         ")";
}

Error Cell::error(const std::string& what) const {
  return {where() + ": " + what, row, column + 1, what};
}

Error short_row_error(int line, std::size_t cells, std::size_t width, std::string_view needs,
                      std::string_view hint) {
  return {"row " + std::to_string(line) + " has " + std::to_string(cells) +
              (cells == 1 ? " column" : " columns") + " but " + std::string(needs) + " " +
              std::to_string(width) + std::string(hint) +
              "; fill in the missing cells or remove the row",
          line, static_cast<int>(cells) + 1};
}

namespace {

// "1,200,000" without its separators when every group after the first has three digits and
// one separator character is used throughout; nothing otherwise.
std::optional<std::string> without_thousands(std::string_view digits) {
  const std::size_t mark = digits.find_first_of(",. '");
  if (mark == std::string_view::npos || mark == 0 || mark > 3) return std::nullopt;
  const char separator = digits[mark];
  std::string kept(digits.substr(0, mark));
  for (std::size_t i = mark; i < digits.size(); i += 4) {
    if (digits[i] != separator || i + 4 > digits.size()) return std::nullopt;
    const std::string_view group = digits.substr(i + 1, 3);
    if (!std::all_of(group.begin(), group.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      return std::nullopt;
    }
    kept += group;
  }
  if (!std::all_of(kept.begin(), kept.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    return std::nullopt;
  }
  return kept;
}

}  // namespace

Result<CellNumber> read_number(std::string_view text, const Cell& cell, char delimiter,
                               const std::string& hint, NumberKind kind) {
  if (text.empty()) return cell.error("the cell is empty; fill it in or remove the row");
  CellNumber number;
  std::string_view digits = text;
  if (digits.back() == '%') {
    number.had_percent_sign = true;
    digits.remove_suffix(1);
    while (!digits.empty() && digits.back() == ' ') digits.remove_suffix(1);
  }
  std::optional<double> value = parse_number(digits);
  if (!value && kind == NumberKind::whole) {
    if (const auto grouped = without_thousands(digits)) {
      value = parse_number(*grouped);
      number.had_thousands_separator = value.has_value();
    }
  }
  if (!value && kind == NumberKind::share && delimiter != ',' &&
      std::count(digits.begin(), digits.end(), ',') == 1) {
    std::string with_point(digits);
    std::replace(with_point.begin(), with_point.end(), ',', '.');
    value = parse_number(with_point);
    number.had_decimal_comma = value.has_value();
  }
  if (!value) return cell.error(quoted(text) + " is not a number; " + hint);
  if (!std::isfinite(*value)) {
    return cell.error(quoted(text) + " is not a finite number; replace it with a value or "
                      "remove the row");
  }
  number.value = *value;
  return number;
}

}  // namespace retention
