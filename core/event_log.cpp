#include "event_log.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <functional>
#include <limits>
#include <utility>

#include "delimited_text.h"
#include "format.h"
#include "number_text.h"

namespace retention {

void EventList::push_back(const Event& event) {
  if (size_ % block_size == 0) {
    blocks_.emplace_back();
    blocks_.back().reserve(block_size);
  }
  blocks_.back().push_back(event);
  ++size_;
}

std::size_t EventList::memory_bytes() const {
  return blocks_.capacity() * sizeof(std::vector<Event>) +
         blocks_.size() * block_size * sizeof(Event);
}

namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
constexpr std::size_t npos = std::string_view::npos;

// A cell in a message, cut to a length a person reads at a glance.
std::string shown(std::string_view text) {
  constexpr std::size_t most = 40;
  return text.size() <= most ? std::string(text) : std::string(text.substr(0, most)) + "…";
}

std::string quoted(std::string_view text) { return "\"" + shown(text) + "\""; }

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return lower;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool ends_with(std::string_view text, std::string_view end) {
  return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
}

// ---------------------------------------------------------------------------------------
// Layout detection

// How strongly a header name says "user": 2 for a word such as customer, 1 for an id.
int user_name_rank(std::string_view name) {
  const std::string lower = lowercase(name);
  for (const char* word : {"user", "customer", "client", "account", "member", "visitor",
                           "person", "subscriber", "player", "buyer", "distinct_id"}) {
    if (contains(lower, word)) return 2;
  }
  if (lower == "id" || lower == "uid" || ends_with(lower, "_id") || ends_with(lower, " id")) {
    return 1;
  }
  return 0;
}

bool is_time_name(std::string_view name) {
  const std::string lower = lowercase(name);
  return contains(lower, "time") || contains(lower, "date") || lower == "ts" ||
         lower == "when" || lower == "day" || ends_with(lower, "_at");
}

bool is_event_name(std::string_view name) {
  const std::string lower = lowercase(name);
  if (contains(lower, "time") || contains(lower, "date") || ends_with(lower, "id")) return false;
  return contains(lower, "event") || contains(lower, "action") || contains(lower, "activity");
}

// A cell a header would not hold: a number or a time.
bool is_typed(std::string_view cell) {
  return parse_number(cell).has_value() ||
         parse_timestamp(cell, TimestampFormat::automatic).has_value();
}

// The first row is a header when none of its cells is a number or a time and one is a name
// such as user or time, or when some column holds numbers or times below it (most of the
// cells, so that a few bad ones do not hide it) but not in it. A lone row is a header when
// none of its cells is a time.
bool looks_like_header(const std::vector<std::vector<std::string>>& rows) {
  const auto& first = rows.front();
  if (rows.size() == 1) {
    return std::none_of(first.begin(), first.end(), [](const std::string& cell) {
      return parse_timestamp(cell, TimestampFormat::automatic).has_value();
    });
  }
  const bool all_words = std::none_of(first.begin(), first.end(), is_typed);
  const bool a_known_name = std::any_of(first.begin(), first.end(), [](const std::string& cell) {
    return user_name_rank(cell) > 0 || is_time_name(cell) || is_event_name(cell);
  });
  if (all_words && a_known_name) return true;
  for (std::size_t column = 0; column < first.size(); ++column) {
    if (first[column].empty() || is_typed(first[column])) continue;
    int below = 0;
    int typed_below = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) {
      if (column >= rows[r].size() || rows[r][column].empty()) continue;
      ++below;
      typed_below += is_typed(rows[r][column]);
    }
    if (2 * typed_below > below) return true;
  }
  return false;
}

// A column of the sample reads as times when the detected format reads this share of its
// values: most of them for a column whose name says time, nearly all for any other.
bool reads_as_times(const TimestampDetection& detection, double share) {
  return detection.format != TimestampFormat::automatic && detection.values > 0 &&
         detection.parsed >= share * detection.values;
}

// A column as chosen (or none), or still to be guessed.
struct Resolved {
  int column = -1;
  bool to_guess = true;
  std::string how;
};

Result<Resolved> resolve_column(const ColumnChoice& choice, const char* role,
                                const EventLogLayout& layout) {
  const auto& names = layout.column_names;
  if (!choice.name.empty()) {
    if (!layout.has_header) {
      return Error{std::string("the ") + role + " column is chosen by the name " +
                   quoted(choice.name) + " but the text has no header row; choose it by its "
                   "number"};
    }
    for (std::size_t c = 0; c < names.size(); ++c) {
      if (names[c] == choice.name) return Resolved{static_cast<int>(c), false, "chosen"};
    }
    for (std::size_t c = 0; c < names.size(); ++c) {
      if (lowercase(names[c]) == lowercase(choice.name)) {
        return Resolved{static_cast<int>(c), false, "chosen"};
      }
    }
    std::string listed;
    for (const std::string& name : names) listed += (listed.empty() ? "" : ", ") + quoted(name);
    return Error{std::string("no column is named ") + quoted(choice.name) + " for the " + role +
                 "; the columns are " + listed};
  }
  if (choice.index >= 0) {
    if (choice.index >= static_cast<int>(names.size())) {
      return Error{std::string("the ") + role + " column is column index " +
                   std::to_string(choice.index) + " (counting from 0) but the rows have " +
                   plural(static_cast<std::int64_t>(names.size()), "column", "columns") +
                   "; choose an index from 0 to " + std::to_string(names.size() - 1)};
    }
    return Resolved{choice.index, false, "chosen"};
  }
  if (choice.index == no_column) return Resolved{-1, false, "chosen"};
  return Resolved{};
}

Result<EventLogLayout> detect_layout(std::string_view sample, const EventLogOptions& options) {
  // Rows: split the sample; a quote left open at its end only cuts the sample short there.
  auto table = parse_delimited_text(sample);
  if (!table && table.error().row > 1) {
    std::size_t cut = 0;
    for (int line = 1; line < table.error().row; ++line) cut = sample.find('\n', cut) + 1;
    table = parse_delimited_text(sample.substr(0, cut));
  }
  if (!table) return table.error();
  const auto& rows = table->rows;
  if (rows.empty()) {
    return Error{"the text holds no rows; give one event per row: a user, a time and "
                 "optionally the event's name"};
  }
  EventLogLayout layout;
  layout.delimiter = table->delimiter;
  switch (layout.delimiter) {
    // TODO(#4): with columns aligned by spaces, a date and time written with a space
    // ("2024-03-01 10:20:30+02:00") splits into two fields and only the date is read (as a
    // wall-clock day); join such pairs, or take fixed-width columns from the header.
    case ' ': layout.notes.push_back("columns are aligned with spaces"); break;
    case '\0': layout.notes.push_back("each row holds a single column"); break;
    default:
      layout.notes.push_back(std::string("columns are separated by ") +
                             delimiter_name(layout.delimiter) + "s");
  }

  // Header: as chosen, implied by a column chosen by name, or detected.
  const bool named = !options.user_column.name.empty() || !options.time_column.name.empty() ||
                     !options.event_column.name.empty();
  layout.has_header = options.has_header ? *options.has_header
                                         : (named || looks_like_header(rows));
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.size());
  for (std::size_t c = 0; c < width; ++c) {
    const bool has_name = layout.has_header && c < rows[0].size() && !rows[0][c].empty();
    layout.column_names.push_back(has_name ? rows[0][c] : "column " + std::to_string(c + 1));
  }
  layout.notes.push_back(layout.has_header ? "the first row is a header"
                                           : "there is no header row");
  const std::size_t first_data_row = layout.has_header ? 1 : 0;

  // The chosen columns, and what each column of the sample reads as.
  auto user_choice = resolve_column(options.user_column, "user", layout);
  if (!user_choice) return user_choice.error();
  auto time_choice = resolve_column(options.time_column, "time", layout);
  if (!time_choice) return time_choice.error();
  auto event_choice = resolve_column(options.event_column, "event", layout);
  if (!event_choice) return event_choice.error();
  Resolved user = user_choice.value();
  Resolved time = time_choice.value();
  Resolved event = event_choice.value();
  if (user.column < 0 && !user.to_guess) {
    return Error{"an event log needs a user column; choose one"};
  }
  if (time.column < 0 && !time.to_guess) {
    return Error{"an event log needs a time column; choose one"};
  }
  std::vector<std::vector<std::string_view>> values(width);
  for (std::size_t r = first_data_row; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) values[c].push_back(rows[r][c]);
  }
  std::vector<TimestampDetection> detections;
  for (const auto& column : values) detections.push_back(detect_timestamp_format(column));
  const auto taken = [&](int c) { return c == user.column || c == event.column; };

  // Time column: by name and values, then by a specific date format, then by Unix times
  // of plausible years; never a column whose name says user.
  if (time.to_guess) {
    const auto pick = [&](double share, auto&& accept, const char* how) {
      for (std::size_t c = 0; c < width && time.to_guess; ++c) {
        const int column = static_cast<int>(c);
        if (!taken(column) && reads_as_times(detections[c], share) && accept(c)) {
          time = {column, false, how};
        }
      }
    };
    const auto& names = layout.column_names;
    if (layout.has_header) {
      pick(0.5, [&](std::size_t c) { return is_time_name(names[c]); }, "guessed from its name "
           "and values");
    }
    pick(0.9, [&](std::size_t c) {
      const TimestampFormat format = detections[c].format;
      return (format == TimestampFormat::iso_8601 || format == TimestampFormat::yyyymmdd) &&
             (!layout.has_header || user_name_rank(names[c]) == 0);
    }, "guessed: the first column that reads as dates");
    pick(0.9, [&](std::size_t c) {
      return detections[c].plausible && (!layout.has_header || user_name_rank(names[c]) == 0);
    }, "guessed: the first column that reads as Unix times of recent years");
    if (time.to_guess) {
      return Error{"no column reads as times (ISO 8601 such as 2024-03-01T10:20:30Z, "
                   "YYYYMMDD such as 19970101, or Unix seconds or milliseconds); choose the "
                   "time column"};
    }
  }

  // User column: the best name, else the first column left.
  if (user.to_guess) {
    int best_rank = 0;
    for (std::size_t c = 0; c < width && layout.has_header; ++c) {
      const int column = static_cast<int>(c);
      const int rank = user_name_rank(layout.column_names[c]);
      if (column != time.column && column != event.column && rank > best_rank) {
        best_rank = rank;
        user = {column, false, "guessed from its name"};
      }
    }
    for (std::size_t c = 0; c < width && user.to_guess; ++c) {
      const int column = static_cast<int>(c);
      if (column != time.column && column != event.column) {
        user = {column, false, "guessed: the first column that is not the time"};
      }
    }
    if (user.to_guess) {
      return Error{"the rows have a single column; an event log needs a user column and a "
                   "time column"};
    }
  }

  // Event column: only a column whose name says so.
  if (event.to_guess) {
    for (std::size_t c = 0; c < width && layout.has_header && event.to_guess; ++c) {
      const int column = static_cast<int>(c);
      if (column != user.column && column != time.column &&
          is_event_name(layout.column_names[c])) {
        event = {column, false, "guessed from its name"};
      }
    }
  }
  if (user.column == time.column || (event.column >= 0 && (event.column == user.column ||
                                                             event.column == time.column))) {
    return Error{"the user, time and event columns must be different columns; choose again"};
  }
  layout.user_column = user.column;
  layout.time_column = time.column;
  layout.event_column = event.column;

  // Time format: as chosen, or detected from the time column.
  const auto& time_values = values[static_cast<std::size_t>(time.column)];
  const std::string& time_name = layout.column_names[static_cast<std::size_t>(time.column)];
  TimestampDetection& format = layout.time_format;
  format = detections[static_cast<std::size_t>(time.column)];
  if (options.time_format != TimestampFormat::automatic) {
    format.format = options.time_format;
    format.parsed = static_cast<int>(std::count_if(
        time_values.begin(), time_values.end(), [&](std::string_view value) {
          return parse_timestamp(value, options.time_format).has_value();
        }));
    format.description = std::string(timestamp_format_name(options.time_format)) +
                         ", as chosen";
  } else if (format.format == TimestampFormat::automatic) {
    std::string example;
    for (std::string_view value : time_values) {
      if (!value.empty()) {
        example = " (the first is " + quoted(value) + ")";
        break;
      }
    }
    return Error{"column " + std::to_string(time.column + 1) + " (" + time_name + "): none of "
                 "the first values reads as a time" + example + "; the formats read are ISO "
                 "8601 such as 2024-03-01T10:20:30Z, YYYYMMDD such as 19970101, and Unix "
                 "seconds or milliseconds",
                 0, time.column + 1};
  }

  // Notes: each column and why.
  const auto column_note = [&](const char* role, const Resolved& resolved) {
    const auto c = static_cast<std::size_t>(resolved.column);
    return std::string(role) + " column: " + std::to_string(c + 1) + " (" +
           layout.column_names[c] + "), " + resolved.how;
  };
  layout.notes.push_back(column_note("user", user));
  layout.notes.push_back(column_note("time", time) + "; " + format.description);
  if (format.parsed < format.values) {
    layout.notes.push_back(std::to_string(format.values - format.parsed) + " of the first " +
                           std::to_string(format.values) + " times do not read as " +
                           timestamp_format_name(format.format) +
                           "; their rows are skipped and reported");
  }
  if ((format.format == TimestampFormat::unix_seconds ||
       format.format == TimestampFormat::unix_milliseconds) &&
      !format.plausible) {
    layout.notes.push_back("some times read as " + std::string(timestamp_format_name(
                               format.format)) +
                           " fall outside the years 1990 to 2099; check the time column");
  }
  layout.notes.push_back(event.column >= 0 ? column_note("event", event)
                                            : std::string("no event column"));
  return layout;
}

// The part of a text that detection looks at: the first layout_sample_lines lines, or the
// lines within the first layout_sample_bytes. Returns npos while more text may change it.
std::size_t sample_end(std::string_view text, bool complete) {
  std::size_t end = 0;
  for (int line = 0; line < layout_sample_lines; ++line) {
    const std::size_t newline = text.find('\n', end);
    if (newline == npos || newline >= layout_sample_bytes) {
      if (text.size() >= layout_sample_bytes) return end > 0 ? end : layout_sample_bytes;
      return complete ? text.size() : npos;
    }
    end = newline + 1;
  }
  return end;
}

// ---------------------------------------------------------------------------------------
// Rows

// Where a scan for the end of a row stands after the bytes seen so far.
enum class ScanState : unsigned char { field_start, unquoted, quoted, quote_in_quoted };

// Splits rows into fields, keeping only the first few fields of each row and pointing into
// the text instead of copying (a field is copied only to undo doubled quotes).
class RowSplitter {
 public:
  void configure(char delimiter, int fields_kept) {
    aligned_ = delimiter == ' ';
    ends_field_.fill(false);
    padding_.fill(false);
    ends_field_['\n'] = true;
    padding_[' '] = padding_['\r'] = true;
    if (aligned_) {
      ends_field_[' '] = ends_field_['\t'] = ends_field_['\r'] = true;
      padding_['\t'] = true;
    } else if (delimiter != '\0') {
      ends_field_[static_cast<unsigned char>(delimiter)] = true;
      padding_['\t'] = delimiter != '\t';
    } else {
      padding_['\t'] = true;
    }
    fields_.assign(static_cast<std::size_t>(fields_kept), {});
    unescaped_.assign(static_cast<std::size_t>(fields_kept), {});
  }

  // Splits the row starting at `begin`. Returns the position after its line end (or the end
  // of the text when at_end), or npos when the text ends first and more may follow.
  std::size_t split(std::string_view text, std::size_t begin, bool at_end) {
    const char* const base = text.data();
    const char* const end = base + text.size();
    const char* at = base + begin;
    field_count_ = 0;
    newlines_in_quotes_ = 0;
    unclosed_quote_ = false;
    bool after_delimiter = false;
    for (;;) {
      while (at < end && is_padding(*at)) ++at;
      if (at == end || *at == '\n') {
        if (at == end && !at_end) return npos;
        if (after_delimiter) keep_field({});
        return at == end ? text.size() : static_cast<std::size_t>(at + 1 - base);
      }

      // One field: quoted, with any text after the closing quote kept, or plain.
      std::string_view value;
      if (*at == '"') {
        const char* const content = ++at;
        bool doubled_quotes = false;
        for (;;) {
          const auto* quote = static_cast<const char*>(std::memchr(at, '"', end - at));
          if (quote == nullptr) {
            if (!at_end) return npos;
            unclosed_quote_ = true;
            value = {content, static_cast<std::size_t>(end - content)};
            newlines_in_quotes_ += static_cast<int>(std::count(value.begin(), value.end(), '\n'));
            keep_field(value);
            return text.size();
          }
          if (quote + 1 == end && !at_end) return npos;
          if (quote + 1 < end && quote[1] == '"') {
            doubled_quotes = true;
            at = quote + 2;
            continue;
          }
          value = {content, static_cast<std::size_t>(quote - content)};
          at = quote + 1;
          break;
        }
        newlines_in_quotes_ += static_cast<int>(std::count(value.begin(), value.end(), '\n'));
        const char* const after_quote = at;
        while (at < end && !ends_field(*at)) ++at;
        if (at == end && !at_end) return npos;
        const std::string_view rest =
            trim({after_quote, static_cast<std::size_t>(at - after_quote)});
        if ((doubled_quotes || !rest.empty()) && field_count_ < fields_.size()) {
          value = unescape(value, rest);
        }
      } else {
        const char* const start = at;
        while (at < end && !ends_field(*at)) ++at;
        if (at == end && !at_end) return npos;
        value = trim({start, static_cast<std::size_t>(at - start)});
      }
      keep_field(value);
      after_delimiter = false;
      if (at == end) return text.size();
      if (*at == '\n') return static_cast<std::size_t>(at + 1 - base);
      ++at;
      after_delimiter = !aligned_;

      // Past the fields kept, only the line end matters: jump to it unless a quote on the
      // way could hide a line end.
      if (field_count_ == fields_.size()) {
        const auto* newline = static_cast<const char*>(std::memchr(at, '\n', end - at));
        const char* const stop = newline != nullptr ? newline : end;
        if (std::memchr(at, '"', stop - at) == nullptr) {
          if (newline == nullptr && !at_end) return npos;
          return newline == nullptr ? text.size() : static_cast<std::size_t>(newline + 1 - base);
        }
      }
    }
  }

  // Moves `state` over the text and returns the position after the line end that ends the
  // row, or npos. Agrees with split on where every row ends.
  std::size_t find_row_end(std::string_view text, ScanState& state) const {
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char ch = text[i];
      switch (state) {
        case ScanState::field_start:
          if (ch == '\n') return i + 1;
          if (ch == '"') {
            state = ScanState::quoted;
          } else if (!is_padding(ch) && !ends_field(ch)) {
            state = ScanState::unquoted;
          }
          break;
        case ScanState::unquoted:
          if (ch == '\n') return i + 1;
          if (ends_field(ch)) state = ScanState::field_start;
          break;
        case ScanState::quoted:
          if (ch == '"') state = ScanState::quote_in_quoted;
          break;
        case ScanState::quote_in_quoted:
          if (ch == '\n') return i + 1;
          state = ch == '"'        ? ScanState::quoted
                  : ends_field(ch) ? ScanState::field_start
                                   : ScanState::unquoted;
          break;
      }
    }
    return npos;
  }

  // How many fields the row has (at least; past the kept ones counting may stop).
  std::size_t field_count() const { return field_count_; }
  std::string_view field(std::size_t i) const { return fields_[i]; }
  int newlines_in_quotes() const { return newlines_in_quotes_; }
  bool unclosed_quote() const { return unclosed_quote_; }

 private:
  bool ends_field(char ch) const { return ends_field_[static_cast<unsigned char>(ch)]; }
  bool is_padding(char ch) const { return padding_[static_cast<unsigned char>(ch)]; }

  std::string_view trim(std::string_view text) const {
    while (!text.empty() && is_padding(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_padding(text.back())) text.remove_suffix(1);
    return text;
  }

  void keep_field(std::string_view value) {
    if (field_count_ < fields_.size()) fields_[field_count_] = value;
    ++field_count_;
  }

  // A quoted field's content with each doubled quote made one, then any text that followed
  // the closing quote.
  std::string_view unescape(std::string_view content, std::string_view rest) {
    std::string& copy = unescaped_[field_count_];
    copy.clear();
    for (std::size_t i = 0; i < content.size(); ++i) {
      copy += content[i];
      if (content[i] == '"') ++i;
    }
    copy += rest;
    return copy;
  }

  bool aligned_ = false;
  std::array<bool, 256> ends_field_{};
  std::array<bool, 256> padding_{};
  std::vector<std::string_view> fields_;
  std::vector<std::string> unescaped_;
  std::size_t field_count_ = 0;
  int newlines_in_quotes_ = 0;
  bool unclosed_quote_ = false;
};

// A user's last event as a tag: never 0, which marks a user not seen before.
std::uint64_t pack(std::int32_t period, std::int32_t name) {
  return ((std::uint64_t{static_cast<std::uint32_t>(period)} << 32) |
          static_cast<std::uint32_t>(name + 1)) + 1;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Builder

struct EventLogBuilder::State {
  EventLogOptions options;
  std::optional<Calendar> calendar;
  std::optional<Error> failure;
  bool spent = false;

  // Until the layout is known every byte is kept; after, only a row a chunk cut short.
  bool layout_known = false;
  EventLogLayout layout;
  std::string pending;
  ScanState pending_state = ScanState::field_start;
  RowSplitter splitter;
  std::size_t fields_needed = 0;

  std::uint64_t bytes = 0;
  std::int64_t next_line = 1;
  bool header_to_skip = false;

  // Each user's tag holds 1 + the (period, event name) of the user's last event kept.
  InternedStrings users;
  InternedStrings event_names;
  EventList events;
  std::int64_t rows = 0;
  std::int64_t repeated_events = 0;
  std::int64_t skipped_rows = 0;
  std::vector<SkippedRow> skipped_examples;
  std::int32_t first_period = std::numeric_limits<std::int32_t>::max();
  std::int32_t last_period = std::numeric_limits<std::int32_t>::min();
  std::size_t peak_memory_bytes = 0;

  // Events read but not yet kept. With many users nearly every lookup of a user id misses
  // the processor's caches; holding a few events back lets their lookups be fetched ahead,
  // together. They are kept in the order read, so ids and results do not change.
  struct QueuedEvent {
    std::string_view user;
    std::int32_t period = 0;
    std::int32_t name = -1;
    std::int64_t line = 0;
  };
  static constexpr std::size_t queue_size = 16;
  std::array<QueuedEvent, queue_size> queue;
  std::size_t queue_start = 0;
  std::size_t queued = 0;
  // Sum of what keep_full_queue loaded, kept only so that the compiler keeps the loads.
  std::uint64_t slots_loaded = 0;

  std::size_t memory_bytes() const {
    return pending.capacity() + users.memory_bytes() + event_names.memory_bytes() +
           events.memory_bytes();
  }

  void fail(Error error) {
    if (!failure) failure = std::move(error);
  }

  // "row 7, column 2 (date)"; a column past the header has no name.
  std::string where(std::int64_t line, std::size_t column) const {
    const std::string place = "row " + std::to_string(line) + ", column " +
                              std::to_string(column + 1);
    if (column >= layout.column_names.size()) return place;
    return place + " (" + layout.column_names[column] + ")";
  }

  void skip(std::int64_t line, std::size_t column, std::string_view value, std::string why) {
    ++skipped_rows;
    if (static_cast<int>(skipped_examples.size()) < options.max_skipped_examples) {
      skipped_examples.push_back({static_cast<int>(line), static_cast<int>(column) + 1,
                                  shown(value), std::move(why)});
    }
  }

  // Fixes the layout from the sample; the rows are read after.
  void start(std::string_view sample) {
    auto detected = detect_layout(sample, options);
    if (!detected) return fail(detected.error());
    layout = std::move(*detected);
    layout_known = true;
    fields_needed = static_cast<std::size_t>(
        std::max({layout.user_column, layout.time_column, layout.event_column}) + 1);
    splitter.configure(layout.delimiter, static_cast<int>(fields_needed));
    header_to_skip = layout.has_header;
  }

  void check_row_length(std::size_t length) {
    if (length > options.max_row_bytes) {
      fail({"row " + std::to_string(next_line) + " is longer than " +
                std::to_string(options.max_row_bytes) + " bytes, which almost always means "
                "a double quote opens a field that is never closed; check the quotes in and "
                "after this row",
            static_cast<int>(next_line), 0});
    }
  }

  // Reads the text that follows what was read before; at_end when nothing more follows.
  void read(std::string_view text, bool at_end) {
    std::size_t at = 0;

    // A row the last chunk cut short: find its end in this text, then read it whole.
    if (!pending.empty()) {
      const std::size_t row_end = splitter.find_row_end(text, pending_state);
      at = row_end == npos ? text.size() : row_end;
      pending.append(text.substr(0, at));
      check_row_length(pending.size());
      if (failure || (row_end == npos && !at_end)) return;
      splitter.split(pending, 0, true);
      read_row({});
      pending.clear();
    }

    // Whole rows, straight from the text; a row cut short waits for the next chunk.
    while (at < text.size() && !failure) {
      const std::size_t row_end = splitter.split(text, at, at_end);
      if (row_end == npos) {
        keep_queued_events();
        pending.assign(text.substr(at));
        check_row_length(pending.size());
        pending_state = ScanState::field_start;
        splitter.find_row_end(pending, pending_state);
        return;
      }
      check_row_length(row_end - at);
      if (failure) return;
      read_row(text);
      at = row_end;
    }
    keep_queued_events();
  }

  // Queues an event whose user id lies in `text` (which outlives the queue); any other is
  // kept at once, after the queue.
  void queue_event(std::string_view user, std::int32_t period, std::int32_t name,
                   std::int64_t line, std::string_view text) {
    const std::less_equal<const char*> not_after;
    const bool in_text = not_after(text.data(), user.data()) &&
                         not_after(user.data() + user.size(), text.data() + text.size());
    if (!in_text) {
      keep_queued_events();
      return keep_event({user, period, name, line});
    }
    users.prefetch(user);
    queue[(queue_start + queued) % queue_size] = {user, period, name, line};
    if (++queued == queue_size) keep_full_queue();
  }

  // WebAssembly has no prefetch instruction (the hint above compiles to nothing there), so
  // the queued ids' home slots are loaded back to back first: their cache misses overlap
  // instead of each lookup waiting for its own. In Chromium this took a 1 GB log of 1M users
  // from 90 to 134 MB/s.
  void keep_full_queue() {
    std::uint64_t loaded = 0;
    for (const QueuedEvent& event : queue) loaded += users.touch(event.user);
    slots_loaded += loaded;
    keep_queued_events();
  }

  void keep_queued_events() {
    for (; queued > 0; --queued, queue_start = (queue_start + 1) % queue_size) {
      keep_event(queue[queue_start]);
    }
  }

  // Numbers the user and keeps the event unless it repeats the user's last one.
  void keep_event(const QueuedEvent& event) {
    if (failure) return;
    std::uint64_t* last_event = nullptr;
    const std::int32_t user_id = users.intern(event.user, last_event);
    if (user_id < 0) {
      return fail({"row " + std::to_string(event.line) + ": there are more distinct user ids "
                   "than can be held (2^31, or 4 GiB of text)",
                   static_cast<int>(event.line), 0});
    }
    const std::uint64_t this_event = pack(event.period, event.name);
    if (*last_event == this_event) {
      ++repeated_events;
      return;
    }
    *last_event = this_event;
    events.push_back({user_id, event.period, event.name});
    first_period = std::min(first_period, event.period);
    last_period = std::max(last_period, event.period);
  }

  // Reads the row the splitter holds; its fields lie in `text` or in a copy.
  void read_row(std::string_view text) {
    const std::int64_t line = next_line;
    next_line += 1 + splitter.newlines_in_quotes();
    const std::size_t field_count = splitter.field_count();
    if (field_count == 0 || (field_count == 1 && splitter.field(0).empty())) return;
    if (header_to_skip) {
      header_to_skip = false;
      return;
    }
    ++rows;

    // Cells: all the needed ones present, a user id, a time that reads.
    if (splitter.unclosed_quote()) {
      const std::size_t column = field_count - 1;
      const std::string_view value = column < fields_needed ? splitter.field(column) : "";
      return skip(line, column, value, where(line, column) + ": a double quote opens a field "
                  "that is never closed; close it or remove it");
    }
    if (field_count < fields_needed) {
      // The first needed column the row lacks.
      std::size_t missing = fields_needed - 1;
      for (const int column : {layout.user_column, layout.time_column, layout.event_column}) {
        if (column >= static_cast<int>(field_count)) {
          missing = std::min(missing, static_cast<std::size_t>(column));
        }
      }
      return skip(line, missing, "", "row " + std::to_string(line) + " has " +
                  plural(static_cast<std::int64_t>(field_count), "column", "columns") +
                  " but column " + std::to_string(missing + 1) + " (" +
                  layout.column_names[missing] + ") is needed; fill in the missing cells or "
                  "remove the row");
    }
    const auto user_column = static_cast<std::size_t>(layout.user_column);
    const auto time_column = static_cast<std::size_t>(layout.time_column);
    const std::string_view user = splitter.field(user_column);
    if (user.empty()) {
      return skip(line, user_column, user, where(line, user_column) + ": the user id is "
                  "empty; fill it in or remove the row");
    }
    const std::string_view time_text = splitter.field(time_column);
    const auto time = parse_timestamp(time_text, layout.time_format.format);
    if (!time) {
      const std::string why =
          time_text.empty()
              ? where(line, time_column) + ": the time is empty; fill it in or remove the row"
              : where(line, time_column) + ": " + quoted(time_text) + " is not a time: " +
                    explain_unparsed_timestamp(time_text, layout.time_format.format) +
                    "; correct it or remove the row";
      return skip(line, time_column, time_text, why);
    }

    // The event, queued to be kept.
    const std::int32_t period = calendar->period_of(*time);
    std::int32_t name = -1;
    if (layout.event_column >= 0) {
      name = event_names.intern(splitter.field(static_cast<std::size_t>(layout.event_column)));
      if (name < 0) {
        return fail({"row " + std::to_string(line) + ": there are more distinct event names "
                     "than can be held (2^31, or 4 GiB of text)",
                     static_cast<int>(line), 0});
      }
    }
    queue_event(user, period, name, line, text);
  }
};

EventLogBuilder::EventLogBuilder(EventLogOptions options) : state_(std::make_unique<State>()) {
  state_->options = std::move(options);
  auto calendar = Calendar::make(state_->options.calendar);
  if (calendar) {
    state_->calendar = std::move(*calendar);
  } else {
    state_->fail(calendar.error());
  }
}

EventLogBuilder::~EventLogBuilder() = default;
EventLogBuilder::EventLogBuilder(EventLogBuilder&&) noexcept = default;
EventLogBuilder& EventLogBuilder::operator=(EventLogBuilder&&) noexcept = default;

Result<IngestProgress> EventLogBuilder::add(std::string_view chunk) {
  State& state = *state_;
  if (state.spent) return Error{"the event log was already finished; start a new one"};
  if (state.failure) return *state.failure;
  state.bytes += chunk.size();
  if (state.layout_known) {
    state.read(chunk, false);
  } else {
    // Keep the first bytes until the sample is complete, then read them as the first chunk.
    // A chunk that holds the whole sample is read where it lies, without a copy.
    std::string kept;
    std::string_view text = chunk;
    std::string_view rest;
    if (!state.pending.empty()) {
      const std::size_t room =
          layout_sample_bytes + byte_order_mark.size() - std::min(state.pending.size(),
                                                                  layout_sample_bytes);
      state.pending.append(chunk.substr(0, room));
      rest = chunk.substr(std::min(room, chunk.size()));
      kept = std::move(state.pending);
      state.pending.clear();
      text = kept;
    }
    std::string_view body = text;
    if (body.substr(0, byte_order_mark.size()) == byte_order_mark) {
      body.remove_prefix(byte_order_mark.size());
    }
    const std::size_t end = sample_end(body, false);
    if (end == npos) {
      state.pending.assign(text);
    } else {
      state.start(body.substr(0, end));
      if (!state.failure) state.read(body, false);
      if (!state.failure) state.read(rest, false);
    }
  }
  if (state.failure) return *state.failure;
  state.peak_memory_bytes = std::max(state.peak_memory_bytes, state.memory_bytes());
  if (state.memory_bytes() > state.options.max_memory_bytes) {
    state.failure = Error{"the log holds more users and events than fit in memory here (" +
                          std::to_string(state.memory_bytes() >> 20) + " MB after " +
                          std::to_string(state.rows) + " rows); split the file by date, or "
                          "choose a longer period so that repeated events fold together"};
    return *state.failure;
  }
  return progress();
}

Result<EventLog> EventLogBuilder::finish() {
  State& state = *state_;
  if (state.spent) return Error{"the event log was already finished; start a new one"};
  if (state.failure) return *state.failure;
  if (!state.layout_known) {
    std::string text = std::move(state.pending);
    state.pending.clear();
    const std::size_t skipped_mark =
        std::string_view(text).substr(0, byte_order_mark.size()) == byte_order_mark
            ? byte_order_mark.size()
            : 0;
    const std::string_view body = std::string_view(text).substr(skipped_mark);
    state.start(body.substr(0, sample_end(body, true)));
    if (!state.failure) state.read(body, true);
  } else {
    state.read({}, true);
  }
  if (state.failure) return *state.failure;
  state.peak_memory_bytes = std::max(state.peak_memory_bytes, state.memory_bytes());
  state.spent = true;

  // Nothing to build cohorts from is an error, with the first problem as an example.
  if (state.rows == 0) {
    return Error{state.layout.has_header ? "the text has a header but no rows below it; add "
                                           "one row per event"
                                         : "the text holds no rows; give one event per row"};
  }
  if (state.events.empty()) {
    const SkippedRow& first = state.skipped_examples.front();
    return Error{"none of the " + plural(state.rows, "row", "rows") +
                     " could be read; the first: " + first.why,
                 first.row, first.column};
  }

  EventLog log;
  log.layout = std::move(state.layout);
  log.calendar = state.options.calendar;
  log.events = std::move(state.events);
  log.user_count = state.users.size();
  log.event_names = std::move(state.event_names);
  log.rows = state.rows;
  log.repeated_events = state.repeated_events;
  log.skipped_rows = state.skipped_rows;
  log.skipped_examples = std::move(state.skipped_examples);
  log.first_period = state.first_period;
  log.last_period = state.last_period;
  log.peak_memory_bytes = state.peak_memory_bytes;
  log.status = state.skipped_rows > 0 ? IngestStatus::rows_skipped : IngestStatus::complete;
  const Calendar& calendar = *state.calendar;
  log.message = "read " + plural(log.rows, "row", "rows") + ": " +
                plural(log.rows - log.skipped_rows, "event", "events") + " by " +
                plural(log.user_count, "user", "users") + ", " +
                period_unit_name(calendar.options().unit) + "s " +
                calendar.label(log.first_period) + " to " + calendar.label(log.last_period) +
                "; " +
                (log.skipped_rows > 0
                     ? plural(log.skipped_rows, "row", "rows") + " skipped"
                     : std::string("no row skipped"));
  state.users = InternedStrings();
  return log;
}

IngestProgress EventLogBuilder::progress() const {
  return {state_->bytes, state_->rows, state_->memory_bytes()};
}

const EventLogLayout* EventLogBuilder::layout() const {
  return state_->layout_known ? &state_->layout : nullptr;
}

Result<EventLogLayout> detect_event_log_layout(std::string_view head,
                                               const EventLogOptions& options) {
  // Before the head is cut at its last line end, which could leave no zero byte to see.
  if (auto problem = binary_problem(head)) return *problem;
  if (head.substr(0, byte_order_mark.size()) == byte_order_mark) {
    head.remove_prefix(byte_order_mark.size());
  }
  const std::size_t last_newline = head.rfind('\n');
  if (last_newline != npos && last_newline + 1 < head.size()) {
    head = head.substr(0, last_newline + 1);
  }
  return detect_layout(head.substr(0, sample_end(head, true)), options);
}

Result<EventLog> read_event_log(std::string_view text, const EventLogOptions& options) {
  EventLogBuilder builder(options);
  auto progress = builder.add(text);
  if (!progress) return progress.error();
  return builder.finish();
}

}  // namespace retention
