// Conversions between JS values and C++ values for the bindings, and the one shape of a
// failure: {error: {message, row?, column?}}. No maths here.
#pragma once

#include <emscripten/val.h>

#include <optional>
#include <string>
#include <vector>

#include "power_curve.h"
#include "status.h"

namespace retention::js {

using emscripten::val;

val failure(const Error& error);

/// "null", "an array", or the JS typeof.
std::string type_of(const val& value);

bool is_object(const val& value);

/// A numeric field; when absent, the fallback if there is one, else an error.
Result<double> number_field(const val& input, const char* name,
                            std::optional<double> fallback = std::nullopt);

/// A whole-number field, with a fallback when absent.
Result<int> whole_field(const val& input, const char* name, int fallback);

/// An array of numbers (plain or typed) as a vector; empty when absent and optional. An
/// element that is no number is named by its index.
Result<std::vector<double>> numbers_field(const val& input, const char* name, bool optional);

/// Like numbers_field for an array whose null or undefined elements mean "missing": they
/// come back as NaN.
Result<std::vector<double>> sparse_numbers(const val& array, const std::string& name);

/// The `form` field: "sameEvent" or "differentEvents"; the fallback when absent.
Result<CurveForm> form_field(const val& input, CurveForm fallback);
const char* form_name(CurveForm form);

/// Copies out of wasm memory, so the array outlives the vector.
val to_float64_array(const std::vector<double>& values);
val to_array(const std::vector<double>& values);
val to_array(const std::vector<int>& values);
val to_array(const std::vector<std::string>& values);

/// A number, or null where it is NaN or infinite (JSON has neither, and a page must not
/// show them).
val finite_or_null(double value);

}  // namespace retention::js

/// Evaluates a Result-returning expression; returns its error as a failure value, or binds
/// its value to `variable`.
#define RETENTION_TAKE(variable, expression)                                   \
  auto variable##_result = (expression);                                       \
  if (!variable##_result) return ::retention::js::failure(variable##_result.error()); \
  const auto variable = std::move(variable##_result.value())
