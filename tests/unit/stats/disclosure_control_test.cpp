#include "stats/disclosure_control.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "stats/disclosure_audit.h"

namespace schakel::stats {
namespace {

CountTable Table(int rows, int columns, std::vector<std::int64_t> cells) {
  std::vector<std::string> r, c;
  for (int i = 0; i < rows; ++i) r.push_back("r" + std::to_string(i));
  for (int j = 0; j < columns; ++j) c.push_back("c" + std::to_string(j));
  auto t = CountTable::Create(r, c, std::move(cells));
  EXPECT_TRUE(t.ok());
  return std::move(*t);
}

// The differencing attacker: any row or column (margins included) with one unknown gives it away;
// recovered values are fed back in until nothing more can be learnt. Returns how many suppressed
// cells it recovered.
int DifferencingAttack(const PublishedTable& p) {
  auto known = p.values;
  const int width = p.columns() + 1;
  int recovered = 0;
  bool progress = true;
  while (progress) {
    progress = false;
    for (int line = 0; line < p.rows() + 1 + p.columns() + 1; ++line) {
      std::vector<std::size_t> cells;
      if (line <= p.rows()) {
        for (int c = 0; c <= p.columns(); ++c)
          cells.push_back(static_cast<std::size_t>(line * width + c));
      } else {
        for (int r = 0; r <= p.rows(); ++r)
          cells.push_back(static_cast<std::size_t>(r * width + line - p.rows() - 1));
      }
      int unknown = 0;
      std::size_t which = 0;
      std::int64_t body = 0;
      for (std::size_t k = 0; k < cells.size(); ++k) {
        const auto i = cells[k];
        if (!known[i]) {
          ++unknown;
          which = k;
        } else if (k + 1 < cells.size()) {
          body += *known[i];
        }
      }
      if (unknown != 1) continue;
      const std::int64_t total = known[cells.back()].value_or(0);
      known[cells[which]] = which + 1 == cells.size() ? body : total - body;
      ++recovered;
      progress = true;
    }
  }
  return recovered;
}

void ExpectNothingDisclosed(const CountTable& t, const PublishedTable& p, std::int64_t threshold) {
  const auto truth = t.Extended();
  // Primary cells are suppressed and nothing small is published.
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (truth[i] > 0 && truth[i] < threshold) {
      EXPECT_FALSE(p.values[i].has_value()) << "small cell " << i << " published";
    }
  }
  EXPECT_EQ(DifferencingAttack(p), 0);
  auto ranges = AuditSuppressedCells(p.rows(), p.columns(), p.values);
  ASSERT_TRUE(ranges.ok());
  for (const auto& r : *ranges) {
    EXPECT_LT(r.low, r.high) << "cell " << r.index << " recovered as " << r.low;
    EXPECT_LE(r.low, static_cast<double>(truth[r.index]) + 1e-9);
    EXPECT_GE(r.high, static_cast<double>(truth[r.index]) - 1e-9);
  }
}

TEST(DisclosureControl, NoSmallCellsMeansNothingSuppressed) {
  const CountTable t = Table(2, 2, {20, 30, 40, 50});
  auto p = ProtectTable(t);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->suppressed_count(), 0);
  EXPECT_EQ(p->values[p->index(2, 2)], 140);
}

TEST(DisclosureControl, OneSmallCellNeedsThreePartnersFormingARectangle) {
  const CountTable t = Table(3, 3, {5, 40, 30, 25, 60, 35, 45, 50, 70});
  auto p = ProtectTable(t);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->states[p->index(0, 0)], CellState::kPrimary);
  EXPECT_EQ(p->suppressed_count(), 4);
  ExpectNothingDisclosed(t, *p, 10);
}

TEST(DisclosureControl, ZerosArePublishedUnlessProtected) {
  const CountTable t = Table(2, 3, {0, 40, 30, 25, 60, 35});
  auto p = ProtectTable(t);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->suppressed_count(), 0);
  DisclosureOptions o;
  o.protect_zeros = true;
  auto q = ProtectTable(t, o);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->states[q->index(0, 0)], CellState::kPrimary);
  ExpectNothingDisclosed(t, *q, 10);
}

TEST(DisclosureControl, SmallMarginIsSuppressedToo) {
  // Row 0 total is 7: the margin is itself a small cell.
  const CountTable t = Table(3, 3, {3, 2, 2, 25, 60, 35, 45, 50, 70});
  auto p = ProtectTable(t);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->values[p->index(0, 3)].has_value());
  ExpectNothingDisclosed(t, *p, 10);
}

TEST(DisclosureControl, TwoSeparateSmallCellsInOneRowStillGetProtectedAgainstColumns) {
  const CountTable t = Table(3, 4, {4, 3, 50, 60, 30, 40, 50, 60, 70, 80, 90, 11});
  auto p = ProtectTable(t);
  ASSERT_TRUE(p.ok());
  ExpectNothingDisclosed(t, *p, 10);
}

TEST(DisclosureControl, OneColumnTableProtectsByItsTotal) {
  const CountTable t = Table(3, 1, {4, 30, 50});
  auto p = ProtectTable(t);
  ASSERT_TRUE(p.ok());
  ExpectNothingDisclosed(t, *p, 10);
}

TEST(DisclosureControl, RoundingPublishesMultiplesOfTheBase) {
  const CountTable t = Table(2, 2, {21, 34, 47, 52});
  DisclosureOptions o;
  o.rounding_base = 5;
  auto p = ProtectTable(t, o);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->rounded);
  for (const auto& v : p->values) {
    if (v) {
      EXPECT_EQ(*v % 5, 0);
    }
  }
  EXPECT_EQ(p->values[p->index(0, 0)], 20);
  EXPECT_EQ(p->values[p->index(0, 1)], 35);
}

TEST(DisclosureControl, RejectsMalformedTables) {
  EXPECT_FALSE(CountTable::Create({"a"}, {"x", "y"}, {1}).ok());
  EXPECT_FALSE(CountTable::Create({"a"}, {"x"}, {-1}).ok());
  EXPECT_FALSE(CountTable::Create({}, {"x"}, {}).ok());
}

// Random tables with many small cells: neither the differencing attacker nor the LP can pin down
// any suppressed cell.
RC_GTEST_PROP(DisclosureControlProperty, NoSuppressedCellCanBeRecovered, ()) {
  const int rows = *rc::gen::inRange(1, 7);
  const int columns = *rc::gen::inRange(1, 7);
  const auto cells = *rc::gen::container<std::vector<std::int64_t>>(
      static_cast<std::size_t>(rows * columns),
      rc::gen::weightedOneOf<std::int64_t>({{3, rc::gen::inRange<std::int64_t>(0, 10)},
                                            {5, rc::gen::inRange<std::int64_t>(10, 200)}}));
  const CountTable t = Table(rows, columns, cells);
  auto p = ProtectTable(t);
  RC_CLASSIFY(!p.ok(), "refused");
  if (!p.ok()) {
    RC_ASSERT(p.error().code == ErrorCode::kConflict);  // refused, never disclosed
    return;
  }
  RC_ASSERT(DifferencingAttack(*p) == 0);
  auto ranges = AuditSuppressedCells(rows, columns, p->values);
  RC_ASSERT(ranges.ok());
  const auto truth = t.Extended();
  for (const auto& r : *ranges) {
    RC_ASSERT(r.low < r.high);
    RC_ASSERT(r.low <= static_cast<double>(truth[r.index]) + 1e-9);
  }
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (truth[i] > 0 && truth[i] < 10) RC_ASSERT(!p->values[i].has_value());
  }
}

}  // namespace
}  // namespace schakel::stats
