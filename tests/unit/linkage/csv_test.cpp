// CSV parsing: quoting, line endings, byte-order mark, and errors with their line numbers.
#include "linkage/csv.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

namespace schakel::linkage {
namespace {

TEST(ParseCsv, HandlesQuotesEmbeddedCommasNewlinesCrlfAndBom) {
  Result<CsvTable> t = ParseCsv(
      "\xEF\xBB\xBF"
      "a,b,c\r\n"
      "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
      "2,\"two\nlines\",\r\n"
      "\r\n"
      "3,,z");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0].fields, (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ(t->rows[1].fields, (std::vector<std::string>{"2", "two\nlines", ""}));
  EXPECT_EQ(t->rows[2].fields, (std::vector<std::string>{"3", "", "z"}));
  EXPECT_EQ(t->rows[0].line, 2u);
  EXPECT_EQ(t->rows[1].line, 3u);
  EXPECT_EQ(t->rows[2].line, 6u);  // after the two-line field and the blank line
}

void ExpectError(const std::string& text, const std::string& where) {
  Result<CsvTable> t = ParseCsv(text);
  ASSERT_FALSE(t.ok()) << text;
  EXPECT_EQ(t.error().code, ErrorCode::kInvalid);
  EXPECT_NE(t.error().message.find(where), std::string::npos) << t.error().message;
}

TEST(ParseCsv, ReportsErrorsWithLineAndColumn) {
  ExpectError("a,b\n1,2\n3\n", "line 3, column 2: expected 2 fields, found 1");
  ExpectError("a,b\n1,2,3\n", "line 2, column 3: expected 2 fields, found 3");
  ExpectError("a,b\n1,\"open\n2,3\n", "line 2, column 2: quoted field is never closed");
  ExpectError("a,b\n1,x\"y\n", "line 2, column 2: quote inside an unquoted field");
  ExpectError("a,b\n1,\"x\"y\n", "line 2, column 2: unexpected character after a closing quote");
  ExpectError("a,b\n1,\xff\n", "line 2, column 2: invalid UTF-8");
  ExpectError("", "empty");
}

rc::Gen<std::string> Fields() {
  return rc::gen::container<std::string>(
      rc::gen::elementOf(std::string("ab ,\"\n\r-x\xC3\xA9")));  // may split é: filtered below
}

RC_GTEST_PROP(CsvProperty, WrittenRowsParseBackUnchanged, ()) {
  auto rows = *rc::gen::container<std::vector<std::vector<std::string>>>(
      rc::gen::container<std::vector<std::string>>(3, rc::gen::map(Fields(), [](std::string s) {
                                                     // Keep whole UTF-8 sequences only.
                                                     std::string out;
                                                     for (std::size_t i = 0; i < s.size(); ++i) {
                                                       if (s[i] == '\xC3') {
                                                         if (i + 1 < s.size() && s[i + 1] == '\xA9')
                                                           out += "\xC3\xA9", ++i;
                                                       } else if (s[i] != '\xA9') {
                                                         out.push_back(s[i]);
                                                       }
                                                     }
                                                     return out;
                                                   })));
  std::string text = CsvLine({"h1", "h2", "h3"});
  for (const auto& r : rows) text += CsvLine(r);
  Result<CsvTable> t = ParseCsv(text);
  RC_ASSERT(t.ok());
  // Rows that are entirely empty are not blank lines here: three fields give ",," at least.
  RC_ASSERT(t->rows.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) RC_ASSERT(t->rows[i].fields == rows[i]);
}

}  // namespace
}  // namespace schakel::linkage
