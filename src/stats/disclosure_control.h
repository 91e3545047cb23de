// Disclosure control for aggregate tables before they leave the system (design.md: "Statistics
// leave the system only aggregated, with small cells suppressed, including secondary suppression so
// totals cannot reveal them").
//
// Input: a two-way table of counts (e.g. municipality x form of exploitation); it is published with
// its row totals, column totals and grand total. We work on the extended (rows+1) x (columns+1)
// grid whose last row holds the column totals, last column the row totals, corner the grand total.
//
//  1. Primary suppression: every cell, margins included, with 0 < count < threshold (default 10);
//     zeros too if protect_zeros.
//  2. Secondary suppression: more cells are suppressed until no suppressed cell can be worked out
//     from what is published. Each row and column equation links its suppressed cells, so a cell is
//     exactly recoverable by differencing iff it is alone in a line or, more generally, a bridge in
//     the graph of suppressed cells (rows and columns as nodes). We add the cheapest cells (small
//     values, interior before margins, closing existing patterns first) until there are none, and
//     then confirm with the linear-programming audit of disclosure_audit.h, which also uses that
//     counts are non-negative; any cell it can pin down gets another partner.
//  3. Optional rounding of what is published to a base (e.g. 5).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"

namespace schakel::stats {

class CountTable {
 public:
  // REQUIRES cells.size() == rows x columns, counts >= 0, at least one row and column.
  static Result<CountTable> Create(std::vector<std::string> row_labels,
                                   std::vector<std::string> column_labels,
                                   std::vector<std::int64_t> cells);
  int rows() const { return static_cast<int>(row_labels_.size()); }
  int columns() const { return static_cast<int>(column_labels_.size()); }
  const std::vector<std::string>& row_labels() const { return row_labels_; }
  const std::vector<std::string>& column_labels() const { return column_labels_; }
  std::int64_t at(int row, int column) const {
    return cells_[static_cast<std::size_t>(row * columns() + column)];
  }
  // The extended grid with margins: (rows+1) x (columns+1), row-major.
  std::vector<std::int64_t> Extended() const;

 private:
  CountTable(std::vector<std::string> r, std::vector<std::string> c,
             std::vector<std::int64_t> cells)
      : row_labels_(std::move(r)), column_labels_(std::move(c)), cells_(std::move(cells)) {}
  std::vector<std::string> row_labels_;
  std::vector<std::string> column_labels_;
  std::vector<std::int64_t> cells_;
};

enum class CellState : std::uint8_t { kPublished, kPrimary, kSecondary };

struct DisclosureOptions {
  std::int64_t threshold = 10;
  bool protect_zeros = false;
  // Each suppressed cell's feasible range, given everything published, must be at least this wide.
  std::int64_t min_range = 1;
  int rounding_base = 0;  // 0 or 1: publish exact values
};

// What may be published: values of published cells (nullopt where suppressed) on the extended grid.
struct PublishedTable {
  std::vector<std::string> row_labels;  // without the "total" row
  std::vector<std::string> column_labels;
  std::vector<std::optional<std::int64_t>> values;  // (rows+1) x (columns+1), row-major
  std::vector<CellState> states;
  bool rounded = false;
  int rows() const { return static_cast<int>(row_labels.size()); }
  int columns() const { return static_cast<int>(column_labels.size()); }
  std::size_t index(int row, int column) const {
    return static_cast<std::size_t>(row * (columns() + 1) + column);
  }
  int suppressed_count() const;
};

// Error only if the audit's linear program cannot be solved.
Result<PublishedTable> ProtectTable(const CountTable& table, const DisclosureOptions& options = {});

}  // namespace schakel::stats
