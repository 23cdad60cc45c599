// Reading the cells of a delimited table the same way in every text format: column names,
// numbers as people type them, and messages that say where a cell is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "status.h"

namespace retention {

std::string lowercase(std::string_view text);

/// The first column whose lowercased name is one of `names`, or -1.
int find_column(const std::vector<std::string>& header, const std::vector<std::string>& names);

/// Text in double quotes for a message, cut to 40 characters.
std::string quoted(std::string_view text);

/// "\"a\", \"b\"".
std::string list_of(const std::vector<std::string>& names);

/// Where a cell is, for messages: "row 4, column 2 (retention)".
struct Cell {
  int row;     // 1-based line of the text
  int column;  // 0-based
  std::string name;

  std::string where() const;
  /// An Error at this cell: "row 4, column 2 (retention): <what>".
  Error error(const std::string& what) const;
};

/// The error for row `line` with fewer cells than `width`, at its first missing cell: "row 4
/// has 2 columns but <needs> 3<hint>; fill in the missing cells or remove the row". `needs`
/// says what asks for them ("needs", "the header needs"); `hint` may add a likely cause.
Error short_row_error(int line, std::size_t cells, std::size_t width, std::string_view needs,
                      std::string_view hint = {});

struct CellNumber {
  double value = 0;
  bool had_percent_sign = false;
  bool had_decimal_comma = false;
  bool had_thousands_separator = false;
};

/// What a cell holds, which decides how a comma in it reads: a share ("0,55" is a decimal
/// comma) or a whole count or period ("1,200" groups thousands).
enum class NumberKind { share, whole };

/// A finite number from a cell. A trailing % is removed and reported; a decimal comma
/// ("0,55") in a share is read as a point when commas do not separate the columns, and
/// thousands separators in a whole number that reads as no number otherwise ("1,200",
/// "1 200", "1'200", "1.200.000") are dropped;
/// both are reported. `hint` finishes the message for text that is no number.
Result<CellNumber> read_number(std::string_view text, const Cell& cell, char delimiter,
                               const std::string& hint, NumberKind kind = NumberKind::share);

}  // namespace retention
