// The attacker's view of a published table: for every suppressed cell, the smallest and largest
// value consistent with everything published (row, column and grand totals; counts are whole and
// non-negative), by linear programming with GLPK. A cell whose range has width 0 is disclosed. The
// audit is what ProtectTable relies on and what the tests use to try to recover suppressed cells.
#pragma once

#include <cstddef>
#include <vector>

#include "domain/result.h"
#include "stats/disclosure_control.h"

namespace schakel::stats {

struct CellRange {
  std::size_t index = 0;  // in the extended grid
  double low = 0;
  double high = 0;  // +infinity when unbounded
};

// REQUIRES: the table is not rounded (rounded values do not satisfy the equations exactly).
// `values` gives the published values; suppressed positions are ignored.
Result<std::vector<CellRange>> AuditSuppressedCells(
    int rows, int columns, const std::vector<std::optional<std::int64_t>>& values);

}  // namespace schakel::stats
