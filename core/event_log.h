// An event log read from delimited text: one row per event, with a user column, a time
// column and optionally an event-name column.
//
// The text may be comma-, tab- or semicolon-separated or aligned with spaces (detected), with
// or without a header, with LF or CRLF line ends, an optional UTF-8 byte-order mark, and
// fields in double quotes (a doubled quote standing for one; quoted fields may hold
// delimiters and line ends). Unquoted fields are trimmed of surrounding spaces.
//
// The log is read as a stream: EventLogBuilder takes the bytes in chunks of any size (a chunk
// may end inside a line or a quoted field) and keeps only what cohorts need. Each user id is
// stored once and numbered; each event is kept as (user number, period, event-name number).
// Memory therefore grows with the number of users and events, not with the size of the text.
//
// A user id is taken exactly as written: "Alice" and "alice" are two users, and so are "42"
// and "0042", and " 42" in quotes and "42". Only the spaces around an unquoted field, which
// separate columns, are not part of it.
//
// Rows that cannot be read (a missing column, an empty user id, a time that does not parse)
// are skipped, counted and reported with up to a few examples; they do not stop the reading.
// Only a row longer than max_row_bytes does, as it means a quote was never closed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.h"
#include "interned_strings.h"
#include "status.h"
#include "timestamps.h"

namespace retention {

/// ColumnChoice::index values that choose no column by number.
inline constexpr int guess_column = -1;
inline constexpr int no_column = -2;

/// A column chosen by its header name or its 0-based index.
struct ColumnChoice {
  /// Header name, matched exactly, else ignoring case; when set, index is not used.
  std::string name;
  /// 0-based column number; guess_column to let the reader guess, no_column for none (the
  /// event column only).
  int index = guess_column;
};

struct EventLogOptions {
  /// Who did the event; guessed from names such as user, customer, client or id.
  ColumnChoice user_column;
  /// When; guessed from names such as time or date and from which column reads as times.
  ColumnChoice time_column;
  /// What was done; guessed only from names such as event or action.
  ColumnChoice event_column;
  /// Whether the first row names the columns; empty to detect it.
  std::optional<bool> has_header;
  /// Format of the time column; automatic to detect it from the first rows.
  TimestampFormat time_format = TimestampFormat::automatic;
  /// Period unit, week start and time zone in which each event's period is taken.
  CalendarOptions calendar;
  /// Skipped rows reported with their row, column, value and reason.
  int max_skipped_examples = 5;
  /// A row longer than this stops the reading; it is almost always a quote never closed.
  std::size_t max_row_bytes = std::size_t{1} << 20;
  /// The reading stops with a message once what it holds passes this, well before a wasm
  /// module (4 GB at most) runs out of memory and aborts.
  std::size_t max_memory_bytes = std::size_t{2560} << 20;
};

/// Lines looked at to detect the delimiter, the header, the columns and the time format...
inline constexpr int layout_sample_lines = 200;
/// ... and at most this many bytes of them.
inline constexpr std::size_t layout_sample_bytes = std::size_t{1} << 20;

/// How the text is laid out, detected from its first rows or as chosen.
struct EventLogLayout {
  /// '\t', ',', ';', ' ' for columns aligned with spaces, or '\0' for a single column.
  char delimiter = '\0';
  bool has_header = false;
  /// Header names, or "column 1", "column 2", ... without a header.
  std::vector<std::string> column_names;
  /// 0-based columns; event_column is -1 when there is none.
  int user_column = -1;
  int time_column = -1;
  int event_column = -1;
  /// The time column's format with a description for the person.
  TimestampDetection time_format;
  /// One sentence per decision: delimiter, header, each column and why it was chosen.
  std::vector<std::string> notes;
};

/// Detects the layout from the start of a text (the first 64 KiB are plenty); a last line
/// cut short is ignored. The layout is the one EventLogBuilder uses for the whole text.
Result<EventLogLayout> detect_event_log_layout(std::string_view head,
                                               const EventLogOptions& options = {});

/// One event: user number, period (see calendar.h) and event-name number (-1 without an
/// event column).
struct Event {
  std::int32_t user = 0;
  std::int32_t period = 0;
  std::int32_t name = -1;
};

/// Events in blocks of fixed size, so that growing never copies them all at once (a copy
/// would briefly need twice the memory).
class EventList {
 public:
  static constexpr std::size_t block_size = std::size_t{1} << 16;

  void push_back(const Event& event);
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Event& operator[](std::size_t i) const { return blocks_[i / block_size][i % block_size]; }
  std::size_t memory_bytes() const;

  /// Calls visit(event) for each event in order.
  template <typename Visit>
  void for_each(Visit&& visit) const {
    for (const std::vector<Event>& block : blocks_) {
      for (const Event& event : block) visit(event);
    }
  }

 private:
  std::vector<std::vector<Event>> blocks_;
  std::size_t size_ = 0;
};

/// A row that was not read.
struct SkippedRow {
  /// 1-based line where the row starts (the header is row 1); 1-based column, 0 for the
  /// whole row.
  int row = 0;
  int column = 0;
  /// The cell as found (cut at 40 characters).
  std::string value;
  /// Why, as a full sentence naming the row and column and what to do.
  std::string why;
};

enum class IngestStatus {
  /// Every row was read.
  complete,
  /// Some rows were skipped; skipped_rows and skipped_examples say which.
  rows_skipped,
};

/// Progress of a builder, for a progress bar.
struct IngestProgress {
  std::uint64_t bytes = 0;
  std::int64_t rows = 0;
  std::size_t memory_bytes = 0;
};

struct EventLog {
  EventLogLayout layout;
  CalendarOptions calendar;
  /// Events in the order read, without repeats: a row with the same user, period and event
  /// name as that user's previous event adds nothing to a cohort and is only counted.
  EventList events;
  /// Distinct users; user numbers run from 0 to user_count - 1. The ids themselves are not
  /// kept once the log is read.
  std::int32_t user_count = 0;
  /// Distinct event names, numbered as in Event::name.
  InternedStrings event_names;
  /// Data rows (the header and blank lines not counted), skipped ones included.
  std::int64_t rows = 0;
  std::int64_t repeated_events = 0;
  std::int64_t skipped_rows = 0;
  std::vector<SkippedRow> skipped_examples;
  /// Earliest and latest period of any event read.
  std::int32_t first_period = 0;
  std::int32_t last_period = 0;
  /// Most bytes the builder held after any chunk (kept text, ids, event names, events).
  std::size_t peak_memory_bytes = 0;
  IngestStatus status = IngestStatus::complete;
  /// One sentence: rows, events, users, periods, rows skipped.
  std::string message;
};

/// Reads an event log from chunks of text.
///
///   EventLogBuilder builder(options);
///   for (each chunk) if (auto progress = builder.add(chunk); !progress) show(progress.error());
///   Result<EventLog> log = builder.finish();
///
/// The result is the same however the text is cut into chunks. After an error, add and
/// finish return that error again.
class EventLogBuilder {
 public:
  explicit EventLogBuilder(EventLogOptions options = {});
  ~EventLogBuilder();
  EventLogBuilder(EventLogBuilder&&) noexcept;
  EventLogBuilder& operator=(EventLogBuilder&&) noexcept;

  /// Reads the next bytes of the text.
  Result<IngestProgress> add(std::string_view chunk);

  /// Reads what is left after the last chunk and hands over the log; the builder is then
  /// spent.
  Result<EventLog> finish();

  IngestProgress progress() const;

  /// The layout, once the first rows are in (or after finish); null before.
  const EventLogLayout* layout() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Reads a whole text at once.
Result<EventLog> read_event_log(std::string_view text, const EventLogOptions& options = {});

}  // namespace retention
