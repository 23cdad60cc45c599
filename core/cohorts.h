// Cohort retention from an event log: which users started in each period, and how many of
// them were active 0, 1, 2, ... periods later.
//
// A user's cohort is the period of their first start event over the whole log ("first"),
// or every period in which they did the start event ("recurring"). Interval 0 of a cohort
// is its size. At interval k >= 1 a user of cohort c is counted
//   on           if they did the return event in period c + k,
//   on or after  if they did it in period c + k or any later period.
// With no start event named, any event starts; with no return event named, any event
// returns. The counts are users, not events.
//
// A cohort's cells stop at the last period in the log: later ones are missing, not zero,
// and that last period is flagged, because the log may end part-way through it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.h"
#include "event_log.h"
#include "status.h"

namespace retention {

enum class CohortBy {
  /// Each user in one cohort: the period of their first start event.
  first,
  /// A user in the cohort of every period in which they did the start event.
  recurring,
};

enum class RetentionMode {
  /// Counted at interval k when active in exactly period k.
  on,
  /// Counted at interval k when active in period k or any later one.
  on_or_after,
};

struct CohortOptions {
  CohortBy cohort_by = CohortBy::first;
  RetentionMode mode = RetentionMode::on;
  /// Event name that puts a user in a cohort, as written in the event column; empty for any.
  std::string start_event;
  /// Event name that counts as a return; empty for any.
  std::string return_event;
  /// Report only cohorts whose period holds or follows this date (YYYY-MM-DD, in the log's
  /// time zone); empty for no limit. Cohorts are still found over the whole log, so a user
  /// whose first event comes earlier is left out rather than put in a later cohort.
  std::string from;
  /// Report only cohorts whose period holds or precedes this date; empty for no limit.
  std::string to;
  /// Refuse tables with more cells than this (about 8 bytes each); daily cohorts over many
  /// years grow as the square of the span.
  std::size_t max_cells = 20'000'000;
};

struct Cohort {
  /// Period index (see calendar.h) and its label: the ISO date it starts, or YYYY-MM.
  std::int32_t period = 0;
  std::string start;
  /// Users in the cohort.
  std::int64_t size = 0;
  /// counts[k]: users counted at interval k; counts[0] is size. Holds exactly the intervals
  /// the log reaches (reached() of them); the later intervals are missing.
  std::vector<std::int64_t> counts;

  std::size_t reached() const { return counts.size(); }
};

enum class CohortStatus {
  /// Every row of the log was read.
  complete,
  /// Some rows of the log were skipped, so counts may be low; skipped_examples says which.
  rows_skipped,
};

struct CohortTable {
  PeriodUnit unit = PeriodUnit::day;
  /// Cohorts with at least one user, in period order (periods without a new user have no
  /// row).
  std::vector<Cohort> cohorts;
  /// Users in at least one reported cohort.
  std::int64_t users = 0;
  /// The last period in the log, which the log may cover only in part: the last count of
  /// every cohort falls in it.
  std::int32_t last_period = 0;
  std::string last_period_label;
  /// Mean retention at each interval, weighted by cohort size over the cohorts that reach
  /// it: sum of counts[k] / sum of sizes; mean_cohorts[k] says how many cohorts that is.
  /// Cells in the last, possibly incomplete period are included.
  std::vector<double> mean_retention;
  std::vector<std::int32_t> mean_cohorts;
  /// Rows of the log that were not read.
  std::int64_t skipped_rows = 0;
  std::vector<SkippedRow> skipped_examples;
  CohortStatus status = CohortStatus::complete;
  /// One sentence: cohorts, users, intervals, the incomplete last period.
  std::string message;
  /// Further sentences: users left out by from/to or for lack of a start event, repeats.
  std::vector<std::string> notes;
};

/// The cohort table of a log. Errors: a start or return event the log does not hold, an
/// event named without an event column, a from/to that is not a date or selects nothing,
/// a table beyond max_cells.
Result<CohortTable> compute_cohorts(const EventLog& log, const CohortOptions& options = {});

/// Reads a whole text as an event log, then computes its cohort table.
Result<CohortTable> cohorts_from_text(std::string_view text,
                                      const EventLogOptions& log_options = {},
                                      const CohortOptions& options = {});

}  // namespace retention
