#include "stats/capture_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "published_tables.h"

namespace schakel::stats {
namespace {

using ::testing::HasSubstr;

TEST(CaptureTable, ParsesHeaderRowsAndFillsAbsentHistoriesWithZero) {
  auto t = ParseCaptureCsv("A,B,C,count\n1,0,0,40\n0,1,0,30\r\n\n1,1,1,2\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->list_count(), 3);
  EXPECT_EQ(t->list_names(), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_EQ(t->cell_count(), 7u);
  EXPECT_EQ(t->count(0b001), 40);
  EXPECT_EQ(t->count(0b010), 30);
  EXPECT_EQ(t->count(0b111), 2);
  EXPECT_EQ(t->count(0b100), 0);
  EXPECT_EQ(t->observed(), 72);
  EXPECT_EQ(t->Overlap(0, 1), 2);
  EXPECT_EQ(t->Overlap(0, 2), 2);
}

TEST(CaptureTable, AcceptsSpreadsheetCsvWithByteOrderMarkAndSemicolons) {
  auto t = ParseCaptureCsv("\xEF\xBB\xBFpolitie;zorg;count\r\n1;0;12\r\n0;1;30\r\n1;1;4\r\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->list_names(), (std::vector<std::string>{"politie", "zorg"}));
  EXPECT_EQ(t->count(0b11), 4);
}

TEST(CaptureTable, AcceptsAllPublishedTables) {
  for (const char* name : {"UKdat", "UKdat_5", "Ned", "Ned_5", "NewOrl", "NewOrl_5", "Western",
                           "Kosovo", "Korea", "Artificial_3"}) {
    auto t = ParseCaptureCsv(testing::ReadText(testing::PublishedTablePath(name)));
    EXPECT_TRUE(t.ok()) << name << ": " << (t.ok() ? "" : t.error().message);
  }
  EXPECT_EQ(testing::LoadPublishedTable("UKdat").observed(), 2744);
  EXPECT_EQ(testing::LoadPublishedTable("Ned").observed(), 8234);
  EXPECT_EQ(testing::LoadPublishedTable("NewOrl").observed(), 186);
  EXPECT_EQ(testing::LoadPublishedTable("Kosovo").observed(), 4400);
  EXPECT_EQ(testing::LoadPublishedTable("Korea").observed(), 123);
}

struct BadCsv {
  const char* text;
  const char* message_part;
};

void PrintTo(const BadCsv& c, std::ostream* os) {
  *os << c.message_part;
}

class CaptureCsvErrors : public ::testing::TestWithParam<BadCsv> {};

TEST_P(CaptureCsvErrors, NameLineColumnAndReason) {
  auto t = ParseCaptureCsv(GetParam().text);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::kInvalid);
  EXPECT_THAT(t.error().message, HasSubstr(GetParam().message_part));
}

INSTANTIATE_TEST_SUITE_P(
    Table, CaptureCsvErrors,
    ::testing::Values(
        BadCsv{"", "empty input"}, BadCsv{"A,count\n1,3\n", "at least two list columns"},
        BadCsv{"A,B,total\n1,0,3\n",
               "line 1, column 3 (total): the last column must be named 'count'"},
        BadCsv{"A,A,count\n1,0,3\n", "line 1, column 2 (A): list name repeated"},
        BadCsv{"A,,count\n1,0,3\n", "list name is empty"},
        BadCsv{"A,B,count\n1,0,3\n1,2,3\n", "line 3, column 2 (B): expected 0 or 1, got '2'"},
        BadCsv{"A,B,count\n1,0\n", "line 2: expected 3 columns, got 2"},
        BadCsv{"A,B,count\n1,0,x\n", "line 2, column 3 (count): expected a whole number, got 'x'"},
        BadCsv{"A,B,count\n1,0,2.5\n", "expected a whole number, got '2.5'"},
        BadCsv{"A,B,count\n1,0,-4\n", "count must not be negative"},
        BadCsv{"A,B,count\n0,0,4\n", "all-zero history"},
        BadCsv{"A,B,count\n1,0,4\n\n1,0,5\n", "line 4: capture history repeats line 2"},
        BadCsv{"A,B,C,D,E,F,G,H,I,count\n1,0,0,0,0,0,0,0,0,1\n", "at most 8"}));

TEST(CaptureTable, CreateRejectsTooFewListsAndObservedAllZeroCell) {
  EXPECT_FALSE(CaptureTable::Create({"A"}, {0, 3}).ok());
  EXPECT_FALSE(CaptureTable::Create({"A", "B"}, {1, 3, 4, 5}).ok());
  EXPECT_FALSE(CaptureTable::Create({"A", "B"}, {0, 3, 4}).ok());
}

// Any table written out as CSV reads back identically, rows in any order.
RC_GTEST_PROP(CaptureTableProperty, CsvRoundTrip, ()) {
  const int k = *rc::gen::inRange(2, 9);
  const auto counts = *rc::gen::container<std::vector<std::int64_t>>(
      std::size_t{1} << k, rc::gen::inRange<std::int64_t>(0, 1000));
  std::vector<std::string> names;
  std::string csv;
  for (int i = 0; i < k; ++i) {
    names.push_back("L" + std::to_string(i));
    csv += names.back() + ",";
  }
  csv += "count\n";
  std::vector<History> order;
  for (History h = 1; h < (History{1} << k); ++h) order.push_back(h);
  std::mt19937 shuffle_rng(*rc::gen::arbitrary<std::uint32_t>());
  std::shuffle(order.begin(), order.end(), shuffle_rng);
  for (History h : order) {
    if (counts[h] == 0 && *rc::gen::arbitrary<bool>()) continue;  // absent rows count 0
    for (int i = 0; i < k; ++i) csv += ((h >> i) & 1U) ? "1," : "0,";
    csv += std::to_string(counts[h]) + "\n";
  }
  auto t = ParseCaptureCsv(csv);
  RC_ASSERT(t.ok());
  for (History h = 1; h < (History{1} << k); ++h) RC_ASSERT(t->count(h) == counts[h]);
}

// Arbitrary bytes never crash the parser; they parse or give an error with a message.
RC_GTEST_PROP(CaptureTableProperty, GarbageGivesErrorNotCrash, (const std::string& text)) {
  auto t = ParseCaptureCsv("A,B,count\n" + text);
  if (!t.ok()) RC_ASSERT(!t.error().message.empty());
}

}  // namespace
}  // namespace schakel::stats
