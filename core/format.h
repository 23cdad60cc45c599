// Numbers in messages: short, and the same on every platform.
#pragma once

#include <cstdint>
#include <string>

namespace retention {

/// Up to `digits` significant digits, no trailing zeros ("0.55", "43401", "1e-10").
std::string format_number(double value, int digits = 6);

/// A whole number with its thousands grouped as the page shows them: "23,570".
std::string format_count(std::int64_t count);

/// A count and its noun: "1 user", "3 users", "69,659 rows".
std::string plural(std::int64_t count, const char* one, const char* many);

}  // namespace retention
