#include "stats/confidence_interval.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "published_tables.h"
#include "stats/model_selection.h"
#include "stats/population_simulation.h"
#include "stats/random_source.h"

namespace schakel::stats {
namespace {

ModelFit Fit(const CaptureTable& t, const char* terms) {
  auto fit = FitModel(t, *ParseModel(terms, t));
  EXPECT_TRUE(fit.ok() && fit->ok()) << terms;
  return std::move(*fit);
}

TEST(ChiSquare, QuantileAtNinetyFivePercent) {
  EXPECT_NEAR(ChiSquare1Quantile(0.95), 3.841458820694124, 1e-9);
}

// At each bound, the profile deviance is exactly the cut-off above the minimum.
TEST(ProfileLikelihood, BoundsSitWhereProfileDevianceRisesByTheChiSquareQuantile) {
  const CaptureTable t = testing::LoadPublishedTable("Kosovo");
  const ModelFit fit = Fit(t, "ABA:OSCE,OSCE:HRW");
  auto ci = ProfileLikelihoodInterval(t, fit);
  ASSERT_TRUE(ci.ok()) << ci.error().message;
  EXPECT_LT(ci->low, fit.total);
  EXPECT_GT(ci->high, fit.total);
  const ModelDesign d = BuildDesign(t, fit.model);
  const Eigen::MatrixXd rest = d.x.rightCols(d.x.cols() - 1);
  for (double bound : {ci->low, ci->high}) {
    const double b = std::log(bound - static_cast<double>(fit.observed));
    const Eigen::VectorXd offset = Eigen::VectorXd::Constant(d.y.size(), b);
    const GlmFit profile = FitPoissonGlm(rest, d.y, offset, nullptr);
    ASSERT_TRUE(profile.converged);
    EXPECT_NEAR(profile.deviance - fit.deviance, 3.841458820694124, 1e-5);
  }
}

TEST(ProfileLikelihood, TwoListsIntervalIsAsymmetricAndAboveObserved) {
  auto t = CaptureTable::Create({"A", "B"}, {0, 60, 40, 20});
  const ModelFit fit = Fit(*t, "");
  auto ci = ProfileLikelihoodInterval(*t, fit);
  ASSERT_TRUE(ci.ok());
  EXPECT_GT(ci->low, 120.0);
  EXPECT_GT(ci->high - fit.total, fit.total - ci->low);  // long upper tail
}

TEST(Bootstrap, SameSeedSameIntervalDifferentSeedDifferent) {
  const CaptureTable t = testing::LoadPublishedTable("Korea");
  const ModelFit fit = Fit(t, "b:c");
  auto a = BootstrapInterval(t, fit, {200, 7, 0.95, std::nullopt});
  auto b = BootstrapInterval(t, fit, {200, 7, 0.95, std::nullopt});
  auto c = BootstrapInterval(t, fit, {200, 8, 0.95, std::nullopt});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  auto same = [](const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!(x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i])))) return false;
    }
    return true;
  };
  EXPECT_TRUE(same(a->totals, b->totals));
  EXPECT_EQ(a->failed, b->failed);
  EXPECT_EQ(a->interval.low, b->interval.low);
  EXPECT_EQ(a->interval.high, b->interval.high);
  EXPECT_FALSE(same(a->totals, c->totals));
  EXPECT_LT(a->interval.low, fit.total);
  EXPECT_GT(a->interval.high, fit.total);
}

TEST(Bootstrap, AgreesRoughlyWithProfileOnALargeTable) {
  const CaptureTable t = testing::LoadPublishedTable("UKdat_5");
  auto sel = SelectModel(t, SelectionMethod::kStepwise);
  ASSERT_TRUE(sel.ok());
  auto profile = ProfileLikelihoodInterval(t, sel->chosen);
  auto boot = BootstrapInterval(t, sel->chosen, {300, 1, 0.95, std::nullopt});
  ASSERT_TRUE(profile.ok() && boot.ok());
  EXPECT_NEAR(boot->interval.low / profile->low, 1.0, 0.05);
  EXPECT_NEAR(boot->interval.high / profile->high, 1.0, 0.05);
}

TEST(Bootstrap, ReselectingWithMainEqualsFixedMainAndOtherwiseChangesReplicates) {
  const CaptureTable t = testing::LoadPublishedTable("Kosovo");
  const ModelFit main = Fit(t, "");
  auto fixed_main = BootstrapInterval(t, main, {50, 5, 0.95, std::nullopt});
  auto reselect_main = BootstrapInterval(t, main, {50, 5, 0.95, SelectionMethod::kMain});
  ASSERT_TRUE(fixed_main.ok() && reselect_main.ok());
  EXPECT_EQ(fixed_main->totals, reselect_main->totals);
  auto sel = SelectModel(t, SelectionMethod::kStepwise);
  ASSERT_TRUE(sel.ok());
  auto fixed = BootstrapInterval(t, sel->chosen, {50, 5, 0.95, std::nullopt});
  auto reselect = BootstrapInterval(t, sel->chosen, {50, 5, 0.95, SelectionMethod::kStepwise});
  ASSERT_TRUE(fixed.ok() && reselect.ok());
  EXPECT_NE(fixed->totals, reselect->totals);
  EXPECT_LT(reselect->interval.low, sel->chosen.total);
  EXPECT_GT(reselect->interval.high, sel->chosen.total);
}

TEST(Percentiles, UseRType7) {
  const Interval i = PercentileInterval({1, 2, 3, 4, 5, NAN}, 0.5);
  EXPECT_DOUBLE_EQ(i.low, 2.0);
  EXPECT_DOUBLE_EQ(i.high, 4.0);
}

TEST(RandomSource, IsDeterministicAndPoissonHasRightMoments) {
  RandomSource a(42), b(42);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.Next(), b.Next());
  RandomSource known(0);
  EXPECT_EQ(known.Next(), 0x99ec5f36cb75f2b4ULL);  // fixed stream: results are portable
  for (double mean : {0.5, 4.0, 25.0, 900.0}) {
    RandomSource r(1);
    double sum = 0, sq = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
      const auto x = static_cast<double>(r.Poisson(mean));
      sum += x;
      sq += x * x;
    }
    const double m = sum / n, var = sq / n - m * m;
    EXPECT_NEAR(m, mean, 4 * std::sqrt(mean / n)) << mean;
    EXPECT_NEAR(var / mean, 1.0, 0.06) << mean;
  }
}

// Coverage on simulated populations of known size (independent lists, the model's assumptions
// hold). The full 200-run figure with bootstrap is in bench/stats; here 200 profile runs, which
// are cheap. Binomial(200, 0.95) lies in [0.90, 0.98] with probability > 0.99.
TEST(Coverage, ProfileIntervalsCoverTheTruthAboutNinetyFivePercentOfRuns) {
  SimulationSpec spec;
  spec.population = 2000;
  spec.capture_probabilities = {0.12, 0.08, 0.15, 0.10};
  spec.runs = 200;
  auto cov = SimulateCoverage(spec, 2024);
  ASSERT_TRUE(cov.ok()) << cov.error().message;
  EXPECT_GE(cov->runs, 195);
  std::printf(
      "[ figures  ] profile-likelihood coverage %.3f over %d runs (mean estimate %.1f, truth "
      "2000)\n",
      cov->profile_coverage, cov->runs, cov->mean_estimate);
  EXPECT_GE(cov->profile_coverage, 0.90);
  EXPECT_LE(cov->profile_coverage, 0.98);
}

TEST(Coverage, BootstrapIntervalsCoverTheTruthOnASmallerRun) {
  SimulationSpec spec;
  spec.population = 1500;
  spec.capture_probabilities = {0.2, 0.15, 0.25};
  spec.runs = 60;
  spec.bootstrap_replicates = 100;
  auto cov = SimulateCoverage(spec, 99);
  ASSERT_TRUE(cov.ok());
  std::printf("[ figures  ] bootstrap coverage %.3f over %d runs of 100 replicates\n",
              cov->bootstrap_coverage, cov->runs);
  EXPECT_GE(cov->bootstrap_coverage, 0.85);  // 60 runs: wide binomial band
  EXPECT_LE(cov->bootstrap_coverage, 1.0);
}

}  // namespace
}  // namespace schakel::stats
