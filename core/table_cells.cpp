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

Result<CellNumber> read_number(std::string_view text, const Cell& cell, char delimiter,
                               const std::string& hint) {
  if (text.empty()) return cell.error("the cell is empty; fill it in or remove the row");
  CellNumber number;
  std::string_view digits = text;
  if (digits.back() == '%') {
    number.had_percent_sign = true;
    digits.remove_suffix(1);
    while (!digits.empty() && digits.back() == ' ') digits.remove_suffix(1);
  }
  std::optional<double> value = parse_number(digits);
  if (!value && delimiter != ',' && std::count(digits.begin(), digits.end(), ',') == 1) {
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
