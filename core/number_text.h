// Numbers as people type them into a cell.
#pragma once

#include <optional>
#include <string_view>

namespace retention {

/// The number a whole field spells in C locale ("0.55", "-3", "1e-4"), or nothing when any
/// character is left over or the field is empty. "nan" and "inf" parse; callers that need
/// finite values check.
std::optional<double> parse_number(std::string_view field);

}  // namespace retention
