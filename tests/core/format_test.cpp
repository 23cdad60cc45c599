#include "format.h"

#include <gtest/gtest.h>

namespace retention {
namespace {

TEST(Format, CountsGroupTheirThousandsAsThePageDoes) {
  EXPECT_EQ("0", format_count(0));
  EXPECT_EQ("999", format_count(999));
  EXPECT_EQ("1,000", format_count(1000));
  EXPECT_EQ("23,570", format_count(23570));
  EXPECT_EQ("1,234,567", format_count(1234567));
  EXPECT_EQ("-4,321", format_count(-4321));
}

TEST(Format, PluralNamesOneAndManyWithTheGroupedCount) {
  EXPECT_EQ("1 row", plural(1, "row", "rows"));
  EXPECT_EQ("0 rows", plural(0, "row", "rows"));
  EXPECT_EQ("69,659 rows", plural(69659, "row", "rows"));
}

}  // namespace
}  // namespace retention
