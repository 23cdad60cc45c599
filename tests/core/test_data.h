// Access to the real data sets in ../shared/data for tests.
#pragma once

#include <string>

namespace retention::testing {

/// The whole content of a file in ../shared/data; fails the test if it cannot be read.
std::string read_shared_file(const std::string& name);

}  // namespace retention::testing
