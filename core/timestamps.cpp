#include "timestamps.h"

#include <date/date.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "number_text.h"

namespace retention {
namespace {

// 1990-01-01T00:00:00Z and 2100-01-01T00:00:00Z: where an event log's times plausibly lie.
constexpr std::int64_t plausible_from = 631152000;
constexpr std::int64_t plausible_until = 4102444800;

constexpr std::int64_t seconds_per_day = 86400;

enum class Problem { none, empty, shape, year, month, day, time_of_day, offset, range };

// A field read in one format: the time, or the first problem found, plus what a detector
// and a message need to know.
struct Reading {
  Timestamp time;
  Problem problem = Problem::none;
  bool has_time_of_day = false;
  bool has_offset = false;
  int year = 0;
  int month = 0;
  int day = 0;
};

bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }

// The number spelled by `count` digits at `text`, or -1 when one is not a digit.
int read_digits(const char* text, int count) {
  int value = 0;
  for (int i = 0; i < count; ++i) {
    if (!is_digit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::int64_t floor_div(std::int64_t numerator, std::int64_t denominator) {
  const std::int64_t quotient = numerator / denominator;
  return (numerator % denominator != 0 && (numerator < 0) != (denominator < 0)) ? quotient - 1
                                                                                : quotient;
}

// Days since 1970-01-01 of a calendar date, or the problem with it.
Problem civil_days(Reading& reading, std::int64_t& days) {
  if (reading.year < 1) return Problem::year;
  if (reading.month < 1 || reading.month > 12) return Problem::month;
  const date::year_month_day date{date::year{reading.year},
                                  date::month{static_cast<unsigned>(reading.month)},
                                  date::day{static_cast<unsigned>(reading.day)}};
  if (!date.ok()) return Problem::day;
  days = date::sys_days{date}.time_since_epoch().count();
  return Problem::none;
}

Reading read_iso_8601(std::string_view text) {
  Reading reading;
  const char* const chars = text.data();
  const std::size_t size = text.size();

  // Date: YYYY-MM-DD.
  if (size < 10 || chars[4] != '-' || chars[7] != '-') return {{}, Problem::shape};
  reading.year = read_digits(chars, 4);
  reading.month = read_digits(chars + 5, 2);
  reading.day = read_digits(chars + 8, 2);
  if (reading.year < 0 || reading.month < 0 || reading.day < 0) return {{}, Problem::shape};

  // Time of day: T or a space, hh:mm, optionally :ss and a fraction.
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  std::size_t at = 10;
  if (at < size) {
    if (chars[at] != 'T' && chars[at] != 't' && chars[at] != ' ') return {{}, Problem::shape};
    ++at;
    if (size < at + 5 || chars[at + 2] != ':') return {{}, Problem::shape};
    hours = read_digits(chars + at, 2);
    minutes = read_digits(chars + at + 3, 2);
    if (hours < 0 || minutes < 0) return {{}, Problem::shape};
    at += 5;
    if (at < size && chars[at] == ':') {
      if (size < at + 3) return {{}, Problem::shape};
      seconds = read_digits(chars + at + 1, 2);
      if (seconds < 0) return {{}, Problem::shape};
      at += 3;
      if (at < size && (chars[at] == '.' || chars[at] == ',')) {
        ++at;
        const std::size_t fraction = at;
        while (at < size && is_digit(chars[at])) ++at;
        if (at == fraction) return {{}, Problem::shape};
      }
    }
    reading.has_time_of_day = true;
  }

  // Offset: Z, or +hh, +hhmm, +hh:mm (or -), after at most one space.
  int offset_seconds = 0;
  if (at < size && chars[at] == ' ' && reading.has_time_of_day) ++at;
  if (at < size && reading.has_time_of_day) {
    reading.has_offset = true;
    if (chars[at] == 'Z' || chars[at] == 'z') {
      ++at;
    } else if (chars[at] == '+' || chars[at] == '-') {
      const int sign = chars[at] == '-' ? -1 : 1;
      if (size < at + 3) return {{}, Problem::offset};
      const int offset_hours = read_digits(chars + at + 1, 2);
      int offset_minutes = 0;
      at += 3;
      if (at < size) {
        if (chars[at] == ':') ++at;
        if (size < at + 2) return {{}, Problem::offset};
        offset_minutes = read_digits(chars + at, 2);
        at += 2;
      }
      if (offset_hours < 0 || offset_minutes < 0 || offset_hours > 23 || offset_minutes > 59) {
        return {{}, Problem::offset};
      }
      offset_seconds = sign * (offset_hours * 3600 + offset_minutes * 60);
    } else {
      return {{}, Problem::shape};
    }
  }
  if (at != size) return {{}, reading.has_offset ? Problem::offset : Problem::shape};

  // Meaning: a real date and time of day; a second of 60 (a leap second) is let through.
  std::int64_t days = 0;
  reading.problem = civil_days(reading, days);
  if (reading.problem != Problem::none) return reading;
  if (hours > 23 || minutes > 59 || seconds > 60) {
    reading.problem = Problem::time_of_day;
    return reading;
  }
  reading.time.seconds =
      days * seconds_per_day + hours * 3600 + minutes * 60 + seconds - offset_seconds;
  reading.time.wall_clock = !reading.has_offset;
  return reading;
}

Reading read_yyyymmdd(std::string_view text) {
  Reading reading;
  if (text.size() != 8) return {{}, Problem::shape};
  reading.year = read_digits(text.data(), 4);
  reading.month = read_digits(text.data() + 4, 2);
  reading.day = read_digits(text.data() + 6, 2);
  if (reading.year < 0 || reading.month < 0 || reading.day < 0) return {{}, Problem::shape};
  std::int64_t days = 0;
  reading.problem = civil_days(reading, days);
  reading.time = {days * seconds_per_day, true};
  return reading;
}

// Unix time; `milliseconds` is empty to decide by this value's magnitude.
Reading read_unix(std::string_view text, std::optional<bool> milliseconds) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();

  // Shape: an optional minus, digits, optionally a point and more digits.
  const char* at = begin;
  if (at < end && *at == '-') ++at;
  const char* const digits = at;
  while (at < end && is_digit(*at)) ++at;
  const char* const integer_end = at;
  if (integer_end == digits) return {{}, Problem::shape};
  bool fraction_nonzero = false;
  if (at < end && *at == '.') {
    const char* const fraction = ++at;
    while (at < end && is_digit(*at)) fraction_nonzero |= *at++ != '0';
    if (at == fraction) return {{}, Problem::shape};
  }
  if (at != end) return {{}, Problem::shape};

  // Value: rounded down, so that -1.5 seconds is in the second before -1.
  std::int64_t value = 0;
  const auto parsed = std::from_chars(begin, integer_end, value);
  if (parsed.ec != std::errc()) return {{}, Problem::range};
  if (fraction_nonzero && *begin == '-') --value;
  const bool in_milliseconds =
      milliseconds ? *milliseconds
                   : std::abs(static_cast<double>(value)) >= unix_milliseconds_from;
  const std::int64_t seconds = in_milliseconds ? floor_div(value, 1000) : value;
  if (seconds < earliest_timestamp || seconds > latest_timestamp) return {{}, Problem::range};
  Reading reading;
  reading.time = {seconds, false};
  reading.has_time_of_day = true;
  reading.has_offset = true;
  return reading;
}

bool looks_like_yyyymmdd(std::string_view text) {
  const Reading reading = read_yyyymmdd(text);
  return reading.problem == Problem::none;
}

Reading read(std::string_view text, TimestampFormat format) {
  if (text.empty()) return {{}, Problem::empty};
  switch (format) {
    case TimestampFormat::iso_8601: return read_iso_8601(text);
    case TimestampFormat::yyyymmdd: return read_yyyymmdd(text);
    case TimestampFormat::unix_seconds: return read_unix(text, false);
    case TimestampFormat::unix_milliseconds: return read_unix(text, true);
    case TimestampFormat::automatic: break;
  }
  if (text.size() >= 10 && text[4] == '-') return read_iso_8601(text);
  if (looks_like_yyyymmdd(text)) return read_yyyymmdd(text);
  return read_unix(text, std::nullopt);
}

const char* format_example(TimestampFormat format) {
  switch (format) {
    case TimestampFormat::iso_8601: return "an ISO 8601 date or time such as 2024-03-01 or "
                                           "2024-03-01T10:20:30Z";
    case TimestampFormat::yyyymmdd: return "a date written YYYYMMDD such as 19970101";
    case TimestampFormat::unix_seconds: return "a Unix time in seconds such as 1709287230";
    case TimestampFormat::unix_milliseconds: return "a Unix time in milliseconds such as "
                                                    "1709287230123";
    case TimestampFormat::automatic: break;
  }
  return "a time such as 2024-03-01T10:20:30Z, 19970101 or 1709287230";
}

std::string two_digits(int value) {
  return std::string(1, static_cast<char>('0' + value / 10 % 10)) +
         static_cast<char>('0' + value % 10);
}

}  // namespace

std::optional<Timestamp> parse_timestamp(std::string_view field, TimestampFormat format) {
  const Reading reading = read(field, format);
  if (reading.problem != Problem::none) return std::nullopt;
  return reading.time;
}

std::string explain_unparsed_timestamp(std::string_view field, TimestampFormat format) {
  const Reading reading = read(field, format);
  switch (reading.problem) {
    case Problem::none: return "";
    case Problem::empty: return "the time is empty";
    case Problem::shape: return std::string("it is not ") + format_example(format);
    case Problem::year: return "year 0 is not read; years run from 0001 to 9999";
    case Problem::month:
      return "month " + two_digits(reading.month) + " does not exist";
    case Problem::day:
      return "day " + two_digits(reading.day) + " does not exist in " +
             std::to_string(reading.year) + "-" + two_digits(reading.month);
    case Problem::time_of_day:
      return "the time of day is out of range (hours run from 00 to 23, minutes and seconds "
             "from 00 to 59)";
    case Problem::offset:
      return "the UTC offset is malformed or out of range; write Z, +02:00 or +0200";
    case Problem::range: return "it lies outside the years 1 to 9999";
  }
  return "";
}

const char* timestamp_format_name(TimestampFormat format) {
  switch (format) {
    case TimestampFormat::automatic: return "automatic";
    case TimestampFormat::iso_8601: return "ISO 8601";
    case TimestampFormat::yyyymmdd: return "YYYYMMDD";
    case TimestampFormat::unix_seconds: return "Unix seconds";
    case TimestampFormat::unix_milliseconds: return "Unix milliseconds";
  }
  return "automatic";
}

TimestampDetection detect_timestamp_format(const std::vector<std::string_view>& sample) {
  TimestampDetection detection;

  // Count what each format reads. Unix time is read as seconds or milliseconds after the
  // largest magnitude is known.
  int iso_parsed = 0;
  int compact_parsed = 0;
  int numbers = 0;
  double largest_number = 0;
  for (const std::string_view value : sample) {
    if (value.empty()) continue;
    ++detection.values;
    if (read_iso_8601(value).problem == Problem::none) ++iso_parsed;
    if (read_yyyymmdd(value).problem == Problem::none) ++compact_parsed;
    const Reading number = read_unix(value, false);
    if (number.problem == Problem::none || number.problem == Problem::range) {
      ++numbers;
      largest_number = std::max(largest_number, std::abs(parse_number(value).value_or(0)));
    }
  }
  const TimestampFormat unix_format = largest_number >= unix_milliseconds_from
                                          ? TimestampFormat::unix_milliseconds
                                          : TimestampFormat::unix_seconds;
  int unix_parsed = 0;
  if (numbers > 0) {
    for (const std::string_view value : sample) {
      if (!value.empty() && read(value, unix_format).problem == Problem::none) ++unix_parsed;
    }
  }

  // Choose the format reading the most values; ties go to the more specific format.
  if (iso_parsed > 0 && iso_parsed >= compact_parsed && iso_parsed >= unix_parsed) {
    detection.format = TimestampFormat::iso_8601;
    detection.parsed = iso_parsed;
  } else if (compact_parsed > 0 && compact_parsed >= unix_parsed) {
    detection.format = TimestampFormat::yyyymmdd;
    detection.parsed = compact_parsed;
  } else if (unix_parsed > 0) {
    detection.format = unix_format;
    detection.parsed = unix_parsed;
  } else {
    detection.description = "no time format found";
    return detection;
  }

  // Describe: the first value read, and for ISO 8601 whether offsets are given.
  std::string_view example;
  bool any_time_of_day = false;
  int with_offset = 0;
  detection.plausible = true;
  for (const std::string_view value : sample) {
    if (value.empty()) continue;
    const Reading reading = read(value, detection.format);
    if (reading.problem != Problem::none) continue;
    if (example.empty()) example = value;
    any_time_of_day |= reading.has_time_of_day;
    with_offset += reading.has_offset;
    detection.plausible &= reading.time.seconds >= plausible_from &&
                           reading.time.seconds < plausible_until;
  }
  const std::string such_as = ", such as " + std::string(example);
  switch (detection.format) {
    case TimestampFormat::iso_8601:
      if (!any_time_of_day) {
        detection.description = "ISO 8601 dates" + such_as + ", each a day in the chosen "
                                "time zone";
      } else if (with_offset == detection.parsed) {
        detection.description = "ISO 8601 dates and times with a UTC offset" + such_as;
      } else if (with_offset == 0) {
        detection.description = "ISO 8601 dates and times without a UTC offset" + such_as +
                                ", read as wall-clock time in the chosen time zone";
      } else {
        detection.description = "ISO 8601 dates and times" + such_as + ", some without a "
                                "UTC offset, which are read as wall-clock time in the chosen "
                                "time zone";
      }
      break;
    case TimestampFormat::yyyymmdd:
      detection.description = "dates written YYYYMMDD" + such_as + ", each a day in the "
                              "chosen time zone";
      break;
    case TimestampFormat::unix_seconds:
      detection.description = "Unix time in seconds" + such_as;
      break;
    case TimestampFormat::unix_milliseconds:
      detection.description = "Unix time in milliseconds" + such_as;
      break;
    case TimestampFormat::automatic: break;
  }
  return detection;
}

}  // namespace retention
