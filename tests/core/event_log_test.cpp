#include "event_log.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "test_data.h"

namespace retention {
namespace {

using EventTuple = std::tuple<std::int32_t, std::int32_t, std::int32_t>;

std::vector<EventTuple> events_of(const EventLog& log) {
  std::vector<EventTuple> events;
  log.events.for_each([&](const Event& event) {
    events.emplace_back(event.user, event.period, event.name);
  });
  return events;
}

EventLog read(std::string_view text, const EventLogOptions& options = {}) {
  auto log = read_event_log(text, options);
  EXPECT_TRUE(log.ok()) << (log.ok() ? "" : log.error().message);
  return log.ok() ? std::move(log.value()) : EventLog{};
}

Result<EventLog> read_in_chunks(std::string_view text, std::size_t chunk_size,
                                const EventLogOptions& options = {}) {
  EventLogBuilder builder(options);
  for (std::size_t at = 0; at < text.size(); at += chunk_size) {
    auto progress = builder.add(text.substr(at, chunk_size));
    if (!progress) return progress.error();
  }
  return builder.finish();
}

// 19783 is 2024-03-01 in days since 1970-01-01.
constexpr std::int32_t march_1 = 19783;

TEST(EventLog, ReadsTheCdnowFileAsItIs) {
  const EventLog log = read(testing::read_shared_file("cdnow_master.txt"),
                            {{}, {}, {}, {}, {}, {PeriodUnit::month}});
  EXPECT_EQ(' ', log.layout.delimiter);
  EXPECT_TRUE(log.layout.has_header);
  EXPECT_EQ(0, log.layout.user_column);
  EXPECT_EQ(1, log.layout.time_column);
  EXPECT_EQ(-1, log.layout.event_column);
  EXPECT_EQ(TimestampFormat::yyyymmdd, log.layout.time_format.format);
  EXPECT_EQ(69659, log.rows);
  EXPECT_EQ(23570, log.user_count);
  EXPECT_EQ(0, log.skipped_rows);
  EXPECT_EQ(IngestStatus::complete, log.status);
  EXPECT_EQ((std::vector<std::string>{
                "columns are aligned with spaces", "the first row is a header",
                "user column: 1 (customer_id), guessed from its name",
                "time column: 2 (date), guessed from its name and values; dates written "
                "YYYYMMDD, such as 19970101, each a day in the chosen time zone",
                "no event column"}),
            log.layout.notes);
  // Repeat purchases in the same month add nothing to a monthly cohort.
  EXPECT_EQ(static_cast<std::size_t>(log.rows - log.repeated_events), log.events.size());
  EXPECT_EQ("read 69,659 rows: 69,659 events by 23,570 users, months 1997-01 to 1998-06; no "
            "row skipped",
            log.message);
}

TEST(EventLog, GuessesColumnsFromNamesAndValues) {
  const EventLog log = read("event_name,ts,account\nopen,1709251200,a\nbuy,1709337600,b\n");
  EXPECT_EQ(',', log.layout.delimiter);
  EXPECT_EQ(2, log.layout.user_column);
  EXPECT_EQ(1, log.layout.time_column);
  EXPECT_EQ(0, log.layout.event_column);
  EXPECT_EQ(TimestampFormat::unix_seconds, log.layout.time_format.format);
  EXPECT_EQ(2, log.event_names.size());
  EXPECT_EQ("buy", log.event_names.text(1));
  EXPECT_EQ((std::vector<EventTuple>{{0, march_1, 0}, {1, march_1 + 1, 1}}), events_of(log));
}

TEST(EventLog, ReadsATextWithoutHeader) {
  const EventLog log = read("u1\t2024-03-01\nu2\t2024-03-02\n");
  EXPECT_FALSE(log.layout.has_header);
  EXPECT_EQ('\t', log.layout.delimiter);
  EXPECT_EQ(0, log.layout.user_column);
  EXPECT_EQ(1, log.layout.time_column);
  EXPECT_EQ(2, log.rows);
  EXPECT_EQ("there is no header row", log.layout.notes[1]);
  EXPECT_EQ("user column: 1 (column 1), guessed: the first column that is not the time",
            log.layout.notes[2]);
}

TEST(EventLog, TakesColumnsChosenByNameOrIndex) {
  const std::string text = "a;b;c\nx;2024-03-01;y\n";
  EventLogOptions options;
  options.user_column.name = "C";  // matched ignoring case when no column is "C" exactly
  options.time_column.index = 1;
  options.event_column.index = no_column;
  const EventLog log = read(text, options);
  EXPECT_EQ(2, log.layout.user_column);
  EXPECT_EQ(1, log.layout.time_column);
  EXPECT_EQ(-1, log.layout.event_column);
  EXPECT_EQ("user column: 3 (c), chosen", log.layout.notes[2]);
}

TEST(EventLog, SaysWhichColumnsThereAreWhenANameIsNotFound) {
  EventLogOptions options;
  options.user_column.name = "visitor";
  const auto log = read_event_log("user,time\nx,2024-03-01\n", options);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ("no column is named \"visitor\" for the user; the columns are \"user\", \"time\"",
            log.error().message);
  options.user_column = {"", 5};
  EXPECT_EQ("the user column is column index 5 (counting from 0) but the rows have 2 columns; "
            "choose an index from 0 to 1",
            read_event_log("user,time\nx,2024-03-01\n", options).error().message);
}

TEST(EventLog, ExplainsATextWithoutATimeColumn) {
  const auto log = read_event_log("user,colour\nx,red\ny,blue\n");
  ASSERT_FALSE(log.ok());
  EXPECT_EQ("no column reads as times (ISO 8601 such as 2024-03-01T10:20:30Z, YYYYMMDD such as "
            "19970101, or Unix seconds or milliseconds); choose the time column",
            log.error().message);
}

TEST(EventLog, TreatsUserIdsExactlyAsWritten) {
  // Five users: case, zero padding and quoted spaces all count; unquoted spaces around a
  // field separate columns and are not part of the id.
  const EventLog log = read("user,time\nAlice,2024-03-01\nalice,2024-03-01\n\" Alice\",2024-03-01\n"
                            "42,2024-03-01\n0042,2024-03-01\n  alice  ,2024-03-02\n");
  EXPECT_EQ(5, log.user_count);
  EXPECT_EQ(6, log.rows);
  EXPECT_EQ(1, std::get<0>(events_of(log)[5]));
}

TEST(EventLog, ReadsQuotedFieldsWithDelimitersLineEndsAndQuotes) {
  const EventLog log = read("\xEF\xBB\xBFuser,time,event\r\n"
                            "\"a, b\",2024-03-01,\"say \"\"hi\"\"\"\r\n"
                            "\r\n"
                            "c,2024-03-02,\"two\nlines\"\r\n"
                            "d,2024-03-0x,open\r\n");
  EXPECT_EQ(3, log.rows);
  EXPECT_EQ(2, log.user_count);
  EXPECT_EQ("say \"hi\"", log.event_names.text(0));
  EXPECT_EQ("two\nlines", log.event_names.text(1));
  // Row numbers count the blank line and the line inside quotes.
  ASSERT_EQ(1u, log.skipped_examples.size());
  EXPECT_EQ(6, log.skipped_examples[0].row);
}

TEST(EventLog, ReportsSkippedRowsWithExamples) {
  EventLogOptions options;
  options.max_skipped_examples = 3;
  const EventLog log = read("user,date\n"
                            "a,2024-03-01\n"
                            "b,2024-02-30\n"
                            ",2024-03-01\n"
                            "c\n"
                            "d,\n"
                            "e,soon\n",
                            options);
  EXPECT_EQ(6, log.rows);
  EXPECT_EQ(5, log.skipped_rows);
  EXPECT_EQ(IngestStatus::rows_skipped, log.status);
  ASSERT_EQ(3u, log.skipped_examples.size());
  const SkippedRow& bad_day = log.skipped_examples[0];
  EXPECT_EQ(3, bad_day.row);
  EXPECT_EQ(2, bad_day.column);
  EXPECT_EQ("2024-02-30", bad_day.value);
  EXPECT_EQ("row 3, column 2 (date): \"2024-02-30\" is not a time: day 30 does not exist in "
            "2024-02; correct it or remove the row",
            bad_day.why);
  EXPECT_EQ("row 4, column 1 (user): the user id is empty; fill it in or remove the row",
            log.skipped_examples[1].why);
  EXPECT_EQ("row 5 has 1 column but column 2 (date) is needed; fill in the missing cells or "
            "remove the row",
            log.skipped_examples[2].why);
  EXPECT_EQ("read 6 rows: 1 event by 1 user, days 2024-03-01 to 2024-03-01; 5 rows skipped",
            log.message);
}

TEST(EventLog, RefusesALogWhoseRowsAllFail) {
  EventLogOptions options;
  options.time_column.name = "date";
  options.time_format = TimestampFormat::iso_8601;
  const auto log =
      read_event_log("user,date\na,2024-03-01T99:00\nb,2024-03-01T99:00\n", options);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(2, log.error().row);
  EXPECT_EQ(2, log.error().column);
  EXPECT_EQ("none of the 2 rows could be read; the first: row 2, column 2 (date): "
            "\"2024-03-01T99:00\" is not a time: the time of day is out of range (hours run "
            "from 00 to 23, minutes and seconds from 00 to 59); correct it or remove the row",
            log.error().message);
}

TEST(EventLog, SkipsAQuoteLeftOpenInTheLastRow) {
  const EventLog log = read("user,date,event\na,2024-03-01,x\nb,2024-03-02,\"y\n");
  EXPECT_EQ(1, log.skipped_rows);
  EXPECT_EQ("row 3, column 3 (event): a double quote opens a field that is never closed; close "
            "it or remove it",
            log.skipped_examples[0].why);
}

TEST(EventLog, StopsAtARowLongerThanTheLimit) {
  // A quote left open swallows the rest of the text; the limit names where it starts.
  std::string text = "user,date\na,2024-03-01\n\"b,2024-03-02\n";
  for (int i = 0; i < 20; ++i) text += "c,2024-03-03\n";
  EventLogOptions options;
  options.max_row_bytes = 100;
  const auto whole = read_event_log(text, options);
  ASSERT_FALSE(whole.ok());
  EXPECT_EQ(3, whole.error().row);
  EXPECT_EQ("row 3 is longer than 100 bytes, which almost always means a double quote opens a "
            "field that is never closed; check the quotes in and after this row",
            whole.error().message);
  const auto chunked = read_in_chunks(text, 7, options);
  ASSERT_FALSE(chunked.ok());
  EXPECT_EQ(whole.error().message, chunked.error().message);
}

TEST(EventLog, KeepsOnlyNewEventsOfAUser) {
  // The same user, day and event twice in a row is one event; a different event is not.
  const EventLog log = read("user,time,event\n"
                            "a,2024-03-01T08:00Z,open\n"
                            "a,2024-03-01T09:00Z,open\n"
                            "a,2024-03-01T10:00Z,buy\n"
                            "a,2024-03-02T10:00Z,buy\n");
  EXPECT_EQ(4, log.rows);
  EXPECT_EQ(1, log.repeated_events);
  EXPECT_EQ(3u, log.events.size());
}

// A log with what makes splitting hard: a byte-order mark, CRLF, quotes holding delimiters,
// doubled quotes and line ends, blank lines and bad rows, and more rows than the layout
// sample, so that detection ends somewhere inside the text.
std::string awkward_log() {
  std::string text = "\xEF\xBB\xBF\"user id\",time,event\r\n";
  for (int i = 0; i < 600; ++i) {
    const std::string user = i % 7 == 0 ? "\"u, " + std::to_string(i % 50) + "\""
                                        : "u" + std::to_string(i % 50);
    const std::string day = "2024-03-" + std::string(i % 28 < 9 ? "0" : "") +
                            std::to_string(i % 28 + 1);
    const std::string event = i % 5 == 0   ? "\"say \"\"hi\"\"\nthere\""
                              : i % 3 == 0 ? "open"
                                           : "buy";
    text += user + "," + day + "T10:00:00+02:00," + event + (i % 2 ? "\r\n" : "\n");
    if (i % 97 == 0) text += "\r\n";
    if (i % 113 == 0) text += "u1,not a time,open\n";
  }
  return text + "u2,2024-03-05,open";  // no line end at the end
}

TEST(EventLog, GivesTheSameLogForEveryChunkSize) {
  const std::string text = awkward_log();
  const EventLog whole = read(text);
  ASSERT_EQ(0, whole.layout.user_column);
  for (const std::size_t chunk_size : {1, 2, 3, 7, 64, 1000, 4096}) {
    SCOPED_TRACE("chunk size " + std::to_string(chunk_size));
    const auto chunked = read_in_chunks(text, chunk_size);
    ASSERT_TRUE(chunked.ok()) << chunked.error().message;
    EXPECT_EQ(events_of(whole), events_of(*chunked));
    EXPECT_EQ(whole.rows, chunked->rows);
    EXPECT_EQ(whole.skipped_rows, chunked->skipped_rows);
    ASSERT_EQ(whole.skipped_examples.size(), chunked->skipped_examples.size());
    for (std::size_t i = 0; i < whole.skipped_examples.size(); ++i) {
      EXPECT_EQ(whole.skipped_examples[i].why, chunked->skipped_examples[i].why);
    }
    EXPECT_EQ(whole.layout.notes, chunked->layout.notes);
  }
}

TEST(EventLog, GivesTheSameResultForEveryChunkSizeOnRandomText) {
  // Rows of valid cells mixed with stray quotes, delimiters and line ends, so that rows end
  // in every way the splitter knows; whole and chunked reading must agree on all of it.
  std::uint32_t seed = 7;
  const auto random = [&seed](std::uint32_t below) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % below;
  };
  const std::vector<std::string> pieces = {"\"", "\"\"", ",", "\n", "\r\n", " ", "x",
                                           "u1",  "u2",     "2024-03-01", "2024-03-02T10:00Z"};
  for (int trial = 0; trial < 200; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    std::string text = "user,time\n";
    for (int row = 0; row < 30; ++row) {
      if (random(3) == 0) {
        for (std::uint32_t i = random(6); i > 0; --i) text += pieces[random(pieces.size())];
      } else {
        text += "u" + std::to_string(random(5)) + ",2024-03-0" + std::to_string(1 + random(9));
      }
      text += random(2) ? "\n" : "\r\n";
    }
    const auto whole = read_event_log(text);
    for (const std::size_t chunk_size : {1, 3, 17}) {
      const auto chunked = read_in_chunks(text, chunk_size);
      ASSERT_EQ(whole.ok(), chunked.ok()) << "chunk size " << chunk_size;
      if (!whole.ok()) {
        EXPECT_EQ(whole.error().message, chunked.error().message);
        continue;
      }
      EXPECT_EQ(events_of(*whole), events_of(*chunked)) << "chunk size " << chunk_size;
      EXPECT_EQ(whole->rows, chunked->rows);
      EXPECT_EQ(whole->skipped_rows, chunked->skipped_rows);
      ASSERT_EQ(whole->skipped_examples.size(), chunked->skipped_examples.size());
      for (std::size_t i = 0; i < whole->skipped_examples.size(); ++i) {
        EXPECT_EQ(whole->skipped_examples[i].why, chunked->skipped_examples[i].why);
      }
    }
  }
}

TEST(EventLog, DetectsTheLayoutFromTheStartOfAText) {
  const std::string text = awkward_log();
  const EventLogLayout layout = detect_event_log_layout(text.substr(0, 3000)).value();
  EXPECT_EQ(',', layout.delimiter);
  EXPECT_EQ((std::vector<std::string>{"user id", "time", "event"}), layout.column_names);
  EXPECT_EQ(0, layout.user_column);
  EXPECT_EQ(1, layout.time_column);
  EXPECT_EQ(2, layout.event_column);
  EXPECT_EQ(TimestampFormat::iso_8601, layout.time_format.format);
}

TEST(EventLog, ReportsProgressAndMemory) {
  EventLogBuilder builder;
  EXPECT_EQ(nullptr, builder.layout());
  const std::string text = awkward_log();
  const IngestProgress progress = builder.add(text).value();
  EXPECT_EQ(text.size(), progress.bytes);
  EXPECT_GT(progress.memory_bytes, 0u);
  ASSERT_NE(nullptr, builder.layout());
  const EventLog log = builder.finish().value();
  // The last row has no line end, so only finish knows it is complete.
  EXPECT_EQ(progress.rows + 1, log.rows);
  EXPECT_GE(log.peak_memory_bytes, progress.memory_bytes);
  EXPECT_FALSE(builder.add("more").ok());
}

TEST(InternedStrings, NumbersEachDistinctStringOnceInOrder) {
  // Short strings live in their slot, long ones by hash; both kinds, of every length up to
  // 20, with bytes that differ only at the end or by a trailing zero byte, across growth.
  InternedStrings strings;
  std::vector<std::string> texts;
  for (int i = 0; i < 5000; ++i) {
    std::string text(static_cast<std::size_t>(i % 21), 'a');
    if (!text.empty()) text.back() = static_cast<char>('a' + i / 21 % 26);
    text += std::to_string(i / 546);
    texts.push_back(text);
  }
  texts.push_back(std::string("a\0", 2));
  texts.push_back("a");
  std::vector<std::int32_t> ids;
  for (const std::string& text : texts) ids.push_back(strings.intern(text));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(ids[i], strings.intern(texts[i]));
    EXPECT_EQ(ids[i], strings.find(texts[i]));
    EXPECT_EQ(texts[i], strings.text(ids[i]));
  }
  EXPECT_NE(strings.find(std::string("a\0", 2)), strings.find("a"));
  EXPECT_EQ(-1, strings.find("never seen"));
  EXPECT_GT(strings.memory_bytes(), 0u);
}

TEST(EventLog, RefusesAnInvalidZoneTableAtOnce) {
  EventLogOptions options;
  options.calendar.zone = {{10, 0}, {10, 3600}};
  EventLogBuilder builder(options);
  const auto progress = builder.add("user,time\n");
  ASSERT_FALSE(progress.ok());
  EXPECT_EQ("time zone offset change 2 does not come after the one before it; list the changes "
            "in increasing order of time",
            progress.error().message);
}

}  // namespace
}  // namespace retention

namespace retention {
namespace {

TEST(EventLogLimits, StopsWithAMessageBeforeMemoryRunsOut) {
  EventLogOptions options;
  options.max_memory_bytes = 64 << 10;
  EventLogBuilder builder(options);
  std::string chunk = "user,time\n";
  for (int user = 0; user < 20000; ++user) {
    chunk += "user" + std::to_string(user) + ",2024-01-01\n";
  }
  const auto progress = builder.add(chunk);
  ASSERT_FALSE(progress.ok());
  EXPECT_NE(std::string::npos, progress.error().message.find("more users and events than fit"))
      << progress.error().message;
  EXPECT_FALSE(builder.finish().ok());
}

}  // namespace
}  // namespace retention

namespace retention {
namespace {

TEST(EventLogLimits, DetectionNamesABinaryFileLikeTheReader) {
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  const auto detected = detect_event_log_layout(png);
  ASSERT_FALSE(detected.ok());
  EXPECT_EQ(0u, detected.error().message.find("this is not a text file: byte 9"));
  EXPECT_EQ(detected.error().message, read_event_log(png).error().message);
}

}  // namespace
}  // namespace retention
