// Tests of CSV parsing and quoting.
#include "synth/csv.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace schakel::synth {
namespace {

TEST(Csv, ParsesQuotedFieldsWithCommasQuotesAndNewlines) {
  auto t = ParseCsv("a,b\n\"x,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n", "test");
  ASSERT_TRUE(t.ok()) << t.error().message;
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0][0], "x,1");
  EXPECT_EQ(t->rows[0][1], "say \"hi\"");
  EXPECT_EQ(t->rows[1][0], "two\nlines");
  EXPECT_EQ(t->Column("b"), 1);
  EXPECT_EQ(t->Column("c"), -1);
}

TEST(Csv, AcceptsCrLfBomAndBlankLines) {
  auto t = ParseCsv("\xEF\xBB\xBFk,v\r\n1,2\r\n\r\n3,4", "test");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header[0], "k");
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[1][1], "4");
  EXPECT_EQ(t->line_numbers[1], 4);
}

TEST(Csv, RejectsRowWithWrongFieldCountNamingTheLine) {
  auto t = ParseCsv("a,b\n1,2\n3\n", "file.csv");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().message.find("line 3"), std::string::npos) << t.error().message;
}

TEST(Csv, RejectsUnterminatedQuote) {
  EXPECT_FALSE(ParseCsv("a\n\"open\n", "x").ok());
}

TEST(Csv, QuotesOnlyWhenNeeded) {
  std::string out;
  AppendCsvField(out, "plain");
  out += '|';
  AppendCsvField(out, "Meer, van der");
  out += '|';
  AppendCsvField(out, "'t \"Hof\"");
  EXPECT_EQ(out, "plain|\"Meer, van der\"|\"'t \"\"Hof\"\"\"");
}

RC_GTEST_PROP(Csv, QuotedFieldsRoundTrip, (std::vector<std::string> fields)) {
  RC_PRE(!fields.empty());
  std::string text = "h";
  for (std::size_t i = 1; i < fields.size(); ++i) text += ",h";
  text += '\n';
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) text += ',';
    // Always quote: an unquoted single empty field would be a blank line.
    text += '"';
    for (char c : fields[i]) {
      if (c == '"') text += '"';
      text += c;
    }
    text += '"';
  }
  text += '\n';
  auto t = ParseCsv(text, "prop");
  RC_ASSERT(t.ok());
  RC_ASSERT(t->rows.size() == 1u);
  RC_ASSERT(t->rows[0] == fields);
}

}  // namespace
}  // namespace schakel::synth
