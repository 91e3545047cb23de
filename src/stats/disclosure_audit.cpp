#include "stats/disclosure_audit.h"

#include <glpk.h>

#include <limits>
#include <memory>

#include "stats/glpk_problem.h"

namespace schakel::stats {

// Every line of the extended grid says: sum of its body cells - its total cell = 0. The constraint
// matrix is the signed incidence matrix of a bipartite graph, hence totally unimodular: the
// continuous optima below are whole numbers, so the LP ranges are the integer ranges.
Result<std::vector<CellRange>> AuditSuppressedCells(
    int rows, int columns, const std::vector<std::optional<std::int64_t>>& values) {
  const int width = columns + 1;
  std::vector<int> variable(values.size(), 0);  // 1-based GLPK column per suppressed cell
  std::vector<std::size_t> cell_of;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) {
      cell_of.push_back(i);
      variable[i] = static_cast<int>(cell_of.size());
    }
  }
  std::vector<CellRange> out;
  if (cell_of.empty()) return out;
  const GlpkProblem lp;
  glp_add_cols(lp.get(), static_cast<int>(cell_of.size()));
  for (int c = 1; c <= static_cast<int>(cell_of.size()); ++c)
    glp_set_col_bnds(lp.get(), c, GLP_LO, 0.0, 0.0);
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  int row_count = 0;
  // A line: cells (index, sign). Adds it as a constraint if it has a suppressed cell.
  auto add_line = [&](const std::vector<std::pair<std::size_t, double>>& line) {
    double constant = 0;
    bool any = false;
    for (const auto& [idx, sign] : line) {
      if (values[idx]) {
        constant -= sign * static_cast<double>(*values[idx]);
      } else {
        any = true;
      }
    }
    if (!any) return;
    glp_add_rows(lp.get(), 1);
    ++row_count;
    glp_set_row_bnds(lp.get(), row_count, GLP_FX, constant, constant);
    for (const auto& [idx, sign] : line) {
      if (!values[idx]) {
        ia.push_back(row_count);
        ja.push_back(variable[idx]);
        ar.push_back(sign);
      }
    }
  };
  std::vector<std::pair<std::size_t, double>> line;
  for (int r = 0; r <= rows; ++r) {
    line.clear();
    for (int c = 0; c < columns; ++c)
      line.emplace_back(static_cast<std::size_t>(r * width + c), 1.0);
    line.emplace_back(static_cast<std::size_t>(r * width + columns), -1.0);
    add_line(line);
  }
  for (int c = 0; c <= columns; ++c) {
    line.clear();
    for (int r = 0; r < rows; ++r) line.emplace_back(static_cast<std::size_t>(r * width + c), 1.0);
    line.emplace_back(static_cast<std::size_t>(rows * width + c), -1.0);
    add_line(line);
  }
  glp_load_matrix(lp.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp params;
  glp_init_smcp(&params);
  params.msg_lev = GLP_MSG_OFF;
  glp_std_basis(lp.get());
  auto solve = [&](int col, int direction) -> Result<double> {
    for (int c = 1; c <= static_cast<int>(cell_of.size()); ++c)
      glp_set_obj_coef(lp.get(), c, c == col ? 1.0 : 0.0);
    glp_set_obj_dir(lp.get(), direction);
    if (glp_simplex(lp.get(), &params) != 0) {
      glp_std_basis(lp.get());
      if (glp_simplex(lp.get(), &params) != 0)
        return Error::Internal("GLPK failed on the disclosure audit");
    }
    const int status = glp_get_status(lp.get());
    if (status == GLP_UNBND) return std::numeric_limits<double>::infinity();
    if (status != GLP_OPT)
      return Error::Internal("disclosure audit: published values are inconsistent");
    return glp_get_obj_val(lp.get());
  };
  for (std::size_t v = 0; v < cell_of.size(); ++v) {
    const int col = static_cast<int>(v) + 1;
    auto low = solve(col, GLP_MIN);
    if (!low.ok()) return low.error();
    auto high = solve(col, GLP_MAX);
    if (!high.ok()) return high.error();
    out.push_back({cell_of[v], *low, *high});
  }
  return out;
}

}  // namespace schakel::stats
