#include "count_data.h"

#include <gtest/gtest.h>

#include "test_data.h"

namespace retention {
namespace {

TEST(CountData, ReadsBothFaderHardieSegments) {
  const CountColumns table =
      parse_counts(testing::read_shared_file("fader_hardie_2007.csv")).value();
  ASSERT_EQ((std::vector<std::string>{"regular", "high_end"}), table.segments);
  EXPECT_EQ(1000, table.counts[0].size);
  ASSERT_EQ(12u, table.counts[0].periods.size());
  EXPECT_EQ(631, table.counts[0].active[0]);
  EXPECT_EQ(173, table.counts[0].active[11]);
  EXPECT_EQ(394, table.counts[1].active[11]);
}

TEST(CountData, NamesABadCountCell) {
  const auto result = parse_counts("year,regular\n0,1000\n1,abc\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(3, result.error().row);
  EXPECT_EQ(2, result.error().column);
  EXPECT_EQ("row 3, column 2 (regular): \"abc\" is not a number; write the number of users, "
            "such as 1200",
            result.error().message);
}

TEST(CountData, NeedsThePeriodZeroSize) {
  EXPECT_EQ("column \"regular\" has no users at period 0; its size is needed, in the period-0 "
            "cell",
            parse_counts("year,regular\n1,631\n2,468\n").error().message);
}

TEST(CountData, RefusesFractionsInCountsMode) {
  EXPECT_NE(std::string::npos,
            parse_counts("period,a\n0,1\n1,0.5\n").error().message.find("holds fractions"));
}

TEST(CohortTable, ReadsAWideTriangleWithMissingCells) {
  const CohortRows rows =
      parse_cohort_table("cohort,0,1,2,3\n2024-01,1000,600,450,400\n2024-02,800,500,380,\n"
                         "2024-03,900,560,,\n")
          .value();
  ASSERT_EQ(3u, rows.cohorts.size());
  EXPECT_EQ("2024-02", rows.labels[1]);
  EXPECT_EQ(800, rows.cohorts[1].size);
  EXPECT_EQ((std::vector<double>{1, 2}), rows.cohorts[1].periods);
  EXPECT_EQ((std::vector<double>{560}), rows.cohorts[2].active);
}

TEST(CohortTable, ReadsLongForm) {
  const CohortRows rows =
      parse_cohort_table("cohort\tperiod\tusers\nA\t0\t100\nA\t1\t60\nB\t0\t50\nA\t2\t40\n")
          .value();
  ASSERT_EQ(2u, rows.cohorts.size());
  EXPECT_EQ((std::vector<double>{60, 40}), rows.cohorts[0].active);
  EXPECT_EQ(50, rows.cohorts[1].size);
  EXPECT_TRUE(rows.cohorts[1].periods.empty());
}

TEST(CohortTable, NamesAShortRowOfTheLongFormAndItsFirstMissingCell) {
  const Error error = parse_cohort_table("cohort\tperiod\tusers\nA\t0\t100\nA\t1\n").error();
  EXPECT_EQ("row 3 has 2 columns but needs 3; fill in the missing cells or remove the row",
            error.message);
  EXPECT_EQ(3, error.row);
  EXPECT_EQ(3, error.column);
}

TEST(CohortTable, NamesTheProblemsOfATriangle) {
  EXPECT_EQ("row 1, column 2: the first period column must be period 0, the cohort size (found "
            "\"1\")",
            parse_cohort_table("cohort,1,2\nA,5,4\n").error().message);
  EXPECT_EQ("row 3 (cohort \"B\") has no users at period 0; its size is needed, in the period-0 "
            "cell",
            parse_cohort_table("cohort,0,1\nA,5,4\nB,,3\n").error().message);
  EXPECT_EQ("row 2, column 3 (period 1): \"x\" is not a number; write the number of users, "
            "such as 1200",
            parse_cohort_table("cohort,0,1\nA,5,x\n").error().message);
}

}  // namespace
}  // namespace retention
