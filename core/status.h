// The one way the core reports a problem: a value, never an exception, so that nothing
// throws across the WebAssembly boundary (the module is built without exception support).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace retention {

/// What went wrong and, where it came from text, where: rows and columns are 1-based as a
/// spreadsheet shows them (the header is row 1); 0 means "not tied to a cell".
struct Error {
  /// The whole sentence, place included: "row 4, column 2 (retention): ...".
  std::string message;
  int row = 0;
  int column = 0;
  /// The same without the place, for a view that shows the place itself; may be empty.
  std::string detail = {};
};

/// Either a value or an Error.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const { return std::get<T>(state_); }
  T& value() { return std::get<T>(state_); }
  const Error& error() const { return std::get<Error>(state_); }

  const T& operator*() const { return value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace retention
