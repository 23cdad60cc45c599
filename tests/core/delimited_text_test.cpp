#include "delimited_text.h"

#include <gtest/gtest.h>

#include "test_data.h"

namespace retention {
namespace {

TEST(DelimitedText, PrefersTheDelimiterThatSplitsEveryLineAlike) {
  // Commas appear on some lines only (decimal commas), semicolons on all.
  const DelimitedText table = parse_delimited_text("a;b\n1;0,5\n2;0,4\n").value();
  EXPECT_EQ(';', table.delimiter);
  EXPECT_EQ("0,5", table.rows[1][1]);
}

TEST(DelimitedText, KeepsDelimitersAndLineEndsInsideQuotes) {
  const DelimitedText table =
      parse_delimited_text("name,note\n\"a, b\",\"line one\nline two\"\n\"say \"\"hi\"\"\",x\n")
          .value();
  ASSERT_EQ(3u, table.rows.size());
  EXPECT_EQ("a, b", table.rows[1][0]);
  EXPECT_EQ("line one\nline two", table.rows[1][1]);
  EXPECT_EQ("say \"hi\"", table.rows[2][0]);
  EXPECT_EQ(4, table.lines[2]);
}

TEST(DelimitedText, SplitsAlignedColumnsOfTheCdnowFile) {
  const std::string head = testing::read_shared_file("cdnow_master.txt").substr(0, 200);
  const DelimitedText table = parse_delimited_text(head).value();
  EXPECT_EQ(' ', table.delimiter);
  ASSERT_GE(table.rows.size(), 2u);
  EXPECT_EQ((std::vector<std::string>{"customer_id", "date", "number_of_cds", "dollar_value"}),
            table.rows[0]);
  EXPECT_EQ((std::vector<std::string>{"00001", "19970101", "1", "11.77"}), table.rows[1]);
}

TEST(DelimitedText, NamesWhereAQuoteIsLeftOpen) {
  const auto result = parse_delimited_text("a,b\n1,2\n3,\"4\n5,6\n");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(3, result.error().row);
  EXPECT_EQ(2, result.error().column);
}

TEST(DelimitedText, TellsUtf16FromABinaryFullOfZeros) {
  // The start of an ELF executable: mostly zeros, at both parities.
  std::string elf("\x7F" "ELF\x02\x01\x01", 7);
  elf += std::string(57, '\0') + "\x03\0\x3E\0\x01\0\0\0" + std::string(64, '\0');
  EXPECT_EQ(0u, binary_problem(elf)->message.find("this is not a text file"));
  std::string utf16;
  for (const char ch : std::string("user,time\nu1,2024-01-01\n")) utf16 += std::string{ch, '\0'};
  EXPECT_EQ(0u, binary_problem(utf16)->message.find("the file is UTF-16 text"));
  EXPECT_FALSE(binary_problem("plain, text\n\xC3\xA9\n").has_value());
}

TEST(DelimitedText, StripsTheByteOrderMarkAndCarriageReturns) {
  const DelimitedText table = parse_delimited_text("\xEF\xBB\xBFx\ty\r\n1\t2\r\n").value();
  EXPECT_EQ('\t', table.delimiter);
  EXPECT_EQ("x", table.rows[0][0]);
  EXPECT_EQ("2", table.rows[1][1]);
}

}  // namespace
}  // namespace retention
