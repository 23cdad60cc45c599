// Numbers in messages: short, and the same on every platform.
#pragma once

#include <string>

namespace retention {

/// Up to `digits` significant digits, no trailing zeros ("0.55", "43401", "1e-10").
std::string format_number(double value, int digits = 6);

}  // namespace retention
