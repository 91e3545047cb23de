#include "stats/period_disclosure.h"

#include <fmt/format.h>
#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <tuple>

#include "stats/disclosure_audit.h"
#include "stats/glpk_problem.h"

namespace schakel::stats {

std::vector<std::vector<std::size_t>> PeriodGridLines(int periods, int rows, int columns) {
  const int np = periods + 1, nr = rows + 1, nc = columns + 1;
  auto at = [&](int p, int r, int c) { return static_cast<std::size_t>((p * nr + r) * nc + c); };
  std::vector<std::vector<std::size_t>> lines;
  for (int p = 0; p < np; ++p) {
    for (int r = 0; r < nr; ++r) {
      auto& l = lines.emplace_back();
      for (int c = 0; c < nc; ++c) l.push_back(at(p, r, c));
    }
    for (int c = 0; c < nc; ++c) {
      auto& l = lines.emplace_back();
      for (int r = 0; r < nr; ++r) l.push_back(at(p, r, c));
    }
  }
  for (int r = 0; r < nr; ++r) {
    for (int c = 0; c < nc; ++c) {
      auto& l = lines.emplace_back();
      for (int p = 0; p < np; ++p) l.push_back(at(p, r, c));
    }
  }
  return lines;
}

Result<std::vector<CellRange>> AuditLines(const std::vector<std::vector<std::size_t>>& lines,
                                          const std::vector<std::optional<std::int64_t>>& values) {
  std::vector<int> variable(values.size(), 0);
  std::vector<std::size_t> cell_of;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) {
      cell_of.push_back(i);
      variable[i] = static_cast<int>(cell_of.size());
    }
  }
  std::vector<CellRange> out;
  if (cell_of.empty()) return out;
  const int n = static_cast<int>(cell_of.size());
  const GlpkProblem lp;
  glp_add_cols(lp.get(), n);
  for (int c = 1; c <= n; ++c) {
    glp_set_col_bnds(lp.get(), c, GLP_LO, 0.0, 0.0);
    glp_set_col_kind(lp.get(), c, GLP_IV);
  }
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  int row = 0;
  for (const auto& line : lines) {
    double constant = 0;
    bool any = false;
    for (std::size_t k = 0; k < line.size(); ++k) {
      const double sign = k + 1 == line.size() ? -1.0 : 1.0;
      if (values[line[k]]) {
        constant -= sign * static_cast<double>(*values[line[k]]);
      } else {
        any = true;
      }
    }
    if (!any) continue;
    glp_add_rows(lp.get(), 1);
    ++row;
    glp_set_row_bnds(lp.get(), row, GLP_FX, constant, constant);
    for (std::size_t k = 0; k < line.size(); ++k) {
      if (!values[line[k]]) {
        ia.push_back(row);
        ja.push_back(variable[line[k]]);
        ar.push_back(k + 1 == line.size() ? -1.0 : 1.0);
      }
    }
  }
  glp_load_matrix(lp.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp simplex;
  glp_init_smcp(&simplex);
  simplex.msg_lev = GLP_MSG_OFF;
  glp_iocp integer;
  glp_init_iocp(&integer);
  integer.msg_lev = GLP_MSG_OFF;
  auto solve = [&](int col, int direction) -> Result<double> {
    for (int c = 1; c <= n; ++c) glp_set_obj_coef(lp.get(), c, c == col ? 1.0 : 0.0);
    glp_set_obj_dir(lp.get(), direction);
    glp_std_basis(lp.get());
    if (glp_simplex(lp.get(), &simplex) != 0)
      return Error::Internal("GLPK failed on the disclosure audit");
    const int status = glp_get_status(lp.get());
    if (status == GLP_UNBND)
      return direction == GLP_MAX ? std::numeric_limits<double>::infinity() : 0.0;
    if (status != GLP_OPT)
      return Error::Internal("disclosure audit: published values are inconsistent");
    if (glp_intopt(lp.get(), &integer) != 0 || glp_mip_status(lp.get()) != GLP_OPT) {
      return Error::Internal("GLPK failed on the integer disclosure audit");
    }
    return glp_mip_obj_val(lp.get());
  };
  for (int v = 0; v < n; ++v) {
    auto low = solve(v + 1, GLP_MIN);
    if (!low.ok()) return low.error();
    auto high = solve(v + 1, GLP_MAX);
    if (!high.ok()) return high.error();
    out.push_back({cell_of[static_cast<std::size_t>(v)], *low, *high});
  }
  return out;
}

namespace {

class LinePattern {
 public:
  LinePattern(std::vector<std::int64_t> values, std::vector<bool> margin,
              std::vector<std::vector<std::size_t>> lines)
      : values_(std::move(values)),
        margin_(std::move(margin)),
        lines_(std::move(lines)),
        states_(values_.size(), CellState::kPublished),
        lines_of_(values_.size()) {
    for (std::size_t l = 0; l < lines_.size(); ++l) {
      for (auto i : lines_[l]) lines_of_[i].push_back(l);
    }
  }
  bool Suppressed(std::size_t i) const { return states_[i] != CellState::kPublished; }
  void MarkPrimary(const DisclosureOptions& o) {
    for (std::size_t i = 0; i < values_.size(); ++i) {
      if ((values_[i] > 0 && values_[i] < o.threshold) || (values_[i] == 0 && o.protect_zeros)) {
        states_[i] = CellState::kPrimary;
      }
    }
  }
  int SuppressedIn(std::size_t line) const {
    int n = 0;
    for (auto i : lines_[line]) n += Suppressed(i) ? 1 : 0;
    return n;
  }
  bool AddPartner(std::size_t line) {
    std::optional<std::size_t> best;
    std::tuple<int, int, int, std::int64_t> best_key{};
    for (auto i : lines_[line]) {
      if (Suppressed(i)) continue;
      int crossing = 0;
      for (auto l : lines_of_[i]) crossing += (l != line && SuppressedIn(l) > 0) ? 1 : 0;
      const std::tuple<int, int, int, std::int64_t> key{margin_[i] ? 1 : 0, -crossing,
                                                        values_[i] == 0 ? 1 : 0, values_[i]};
      if (!best || key < best_key) {
        best = i;
        best_key = key;
      }
    }
    if (!best) return false;
    states_[*best] = CellState::kSecondary;
    return true;
  }
  bool FixLonelyLines() {
    bool changed = false;
    for (std::size_t l = 0; l < lines_.size(); ++l) {
      if (SuppressedIn(l) == 1) changed = AddPartner(l) || changed;
    }
    return changed;
  }
  bool AddPartnerFor(std::size_t cell) {
    for (auto l : lines_of_[cell]) {
      if (AddPartner(l)) return true;
    }
    return false;
  }
  std::vector<std::optional<std::int64_t>> Visible() const {
    std::vector<std::optional<std::int64_t>> out(values_.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (!Suppressed(i)) out[i] = values_[i];
    }
    return out;
  }
  const std::vector<CellState>& states() const { return states_; }
  const std::vector<std::vector<std::size_t>>& lines() const { return lines_; }

 private:
  std::vector<std::int64_t> values_;
  std::vector<bool> margin_;
  std::vector<std::vector<std::size_t>> lines_;
  std::vector<CellState> states_;
  std::vector<std::vector<std::size_t>> lines_of_;
};

std::int64_t Round(std::int64_t v, int base) {
  const auto b = static_cast<std::int64_t>(base);
  return (v + b / 2) / b * b;
}

}  // namespace

Result<PublishedSeries> ProtectPeriodSeries(const std::vector<std::string>& period_labels,
                                            const std::vector<CountTable>& tables,
                                            const DisclosureOptions& options) {
  if (tables.empty() || tables.size() != period_labels.size()) {
    return Error::Invalid("periods", "need one table per period label, and at least one");
  }
  const int periods = static_cast<int>(tables.size());
  const int rows = tables[0].rows();
  const int columns = tables[0].columns();
  for (const auto& t : tables) {
    if (t.row_labels() != tables[0].row_labels() ||
        t.column_labels() != tables[0].column_labels()) {
      return Error::Invalid("periods", "all period tables must have the same rows and columns");
    }
  }
  const std::size_t plane = static_cast<std::size_t>((rows + 1) * (columns + 1));
  std::vector<std::int64_t> values(plane * static_cast<std::size_t>(periods + 1), 0);
  std::vector<bool> margin(values.size(), false);
  for (int p = 0; p < periods; ++p) {
    const auto ext = tables[static_cast<std::size_t>(p)].Extended();
    for (std::size_t i = 0; i < plane; ++i) {
      values[static_cast<std::size_t>(p) * plane + i] = ext[i];
      values[static_cast<std::size_t>(periods) * plane + i] += ext[i];
    }
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto within = i % plane;
    margin[i] = i / plane == static_cast<std::size_t>(periods) ||
                within / static_cast<std::size_t>(columns + 1) == static_cast<std::size_t>(rows) ||
                within % static_cast<std::size_t>(columns + 1) == static_cast<std::size_t>(columns);
  }
  LinePattern pattern(values, margin, PeriodGridLines(periods, rows, columns));
  pattern.MarkPrimary(options);
  for (std::size_t round = 0; round <= values.size(); ++round) {
    if (pattern.FixLonelyLines()) continue;
    auto ranges = AuditLines(pattern.lines(), pattern.Visible());
    if (!ranges.ok()) return ranges.error();
    bool grew = false;
    for (const auto& r : *ranges) {
      if (r.high - r.low < static_cast<double>(options.min_range) - 1e-9 &&
          pattern.AddPartnerFor(r.index)) {
        grew = true;
        break;
      }
    }
    if (!grew) break;
  }
  auto final_ranges = AuditLines(pattern.lines(), pattern.Visible());
  if (!final_ranges.ok()) return final_ranges.error();
  for (const auto& r : *final_ranges) {
    if (r.high - r.low < static_cast<double>(options.min_range) - 1e-9) {
      return Error::Conflict(
          "this series cannot be protected by cell suppression; publish it at a coarser level");
    }
  }
  const auto visible = pattern.Visible();
  PublishedSeries out;
  out.period_labels = period_labels;
  for (int p = 0; p <= periods; ++p) {
    PublishedTable t;
    t.row_labels = tables[0].row_labels();
    t.column_labels = tables[0].column_labels();
    for (std::size_t i = 0; i < plane; ++i) {
      const std::size_t g = static_cast<std::size_t>(p) * plane + i;
      auto v = visible[g];
      if (v && options.rounding_base > 1) v = Round(*v, options.rounding_base);
      t.values.push_back(v);
      t.states.push_back(pattern.states()[g]);
    }
    t.rounded = options.rounding_base > 1;
    if (p < periods) {
      out.periods.push_back(std::move(t));
    } else {
      out.all_periods = std::move(t);
    }
  }
  return out;
}

}  // namespace schakel::stats
