#include "timestamps.h"

#include <gtest/gtest.h>

namespace retention {
namespace {

// 2024-03-01T00:00:00Z.
constexpr std::int64_t march_1_2024 = 1709251200;

std::int64_t seconds_of(std::string_view text, TimestampFormat format) {
  const auto time = parse_timestamp(text, format);
  EXPECT_TRUE(time.has_value()) << text;
  return time ? time->seconds : 0;
}

TEST(Timestamps, ReadsIsoDatesAsWallClockDays) {
  const Timestamp time = parse_timestamp("2024-03-01", TimestampFormat::iso_8601).value();
  EXPECT_EQ(march_1_2024, time.seconds);
  EXPECT_TRUE(time.wall_clock);
}

TEST(Timestamps, ReadsIsoDateTimesWithAndWithoutOffsets) {
  const auto iso = TimestampFormat::iso_8601;
  const std::int64_t ten_twenty_thirty = march_1_2024 + 10 * 3600 + 20 * 60 + 30;
  EXPECT_EQ(ten_twenty_thirty, seconds_of("2024-03-01T10:20:30", iso));
  EXPECT_EQ(ten_twenty_thirty, seconds_of("2024-03-01 10:20:30.123Z", iso));
  EXPECT_EQ(ten_twenty_thirty - 7200, seconds_of("2024-03-01T10:20:30+02:00", iso));
  EXPECT_EQ(ten_twenty_thirty - 7200, seconds_of("2024-03-01T10:20:30+0200", iso));
  EXPECT_EQ(ten_twenty_thirty - 7200, seconds_of("2024-03-01 10:20:30 +02", iso));
  EXPECT_EQ(ten_twenty_thirty + 5 * 3600 + 1800, seconds_of("2024-03-01T10:20:30-05:30", iso));
  EXPECT_EQ(ten_twenty_thirty - 30, seconds_of("2024-03-01t10:20z", iso));
  EXPECT_TRUE(parse_timestamp("2024-03-01T10:20:30", iso)->wall_clock);
  EXPECT_FALSE(parse_timestamp("2024-03-01T10:20:30Z", iso)->wall_clock);
}

TEST(Timestamps, ReadsYyyymmddAsInTheCdnowFile) {
  EXPECT_EQ(852076800, seconds_of("19970101", TimestampFormat::yyyymmdd));
  EXPECT_TRUE(parse_timestamp("19970101", TimestampFormat::yyyymmdd)->wall_clock);
}

TEST(Timestamps, ReadsUnixSecondsAndMilliseconds) {
  EXPECT_EQ(march_1_2024, seconds_of("1709251200", TimestampFormat::unix_seconds));
  EXPECT_EQ(march_1_2024, seconds_of("1709251200999", TimestampFormat::unix_milliseconds));
  EXPECT_EQ(march_1_2024, seconds_of("1709251200.75", TimestampFormat::unix_seconds));
  // A fraction rounds down, also before 1970.
  EXPECT_EQ(-2, seconds_of("-1.5", TimestampFormat::unix_seconds));
  EXPECT_EQ(-2, seconds_of("-1001", TimestampFormat::unix_milliseconds));
  EXPECT_FALSE(parse_timestamp("1709251200", TimestampFormat::unix_seconds)->wall_clock);
}

TEST(Timestamps, TellsUnixSecondsFromMillisecondsByMagnitude) {
  // Just below 1e11 is seconds (year 5138), 1e11 itself milliseconds (1973).
  EXPECT_EQ(99999999999, seconds_of("99999999999", TimestampFormat::automatic));
  EXPECT_EQ(100000000, seconds_of("100000000000", TimestampFormat::automatic));
}

TEST(Timestamps, ReadsAnEightDigitDateAsYyyymmddWhenAutomatic) {
  EXPECT_EQ(852076800, seconds_of("19970101", TimestampFormat::automatic));
  // Not a date (February 30th), so it is Unix seconds.
  EXPECT_EQ(19970230, seconds_of("19970230", TimestampFormat::automatic));
}

TEST(Timestamps, RefusesWhatIsNotATimeAndSaysWhy) {
  const auto iso = TimestampFormat::iso_8601;
  EXPECT_FALSE(parse_timestamp("2024-02-30", iso));
  EXPECT_EQ("day 30 does not exist in 2024-02", explain_unparsed_timestamp("2024-02-30", iso));
  EXPECT_EQ("month 13 does not exist", explain_unparsed_timestamp("2024-13-01", iso));
  EXPECT_EQ("the UTC offset is malformed or out of range; write Z, +02:00 or +0200",
            explain_unparsed_timestamp("2024-03-01T10:00+2", iso));
  EXPECT_EQ("the time of day is out of range (hours run from 00 to 23, minutes and seconds "
            "from 00 to 59)",
            explain_unparsed_timestamp("2024-03-01T24:00", iso));
  EXPECT_EQ("it is not an ISO 8601 date or time such as 2024-03-01 or 2024-03-01T10:20:30Z",
            explain_unparsed_timestamp("01/03/2024", iso));
  EXPECT_EQ("it is not a date written YYYYMMDD such as 19970101",
            explain_unparsed_timestamp("1997-01-01", TimestampFormat::yyyymmdd));
  EXPECT_EQ("it lies outside the years 1 to 9999",
            explain_unparsed_timestamp("99999999999999", TimestampFormat::unix_seconds));
  EXPECT_EQ("the time is empty", explain_unparsed_timestamp("", iso));
  EXPECT_EQ("", explain_unparsed_timestamp("2024-03-01", iso));
  EXPECT_FALSE(parse_timestamp("2024-03-01T10:20:30Zjunk", iso));
  EXPECT_FALSE(parse_timestamp("2024-03-01T", iso));
  EXPECT_FALSE(parse_timestamp("12abc", TimestampFormat::unix_seconds));
}

TEST(Timestamps, DetectsIsoAndDescribesOffsets) {
  const TimestampDetection with_offset =
      detect_timestamp_format({"2024-03-01T10:20:30+02:00", "2024-03-02T08:00:00Z", ""});
  EXPECT_EQ(TimestampFormat::iso_8601, with_offset.format);
  EXPECT_EQ(2, with_offset.values);
  EXPECT_EQ(2, with_offset.parsed);
  EXPECT_TRUE(with_offset.plausible);
  EXPECT_EQ("ISO 8601 dates and times with a UTC offset, such as 2024-03-01T10:20:30+02:00",
            with_offset.description);
  EXPECT_EQ("ISO 8601 dates and times without a UTC offset, such as 2024-03-01 10:20:30, read "
            "as wall-clock time in the chosen time zone",
            detect_timestamp_format({"2024-03-01 10:20:30"}).description);
  EXPECT_EQ("ISO 8601 dates, such as 2024-03-01, each a day in the chosen time zone",
            detect_timestamp_format({"2024-03-01", "2024-03-02"}).description);
}

TEST(Timestamps, DetectsYyyymmddBeforeUnixSeconds) {
  const TimestampDetection detection = detect_timestamp_format({"19970101", "19970112"});
  EXPECT_EQ(TimestampFormat::yyyymmdd, detection.format);
  EXPECT_EQ("dates written YYYYMMDD, such as 19970101, each a day in the chosen time zone",
            detection.description);
}

TEST(Timestamps, DetectsUnixUnitFromTheLargestValue) {
  EXPECT_EQ(TimestampFormat::unix_seconds,
            detect_timestamp_format({"1709251200", "1709337600"}).format);
  const TimestampDetection milliseconds =
      detect_timestamp_format({"1709251200000", "1709337600000"});
  EXPECT_EQ(TimestampFormat::unix_milliseconds, milliseconds.format);
  EXPECT_EQ("Unix time in milliseconds, such as 1709251200000", milliseconds.description);
}

TEST(Timestamps, FlagsIdsThatOnlyLookLikeUnixTimes) {
  // Customer numbers read as seconds fall in 1970, not where an event log's times lie.
  const TimestampDetection detection = detect_timestamp_format({"00001", "00002", "00003"});
  EXPECT_EQ(TimestampFormat::unix_seconds, detection.format);
  EXPECT_FALSE(detection.plausible);
}

TEST(Timestamps, CountsValuesTheFormatDoesNotRead) {
  const TimestampDetection detection =
      detect_timestamp_format({"2024-03-01", "yesterday", "2024-03-03"});
  EXPECT_EQ(TimestampFormat::iso_8601, detection.format);
  EXPECT_EQ(3, detection.values);
  EXPECT_EQ(2, detection.parsed);
  EXPECT_EQ(TimestampFormat::automatic, detect_timestamp_format({"soon", "later"}).format);
}

}  // namespace
}  // namespace retention
