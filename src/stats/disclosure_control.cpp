#include "stats/disclosure_control.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <queue>
#include <tuple>

#include "stats/disclosure_audit.h"

namespace schakel::stats {

Result<CountTable> CountTable::Create(std::vector<std::string> row_labels,
                                      std::vector<std::string> column_labels,
                                      std::vector<std::int64_t> cells) {
  if (row_labels.empty() || column_labels.empty())
    return Error::Invalid("table", "a table needs rows and columns");
  if (cells.size() != row_labels.size() * column_labels.size()) {
    return Error::Invalid(
        "table", fmt::format("expected {} cells, got {}", row_labels.size() * column_labels.size(),
                             cells.size()));
  }
  for (auto c : cells) {
    if (c < 0) return Error::Invalid("table", "counts must not be negative");
  }
  return CountTable(std::move(row_labels), std::move(column_labels), std::move(cells));
}

std::vector<std::int64_t> CountTable::Extended() const {
  const int width = columns() + 1;
  std::vector<std::int64_t> ext(static_cast<std::size_t>((rows() + 1) * width), 0);
  auto at_ext = [&](int r, int c) -> std::int64_t& {
    return ext[static_cast<std::size_t>(r * width + c)];
  };
  for (int r = 0; r < rows(); ++r) {
    for (int c = 0; c < columns(); ++c) {
      const std::int64_t v = at(r, c);
      at_ext(r, c) = v;
      at_ext(r, columns()) += v;
      at_ext(rows(), c) += v;
      at_ext(rows(), columns()) += v;
    }
  }
  return ext;
}

int PublishedTable::suppressed_count() const {
  return static_cast<int>(std::count_if(states.begin(), states.end(),
                                        [](CellState s) { return s != CellState::kPublished; }));
}

namespace {

// The suppression pattern on the extended grid and the rules for growing it.
class SuppressionPattern {
 public:
  SuppressionPattern(int rows, int columns, std::vector<std::int64_t> values)
      : rows_(rows),
        columns_(columns),
        values_(std::move(values)),
        states_(values_.size(), CellState::kPublished) {}

  int width() const { return columns_ + 1; }
  std::size_t Index(int r, int c) const { return static_cast<std::size_t>(r * width() + c); }
  int RowOf(std::size_t i) const { return static_cast<int>(i) / width(); }
  int ColumnOf(std::size_t i) const { return static_cast<int>(i) % width(); }
  bool Suppressed(std::size_t i) const { return states_[i] != CellState::kPublished; }
  const std::vector<CellState>& states() const { return states_; }
  const std::vector<std::int64_t>& values() const { return values_; }

  void MarkPrimary(const DisclosureOptions& o) {
    for (std::size_t i = 0; i < values_.size(); ++i) {
      const auto v = values_[i];
      if ((v > 0 && v < o.threshold) || (v == 0 && o.protect_zeros))
        states_[i] = CellState::kPrimary;
    }
  }

  // Cells of a line: row r (line < rows+1) or column (line - rows - 1).
  std::vector<std::size_t> Line(int line) const {
    std::vector<std::size_t> cells;
    if (line <= rows_) {
      for (int c = 0; c <= columns_; ++c) cells.push_back(Index(line, c));
    } else {
      for (int r = 0; r <= rows_; ++r) cells.push_back(Index(r, line - rows_ - 1));
    }
    return cells;
  }
  int LineCount() const { return rows_ + columns_ + 2; }
  int SuppressedIn(int line) const {
    int n = 0;
    for (auto i : Line(line)) n += Suppressed(i) ? 1 : 0;
    return n;
  }

  // Suppresses the cheapest published cell of `line`; false if there is none.
  bool AddPartner(int line) {
    const bool is_row = line <= rows_;
    std::optional<std::size_t> best;
    std::tuple<int, int, int, std::int64_t> best_key{};
    for (auto i : Line(line)) {
      if (Suppressed(i)) continue;
      const bool margin = RowOf(i) == rows_ || ColumnOf(i) == columns_;
      const int cross = is_row ? rows_ + 1 + ColumnOf(i) : RowOf(i);
      // Prefer: body cells, cells whose crossing line already has a suppression (closes a
      // pattern), non-zero cells (a zero partner protects nothing), then the smallest value.
      const std::tuple<int, int, int, std::int64_t> key{
          margin ? 1 : 0, SuppressedIn(cross) > 0 ? 0 : 1, values_[i] == 0 ? 1 : 0, values_[i]};
      if (!best || key < best_key) {
        best = i;
        best_key = key;
      }
    }
    if (!best) return false;
    states_[*best] = CellState::kSecondary;
    return true;
  }

  // A line with exactly one suppressed cell gives that cell away by differencing.
  bool FixLonelyLines() {
    bool changed = false;
    for (int line = 0; line < LineCount(); ++line) {
      if (SuppressedIn(line) == 1) changed = AddPartner(line) || changed;
    }
    return changed;
  }

  // A suppressed cell that is a bridge in the row-column graph is determined by the equations.
  std::optional<std::size_t> FindBridge() const {
    for (std::size_t e = 0; e < states_.size(); ++e) {
      if (Suppressed(e) && !ConnectedWithout(e)) return e;
    }
    return std::nullopt;
  }

  int RowLine(std::size_t i) const { return RowOf(i); }
  int ColumnLine(std::size_t i) const { return rows_ + 1 + ColumnOf(i); }

 private:
  bool ConnectedWithout(std::size_t skip) const {
    const int from = RowLine(skip);
    const int to = ColumnLine(skip);
    std::vector<bool> seen(static_cast<std::size_t>(LineCount()), false);
    std::queue<int> queue;
    queue.push(from);
    seen[static_cast<std::size_t>(from)] = true;
    while (!queue.empty()) {
      const int line = queue.front();
      queue.pop();
      if (line == to) return true;
      for (auto i : Line(line)) {
        if (i == skip || !Suppressed(i)) continue;
        const int next = line <= rows_ ? ColumnLine(i) : RowLine(i);
        if (!seen[static_cast<std::size_t>(next)]) {
          seen[static_cast<std::size_t>(next)] = true;
          queue.push(next);
        }
      }
    }
    return false;
  }

  int rows_;
  int columns_;
  std::vector<std::int64_t> values_;
  std::vector<CellState> states_;
};

std::vector<std::optional<std::int64_t>> Visible(const SuppressionPattern& p) {
  std::vector<std::optional<std::int64_t>> out(p.values().size());
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!p.Suppressed(i)) out[i] = p.values()[i];
  }
  return out;
}

}  // namespace

Result<PublishedTable> ProtectTable(const CountTable& table, const DisclosureOptions& options) {
  SuppressionPattern pattern(table.rows(), table.columns(), table.Extended());
  pattern.MarkPrimary(options);
  const std::size_t limit = pattern.values().size() + 1;
  for (std::size_t round = 0; round < limit; ++round) {
    if (pattern.FixLonelyLines()) continue;
    if (auto bridge = pattern.FindBridge()) {
      if (!pattern.AddPartner(pattern.RowLine(*bridge)))
        pattern.AddPartner(pattern.ColumnLine(*bridge));
      continue;
    }
    auto ranges = AuditSuppressedCells(table.rows(), table.columns(), Visible(pattern));
    if (!ranges.ok()) return ranges.error();
    bool grew = false;
    for (const auto& range : *ranges) {
      if (range.high - range.low < static_cast<double>(options.min_range) - 1e-9) {
        grew = pattern.AddPartner(pattern.RowLine(range.index)) ||
               pattern.AddPartner(pattern.ColumnLine(range.index));
        if (grew) break;
      }
    }
    if (!grew) break;
  }
  // Never publish a table the audit can break, whatever the heuristics above did.
  auto final_ranges = AuditSuppressedCells(table.rows(), table.columns(), Visible(pattern));
  if (!final_ranges.ok()) return final_ranges.error();
  for (const auto& range : *final_ranges) {
    if (range.high - range.low < static_cast<double>(options.min_range) - 1e-9) {
      return Error::Conflict(
          "this table cannot be protected by cell suppression; publish it at a coarser level");
    }
  }
  PublishedTable out;
  out.row_labels = table.row_labels();
  out.column_labels = table.column_labels();
  out.states = pattern.states();
  out.values = Visible(pattern);
  if (options.rounding_base > 1) {
    const auto base = static_cast<std::int64_t>(options.rounding_base);
    for (auto& v : out.values) {
      if (v) v = (*v + base / 2) / base * base;
    }
    out.rounded = true;
  }
  return out;
}

}  // namespace schakel::stats
