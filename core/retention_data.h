// Observed retention read from text: one row per period, with a `period` column and a
// `retention` column (`retention_fact`, the original app's name, is accepted too) and an
// optional weight column (`weight`, `cohort_size` or `users`). Values may be fractions
// (0.55) or percentages (55 or 55%); which one was read is stated in the notes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "status.h"

namespace retention {

struct RetentionData {
  std::vector<double> periods;
  /// Fractions in [0, 1], whatever the text held.
  std::vector<double> retention;
  /// Empty unless the text had a weight column.
  std::vector<double> weights;
  /// True when the values were read as percentages and divided by 100.
  bool percent = false;
  /// Sentences on how the text was read (delimiter, header, percentages, decimal commas).
  std::vector<std::string> notes;
  /// 1-based line of each point in the text.
  std::vector<int> rows;
};

/// Reads retention data; an error names the row, the column and the value it found there.
Result<RetentionData> parse_retention(std::string_view text);

}  // namespace retention
