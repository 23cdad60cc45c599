// JS bindings of the event-log path: cohorts() for a whole text or bytes, a CohortStream
// for the Web Worker that reads big files in chunks, and detectEventLog() for the column
// mapping step. Conversion only; see retention-core.d.ts. The time zone arrives as a table
// of UTC-offset changes that module_api.js computes with Intl before calling in here.
#include <emscripten/bind.h>

#include <cmath>
#include <memory>

#include "cohorts.h"
#include "event_log.h"
#include "js_values.h"

namespace retention::js {
namespace {

// A column by header name (text) or 0-based index (number); absent means guess.
Result<ColumnChoice> column_field(const val& input, const char* name, bool optional) {
  const val field = input[name];
  ColumnChoice choice;
  if (field.isUndefined() || field.isNull()) {
    choice.index = optional ? no_column : guess_column;
    return choice;
  }
  if (field.isString()) {
    choice.name = field.as<std::string>();
    return choice;
  }
  if (field.isNumber()) {
    const double index = field.as<double>();
    if (index >= 0 && index == std::floor(index) && index < 1e6) {
      choice.index = static_cast<int>(index);
      return choice;
    }
  }
  return Error{std::string(name) + " must be a column name or a 0-based column number, not " +
               type_of(field)};
}

Result<std::string> text_field(const val& input, const char* name) {
  const val field = input[name];
  if (field.isUndefined() || field.isNull()) return std::string();
  if (!field.isString()) return Error{std::string(name) + " must be text, not " + type_of(field)};
  return field.as<std::string>();
}

// Copies a string or a Uint8Array into wasm memory.
Result<std::string> bytes_of(const val& data, const char* name) {
  if (data.isString()) return data.as<std::string>();
  if (data.instanceof(val::global("Uint8Array"))) {
    std::string bytes(data["length"].as<std::size_t>(), '\0');
    val(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<std::uint8_t*>(bytes.data())))
        .call<void>("set", data);
    return bytes;
  }
  return Error{std::string(name) + " must be text or a Uint8Array of bytes, not " + type_of(data)};
}

Result<EventLogOptions> read_log_options(const val& input) {
  EventLogOptions options;
  auto user = column_field(input, "userColumn", false);
  if (!user) return user.error();
  auto time = column_field(input, "timeColumn", false);
  if (!time) return time.error();
  auto event = column_field(input, "eventColumn", true);
  if (!event) return event.error();
  options.user_column = user.value();
  options.time_column = time.value();
  options.event_column = event.value();
  // Without an explicit event column, guess one only when events are named.
  if (input["eventColumn"].isUndefined()) options.event_column.index = guess_column;

  auto period = text_field(input, "period");
  if (!period) return period.error();
  if (period.value() == "week") {
    options.calendar.unit = PeriodUnit::week;
  } else if (period.value() == "month") {
    options.calendar.unit = PeriodUnit::month;
  } else if (!period->empty() && period.value() != "day") {
    return Error{"period must be \"day\", \"week\" or \"month\""};
  }
  auto week_start = text_field(input, "weekStart");
  if (!week_start) return week_start.error();
  if (week_start.value() == "sunday") {
    options.calendar.week_start = WeekStart::sunday;
  } else if (!week_start->empty() && week_start.value() != "monday") {
    return Error{"weekStart must be \"monday\" or \"sunday\""};
  }

  // [fromUtcSeconds, offsetSeconds, ...] as module_api.js writes it.
  const val zone = input["zoneOffsets"];
  if (!zone.isUndefined() && !zone.isNull()) {
    auto flat = numbers_field(input, "zoneOffsets", false);
    if (!flat) return flat.error();
    if (flat->size() % 2 != 0) return Error{"zoneOffsets must hold pairs of numbers"};
    for (std::size_t i = 0; i < flat->size(); i += 2) {
      options.calendar.zone.push_back({static_cast<std::int64_t>((*flat)[i]),
                                       static_cast<std::int32_t>((*flat)[i + 1])});
    }
  }
  return options;
}

Result<CohortOptions> read_cohort_options(const val& input) {
  CohortOptions options;
  auto by = text_field(input, "cohortBy");
  if (!by) return by.error();
  if (by.value() == "recurring") {
    options.cohort_by = CohortBy::recurring;
  } else if (!by->empty() && by.value() != "first") {
    return Error{"cohortBy must be \"first\" or \"recurring\""};
  }
  auto mode = text_field(input, "mode");
  if (!mode) return mode.error();
  if (mode.value() == "onOrAfter") {
    options.mode = RetentionMode::on_or_after;
  } else if (!mode->empty() && mode.value() != "on") {
    return Error{"mode must be \"on\" or \"onOrAfter\""};
  }
  for (auto [field, target] : {std::pair{"startEvent", &options.start_event},
                               {"returnEvent", &options.return_event},
                               {"from", &options.from},
                               {"to", &options.to}}) {
    auto text = text_field(input, field);
    if (!text) return text.error();
    *target = text.value();
  }
  return options;
}

val layout_object(const EventLogLayout& layout) {
  val result = val::object();
  result.set("delimiter", std::string(1, layout.delimiter == '\0' ? ' ' : layout.delimiter));
  result.set("hasHeader", layout.has_header);
  result.set("columnNames", to_array(layout.column_names));
  result.set("userColumn", layout.user_column);
  result.set("timeColumn", layout.time_column);
  result.set("eventColumn", layout.event_column >= 0 ? val(layout.event_column) : val::null());
  val format = val::object();
  format.set("name", std::string(timestamp_format_name(layout.time_format.format)));
  format.set("description", layout.time_format.description);
  format.set("values", layout.time_format.values);
  format.set("parsed", layout.time_format.parsed);
  result.set("timeFormat", format);
  result.set("notes", to_array(layout.notes));
  return result;
}

val skipped_object(const std::vector<SkippedRow>& rows) {
  val list = val::array();
  for (const SkippedRow& row : rows) {
    val entry = val::object();
    entry.set("row", row.row);
    entry.set("column", row.column);
    entry.set("value", row.value);
    entry.set("why", row.why);
    list.call<void>("push", entry);
  }
  return list;
}

// Every cohort's counts padded with null to the longest, so the table is rectangular and a
// cell not reached yet is null, never 0.
val table_object(const CohortTable& table, const EventLog& log) {
  std::size_t width = 0;
  for (const Cohort& cohort : table.cohorts) width = std::max(width, cohort.reached());
  val cohorts = val::array();
  for (const Cohort& cohort : table.cohorts) {
    val counts = val::array();
    for (std::size_t k = 0; k < width; ++k) {
      counts.call<void>("push", k < cohort.reached() ? val(double(cohort.counts[k])) : val::null());
    }
    val entry = val::object();
    entry.set("start", cohort.start);
    entry.set("period", cohort.period);
    entry.set("size", double(cohort.size));
    entry.set("counts", counts);
    cohorts.call<void>("push", entry);
  }
  val result = val::object();
  result.set("cohorts", cohorts);
  result.set("period", std::string(period_unit_name(table.unit)));
  result.set("users", double(table.users));
  result.set("lastPeriod", table.last_period);
  result.set("lastPeriodLabel", table.last_period_label);
  result.set("meanRetention", to_array(table.mean_retention));
  std::vector<int> mean_cohorts(table.mean_cohorts.begin(), table.mean_cohorts.end());
  result.set("meanCohorts", to_array(mean_cohorts));
  result.set("skippedRows", double(table.skipped_rows));
  result.set("skippedExamples", skipped_object(table.skipped_examples));
  result.set("status", std::string(table.status == CohortStatus::complete ? "complete"
                                                                          : "rowsSkipped"));
  result.set("message", table.message);
  result.set("notes", to_array(table.notes));
  result.set("layout", layout_object(log.layout));
  val read = val::object();
  read.set("rows", double(log.rows));
  read.set("events", double(log.events.size()));
  read.set("users", double(log.user_count));
  read.set("repeatedEvents", double(log.repeated_events));
  read.set("peakMemoryBytes", double(log.peak_memory_bytes));
  read.set("message", log.message);
  result.set("log", read);
  return result;
}

val cohorts(val input) {
  if (!is_object(input)) return failure({"cohorts takes an object {data, period, ...}"});
  RETENTION_TAKE(data, bytes_of(input["data"], "data"));
  RETENTION_TAKE(log_options, read_log_options(input));
  RETENTION_TAKE(cohort_options, read_cohort_options(input));
  RETENTION_TAKE(log, read_event_log(data, log_options));
  RETENTION_TAKE(table, compute_cohorts(log, cohort_options));
  return table_object(table, log);
}

val detect_event_log(val input) {
  if (!is_object(input)) return failure({"detectEventLog takes an object {data, ...}"});
  RETENTION_TAKE(head, bytes_of(input["data"], "data"));
  RETENTION_TAKE(options, read_log_options(input));
  RETENTION_TAKE(layout, detect_event_log_layout(head, options));
  return layout_object(layout);
}

val progress_object(const IngestProgress& progress) {
  val result = val::object();
  result.set("bytes", double(progress.bytes));
  result.set("rows", double(progress.rows));
  result.set("memoryBytes", double(progress.memory_bytes));
  return result;
}

// The streaming form of cohorts(): add() each chunk, then finish(). A bad option is kept and
// returned by every later call, so the constructor never throws.
class CohortStream {
 public:
  explicit CohortStream(val input) {
    if (!is_object(input)) {
      problem_ = Error{"CohortStream takes an object {period, userColumn, ...}"};
      return;
    }
    auto log_options = read_log_options(input);
    auto cohort_options = read_cohort_options(input);
    if (!log_options) {
      problem_ = log_options.error();
    } else if (!cohort_options) {
      problem_ = cohort_options.error();
    } else {
      cohort_options_ = cohort_options.value();
      builder_ = std::make_unique<EventLogBuilder>(log_options.value());
    }
  }

  val add(val chunk) {
    if (problem_) return failure(*problem_);
    RETENTION_TAKE(bytes, bytes_of(chunk, "chunk"));
    RETENTION_TAKE(progress, builder_->add(bytes));
    return progress_object(progress);
  }

  val finish() {
    if (problem_) return failure(*problem_);
    problem_ = Error{"this stream has finished; start a new one"};
    RETENTION_TAKE(log, builder_->finish());
    builder_.reset();
    RETENTION_TAKE(table, compute_cohorts(log, cohort_options_));
    return table_object(table, log);
  }

 private:
  std::optional<Error> problem_;
  CohortOptions cohort_options_;
  std::unique_ptr<EventLogBuilder> builder_;
};

}  // namespace
}  // namespace retention::js

EMSCRIPTEN_BINDINGS(retention_cohorts) {
  emscripten::function("cohortsFromOffsets", &retention::js::cohorts);
  emscripten::function("detectEventLogFromOffsets", &retention::js::detect_event_log);
  emscripten::class_<retention::js::CohortStream>("CohortStreamFromOffsets")
      .constructor<emscripten::val>()
      .function("add", &retention::js::CohortStream::add)
      .function("finish", &retention::js::CohortStream::finish);
}
