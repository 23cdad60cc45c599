#include "format.h"

#include <cstdio>

namespace retention {

std::string format_number(double value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return text;
}

}  // namespace retention
