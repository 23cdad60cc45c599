#include "js_values.h"

#include <cmath>

#include "format.h"

namespace retention::js {

val failure(const Error& error) {
  val details = val::object();
  details.set("message", error.message);
  if (error.row > 0) details.set("row", error.row);
  if (error.column > 0) details.set("column", error.column);
  if (!error.detail.empty()) details.set("detail", error.detail);
  val result = val::object();
  result.set("error", details);
  return result;
}

std::string type_of(const val& value) {
  if (value.isNull()) return "null";
  if (value.isArray()) return "an array";
  return value.typeOf().as<std::string>();
}

bool is_object(const val& value) {
  return !value.isNull() && value.typeOf().as<std::string>() == "object";
}

Result<double> number_field(const val& input, const char* name, std::optional<double> fallback) {
  const val field = input[name];
  if (field.isUndefined() && fallback) return *fallback;
  if (!field.isNumber()) {
    return Error{std::string(name) + " must be a number, not " + type_of(field)};
  }
  return field.as<double>();
}

Result<int> whole_field(const val& input, const char* name, int fallback) {
  auto number = number_field(input, name, fallback);
  if (!number) return number.error();
  const double value = number.value();
  if (value != std::floor(value) || std::abs(value) > 1e9) {
    return Error{std::string(name) + " must be a whole number, not " + format_number(value)};
  }
  return static_cast<int>(value);
}

Result<std::vector<double>> numbers_field(const val& input, const char* name, bool optional) {
  const val field = input[name];
  if (optional && (field.isUndefined() || field.isNull())) return std::vector<double>{};
  // A plain array is the common case; asking ArrayBuffer.isView costs two more crossings.
  if (!field.isArray() && !val::global("ArrayBuffer").call<bool>("isView", field)) {
    return Error{std::string(name) + " must be an array of numbers, not " + type_of(field)};
  }
  std::vector<double> numbers = emscripten::convertJSArrayToNumberVector<double>(field);

  // Only a NaN can hide an element that was not a number; name the first such element.
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    if (!std::isnan(numbers[i])) continue;
    const val element = field[i];
    if (element.isNumber()) continue;
    return Error{std::string(name) + "[" + std::to_string(i) + "] must be a number, not " +
                 type_of(element)};
  }
  return numbers;
}

Result<std::vector<double>> sparse_numbers(const val& array, const std::string& name) {
  if (!array.isArray()) return Error{name + " must be an array, not " + type_of(array)};
  const auto length = array["length"].as<std::size_t>();
  std::vector<double> numbers(length, NAN);
  for (std::size_t i = 0; i < length; ++i) {
    const val element = array[i];
    if (element.isNull() || element.isUndefined()) continue;
    if (!element.isNumber()) {
      return Error{name + "[" + std::to_string(i) + "] must be a number or null, not " +
                   type_of(element)};
    }
    numbers[i] = element.as<double>();
  }
  return numbers;
}

Result<CurveForm> form_field(const val& input, CurveForm fallback) {
  const val field = input["form"];
  if (field.isUndefined()) return fallback;
  const std::string name = field.isString() ? field.as<std::string>() : "";
  if (name == "sameEvent") return CurveForm::same_event;
  if (name == "differentEvents") return CurveForm::different_events;
  return Error{"form must be \"sameEvent\" or \"differentEvents\""};
}

const char* form_name(CurveForm form) {
  return form == CurveForm::same_event ? "sameEvent" : "differentEvents";
}

val to_float64_array(const std::vector<double>& values) {
  return val::global("Float64Array")
      .new_(emscripten::typed_memory_view(values.size(), values.data()));
}

// Numbers cross as one typed-array copy that Array.from turns into a plain array: two calls
// into JS instead of one per element (a 1 MB table has about 250,000 numbers).
val to_array(const std::vector<double>& values) {
  return val::global("Array").call<val>("from", to_float64_array(values));
}

val to_array(const std::vector<int>& values) {
  const val view = val(emscripten::typed_memory_view(values.size(), values.data()));
  return val::global("Array").call<val>("from", view);
}

val to_array(const std::vector<std::string>& values) {
  val array = val::array();
  for (const std::string& value : values) array.call<void>("push", value);
  return array;
}

val finite_or_null(double value) { return std::isfinite(value) ? val(value) : val::null(); }

}  // namespace retention::js
