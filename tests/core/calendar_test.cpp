#include "calendar.h"

#include <gtest/gtest.h>

namespace retention {
namespace {

// Europe/Berlin around the 2024 change to summer time, as the page would give it: CET
// (+1 h) until 2024-03-31T01:00:00Z, then CEST (+2 h).
const std::vector<ZoneOffsetChange> berlin_2024 = {{1698541200, 3600}, {1711846800, 7200}};

Calendar make(PeriodUnit unit, WeekStart start = WeekStart::monday,
              std::vector<ZoneOffsetChange> zone = {}) {
  return Calendar::make({unit, start, std::move(zone)}).value();
}

Timestamp utc(std::string_view text) {
  return parse_timestamp(text, TimestampFormat::iso_8601).value();
}

TEST(Calendar, NumbersDaysWeeksAndMonthsFromTheEpoch) {
  const Timestamp epoch = utc("1970-01-01T00:00:00Z");
  EXPECT_EQ(0, make(PeriodUnit::day).period_of(epoch));
  EXPECT_EQ(0, make(PeriodUnit::week).period_of(epoch));
  EXPECT_EQ(0, make(PeriodUnit::month).period_of(epoch));
  EXPECT_EQ(-1, make(PeriodUnit::day).period_of(utc("1969-12-31T23:59:59Z")));
  EXPECT_EQ(-1, make(PeriodUnit::month).period_of(utc("1969-12-31T23:59:59Z")));
  EXPECT_EQ(19783, make(PeriodUnit::day).period_of(utc("2024-03-01")));
  EXPECT_EQ((2024 - 1970) * 12 + 2, make(PeriodUnit::month).period_of(utc("2024-03-01")));
}

TEST(Calendar, LabelsPeriodsByTheirFirstDay) {
  const Calendar months = make(PeriodUnit::month);
  EXPECT_EQ("1997-01", months.label(months.period_of(utc("1997-01-31T23:00:00Z"))));
  EXPECT_EQ("1969-12", months.label(-1));
  const Calendar days = make(PeriodUnit::day);
  EXPECT_EQ("2024-02-29", days.label(days.period_of(utc("2024-02-29T12:00:00Z"))));
  // 1970-01-01 was a Thursday; its week began on Monday 1969-12-29.
  EXPECT_EQ("1969-12-29", make(PeriodUnit::week).label(0));
  EXPECT_EQ("1969-12-28", make(PeriodUnit::week, WeekStart::sunday).label(0));
}

TEST(Calendar, WeekStartMovesASundayToTheNextWeek) {
  // Sunday 2024-03-03 ends the Monday week of 2024-02-26 but starts a Sunday week.
  const Timestamp sunday = utc("2024-03-03T12:00:00Z");
  const Calendar monday_weeks = make(PeriodUnit::week, WeekStart::monday);
  const Calendar sunday_weeks = make(PeriodUnit::week, WeekStart::sunday);
  EXPECT_EQ("2024-02-26", monday_weeks.label(monday_weeks.period_of(sunday)));
  EXPECT_EQ("2024-03-03", sunday_weeks.label(sunday_weeks.period_of(sunday)));
  const Timestamp saturday = utc("2024-03-02T12:00:00Z");
  EXPECT_EQ(monday_weeks.period_of(saturday), monday_weeks.period_of(sunday));
  EXPECT_EQ(sunday_weeks.period_of(saturday) + 1, sunday_weeks.period_of(sunday));
}

TEST(Calendar, TakesPeriodsAtMidnightInTheZoneAcrossADaylightSavingChange) {
  const Calendar days = make(PeriodUnit::day, WeekStart::monday, berlin_2024);
  // Midnight in Berlin before the change is 23:00 UTC the day before...
  EXPECT_EQ("2024-03-31", days.label(days.period_of(utc("2024-03-30T23:00:00Z"))));
  EXPECT_EQ("2024-03-30", days.label(days.period_of(utc("2024-03-30T22:59:59Z"))));
  // ... and after it 22:00 UTC.
  EXPECT_EQ("2024-04-01", days.label(days.period_of(utc("2024-03-31T22:00:00Z"))));
  EXPECT_EQ("2024-03-31", days.label(days.period_of(utc("2024-03-31T21:59:59Z"))));
  // The same instant is still March in UTC but April in Berlin.
  const Calendar berlin_months = make(PeriodUnit::month, WeekStart::monday, berlin_2024);
  EXPECT_EQ("2024-04", berlin_months.label(berlin_months.period_of(utc("2024-03-31T22:00Z"))));
  EXPECT_EQ("2024-03", make(PeriodUnit::month).label(
                           make(PeriodUnit::month).period_of(utc("2024-03-31T22:00Z"))));
}

TEST(Calendar, UsesTheFirstOffsetBeforeTheTableStarts) {
  const Calendar days = make(PeriodUnit::day, WeekStart::monday, berlin_2024);
  EXPECT_EQ(3600, days.offset_at(0));
  EXPECT_EQ(7200, days.offset_at(1711846800));
  EXPECT_EQ(3600, days.offset_at(1711846799));
}

TEST(Calendar, TakesWallClockTimesAsTheyAre) {
  // A date without an offset is that day in any zone, also west of Greenwich.
  const Calendar new_york = make(PeriodUnit::day, WeekStart::monday, {{0, -5 * 3600}});
  EXPECT_EQ("2024-03-01", new_york.label(new_york.period_of(utc("2024-03-01"))));
  EXPECT_EQ("2024-02-29", new_york.label(new_york.period_of(utc("2024-03-01T00:00:00Z"))));
}

TEST(Calendar, RefusesAZoneTableOutOfOrderOrBeyondEighteenHours) {
  const auto unordered = Calendar::make({PeriodUnit::day, WeekStart::monday, {{10, 0}, {5, 0}}});
  ASSERT_FALSE(unordered.ok());
  EXPECT_EQ("time zone offset change 2 does not come after the one before it; list the "
            "changes in increasing order of time",
            unordered.error().message);
  const auto far = Calendar::make({PeriodUnit::day, WeekStart::monday, {{0, 19 * 3600}}});
  ASSERT_FALSE(far.ok());
  EXPECT_EQ("time zone offset change 1: an offset of 68400 seconds is beyond 18 hours; give "
            "offsets in seconds east of UTC",
            far.error().message);
}

TEST(Calendar, FindsTheFirstDayOfEachPeriod) {
  const Calendar months = make(PeriodUnit::month);
  EXPECT_EQ("1969-11-01", iso_date(months.first_day(-2)));
  EXPECT_EQ("2024-12-01", iso_date(months.first_day((2024 - 1970) * 12 + 11)));
  EXPECT_EQ(19783, make(PeriodUnit::day).first_day(19783));
}

}  // namespace
}  // namespace retention
