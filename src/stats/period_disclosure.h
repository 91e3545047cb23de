// Disclosure control across periods: a series of tables of the same shape (e.g. municipality x
// form, one per month) published together with the all-periods table. Besides each table's own row,
// column and grand totals, every cell is linked to the same cell in the other periods by the
// all-periods total; differencing between periods must not reveal a suppressed cell either.
//
// Cells live on a (periods+1) x (rows+1) x (columns+1) grid; every line along any of the three axes
// sums to its last element. Primary suppression as in disclosure_control.h; secondary suppression
// adds partners to lines with a single suppressed cell, then to any cell the audit can narrow below
// min_range. The audit here is an integer program (GLPK), since three-way tables, unlike two-way
// ones, can have fractional LP bounds. A series that cannot be protected is refused.
#pragma once

#include <string>
#include <vector>

#include "domain/result.h"
#include "stats/disclosure_audit.h"
#include "stats/disclosure_control.h"

namespace schakel::stats {

struct PublishedSeries {
  std::vector<std::string> period_labels;
  std::vector<PublishedTable> periods;
  PublishedTable all_periods;
};

// REQUIRES: one table per period label, at least one, all with the same labels.
Result<PublishedSeries> ProtectPeriodSeries(const std::vector<std::string>& period_labels,
                                            const std::vector<CountTable>& tables,
                                            const DisclosureOptions& options = {});

// The attacker's view of a grid with summing lines: for each unknown cell, its integer range.
// Each line lists cell indices; its last cell is the sum of the others.
Result<std::vector<CellRange>> AuditLines(const std::vector<std::vector<std::size_t>>& lines,
                                          const std::vector<std::optional<std::int64_t>>& values);

// Lines of the (periods+1) x (rows+1) x (columns+1) grid, row-major in (period, row, column).
std::vector<std::vector<std::size_t>> PeriodGridLines(int periods, int rows, int columns);

}  // namespace schakel::stats
