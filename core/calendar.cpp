#include "calendar.h"

#include <date/date.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>

namespace retention {
namespace {

constexpr std::int64_t seconds_per_day = 86400;

// 1970-01-01 was a Thursday: the Monday before it is 3 days earlier, the Sunday 4.
constexpr std::int64_t days_after_week_start(WeekStart start) {
  return start == WeekStart::monday ? 3 : 4;
}

std::int64_t floor_div(std::int64_t numerator, std::int64_t denominator) {
  const std::int64_t quotient = numerator / denominator;
  return (numerator % denominator != 0 && (numerator < 0) != (denominator < 0)) ? quotient - 1
                                                                                : quotient;
}

date::year_month_day civil_date(std::int64_t days) {
  return date::year_month_day{date::sys_days{date::days{days}}};
}

// Zero-padded decimal of a fixed width.
std::string padded(int value, int width) {
  std::string text(static_cast<std::size_t>(width), '0');
  for (int i = width - 1; i >= 0 && value > 0; --i, value /= 10) {
    text[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  }
  return text;
}

}  // namespace

const char* period_unit_name(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::day: return "day";
    case PeriodUnit::week: return "week";
    case PeriodUnit::month: return "month";
  }
  return "day";
}

std::string iso_date(std::int64_t days) {
  const date::year_month_day date = civil_date(days);
  const int year = static_cast<int>(date.year());
  return (year < 0 ? "-" : "") + padded(std::abs(year), 4) + "-" +
         padded(static_cast<int>(static_cast<unsigned>(date.month())), 2) + "-" +
         padded(static_cast<int>(static_cast<unsigned>(date.day())), 2);
}

Result<Calendar> Calendar::make(CalendarOptions options) {
  const auto& zone = options.zone;
  for (std::size_t i = 0; i < zone.size(); ++i) {
    const std::string which = "time zone offset change " + std::to_string(i + 1);
    if (std::abs(zone[i].offset_seconds) > max_zone_offset_seconds) {
      return Error{which + ": an offset of " + std::to_string(zone[i].offset_seconds) +
                   " seconds is beyond 18 hours; give offsets in seconds east of UTC"};
    }
    if (i > 0 && zone[i].from_utc_seconds <= zone[i - 1].from_utc_seconds) {
      return Error{which + " does not come after the one before it; list the changes in "
                           "increasing order of time"};
    }
  }
  return Calendar(std::move(options));
}

std::int32_t Calendar::offset_at(std::int64_t utc_seconds) const {
  const auto& zone = options_.zone;
  if (zone.empty()) return 0;
  // The last change at or before the instant; before the first, the first one's offset.
  const auto after = std::upper_bound(
      zone.begin(), zone.end(), utc_seconds,
      [](std::int64_t instant, const ZoneOffsetChange& change) {
        return instant < change.from_utc_seconds;
      });
  return after == zone.begin() ? zone.front().offset_seconds : std::prev(after)->offset_seconds;
}

std::int64_t Calendar::wall_clock_seconds(const Timestamp& time) const {
  return time.wall_clock ? time.seconds : time.seconds + offset_at(time.seconds);
}

std::int32_t Calendar::period_of(const Timestamp& time) const {
  return period_of_day(floor_div(wall_clock_seconds(time), seconds_per_day));
}

std::int32_t Calendar::period_of_day(std::int64_t day) const {
  switch (options_.unit) {
    case PeriodUnit::day: return static_cast<std::int32_t>(day);
    case PeriodUnit::week:
      return static_cast<std::int32_t>(
          floor_div(day + days_after_week_start(options_.week_start), 7));
    case PeriodUnit::month: {
      const date::year_month_day date = civil_date(day);
      return (static_cast<int>(date.year()) - 1970) * 12 +
             static_cast<int>(static_cast<unsigned>(date.month())) - 1;
    }
  }
  return static_cast<std::int32_t>(day);
}

std::int64_t Calendar::first_day(std::int32_t period) const {
  switch (options_.unit) {
    case PeriodUnit::day: return period;
    case PeriodUnit::week:
      return std::int64_t{period} * 7 - days_after_week_start(options_.week_start);
    case PeriodUnit::month: {
      const std::int64_t years = floor_div(period, 12);
      const date::year year{1970 + static_cast<int>(years)};
      const date::month month{static_cast<unsigned>(period - years * 12 + 1)};
      return date::sys_days{year / month / 1}.time_since_epoch().count();
    }
  }
  return period;
}

std::string Calendar::label(std::int32_t period) const {
  const std::string date = iso_date(first_day(period));
  return options_.unit == PeriodUnit::month ? date.substr(0, date.size() - 3) : date;
}

}  // namespace retention
