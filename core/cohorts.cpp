#include "cohorts.h"

#include <algorithm>
#include <optional>

#include "format.h"

namespace retention {
namespace {

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// The period holding a from/to date, nothing for an empty one.
Result<std::optional<std::int32_t>> period_of_date(std::string_view text, const char* which,
                                                   const Calendar& calendar) {
  if (text.empty()) return std::optional<std::int32_t>();
  const auto time = parse_timestamp(text, TimestampFormat::iso_8601);
  if (!time || text.size() != 10) {
    return Error{std::string(which) + " is " + quoted(text) + ", which is not a date; write "
                 "it as YYYY-MM-DD, such as 2024-03-01"};
  }
  return std::optional<std::int32_t>(calendar.period_of_day(time->seconds / 86400));
}

// The number of an event name, or -1 for "any"; an error when the log cannot hold it.
Result<std::int32_t> event_id(const EventLog& log, const std::string& name, const char* role) {
  if (name.empty()) return -1;
  if (log.layout.event_column < 0) {
    return Error{std::string("a ") + role + " event, " + quoted(name) + ", is named but the "
                 "log has no event column; choose the event column or leave the " + role +
                 " event out"};
  }
  const std::int32_t id = log.event_names.find(name);
  if (id >= 0) return id;
  std::string listed;
  const std::int32_t shown = std::min(log.event_names.size(), 5);
  for (std::int32_t i = 0; i < shown; ++i) {
    listed += (i > 0 ? ", " : "") + quoted(log.event_names.text(i));
  }
  if (log.event_names.size() > shown) {
    listed += " and " + std::to_string(log.event_names.size() - shown) + " more";
  }
  return Error{std::string("no event is named ") + quoted(name) + " (names are matched exactly, "
               "case included); the event column holds " + listed};
}

// The distinct periods of each user's events of one name (or of any name when name < 0),
// in increasing order: user u's are periods[offsets[u]] up to periods[offsets[u + 1]].
struct PeriodsByUser {
  std::vector<std::size_t> offsets;
  std::vector<std::int32_t> periods;

  const std::int32_t* begin(std::int32_t user) const { return periods.data() + offsets[user]; }
  const std::int32_t* end(std::int32_t user) const { return periods.data() + offsets[user + 1]; }
};

PeriodsByUser group_by_user(const EventLog& log, std::int32_t name) {
  PeriodsByUser grouped;
  const auto users = static_cast<std::size_t>(log.user_count);
  const auto wanted = [name](const Event& event) { return name < 0 || event.name == name; };

  // Count each user's events, then place each event after the ones of earlier users.
  grouped.offsets.assign(users + 1, 0);
  log.events.for_each([&](const Event& event) {
    if (wanted(event)) ++grouped.offsets[static_cast<std::size_t>(event.user) + 1];
  });
  for (std::size_t u = 0; u < users; ++u) grouped.offsets[u + 1] += grouped.offsets[u];
  grouped.periods.resize(grouped.offsets[users]);
  std::vector<std::size_t> next(grouped.offsets.begin(), grouped.offsets.end() - 1);
  log.events.for_each([&](const Event& event) {
    if (wanted(event)) grouped.periods[next[static_cast<std::size_t>(event.user)]++] = event.period;
  });
  next = {};

  // Sort each user's periods and drop repeats, closing the gaps left.
  std::size_t write = 0;
  for (std::size_t u = 0; u < users; ++u) {
    const auto first = grouped.periods.begin() + static_cast<std::ptrdiff_t>(grouped.offsets[u]);
    const auto last = grouped.periods.begin() + static_cast<std::ptrdiff_t>(grouped.offsets[u + 1]);
    std::sort(first, last);
    const auto unique_end = std::unique(first, last);
    grouped.offsets[u] = write;
    write = static_cast<std::size_t>(
        std::copy(first, unique_end, grouped.periods.begin() + static_cast<std::ptrdiff_t>(write)) -
        grouped.periods.begin());
  }
  grouped.offsets[users] = write;
  grouped.periods.resize(write);
  return grouped;
}

}  // namespace

Result<CohortTable> compute_cohorts(const EventLog& log, const CohortOptions& options) {
  auto made = Calendar::make(log.calendar);
  if (!made) return made.error();
  const Calendar& calendar = made.value();

  // What starts, what returns, and which cohorts are reported.
  auto start_id = event_id(log, options.start_event, "start");
  if (!start_id) return start_id.error();
  auto return_id = event_id(log, options.return_event, "return");
  if (!return_id) return return_id.error();
  auto from = period_of_date(options.from, "from", calendar);
  if (!from) return from.error();
  auto to = period_of_date(options.to, "to", calendar);
  if (!to) return to.error();
  if (*from && *to && **from > **to) {
    return Error{"from, " + options.from + ", comes after to, " + options.to +
                 "; swap them"};
  }

  // Each user's start and return periods.
  const PeriodsByUser starts = group_by_user(log, *start_id);
  std::optional<PeriodsByUser> separate_returns;
  if (*return_id != *start_id) separate_returns = group_by_user(log, *return_id);
  const PeriodsByUser& returns = separate_returns ? *separate_returns : starts;

  // Rows of the table, made when their first user arrives; a row holds the intervals from
  // its period to the last period of the log.
  CohortTable table;
  table.unit = log.calendar.unit;
  table.last_period = log.last_period;
  table.last_period_label = calendar.label(log.last_period);
  const auto span = static_cast<std::size_t>(log.last_period - log.first_period + 1);
  std::vector<std::int32_t> row_of_period(span, -1);
  std::vector<Cohort> rows;
  std::size_t cells = 0;
  std::int64_t before_from = 0;
  std::int64_t after_to = 0;
  std::int64_t without_start = 0;
  std::int32_t earliest_cohort = log.last_period;
  std::int32_t latest_cohort = log.first_period;
  const bool first_only = options.cohort_by == CohortBy::first;

  for (std::int32_t user = 0; user < log.user_count; ++user) {
    const std::int32_t* const start_begin = starts.begin(user);
    const std::int32_t* const start_end = first_only && starts.begin(user) != starts.end(user)
                                              ? start_begin + 1
                                              : starts.end(user);
    if (start_begin == start_end) ++without_start;
    bool in_a_cohort = false;
    for (const std::int32_t* cohort = start_begin; cohort != start_end; ++cohort) {
      const std::int32_t period = *cohort;
      earliest_cohort = std::min(earliest_cohort, period);
      latest_cohort = std::max(latest_cohort, period);
      if (*from && period < **from) {
        ++before_from;
        continue;
      }
      if (*to && period > **to) {
        ++after_to;
        continue;
      }

      // The user's row, made on first use.
      std::int32_t& row_index = row_of_period[static_cast<std::size_t>(period - log.first_period)];
      if (row_index < 0) {
        const auto width = static_cast<std::size_t>(log.last_period - period + 1);
        cells += width;
        if (cells > options.max_cells) {
          return Error{"the table would have more than " + std::to_string(options.max_cells) +
                       " cells; choose a longer period or report fewer cohorts with from and to"};
        }
        row_index = static_cast<std::int32_t>(rows.size());
        rows.push_back({period, calendar.label(period), 0, std::vector<std::int64_t>(width, 0)});
      }
      Cohort& row = rows[static_cast<std::size_t>(row_index)];
      ++row.size;
      in_a_cohort = true;

      // Returns after the cohort's period: each one (on), or a run up to the last (on or
      // after) marked by its two ends and summed below.
      const std::int32_t* const later = std::upper_bound(returns.begin(user), returns.end(user),
                                                         period);
      // TODO(#4): recurring cohorts in "on" mode cost (start periods x return periods) per
      // user, which for daily cohorts of users active most days of a long log is large and
      // is not bounded by max_cells; bound it, or count per cohort from per-period user sets.
      if (options.mode == RetentionMode::on) {
        for (const std::int32_t* at = later; at != returns.end(user); ++at) {
          ++row.counts[static_cast<std::size_t>(*at - period)];
        }
      } else if (later != returns.end(user)) {
        const auto last_interval = static_cast<std::size_t>(*(returns.end(user) - 1) - period);
        ++row.counts[1];
        if (last_interval + 1 < row.counts.size()) --row.counts[last_interval + 1];
      }
    }
    table.users += in_a_cohort;
  }

  // Nothing selected is an error that says what there is.
  if (rows.empty()) {
    if (*from || *to) {
      return Error{"no cohort starts between " + (*from ? options.from : "the start") + " and " +
                   (*to ? options.to : "the end") + "; the log's cohorts run from " +
                   calendar.label(earliest_cohort) + " to " + calendar.label(latest_cohort)};
    }
    return Error{"no user did the start event " + quoted(options.start_event)};
  }

  // Cohorts in period order; interval 0 is the size; runs summed into counts.
  for (const std::int32_t index : row_of_period) {
    if (index < 0) continue;
    Cohort& row = rows[static_cast<std::size_t>(index)];
    if (options.mode == RetentionMode::on_or_after) {
      for (std::size_t k = 2; k < row.counts.size(); ++k) row.counts[k] += row.counts[k - 1];
    }
    row.counts[0] = row.size;
    table.cohorts.push_back(std::move(row));
  }

  // Mean retention, weighted by cohort size, over the cohorts that reach each interval.
  std::size_t longest = 0;
  for (const Cohort& cohort : table.cohorts) longest = std::max(longest, cohort.reached());
  std::vector<std::int64_t> counted(longest, 0);
  std::vector<std::int64_t> sizes(longest, 0);
  table.mean_cohorts.assign(longest, 0);
  for (const Cohort& cohort : table.cohorts) {
    for (std::size_t k = 0; k < cohort.reached(); ++k) {
      counted[k] += cohort.counts[k];
      sizes[k] += cohort.size;
      ++table.mean_cohorts[k];
    }
  }
  for (std::size_t k = 0; k < longest; ++k) {
    table.mean_retention.push_back(static_cast<double>(counted[k]) /
                                   static_cast<double>(sizes[k]));
  }

  // Summary.
  table.skipped_rows = log.skipped_rows;
  table.skipped_examples = log.skipped_examples;
  table.status = log.skipped_rows > 0 ? CohortStatus::rows_skipped : CohortStatus::complete;
  const std::string unit = period_unit_name(table.unit);
  const std::string start_event =
      options.start_event.empty() ? std::string("event") : quoted(options.start_event);
  table.message =
      plural(static_cast<std::int64_t>(table.cohorts.size()), "cohort", "cohorts") + " by " +
      unit + " of " + (first_only ? "first " : "each ") + start_event + ", " +
      plural(table.users, "user", "users") + ", intervals 0 to " +
      std::to_string(longest - 1) + "; the last " + unit + ", " + table.last_period_label +
      ", may be incomplete" +
      (log.skipped_rows > 0 ? "; " + plural(log.skipped_rows, "row", "rows") + " of the log " +
                                  (log.skipped_rows == 1 ? "was" : "were") + " skipped"
                            : "");
  if (first_only && before_from > 0) {
    table.notes.push_back(plural(before_from, "user is", "users are") + " left out because " +
                          "their first " + start_event +
                          " came before " + options.from);
  }
  if (first_only && after_to > 0) {
    table.notes.push_back(plural(after_to, "user is", "users are") + " left out because " +
                          "their first " + start_event + " came after " + options.to);
  }
  if (without_start > 0 && !options.start_event.empty()) {
    table.notes.push_back(plural(without_start, "user", "users") + " never did " +
                          start_event + " and " + (without_start == 1 ? "is" : "are") +
                          " in no cohort");
  }
  if (!options.return_event.empty()) {
    table.notes.push_back("a return is " + quoted(options.return_event));
  }
  // A column of counts or ids read as Unix seconds gives dates around 1970: say so where the
  // table is shown, not only in the layout notes of the mapping step.
  if (!log.layout.time_format.plausible) {
    table.notes.insert(table.notes.begin(),
                       "the time column (" + log.layout.column_names[std::size_t(
                           log.layout.time_column)] + ") holds times outside the years 1990 to "
                       "2099; check that it is the right column");
  }
  table.notes.push_back(options.mode == RetentionMode::on
                            ? "a user is counted at interval k when active in exactly that "
                              "period"
                            : "a user is counted at interval k when active in that period or "
                              "any later one");
  return table;
}

Result<CohortTable> cohorts_from_text(std::string_view text, const EventLogOptions& log_options,
                                      const CohortOptions& options) {
  auto log = read_event_log(text, log_options);
  if (!log) return log.error();
  return compute_cohorts(*log, options);
}

}  // namespace retention
