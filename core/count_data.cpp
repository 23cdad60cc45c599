#include "count_data.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "delimited_text.h"
#include "format.h"
#include "table_cells.h"

namespace retention {
namespace {

const std::vector<std::string> period_names{"period", "year", "month", "week", "day"};
const std::vector<std::string> cohort_names{"cohort", "cohort_start", "start"};
const std::vector<std::string> users_names{"users", "active", "count", "active_users"};
constexpr const char* count_hint = "write the number of users, such as 1200";
constexpr const char* period_hint = "periods are whole numbers counted from 0";

Result<DelimitedText> table_with_data(std::string_view text) {
  auto parsed = parse_delimited_text(text);
  if (!parsed) return parsed.error();
  if (parsed->rows.empty()) return Error{"the text is empty; load a file or paste a table"};
  if (parsed->rows.size() < 2) {
    return Error{"there is a header but no data rows; add one row under it",
                 parsed->lines.front(), 0};
  }
  return parsed;
}

Result<double> read_period(std::string_view text, const Cell& cell, char delimiter) {
  auto number = read_number(text, cell, delimiter, period_hint, NumberKind::whole);
  if (!number) return number.error();
  if (number->value < 0 || number->value != std::floor(number->value)) {
    return cell.error(quoted(text) + " is not a whole number >= 0; " + period_hint);
  }
  return number->value;
}

Result<double> read_count(std::string_view text, const Cell& cell, char delimiter) {
  auto number = read_number(text, cell, delimiter, count_hint, NumberKind::whole);
  if (!number) return number.error();
  if (number->had_percent_sign || number->value < 0) {
    return cell.error(quoted(text) + " is not a count of users; " + count_hint);
  }
  return number->value;
}

// Survivor counts must start from the cohort size at period 0.
Error missing_size(const std::string& what, int row) {
  return {what + " has no users at period 0; its size is needed, in the period-0 cell", row, 0};
}

// Counts that look like fractions (all <= 1 with 1 at period 0) are retention, not counts.
bool looks_like_fractions(const CohortCounts& cohort) {
  if (cohort.size != 1) return false;
  return std::all_of(cohort.active.begin(), cohort.active.end(),
                     [](double value) { return value <= 1; });
}

Result<CohortRows> parse_long_form(const DelimitedText& table, int cohort_column,
                                   int period_column, int users_column) {
  const auto& header = table.rows.front();
  std::map<std::string, std::size_t> index_of;
  CohortRows result;
  std::vector<std::map<double, double>> cells;
  std::vector<int> first_rows;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    const int line = table.lines[r];
    const auto width = static_cast<std::size_t>(
        std::max({cohort_column, period_column, users_column}) + 1);
    if (row.size() < width) {
      return short_row_error(line, row.size(), width, "needs");
    }
    auto period = read_period(row[period_column], {line, period_column, header[period_column]},
                              table.delimiter);
    if (!period) return period.error();
    const Cell users_cell{line, users_column, header[users_column]};
    auto users = read_count(row[users_column], users_cell, table.delimiter);
    if (!users) return users.error();

    const std::string& label = row[cohort_column];
    const auto [found, inserted] = index_of.emplace(label, result.labels.size());
    if (inserted) {
      result.labels.push_back(label);
      cells.emplace_back();
      first_rows.push_back(line);
    }
    if (!cells[found->second].emplace(*period, *users).second) {
      return users_cell.error("cohort " + quoted(label) + " has period " +
                              format_number(*period) + " twice; keep one row per cohort and "
                              "period");
    }
  }

  for (std::size_t k = 0; k < cells.size(); ++k) {
    const auto size = cells[k].find(0.0);
    if (size == cells[k].end()) {
      return missing_size("cohort " + quoted(result.labels[k]), first_rows[k]);
    }
    CohortCounts cohort{size->second, {}, {}};
    for (const auto& [period, users] : cells[k]) {
      if (period == 0) continue;
      cohort.periods.push_back(period);
      cohort.active.push_back(users);
    }
    result.cohorts.push_back(std::move(cohort));
  }
  result.notes.push_back("read " + std::to_string(result.cohorts.size()) +
                         " cohorts in long form (one row per cohort and period)");
  return result;
}

Result<CohortRows> parse_triangle(const DelimitedText& table) {
  // Header: a label column, then one column per period.
  const auto& header = table.rows.front();
  if (header.size() < 3) {
    return Error{"row " + std::to_string(table.lines.front()) + ": a cohort table needs a "
                 "cohort column and columns for periods 0, 1, ...; or columns cohort, period "
                 "and users (found " + list_of(header) + ")",
                 table.lines.front(), 0};
  }
  std::vector<double> periods;
  for (std::size_t column = 1; column < header.size(); ++column) {
    auto period = read_period(header[column],
                              {table.lines.front(), static_cast<int>(column), "header"},
                              table.delimiter);
    if (!period) return period.error();
    if (!periods.empty() && *period <= periods.back()) {
      return Error{"row " + std::to_string(table.lines.front()) + ", column " +
                       std::to_string(column + 1) + ": period " + format_number(*period) +
                       " comes after period " + format_number(periods.back()) +
                       "; order the period columns 0, 1, 2, ...",
                   table.lines.front(), static_cast<int>(column) + 1};
    }
    periods.push_back(*period);
  }
  if (periods.front() != 0) {
    return Error{"row " + std::to_string(table.lines.front()) + ", column 2: the first period "
                 "column must be period 0, the cohort size (found " + quoted(header[1]) + ")",
                 table.lines.front(), 2};
  }

  // Rows: a label, the size, then counts until the data stop.
  CohortRows result;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    const int line = table.lines[r];
    result.labels.push_back(row[0]);
    const std::string what = "row " + std::to_string(line) + " (cohort " + quoted(row[0]) + ")";
    if (row.size() < 2 || row[1].empty()) return missing_size(what, line);
    CohortCounts cohort;
    for (std::size_t column = 1; column < row.size() && column <= periods.size(); ++column) {
      if (row[column].empty()) continue;  // not reached yet: missing, not zero
      const Cell cell{line, static_cast<int>(column), "period " + header[column]};
      auto users = read_count(row[column], cell, table.delimiter);
      if (!users) return users.error();
      if (column == 1) {
        cohort.size = *users;
      } else {
        cohort.periods.push_back(periods[column - 1]);
        cohort.active.push_back(*users);
      }
    }
    if (looks_like_fractions(cohort)) {
      return Error{what + " holds fractions; a cohort table needs user counts, with the cohort "
                   "size under period 0. Fit a single retention curve in retention mode",
                   line, 0};
    }
    result.cohorts.push_back(std::move(cohort));
  }
  result.notes.push_back("read " + std::to_string(result.cohorts.size()) +
                         " cohorts as a triangle; empty cells are periods not reached yet");
  return result;
}

}  // namespace

Result<CountColumns> parse_counts(std::string_view text) {
  auto parsed = table_with_data(text);
  if (!parsed) return parsed.error();
  const DelimitedText& table = parsed.value();
  const auto& header = table.rows.front();
  const int period_column = find_column(header, period_names);
  if (period_column < 0 || header.size() < 2) {
    return Error{"row " + std::to_string(table.lines.front()) +
                     ": no column named period, year, month, week or day (found " +
                     list_of(header) + "); name the period column and give one column of "
                     "counts per segment",
                 table.lines.front(), 0};
  }

  CountColumns result;
  std::vector<std::map<double, double>> cells;
  std::vector<int> columns;
  for (std::size_t column = 0; column < header.size(); ++column) {
    if (static_cast<int>(column) == period_column) continue;
    result.segments.push_back(header[column]);
    columns.push_back(static_cast<int>(column));
    cells.emplace_back();
  }
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    const int line = table.lines[r];
    if (row.size() <= static_cast<std::size_t>(period_column)) continue;
    auto period = read_period(row[period_column], {line, period_column, header[period_column]},
                              table.delimiter);
    if (!period) return period.error();
    for (std::size_t s = 0; s < columns.size(); ++s) {
      const auto column = static_cast<std::size_t>(columns[s]);
      if (column >= row.size() || row[column].empty()) continue;  // not observed
      auto users = read_count(row[column], {line, columns[s], header[column]}, table.delimiter);
      if (!users) return users.error();
      if (!cells[s].emplace(*period, *users).second) {
        return Error{"row " + std::to_string(line) + ": period " + format_number(*period) +
                         " appears twice; keep one row per period",
                     line, period_column + 1};
      }
    }
  }

  for (std::size_t s = 0; s < cells.size(); ++s) {
    const auto size = cells[s].find(0.0);
    if (size == cells[s].end()) {
      return missing_size("column " + quoted(result.segments[s]), table.lines.front());
    }
    CohortCounts cohort{size->second, {}, {}};
    for (const auto& [period, users] : cells[s]) {
      if (period == 0) continue;
      cohort.periods.push_back(period);
      cohort.active.push_back(users);
    }
    if (looks_like_fractions(cohort)) {
      return Error{"column " + quoted(result.segments[s]) + " holds fractions; counts mode "
                   "needs users, with the cohort size at period 0. Use retention mode for a "
                   "curve",
                   table.lines.front(), columns[s] + 1};
    }
    result.counts.push_back(std::move(cohort));
  }
  return result;
}

Result<CohortRows> parse_cohort_table(std::string_view text) {
  auto parsed = table_with_data(text);
  if (!parsed) return parsed.error();
  const DelimitedText& table = parsed.value();
  const auto& header = table.rows.front();
  const int cohort_column = find_column(header, cohort_names);
  const int period_column = find_column(header, {"period"});
  const int users_column = find_column(header, users_names);
  if (cohort_column >= 0 && period_column >= 0 && users_column >= 0) {
    return parse_long_form(table, cohort_column, period_column, users_column);
  }
  return parse_triangle(table);
}

}  // namespace retention
