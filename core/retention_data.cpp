#include "retention_data.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "delimited_text.h"
#include "format.h"
#include "number_text.h"
#include "table_cells.h"

namespace retention {
namespace {

const std::vector<std::string> period_names{"period", "periods"};
const std::vector<std::string> retention_names{"retention", "retention_fact", "retention_rate"};
const std::vector<std::string> weight_names{"weight", "cohort_size", "users"};

constexpr const char* retention_hint =
    "write a fraction such as 0.55 or a percentage such as 55%";
constexpr const char* period_hint = "periods are whole numbers counted from 0";
constexpr const char* weight_hint = "a weight is a number such as a cohort size, 1200";

// ", which is separated by semicolon rather than comma like the rest" when a short row uses
// another delimiter.
std::string other_delimiter_hint(const std::vector<std::string>& row, char delimiter) {
  for (const char other : {'\t', ';', ','}) {
    if (other == delimiter) continue;
    for (const std::string& cell : row) {
      if (cell.find(other) != std::string::npos) {
        return std::string(", which is separated by ") + delimiter_name(other) +
               " rather than " + delimiter_name(delimiter) + " like the rest";
      }
    }
  }
  return "";
}

}  // namespace

Result<RetentionData> parse_retention(std::string_view text) {
  auto parsed = parse_delimited_text(text);
  if (!parsed) return parsed.error();
  const DelimitedText& table = parsed.value();
  if (table.rows.empty()) {
    return Error{"the text is empty; load a file or paste two columns, period and retention"};
  }
  RetentionData data;

  const auto& first = table.rows.front();
  if (first.size() < 2) {
    return Error{"row " + std::to_string(table.lines.front()) + ": found one column (" +
                     quoted(first[0]) + ", separated by " + delimiter_name(table.delimiter) +
                     "); give two, period and retention, separated by tabs, commas or "
                     "semicolons",
                 table.lines.front(), 0};
  }

  // Header: a first row whose first two cells are not both numbers names the columns.
  const bool has_header = !parse_number(first[0]) || !parse_number(first[1]);
  int period_column = 0;
  int retention_column = 1;
  int weight_column = -1;
  std::vector<std::string> names = {"period", "retention"};
  if (has_header) {
    period_column = find_column(first, period_names);
    retention_column = find_column(first, retention_names);
    weight_column = find_column(first, weight_names);
    names = first;
    if (period_column < 0 || retention_column < 0) {
      const char* missing = period_column < 0 ? "period" : "retention";
      return Error{"row " + std::to_string(table.lines.front()) + ": no column named " +
                       missing + " (found " + list_of(first) +
                       "); name the columns period and retention",
                   table.lines.front(), 0};
    }
  } else {
    data.notes.push_back("there is no header row, so column 1 is read as period and column 2 "
                         "as retention");
  }
  if (table.rows.size() == (has_header ? 1u : 0u)) {
    return Error{"there is a header but no data rows; add one row per period under it",
                 table.lines.front(), 0};
  }

  // Cells: numbers, kept as found until the scale (fraction or percent) is known.
  const std::size_t width = static_cast<std::size_t>(
      std::max({period_column, retention_column, weight_column}) + 1);
  bool any_percent_sign = false;
  bool any_decimal_comma = false;
  bool any_thousands = false;
  int percent_sign_row = 0;
  std::size_t largest = 0;
  for (std::size_t r = has_header ? 1 : 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    const int line = table.lines[r];
    if (row.size() < width) {
      return short_row_error(line, row.size(), width, "the header needs",
                             other_delimiter_hint(row, table.delimiter));
    }

    if (has_header && row.size() > first.size()) {
      return Error{"row " + std::to_string(line) + " has " + std::to_string(row.size()) +
                       " cells but the header names " + std::to_string(first.size()) +
                       " columns; remove the extra cells or add a name for them to the header",
                   line, static_cast<int>(first.size()) + 1};
    }

    const Cell period_cell{line, period_column, names[period_column]};
    auto period = read_number(row[period_column], period_cell, table.delimiter, period_hint,
                              NumberKind::whole);
    if (!period) return period.error();
    any_thousands = any_thousands || period->had_thousands_separator;
    const double t = period->value;
    if (t < 0 || t != std::floor(t)) {
      return period_cell.error(quoted(row[period_column]) + " is not a whole number >= 0; "
                               "periods count from 0, the period the cohort started");
    }

    const Cell retention_cell{line, retention_column, names[retention_column]};
    auto value = read_number(row[retention_column], retention_cell, table.delimiter,
                             retention_hint);
    if (!value) return value.error();
    if (value->value < 0) {
      return retention_cell.error(quoted(row[retention_column]) + " is negative; retention "
                                  "is a share of the cohort, 0 or more");
    }
    if (value->had_percent_sign && !any_percent_sign) percent_sign_row = line;
    any_percent_sign = any_percent_sign || value->had_percent_sign;
    any_decimal_comma = any_decimal_comma || value->had_decimal_comma;

    if (weight_column >= 0) {
      const Cell weight_cell{line, weight_column, names[weight_column]};
      auto weight = read_number(row[weight_column], weight_cell, table.delimiter, weight_hint,
                                NumberKind::whole);
      if (!weight) return weight.error();
      if (weight->value < 0) {
        return weight_cell.error(quoted(row[weight_column]) + " is negative; a weight is 0 "
                                 "or more");
      }
      any_thousands = any_thousands || weight->had_thousands_separator;
      data.weights.push_back(weight->value);
    }

    if (data.retention.empty() || value->value > data.retention[largest]) {
      largest = data.retention.size();
    }
    data.periods.push_back(t);
    data.retention.push_back(value->value);
    data.rows.push_back(line);
  }

  // Scale: a % sign anywhere, or a value too large to be a fraction, means percentages.
  // Values just above 1 are neither clearly: say so rather than guess.
  const double peak = data.retention[largest];
  const Cell peak_cell{data.rows[largest], retention_column, names[retention_column]};
  if (any_percent_sign) {
    data.percent = true;
    data.notes.push_back("retention is read as percentages because row " +
                         std::to_string(percent_sign_row) + " has a % sign");
  } else if (peak > 1 && peak < 2) {
    return peak_cell.error(format_number(peak) + " is above 1; if the column holds "
                           "percentages, write them from 0 to 100 or with a % sign, and if it "
                           "holds fractions, retention cannot exceed 1");
  } else if (peak >= 2) {
    data.percent = true;
    data.notes.push_back("retention is read as percentages because the largest value, " +
                         format_number(peak) + " in row " + std::to_string(peak_cell.row) +
                         ", is above 1");
  }
  if (data.percent) {
    if (peak > 100 + 1e-9) {
      return peak_cell.error(format_number(peak) + "% is above 100%; retention cannot exceed "
                             "the cohort");
    }
    for (double& value : data.retention) value /= 100;
  }
  if (any_decimal_comma) {
    data.notes.push_back("decimal commas such as 0,55 are read as decimal points");
  }
  if (any_thousands) {
    data.notes.push_back("thousands separators such as 1,200 are read as 1200");
  }

  // Retention that rises with the period is kept too (noise does that), but every model
  // assumes it falls, so the first rise is pointed out.
  std::vector<std::size_t> order(data.periods.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&data](std::size_t x, std::size_t y) {
    return data.periods[x] < data.periods[y];
  });
  for (std::size_t k = 1; k < order.size(); ++k) {
    const std::size_t before = order[k - 1], after = order[k];
    if (data.periods[after] > data.periods[before] &&
        data.retention[after] > data.retention[before] + 1e-9) {
      data.notes.push_back("retention rises from " + format_number(data.retention[before]) +
                           " in period " + format_number(data.periods[before]) + " to " +
                           format_number(data.retention[after]) + " in period " +
                           format_number(data.periods[after]) + " (row " +
                           std::to_string(data.rows[after]) + "); the models assume it falls, "
                           "so check that row");
      break;
    }
  }

  // Repeated periods are kept (each is a point), but a person should know.
  std::map<double, int> first_row_of_period;
  for (std::size_t i = 0; i < data.periods.size(); ++i) {
    const auto [found, inserted] = first_row_of_period.emplace(data.periods[i], data.rows[i]);
    if (!inserted) {
      data.notes.push_back("period " + format_number(data.periods[i]) + " appears in rows " +
                           std::to_string(found->second) + " and " +
                           std::to_string(data.rows[i]) + "; both points are used");
    }
  }
  return data;
}

}  // namespace retention
