// Numbers in messages: short, and the same on every platform.
#pragma once

#include <string>

namespace retention {

/// Up to 6 significant digits, no trailing zeros ("0.55", "43401", "1e-10").
std::string format_number(double value);

}  // namespace retention
