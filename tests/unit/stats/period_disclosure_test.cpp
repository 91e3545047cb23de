#include "stats/period_disclosure.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace schakel::stats {
namespace {

CountTable Table(int rows, int columns, std::vector<std::int64_t> cells) {
  std::vector<std::string> r, c;
  for (int i = 0; i < rows; ++i) r.push_back("r" + std::to_string(i));
  for (int j = 0; j < columns; ++j) c.push_back("c" + std::to_string(j));
  return std::move(*CountTable::Create(r, c, std::move(cells)));
}

// The whole published series on one grid, in the layout of PeriodGridLines.
std::vector<std::optional<std::int64_t>> Grid(const PublishedSeries& s) {
  std::vector<std::optional<std::int64_t>> g;
  for (const auto& t : s.periods) g.insert(g.end(), t.values.begin(), t.values.end());
  g.insert(g.end(), s.all_periods.values.begin(), s.all_periods.values.end());
  return g;
}

std::vector<std::int64_t> TrueGrid(const std::vector<CountTable>& tables) {
  std::vector<std::int64_t> g;
  std::vector<std::int64_t> all;
  for (const auto& t : tables) {
    const auto e = t.Extended();
    if (all.empty()) all.assign(e.size(), 0);
    for (std::size_t i = 0; i < e.size(); ++i) all[i] += e[i];
    g.insert(g.end(), e.begin(), e.end());
  }
  g.insert(g.end(), all.begin(), all.end());
  return g;
}

// Differencing along rows, columns and periods, feeding recovered values back in.
int DifferencingAttack(std::vector<std::optional<std::int64_t>> known,
                       const std::vector<std::vector<std::size_t>>& lines) {
  int recovered = 0;
  for (bool progress = true; progress;) {
    progress = false;
    for (const auto& line : lines) {
      int unknown = 0;
      std::size_t which = 0;
      std::int64_t body = 0;
      for (std::size_t k = 0; k < line.size(); ++k) {
        if (!known[line[k]]) {
          ++unknown;
          which = k;
        } else if (k + 1 < line.size()) {
          body += *known[line[k]];
        }
      }
      if (unknown != 1) continue;
      known[line[which]] = which + 1 == line.size() ? body : known[line.back()].value_or(0) - body;
      ++recovered;
      progress = true;
    }
  }
  return recovered;
}

void ExpectSeriesSafe(const std::vector<CountTable>& tables, const PublishedSeries& s) {
  const auto lines =
      PeriodGridLines(static_cast<int>(tables.size()), tables[0].rows(), tables[0].columns());
  const auto grid = Grid(s);
  const auto truth = TrueGrid(tables);
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (truth[i] > 0 && truth[i] < 10) {
      EXPECT_FALSE(grid[i].has_value()) << "small cell " << i << " published";
    }
  }
  EXPECT_EQ(DifferencingAttack(grid, lines), 0);
  auto ranges = AuditLines(lines, grid);
  ASSERT_TRUE(ranges.ok());
  for (const auto& r : *ranges) {
    EXPECT_LT(r.low, r.high) << "cell " << r.index;
    EXPECT_LE(r.low, static_cast<double>(truth[r.index]));
    EXPECT_GE(r.high, static_cast<double>(truth[r.index]));
  }
}

TEST(PeriodDisclosure, SmallCellCannotBeRecoveredFromTheAllPeriodsTotal) {
  // (r0, c0) is 3 in January and 50 in February; the year table shows 53 unless protected.
  const std::vector<CountTable> tables{Table(2, 2, {3, 40, 30, 60}), Table(2, 2, {50, 45, 35, 70})};
  auto s = ProtectPeriodSeries({"jan", "feb"}, tables);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->periods[0].states[0], CellState::kPrimary);
  const bool feb_hidden = !s->periods[1].values[0].has_value();
  const bool year_hidden = !s->all_periods.values[0].has_value();
  EXPECT_TRUE(feb_hidden || year_hidden);
  ExpectSeriesSafe(tables, *s);
}

TEST(PeriodDisclosure, RejectsMismatchedPeriods) {
  EXPECT_FALSE(ProtectPeriodSeries({"jan"}, {}).ok());
  EXPECT_FALSE(
      ProtectPeriodSeries({"jan", "feb"}, {Table(1, 2, {20, 30}), Table(2, 1, {20, 30})}).ok());
}

RC_GTEST_PROP(PeriodDisclosureProperty, NoSuppressedCellCanBeRecoveredAcrossPeriods, ()) {
  const int periods = *rc::gen::inRange(1, 4);
  const int rows = *rc::gen::inRange(1, 4);
  const int columns = *rc::gen::inRange(1, 4);
  std::vector<CountTable> tables;
  std::vector<std::string> labels;
  for (int p = 0; p < periods; ++p) {
    labels.push_back("p" + std::to_string(p));
    tables.push_back(Table(
        rows, columns,
        *rc::gen::container<std::vector<std::int64_t>>(
            static_cast<std::size_t>(rows * columns),
            rc::gen::weightedOneOf<std::int64_t>({{2, rc::gen::inRange<std::int64_t>(0, 10)},
                                                  {5, rc::gen::inRange<std::int64_t>(10, 100)}}))));
  }
  auto s = ProtectPeriodSeries(labels, tables);
  RC_CLASSIFY(!s.ok(), "refused");
  if (!s.ok()) {
    RC_ASSERT(s.error().code == ErrorCode::kConflict);
    return;
  }
  const auto lines = PeriodGridLines(periods, rows, columns);
  const auto grid = Grid(*s);
  RC_ASSERT(DifferencingAttack(grid, lines) == 0);
  auto ranges = AuditLines(lines, grid);
  RC_ASSERT(ranges.ok());
  for (const auto& r : *ranges) RC_ASSERT(r.low < r.high);
  const auto truth = TrueGrid(tables);
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (truth[i] > 0 && truth[i] < 10) RC_ASSERT(!grid[i].has_value());
  }
}

}  // namespace
}  // namespace schakel::stats
