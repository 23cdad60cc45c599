// Times as event logs write them, read into seconds since 1970-01-01T00:00:00.
//
// Formats read (one per column, detected from a sample or chosen):
//   ISO 8601      2024-03-01, 2024-03-01T10:20:30, 2024-03-01 10:20:30.123Z,
//                 2024-03-01T10:20:30+02:00, +0200 or +02 (a space before the offset is
//                 allowed; fractions of a second are dropped)
//   YYYYMMDD      19970101, as in the CDNOW data set
//   Unix time     seconds or milliseconds since 1970-01-01T00:00:00Z, optionally negative
//                 or with a fraction (dropped, rounding down)
//
// Unix seconds and milliseconds are told apart by magnitude: a column whose largest value
// is below 1e11 holds seconds (1e11 seconds is the year 5138), otherwise milliseconds
// (1e11 milliseconds is 1973-03-03). An eight-digit number that is a valid date
// (19970101) is read as YYYYMMDD, not as Unix seconds (which would be August 1970).
//
// A time with an offset or Z, and Unix time, is an instant. A date, or a date and time
// without an offset, names no instant: it is a wall-clock reading, and the calendar takes
// it as a reading in the analysis's time zone. So 1997-02-01 is in February in every zone,
// instead of moving to January 31 west of Greenwich.
//
// Only the years 1 to 9999 are read; every calendar calculation is proleptic Gregorian
// (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", through the date library).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retention {

enum class TimestampFormat {
  /// Detect: each value is read by whichever format fits it.
  automatic,
  iso_8601,
  yyyymmdd,
  unix_seconds,
  unix_milliseconds,
};

/// A time read from text.
struct Timestamp {
  /// Seconds since 1970-01-01T00:00:00: in UTC, or on the wall clock when wall_clock.
  std::int64_t seconds = 0;
  /// True when the text gave no offset (a date, or a date and time without Z or +hh:mm).
  bool wall_clock = false;
};

/// 0001-01-01T00:00:00 and 9999-12-31T23:59:59, the range read.
inline constexpr std::int64_t earliest_timestamp = -62135596800;
inline constexpr std::int64_t latest_timestamp = 253402300799;

/// Unix values whose magnitude reaches this are milliseconds, below it seconds.
inline constexpr double unix_milliseconds_from = 1e11;

/// The time a whole field spells in the format, or nothing. With automatic, Unix values
/// are told apart by the magnitude of this one value.
std::optional<Timestamp> parse_timestamp(std::string_view field, TimestampFormat format);

/// Why a field is not a time in the format, as a clause for a message ("month 13 does not
/// exist"); empty when it is one.
std::string explain_unparsed_timestamp(std::string_view field, TimestampFormat format);

/// "ISO 8601", "YYYYMMDD", "Unix seconds", "Unix milliseconds" or "automatic".
const char* timestamp_format_name(TimestampFormat format);

struct TimestampDetection {
  /// The format that reads the most sampled values (ties: ISO 8601, then YYYYMMDD, then
  /// Unix time); automatic when none reads any.
  TimestampFormat format = TimestampFormat::automatic;
  /// Non-empty values looked at.
  int values = 0;
  /// Of those, how many the format reads.
  int parsed = 0;
  /// True when every value read lies in the years 1990 to 2099, as an event log's times do;
  /// a column of ids read as Unix seconds usually does not.
  bool plausible = false;
  /// For the person: the format with an example from the sample, and how a time without an
  /// offset is read ("ISO 8601 dates and times with a UTC offset, such as ...").
  std::string description;
};

/// Names the format of a column from a sample of its values (empty values are ignored).
TimestampDetection detect_timestamp_format(const std::vector<std::string_view>& sample);

}  // namespace retention
