// Validates the log-linear fits against R's glm(family = poisson) on the published tables. R is
// run live (Rscript from Debian's r-base-core, installed by scripts/install-deps). A missing R is a
// test failure, not a skip: the agreement with R is part of what this module promises.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "published_tables.h"
#include "stats/loglinear_model.h"

namespace schakel::stats {
namespace {

// Arguments come in pairs (csv path, terms or "main"). For each pair: complete the table to all
// 2^k - 1 histories, drop the cells of model pairs with no overlap (structural zeros), fit with
// glm and print estimate of the unobserved cell, deviance, AIC, converged, #structural zeros.
constexpr const char* kRScript = R"R(
args <- commandArgs(TRUE)
for (i in seq(1, length(args), by = 2)) {
  d <- read.csv(args[i], check.names = FALSE)
  lists <- names(d)[-ncol(d)]
  k <- length(lists)
  g <- expand.grid(rep(list(0:1), k))
  names(g) <- lists
  g <- g[rowSums(g) > 0, , drop = FALSE]
  key <- function(m) apply(as.matrix(m), 1, function(r) paste(r, collapse = ""))
  g$count <- 0
  g$count[match(key(d[, lists, drop = FALSE]), key(g[, lists, drop = FALSE]))] <- d$count
  f <- paste("count ~", paste(sprintf("`%s`", lists), collapse = " + "))
  nstruct <- 0
  if (args[i + 1] != "main") {
    for (t in strsplit(args[i + 1], ",")[[1]]) {
      p <- strsplit(t, ":")[[1]]
      both <- g[[p[1]]] == 1 & g[[p[2]]] == 1
      if (sum(g$count[both]) == 0) {
        g <- g[!both, , drop = FALSE]
        nstruct <- nstruct + 1
      } else {
        f <- paste0(f, " + `", p[1], "`:`", p[2], "`")
      }
    }
  }
  fit <- glm(as.formula(f), family = poisson, data = g,
             control = glm.control(epsilon = 1e-14, maxit = 500))
  cat(sprintf("%.17g %.17g %.17g %d %d\n", exp(coef(fit)[[1]]), deviance(fit), AIC(fit),
              as.integer(fit$converged), nstruct))
}
)R";

struct Case {
  const char* table;
  const char* terms;  // "main" or "A:B,..."
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {"UKdat", "main"},
      {"UKdat", "PF:NCA,LA:NG"},
      {"UKdat", "LA:NG,LA:PF,NG:GO,NG:GP,PF:GP,PF:NCA,GO:GP"},
      {"UKdat_5", "LA:NG,LA:PFNCA,NG:GO,NG:GP,PFNCA:GP,GO:GP"},
      {"Ned", "main"},
      {"Ned", "O:Z,P:Z"},
      {"Ned", "I:K,I:Z,K:O,K:R,O:P,O:Z,P:R,P:Z"},
      {"NewOrl_5", "main"},
      {"NewOrl_5", "A:C"},
      {"NewOrl_5", "A:C,D:H"},
      {"Kosovo", "main"},
      {"Kosovo", "ABA:OSCE,OSCE:HRW"},
      {"Kosovo", "EXH:ABA,EXH:OSCE,EXH:HRW,ABA:OSCE,OSCE:HRW"},
      {"Korea", "main"},
      {"Korea", "b:c"},
      {"Korea", "c:d"},
      {"Western", "main"},
  };
  return cases;
}

struct RFit {
  double unobserved = 0, deviance = 0, aic = 0;
  int converged = 0, structural = 0;
};

bool RscriptAvailable() {
  return std::system("command -v Rscript > /dev/null 2>&1") == 0;
}

std::vector<RFit> RunR() {
  const auto script = std::filesystem::temp_directory_path() /
                      ("schakel_glm_validation_" +
                       std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                       std::to_string(std::rand()) + ".R");
  std::ofstream(script) << kRScript;
  std::string command = "Rscript --vanilla '" + script.string() + "'";
  for (const auto& c : Cases())
    command += " '" + testing::PublishedTablePath(c.table) + "' '" + c.terms + "'";
  command += " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string output;
  char buffer[4096];
  while (pipe && std::fgets(buffer, sizeof buffer, pipe.get())) output += buffer;
  pipe.reset();
  std::filesystem::remove(script);
  std::istringstream in(output);
  std::vector<RFit> fits;
  RFit f;
  while (in >> f.unobserved >> f.deviance >> f.aic >> f.converged >> f.structural)
    fits.push_back(f);
  if (fits.size() != Cases().size()) ADD_FAILURE() << "unexpected output from R:\n" << output;
  return fits;
}

double RelativeDifference(double ours, double theirs) {
  return std::abs(ours - theirs) / std::max(std::abs(theirs), 1.0);
}

TEST(GlmAgreesWithR, EstimatesDevianceAndAicMatchRToOneInAMillion) {
  ASSERT_TRUE(RscriptAvailable()) << "Rscript was not found. This validation test needs R (Debian "
                                     "package r-base-core, installed by "
                                     "scripts/install-deps); it fails rather than skips so that "
                                     "the R agreement is always checked.";
  const auto r = RunR();
  ASSERT_EQ(r.size(), Cases().size());
  double worst = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const Case& c = Cases()[i];
    SCOPED_TRACE(std::string(c.table) + " " + c.terms);
    const CaptureTable table = testing::LoadPublishedTable(c.table);
    auto model = ParseModel(std::string(c.terms) == "main" ? "" : c.terms, table);
    ASSERT_TRUE(model.ok()) << model.error().message;
    auto fit = FitModel(table, *model);
    ASSERT_TRUE(fit.ok());
    ASSERT_TRUE(fit->ok()) << ModelStatusName(fit->status);
    ASSERT_EQ(r[i].converged, 1);
    EXPECT_EQ(std::popcount(fit->structural_zeros), r[i].structural);
    EXPECT_LT(RelativeDifference(fit->unobserved, r[i].unobserved), 1e-6)
        << fit->unobserved << " vs R " << r[i].unobserved;
    EXPECT_LT(
        RelativeDifference(fit->total, static_cast<double>(table.observed()) + r[i].unobserved),
        1e-6);
    EXPECT_LT(RelativeDifference(fit->deviance, r[i].deviance), 1e-6)
        << fit->deviance << " vs R " << r[i].deviance;
    // We count structural-zero pairs as parameters (as SparseMSE does); R drops them as aliased.
    EXPECT_LT(RelativeDifference(fit->aic - 2.0 * r[i].structural, r[i].aic), 1e-6)
        << fit->aic << " vs R " << r[i].aic;
    worst = std::max(worst, RelativeDifference(fit->unobserved, r[i].unobserved));
  }
  std::printf(
      "[ figures  ] largest relative difference from R in the hidden-number estimate: %.3g over "
      "%zu fits\n",
      worst, r.size());
}

}  // namespace
}  // namespace schakel::stats
