#include "test_data.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace retention::testing {

std::string read_shared_file(const std::string& name) {
  const std::string path = std::string(RETENTION_SHARED_DATA) + "/" + name;
  std::ifstream file(path, std::ios::binary);
  EXPECT_TRUE(file.good()) << "cannot read " << path;
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

}  // namespace retention::testing
