#include "stats/existence.h"

#include <glpk.h>

#include <memory>

#include "stats/glpk_problem.h"

namespace schakel::stats {

bool HasFullColumnRank(const Eigen::MatrixXd& x) {
  if (x.cols() > x.rows()) return false;
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(x);
  qr.setThreshold(1e-9);
  return qr.rank() == x.cols();
}

Result<ExistenceCheck> CheckMleExists(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  ExistenceCheck out;
  std::vector<Eigen::Index> zero_rows;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (y[i] <= 0) zero_rows.push_back(i);
  }
  if (zero_rows.empty()) return out;  // no zero cells: nothing can be driven to zero

  const int rows = static_cast<int>(x.rows());
  const int p = static_cast<int>(x.cols());
  const int nz = static_cast<int>(zero_rows.size());
  const GlpkProblem lp;
  glp_set_obj_dir(lp.get(), GLP_MAX);
  glp_add_rows(lp.get(), rows);
  for (int r = 1; r <= rows; ++r) glp_set_row_bnds(lp.get(), r, GLP_FX, 0.0, 0.0);
  glp_add_cols(lp.get(), p + nz);
  for (int c = 1; c <= p; ++c) glp_set_col_bnds(lp.get(), c, GLP_FR, 0.0, 0.0);
  for (int j = 1; j <= nz; ++j) {
    glp_set_col_bnds(lp.get(), p + j, GLP_DB, 0.0, 1.0);
    glp_set_obj_coef(lp.get(), p + j, 1.0);
  }
  // GLPK arrays are 1-based; element 0 is ignored.
  std::vector<int> ia{0};
  std::vector<int> ja{0};
  std::vector<double> ar{0.0};
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < p; ++c) {
      const double v = x(r, c);
      if (v != 0.0) {
        ia.push_back(r + 1);
        ja.push_back(c + 1);
        ar.push_back(v);
      }
    }
  }
  for (int j = 0; j < nz; ++j) {  // row_i of X c + s_i = 0
    ia.push_back(static_cast<int>(zero_rows[static_cast<std::size_t>(j)]) + 1);
    ja.push_back(p + j + 1);
    ar.push_back(1.0);
  }
  glp_load_matrix(lp.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_smcp params;
  glp_init_smcp(&params);
  params.msg_lev = GLP_MSG_OFF;
  params.presolve = GLP_ON;
  const int rc = glp_simplex(lp.get(), &params);
  if (rc != 0 || glp_get_status(lp.get()) != GLP_OPT) {
    return Error::Internal("GLPK could not solve the existence linear program");
  }
  out.lp_objective = glp_get_obj_val(lp.get());
  out.mle_exists = out.lp_objective < 1e-7;
  if (!out.mle_exists) {
    for (int j = 0; j < nz; ++j) {
      if (glp_get_col_prim(lp.get(), p + j + 1) > 1e-7)
        out.degenerate.push_back(zero_rows[static_cast<std::size_t>(j)]);
    }
  }
  return out;
}

}  // namespace schakel::stats
