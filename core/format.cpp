#include "format.h"

#include <cstdio>

namespace retention {

std::string format_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

}  // namespace retention
