// Counts read from text, for the likelihood fits:
// - survivor counts of one or more segments: a period column (`period`, `year`, `month`,
//   `week` or `day`) and one column of counts per segment, whose period-0 row is the cohort
//   size (../shared/data/fader_hardie_2007.csv has segments `regular` and `high_end`);
// - several cohorts, either as a wide triangle (one row per cohort: its label, then users
//   at periods 0, 1, 2, ... named in the header; an empty cell is a period not reached yet,
//   not zero) or in long form (columns `cohort`, `period` and `users`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fit/observations.h"
#include "status.h"

namespace retention {

struct CountColumns {
  /// Name of each count column, in file order.
  std::vector<std::string> segments;
  /// One cohort per segment.
  std::vector<CohortCounts> counts;
  std::vector<std::string> notes;
};

struct CohortRows {
  /// The first column's text for each cohort (a date, a name), in file order.
  std::vector<std::string> labels;
  std::vector<CohortCounts> cohorts;
  std::vector<std::string> notes;
};

/// Survivor counts per segment. Errors name row, column and value.
Result<CountColumns> parse_counts(std::string_view text);

/// Several cohorts as a wide triangle or in long form (detected from the header).
Result<CohortRows> parse_cohort_table(std::string_view text);

}  // namespace retention
