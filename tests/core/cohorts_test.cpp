#include "cohorts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_data.h"

namespace retention {
namespace {

using Counts = std::vector<std::int64_t>;

EventLogOptions by(PeriodUnit unit, WeekStart start = WeekStart::monday,
                   std::vector<ZoneOffsetChange> zone = {}) {
  EventLogOptions options;
  options.calendar = {unit, start, std::move(zone)};
  return options;
}

CohortOptions in_mode(RetentionMode mode, CohortBy cohort_by = CohortBy::first) {
  CohortOptions options;
  options.mode = mode;
  options.cohort_by = cohort_by;
  return options;
}

CohortTable table_of(std::string_view text, const EventLogOptions& log_options,
                     const CohortOptions& options = {}) {
  auto table = cohorts_from_text(text, log_options, options);
  EXPECT_TRUE(table.ok()) << (table.ok() ? "" : table.error().message);
  return table.ok() ? std::move(table.value()) : CohortTable{};
}

std::string error_of(std::string_view text, const EventLogOptions& log_options,
                     const CohortOptions& options) {
  auto table = cohorts_from_text(text, log_options, options);
  EXPECT_FALSE(table.ok());
  return table.ok() ? "" : table.error().message;
}

TEST(Cohorts, FindsTheThreeCdnowCohortsByMonthOfFirstPurchase) {
  const CohortTable table =
      table_of(testing::read_shared_file("cdnow_master.txt"), by(PeriodUnit::month));
  ASSERT_EQ(3u, table.cohorts.size());
  EXPECT_EQ("1997-01", table.cohorts[0].start);
  EXPECT_EQ(7846, table.cohorts[0].size);
  EXPECT_EQ("1997-02", table.cohorts[1].start);
  EXPECT_EQ(8476, table.cohorts[1].size);
  EXPECT_EQ("1997-03", table.cohorts[2].start);
  EXPECT_EQ(7248, table.cohorts[2].size);
  EXPECT_EQ(23570, table.users);
  // January 1997 to June 1998 is 18 months; later cohorts reach fewer of them.
  EXPECT_EQ(18u, table.cohorts[0].reached());
  EXPECT_EQ(16u, table.cohorts[2].reached());
  EXPECT_EQ("1998-06", table.last_period_label);
  EXPECT_EQ("3 cohorts by month of first event, 23,570 users, intervals 0 to 17; the last month, "
            "1998-06, may be incomplete",
            table.message);
}

// The worked example: three users start on the same day; one returns on day 1, one on day
// 5, one never. A fourth user, starting on day 6, makes the log reach day 6.
constexpr const char* worked_example_by_day =
    "user,time\n"
    "a,2024-03-01T09:00:00Z\nb,2024-03-01T10:00:00Z\nc,2024-03-01T11:00:00Z\n"
    "a,2024-03-02T09:00:00Z\n"
    "b,2024-03-06T09:00:00Z\n"
    "d,2024-03-07T09:00:00Z\n";

// The same by week: day 1 becomes week 1 (2024-03-04 on), day 5 week 5, day 6 week 6.
constexpr const char* worked_example_by_week =
    "user,time\n"
    "a,2024-03-01\nb,2024-03-01\nc,2024-03-01\n"
    "a,2024-03-06\n"
    "b,2024-04-03\n"
    "d,2024-04-10\n";

TEST(Cohorts, CountsTheWorkedExampleOnEachDay) {
  const CohortTable table = table_of(worked_example_by_day, by(PeriodUnit::day),
                                     in_mode(RetentionMode::on));
  ASSERT_EQ(2u, table.cohorts.size());
  EXPECT_EQ("2024-03-01", table.cohorts[0].start);
  EXPECT_EQ((Counts{3, 1, 0, 0, 0, 1, 0}), table.cohorts[0].counts);
  EXPECT_EQ("2024-03-07", table.cohorts[1].start);
  EXPECT_EQ((Counts{1}), table.cohorts[1].counts);
  // 100%, 33%, 0, 0, 0, 33%, 0 for the first cohort; the second adds to interval 0 only.
  EXPECT_DOUBLE_EQ(1.0, table.mean_retention[0]);
  EXPECT_DOUBLE_EQ(1.0 / 3, table.mean_retention[1]);
  EXPECT_EQ(2, table.mean_cohorts[0]);
  EXPECT_EQ(1, table.mean_cohorts[1]);
}

TEST(Cohorts, CountsTheWorkedExampleOnOrAfterEachDay) {
  const CohortTable table = table_of(worked_example_by_day, by(PeriodUnit::day),
                                     in_mode(RetentionMode::on_or_after));
  EXPECT_EQ((Counts{3, 2, 1, 1, 1, 1, 0}), table.cohorts[0].counts);
}

TEST(Cohorts, CountsTheWorkedExampleByWeek) {
  const CohortTable on = table_of(worked_example_by_week, by(PeriodUnit::week),
                                  in_mode(RetentionMode::on));
  ASSERT_EQ(2u, on.cohorts.size());
  EXPECT_EQ("2024-02-26", on.cohorts[0].start);
  EXPECT_EQ((Counts{3, 1, 0, 0, 0, 1, 0}), on.cohorts[0].counts);
  const CohortTable on_or_after = table_of(worked_example_by_week, by(PeriodUnit::week),
                                           in_mode(RetentionMode::on_or_after));
  EXPECT_EQ((Counts{3, 2, 1, 1, 1, 1, 0}), on_or_after.cohorts[0].counts);
}

TEST(Cohorts, LeavesCellsTheLogHasNotReachedMissing) {
  const CohortTable table = table_of(worked_example_by_day, by(PeriodUnit::day));
  // The day-6 cohort has only interval 0: day 7 is not in the log, so it is missing, not 0.
  EXPECT_EQ(1u, table.cohorts[1].reached());
  EXPECT_EQ(7u, table.cohorts[0].reached());
  EXPECT_EQ("2024-03-07", table.last_period_label);
}

TEST(Cohorts, TakesDaysAtMidnightInTheZoneAcrossADaylightSavingChange) {
  // Europe/Berlin: CET until 2024-03-31T01:00:00Z, then CEST.
  const std::vector<ZoneOffsetChange> berlin = {{1698541200, 3600}, {1711846800, 7200}};
  // Berlin midnight of March 31 (+1 h), 23:59:59 that day (+2 h), midnight of April 1.
  const std::string log = "user,time\n"
                          "x,2024-03-30T23:00:00Z\n"
                          "x,2024-03-31T21:59:59Z\n"
                          "x,2024-03-31T22:00:00Z\n";
  const CohortTable in_berlin =
      table_of(log, by(PeriodUnit::day, WeekStart::monday, berlin));
  ASSERT_EQ(1u, in_berlin.cohorts.size());
  EXPECT_EQ("2024-03-31", in_berlin.cohorts[0].start);
  EXPECT_EQ((Counts{1, 1}), in_berlin.cohorts[0].counts);
  const CohortTable in_utc = table_of(log, by(PeriodUnit::day));
  EXPECT_EQ("2024-03-30", in_utc.cohorts[0].start);
  EXPECT_EQ((Counts{1, 1}), in_utc.cohorts[0].counts);
  // By month the last event is April in Berlin, still March in UTC.
  EXPECT_EQ((Counts{1, 1}),
            table_of(log, by(PeriodUnit::month, WeekStart::monday, berlin)).cohorts[0].counts);
  EXPECT_EQ((Counts{1}), table_of(log, by(PeriodUnit::month)).cohorts[0].counts);
}

TEST(Cohorts, MovesASundayWithTheWeekStart) {
  // Saturday 2024-03-02 then Sunday 2024-03-03: one Monday week, two Sunday weeks.
  const std::string log = "user,time\nx,2024-03-02\nx,2024-03-03\n";
  const CohortTable monday = table_of(log, by(PeriodUnit::week, WeekStart::monday));
  EXPECT_EQ("2024-02-26", monday.cohorts[0].start);
  EXPECT_EQ((Counts{1}), monday.cohorts[0].counts);
  const CohortTable sunday = table_of(log, by(PeriodUnit::week, WeekStart::sunday));
  EXPECT_EQ("2024-02-25", sunday.cohorts[0].start);
  EXPECT_EQ((Counts{1, 1}), sunday.cohorts[0].counts);
}

TEST(Cohorts, LeavesOutAUserWhoseFirstEventIsBeforeFrom) {
  // a first came on March 1, before from: a is not put into the March 3 cohort.
  const std::string log = "user,time\na,2024-03-01\na,2024-03-03\nb,2024-03-03\n";
  CohortOptions options;
  options.from = "2024-03-02";
  const CohortTable table = table_of(log, by(PeriodUnit::day), options);
  ASSERT_EQ(1u, table.cohorts.size());
  EXPECT_EQ("2024-03-03", table.cohorts[0].start);
  EXPECT_EQ(1, table.cohorts[0].size);
  EXPECT_EQ("1 user is left out because their first event came before 2024-03-02",
            table.notes[0]);
}

TEST(Cohorts, ReportsOnlyCohortsUpToTo) {
  const std::string log = "user,time\na,2024-03-01\nb,2024-03-02\nb,2024-03-03\n";
  CohortOptions options;
  options.to = "2024-03-01";
  const CohortTable table = table_of(log, by(PeriodUnit::day), options);
  ASSERT_EQ(1u, table.cohorts.size());
  // Intervals still run to the end of the log.
  EXPECT_EQ(3u, table.cohorts[0].reached());
}

TEST(Cohorts, TreatsUserIdsAsWritten) {
  // Four users, not two: case and zero padding make different ids.
  const std::string log = "user,time\nAlice,2024-03-01\nalice,2024-03-01\n042,2024-03-01\n"
                          "42,2024-03-01\nAlice,2024-03-02\n";
  const CohortTable table = table_of(log, by(PeriodUnit::day));
  EXPECT_EQ((Counts{4, 1}), table.cohorts[0].counts);
}

TEST(Cohorts, UsesSeparateStartAndReturnEvents) {
  const std::string log = "user,time,event\n"
                          "a,2024-03-01,signup\na,2024-03-03,purchase\n"
                          // b buys before signing up, and on the day of signing up: neither
                          // is a return.
                          "b,2024-03-01,purchase\nb,2024-03-02,signup\nb,2024-03-02,purchase\n"
                          "b,2024-03-04,purchase\n"
                          "c,2024-03-02,purchase\n";
  CohortOptions options;
  options.start_event = "signup";
  options.return_event = "purchase";
  const CohortTable table = table_of(log, by(PeriodUnit::day), options);
  ASSERT_EQ(2u, table.cohorts.size());
  EXPECT_EQ((Counts{1, 0, 1, 0}), table.cohorts[0].counts);
  EXPECT_EQ((Counts{1, 0, 1}), table.cohorts[1].counts);
  EXPECT_EQ("2 cohorts by day of first \"signup\", 2 users, intervals 0 to 3; the last day, "
            "2024-03-04, may be incomplete",
            table.message);
  EXPECT_EQ("1 user never did \"signup\" and is in no cohort", table.notes[0]);
}

TEST(Cohorts, PutsAUserInEveryCohortWhenRecurring) {
  const std::string log = "user,time\na,2024-03-01\na,2024-03-02\na,2024-03-04\n"
                          "b,2024-03-02\nb,2024-03-03\n";
  const CohortTable table =
      table_of(log, by(PeriodUnit::day), in_mode(RetentionMode::on, CohortBy::recurring));
  ASSERT_EQ(4u, table.cohorts.size());
  EXPECT_EQ((Counts{1, 1, 0, 1}), table.cohorts[0].counts);
  EXPECT_EQ((Counts{2, 1, 1}), table.cohorts[1].counts);
  EXPECT_EQ((Counts{1, 0}), table.cohorts[2].counts);
  EXPECT_EQ((Counts{1}), table.cohorts[3].counts);
  const CohortTable on_or_after = table_of(
      log, by(PeriodUnit::day), in_mode(RetentionMode::on_or_after, CohortBy::recurring));
  EXPECT_EQ((Counts{1, 1, 1, 1}), on_or_after.cohorts[0].counts);
  EXPECT_EQ((Counts{2, 2, 1}), on_or_after.cohorts[1].counts);
}

TEST(Cohorts, GivesTheSameTableForEveryChunkSize) {
  std::string text = "user;time;event\r\n";
  for (int i = 0; i < 3000; ++i) {
    const int day = (i * 7) % 45;
    text += "\"user " + std::to_string(i % 211) + "\";2024-02-" +
            std::to_string(10 + day % 19) + "T23:30:00-01:00;" + (i % 4 ? "view" : "\"buy\"") +
            "\r\n";
  }
  CohortOptions options = in_mode(RetentionMode::on_or_after);
  options.return_event = "buy";
  const CohortTable whole = table_of(text, by(PeriodUnit::week), options);
  for (const std::size_t chunk_size : {1, 7, 4096}) {
    SCOPED_TRACE("chunk size " + std::to_string(chunk_size));
    EventLogBuilder builder(by(PeriodUnit::week));
    for (std::size_t at = 0; at < text.size(); at += chunk_size) {
      ASSERT_TRUE(builder.add(std::string_view(text).substr(at, chunk_size)).ok());
    }
    const EventLog log = builder.finish().value();
    const CohortTable chunked = compute_cohorts(log, options).value();
    ASSERT_EQ(whole.cohorts.size(), chunked.cohorts.size());
    for (std::size_t i = 0; i < whole.cohorts.size(); ++i) {
      EXPECT_EQ(whole.cohorts[i].start, chunked.cohorts[i].start);
      EXPECT_EQ(whole.cohorts[i].counts, chunked.cohorts[i].counts);
    }
  }
}

TEST(Cohorts, SaysWhichEventsTheLogHolds) {
  const std::string log = "user,time,event\na,2024-03-01,open\na,2024-03-02,Buy\n";
  CohortOptions options;
  options.start_event = "buy";
  EXPECT_EQ("no event is named \"buy\" (names are matched exactly, case included); the event "
            "column holds \"open\", \"Buy\"",
            error_of(log, by(PeriodUnit::day), options));
  EXPECT_EQ("a start event, \"buy\", is named but the log has no event column; choose the "
            "event column or leave the start event out",
            error_of("user,time\na,2024-03-01\n", by(PeriodUnit::day), options));
}

TEST(Cohorts, RefusesDatesThatSelectNothingOrAreNotDates) {
  const std::string log = "user,time\na,2024-03-01\n";
  CohortOptions options;
  options.from = "2024-03-05";
  EXPECT_EQ("no cohort starts between 2024-03-05 and the end; the log's cohorts run from "
            "2024-03-01 to 2024-03-01",
            error_of(log, by(PeriodUnit::day), options));
  options.from = "March 5";
  EXPECT_EQ("from is \"March 5\", which is not a date; write it as YYYY-MM-DD, such as "
            "2024-03-01",
            error_of(log, by(PeriodUnit::day), options));
  options.from = "2024-03-05";
  options.to = "2024-03-01";
  EXPECT_EQ("from, 2024-03-05, comes after to, 2024-03-01; swap them",
            error_of(log, by(PeriodUnit::day), options));
}

TEST(Cohorts, RefusesATableBeyondTheCellLimit) {
  CohortOptions options;
  options.max_cells = 5;
  EXPECT_EQ("the table would have more than 5 cells; choose a longer period or report fewer "
            "cohorts with from and to",
            error_of(worked_example_by_day, by(PeriodUnit::day), options));
}

TEST(Cohorts, FlagsSkippedRowsInTheStatus) {
  const CohortTable table =
      table_of("user,time\na,2024-03-01\nb,2024-03-01\nc,never\n", by(PeriodUnit::day));
  EXPECT_EQ(CohortStatus::rows_skipped, table.status);
  EXPECT_EQ(1, table.skipped_rows);
  EXPECT_EQ(4, table.skipped_examples[0].row);
  EXPECT_EQ("1 cohort by day of first event, 2 users, intervals 0 to 0; the last day, "
            "2024-03-01, may be incomplete; 1 row of the log was skipped",
            table.message);
}

}  // namespace
}  // namespace retention
