#include "domain/csv.h"

#include <gtest/gtest.h>

namespace schakel {
namespace {

TEST(CsvTest, ReadsQuotedFieldsCrlfAndBom) {
  auto t = ParseCsv(
      "\xEF\xBB\xBF"
      "a,b,c\r\n1,\"x, \"\"y\"\"\",\"multi\nline\"\r\n\r\n2,,z\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].fields[1], "x, \"y\"");
  EXPECT_EQ(t->rows[0].fields[2], "multi\nline");
  EXPECT_EQ(t->rows[0].line, 2);
  EXPECT_EQ(t->rows[1].line, 5);  // after the embedded newline and a blank line
  EXPECT_EQ(t->rows[1].fields[1], "");
  EXPECT_EQ(t->Column("c"), 2);
  EXPECT_EQ(t->Column("d"), -1);
}

TEST(CsvTest, ReportsWrongFieldCountWithLine) {
  auto t = ParseCsv("a,b\n1,2\n3\n");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("line 3"), std::string::npos) << t.error().message;
}

TEST(CsvTest, ReportsUnclosedQuote) {
  auto t = ParseCsv("a\n\"open\n");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("line 2"), std::string::npos);
}

TEST(CsvTest, EmptyFileNeedsHeader) {
  EXPECT_FALSE(ParseCsv("").ok());
}

TEST(CsvTest, EscapeRoundTrips) {
  const std::string tricky = "he said \"hi\", then\nleft";
  auto t = ParseCsv("h\n" + CsvEscape(tricky) + "\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows[0].fields[0], tricky);
  EXPECT_EQ(CsvEscape("plain"), "plain");
}

}  // namespace
}  // namespace schakel
