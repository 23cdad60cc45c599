// The period an event falls in: its day, week or calendar month, in a time zone.
//
// A time zone is given as a table of UTC-offset changes, which the page computes with the
// browser's Intl API for the span of the data: a WebAssembly module has no tz database,
// and the browser already knows every IANA zone. An instant's wall-clock time is its UTC
// time plus the offset in force; a timestamp that is already a wall-clock reading (a date,
// or a time without an offset, see timestamps.h) is used as it is.
//
// Periods are numbered without gaps from the Unix epoch, so that "interval k" is a
// subtraction: days since 1970-01-01, weeks since the week holding 1970-01-01 (a
// Thursday), months since January 1970. Negative numbers are periods before 1970.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "status.h"
#include "timestamps.h"

namespace retention {

enum class PeriodUnit { day, week, month };

enum class WeekStart { monday, sunday };

/// From the UTC instant `from_utc_seconds` on, wall-clock time is UTC plus `offset_seconds`
/// (3600 for CET, 7200 for CEST).
struct ZoneOffsetChange {
  std::int64_t from_utc_seconds = 0;
  std::int32_t offset_seconds = 0;
};

/// Offsets beyond this are refused (real ones stay within -12 and +14 hours).
inline constexpr std::int32_t max_zone_offset_seconds = 18 * 3600;

struct CalendarOptions {
  /// Length of a period.
  PeriodUnit unit = PeriodUnit::day;
  /// First day of a week; used only when unit is week.
  WeekStart week_start = WeekStart::monday;
  /// The zone's offset changes, in increasing order of from_utc_seconds. The first offset
  /// also applies before its instant. Empty means UTC.
  std::vector<ZoneOffsetChange> zone;
};

/// "day", "week" or "month".
const char* period_unit_name(PeriodUnit unit);

/// The date `days` after 1970-01-01 as YYYY-MM-DD.
std::string iso_date(std::int64_t days);

/// Periods of one unit, week start and zone.
class Calendar {
 public:
  /// Checks the zone table: increasing instants, offsets within max_zone_offset_seconds.
  static Result<Calendar> make(CalendarOptions options);

  const CalendarOptions& options() const { return options_; }

  /// Wall-clock seconds since 1970-01-01T00:00:00 of a timestamp in this zone.
  std::int64_t wall_clock_seconds(const Timestamp& time) const;

  /// The offset in force at a UTC instant.
  std::int32_t offset_at(std::int64_t utc_seconds) const;

  /// The period holding a timestamp.
  std::int32_t period_of(const Timestamp& time) const;

  /// The period holding a wall-clock day (days since 1970-01-01).
  std::int32_t period_of_day(std::int64_t day) const;

  /// The first day of a period (days since 1970-01-01).
  std::int64_t first_day(std::int32_t period) const;

  /// The period's name: the ISO date of its first day, or YYYY-MM for a month.
  std::string label(std::int32_t period) const;

 private:
  explicit Calendar(CalendarOptions options) : options_(std::move(options)) {}

  CalendarOptions options_;
};

}  // namespace retention
