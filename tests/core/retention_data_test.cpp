#include "retention_data.h"

#include "delimited_text.h"

#include <gtest/gtest.h>

#include "test_data.h"

namespace retention {
namespace {

Error error_of(const Result<RetentionData>& result) {
  EXPECT_FALSE(result.ok());
  return result.error();
}

TEST(RetentionData, ReadsTheSeedFileWithTheOriginalColumnName) {
  const RetentionData data =
      parse_retention(testing::read_shared_file("seed_retention.tsv")).value();
  ASSERT_EQ(8u, data.periods.size());
  EXPECT_EQ(0, data.periods[0]);
  EXPECT_EQ(7, data.periods[7]);
  EXPECT_DOUBLE_EQ(0.5432, data.retention[1]);
  EXPECT_FALSE(data.percent);
  EXPECT_EQ(2, data.rows[0]);
}

TEST(RetentionData, HandlesCrlfBomAndQuotedFields) {
  const RetentionData data =
      parse_retention("\xEF\xBB\xBF\"period\",\"retention\"\r\n0,1\r\n\"1\",\"0.5\"\r\n").value();
  ASSERT_EQ(2u, data.periods.size());
  EXPECT_DOUBLE_EQ(0.5, data.retention[1]);
}

TEST(RetentionData, DetectsSemicolonsAndDecimalCommas) {
  const RetentionData data = parse_retention("period;retention\n0;1\n1;0,55\n2;0,4\n").value();
  EXPECT_DOUBLE_EQ(0.55, data.retention[1]);
  ASSERT_EQ(1u, data.notes.size());
  EXPECT_EQ("decimal commas such as 0,55 are read as decimal points", data.notes[0]);
}

TEST(RetentionData, ReadsPercentSignsAndSaysSo) {
  const RetentionData data = parse_retention("period\tretention\n0\t100%\n1\t55%\n").value();
  EXPECT_TRUE(data.percent);
  EXPECT_DOUBLE_EQ(0.55, data.retention[1]);
  EXPECT_EQ("retention is read as percentages because row 2 has a % sign", data.notes[0]);
}

TEST(RetentionData, ReadsLargeNumbersAsPercentagesAndSaysSo) {
  const RetentionData data = parse_retention("period,retention\n0,100\n1,55\n2,40\n").value();
  EXPECT_TRUE(data.percent);
  EXPECT_DOUBLE_EQ(0.4, data.retention[2]);
  EXPECT_EQ("retention is read as percentages because the largest value, 100 in row 2, is "
            "above 1",
            data.notes[0]);
}

TEST(RetentionData, RefusesAValueBetweenOneAndTwoRatherThanGuess) {
  const Error error = error_of(parse_retention("period,retention\n0,1\n1,1.2\n"));
  EXPECT_EQ(3, error.row);
  EXPECT_EQ(2, error.column);
  EXPECT_EQ("row 3, column 2 (retention): 1.2 is above 1; if the column holds percentages, "
            "write them from 0 to 100 or with a % sign, and if it holds fractions, retention "
            "cannot exceed 1",
            error.message);
}

TEST(RetentionData, NamesRowColumnAndValueOfABadCell) {
  const Error error = error_of(parse_retention("period\tretention\n0\t1\n1\tabc\n2\t0.4\n"));
  EXPECT_EQ(3, error.row);
  EXPECT_EQ(2, error.column);
  EXPECT_EQ("row 3, column 2 (retention): \"abc\" is not a number; write a fraction such as "
            "0.55 or a percentage such as 55%",
            error.message);
}

TEST(RetentionData, RowsCountBlankLines) {
  const Error error = error_of(parse_retention("period,retention\n\n0,1\n\n1,x\n"));
  EXPECT_EQ(5, error.row);
}

TEST(RetentionData, RefusesNegativeAndFractionalPeriods) {
  EXPECT_EQ("row 3, column 1 (period): \"-1\" is not a whole number >= 0; periods count from "
            "0, the period the cohort started",
            error_of(parse_retention("period,retention\n0,1\n-1,0.5\n")).message);
  EXPECT_EQ(1, error_of(parse_retention("period,retention\n0,1\n1.5,0.5\n")).column);
}

TEST(RetentionData, RefusesNonFiniteAndEmptyCells) {
  EXPECT_EQ("row 2, column 2 (retention): \"nan\" is not a finite number; replace it with a "
            "value or remove the row",
            error_of(parse_retention("period,retention\n0,nan\n")).message);
  EXPECT_EQ("row 3, column 2 (retention): the cell is empty; fill it in or remove the row",
            error_of(parse_retention("period,retention\n0,1\n1,\n")).message);
}

TEST(RetentionData, NamesTheMissingColumn) {
  const Error error = error_of(parse_retention("day,value\n0,1\n1,0.5\n"));
  EXPECT_EQ(1, error.row);
  EXPECT_EQ("row 1: no column named period (found \"day\", \"value\"); name the columns period "
            "and retention",
            error.message);
}

TEST(RetentionData, RefusesOneColumnEmptyTextAndHeaderOnly) {
  EXPECT_EQ("row 1: found one column (\"retention\", separated by none); give two, period and "
            "retention, separated by tabs, commas or semicolons",
            error_of(parse_retention("retention\n1\n0.5\n")).message);
  EXPECT_EQ("the text is empty; load a file or paste two columns, period and retention",
            error_of(parse_retention("\n\r\n  \n")).message);
  EXPECT_EQ("there is a header but no data rows; add one row per period under it",
            error_of(parse_retention("period\tretention\n")).message);
}

TEST(RetentionData, ReadsAHeaderlessPasteByPosition) {
  const RetentionData data = parse_retention("0\t1\n1\t0.55\n2\t0.4\n").value();
  EXPECT_EQ(3u, data.periods.size());
  EXPECT_EQ("there is no header row, so column 1 is read as period and column 2 as retention",
            data.notes[0]);
}

TEST(RetentionData, ReadsAWeightColumn) {
  const RetentionData data =
      parse_retention("period,retention,cohort_size\n0,1,500\n1,0.5,480\n").value();
  ASSERT_EQ(2u, data.weights.size());
  EXPECT_EQ(480, data.weights[1]);
}

TEST(RetentionData, NamesARowThatIsTooShort) {
  const Error error = error_of(parse_retention("period,retention\n0,1\n1\n"));
  EXPECT_EQ(3, error.row);
  EXPECT_EQ("row 3 has 1 column but the header needs 2; fill in the missing cells or remove the "
            "row",
            error.message);
}

TEST(RetentionData, RefusesMoreCellsThanTheHeaderNames) {
  const Error error = error_of(parse_retention("period\tretention\n0\t1\n1\t0.5\t3\n"));
  EXPECT_EQ(3, error.row);
  EXPECT_EQ(3, error.column);
  EXPECT_EQ("row 3 has 3 cells but the header names 2 columns; remove the extra cells or add a "
            "name for them to the header",
            error.message);
}

TEST(RetentionData, ErrorsCarryTheirDetailWithoutThePlace) {
  const Error error = error_of(parse_retention("period,retention\n0,1\n1,x\n"));
  EXPECT_EQ("\"x\" is not a number; write a fraction such as 0.55 or a percentage such as 55%",
            error.detail);
}

TEST(RetentionData, ReadsThousandsSeparatorsInWholeNumbers) {
  const RetentionData data =
      parse_retention("period\tretention\tusers\n0\t1\t1,200\n1\t0,5\t12'000\n").value();
  EXPECT_EQ((std::vector<double>{1200, 12000}), data.weights);
  EXPECT_DOUBLE_EQ(0.5, data.retention[1]);
  EXPECT_EQ("thousands separators such as 1,200 are read as 1200", data.notes.back());
}

TEST(RetentionData, PointsOutRisingRetention) {
  const RetentionData data = parse_retention("period,retention\n0,1\n2,0.7\n1,0.5\n").value();
  EXPECT_EQ("retention rises from 0.5 in period 1 to 0.7 in period 2 (row 3); the models "
            "assume it falls, so check that row",
            data.notes.back());
}

TEST(RetentionData, NamesUtf16AndBinaryFiles) {
  const std::string utf16("\xFF\xFEp\0e\0r\0i\0o\0d\0", 14);
  EXPECT_EQ("the file is UTF-16 text; save it as UTF-8 (in a spreadsheet: Save as, CSV UTF-8) "
            "and load it again",
            error_of(parse_retention(utf16)).message);
  const std::string binary("PK\x03\x04\0\0garbage", 13);
  EXPECT_EQ("this is not a text file: byte 5 is a zero byte, as in a binary file; export the "
            "data as CSV or TSV and load that",
            error_of(parse_retention(binary)).message);
}

TEST(RetentionData, NamesARowWithAnotherDelimiter) {
  EXPECT_EQ("row 2 has 1 column but the header needs 2, which is separated by semicolon rather "
            "than comma like the rest; fill in the missing cells or remove the row",
            error_of(parse_retention("period,retention\n0;1\n1,0.5\n")).message);
}

TEST(RetentionData, RefusesTextBeyondTheTableLimit) {
  const std::string huge(max_table_bytes + 1, '1');
  EXPECT_NE(std::string::npos,
            error_of(parse_retention(huge)).message.find("use the Cohorts view"));
}

TEST(RetentionData, NotesRepeatedPeriods) {
  const RetentionData data = parse_retention("period,retention\n0,1\n1,0.5\n1,0.6\n").value();
  EXPECT_EQ("period 1 appears in rows 3 and 4; both points are used", data.notes.back());
}

}  // namespace
}  // namespace retention
