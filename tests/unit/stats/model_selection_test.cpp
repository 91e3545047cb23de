#include "stats/model_selection.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>

#include "published_tables.h"
#include "stats/poisson_tail.h"

namespace schakel::stats {
namespace {

TEST(Stepwise, UkFiveListsMatchesPublishedSparseMseEstimate) {
  // Chan, Silverman and Vincent (2021) report 11,313 for UKdat_5 with stepwise selection.
  const CaptureTable t = testing::LoadPublishedTable("UKdat_5");
  auto sel = SelectModel(t, SelectionMethod::kStepwise);
  ASSERT_TRUE(sel.ok()) << sel.error().message;
  EXPECT_NEAR(sel->chosen.total, 11313.0, 0.5);
  EXPECT_EQ(FormatModel(sel->chosen.model, t), "LA:NG,LA:PFNCA,NG:GO,NG:GP,PFNCA:GP,GO:GP");
}

// The stopping rule: every added pair had p < 0.02, and at the chosen model every remaining pair
// has p >= 0.02 or enlarging the model by it fails the existence/identifiability checks.
TEST(Stepwise, StopsOnlyWhenNoPairIsSignificantOrTheBestFailsTheChecks) {
  for (const char* name : {"UKdat", "Ned", "Kosovo", "Korea", "NewOrl", "Western", "Ned_5"}) {
    SCOPED_TRACE(name);
    const CaptureTable t = testing::LoadPublishedTable(name);
    auto sel = SelectModel(t, SelectionMethod::kStepwise);
    ASSERT_TRUE(sel.ok()) << sel.error().message;
    ASSERT_TRUE(sel->chosen.ok());
    for (std::size_t i = 1; i < sel->considered.size(); ++i)
      EXPECT_LT(sel->considered[i].p_value, 0.02);
    const ConsideredModel& last = sel->considered.back();
    if (last.status != ModelStatus::kOk) continue;  // stopped because the best pair failed a check
    const int k = t.list_count();
    for (int p = 0; p < PairCount(k); ++p) {
      if ((sel->chosen.model >> p) & 1U) continue;
      const auto [a, b] = PairLists(p, k);
      double fitted = 0;
      for (std::size_t c = 0; c < sel->chosen.cells.size(); ++c) {
        const History both = (History{1} << a) | (History{1} << b);
        if ((sel->chosen.cells[c] & both) == both)
          fitted += sel->chosen.fitted[static_cast<Eigen::Index>(c)];
      }
      if (fitted <= 0) continue;
      EXPECT_GE(std::exp(LogOverlapPValue(t.Overlap(a, b), fitted)), 0.02)
          << FormatModel(PairSet{1} << p, t);
    }
  }
}

TEST(Stepwise, Artificial3StaysWithMainEffects) {
  const CaptureTable t = testing::LoadPublishedTable("Artificial_3");
  auto sel = SelectModel(t, SelectionMethod::kStepwise);
  ASSERT_TRUE(sel.ok());
  EXPECT_TRUE(sel->chosen.ok());
  for (const auto& c : sel->considered) {
    if (c.chosen) {
      EXPECT_EQ(c.status, ModelStatus::kOk);
    }
  }
}

// Exhaustive AIC on four lists (64 models) agrees with fitting every model with full checks.
TEST(ExhaustiveSelection, AgreesWithBruteForceOnKosovo) {
  const CaptureTable t = testing::LoadPublishedTable("Kosovo");
  for (auto method : {SelectionMethod::kAic, SelectionMethod::kBic}) {
    auto sel = SelectModel(t, method);
    ASSERT_TRUE(sel.ok());
    EXPECT_TRUE(sel->exhaustive);
    EXPECT_EQ(sel->models_fitted, 64u);
    double best = INFINITY;
    PairSet best_model = 0;
    for (PairSet m = 0; m < 64; ++m) {
      auto fit = FitModel(t, m);
      ASSERT_TRUE(fit.ok());
      if (!fit->ok()) continue;
      const double score = method == SelectionMethod::kAic ? fit->aic : fit->bic;
      if (score < best) {
        best = score;
        best_model = m;
      }
    }
    EXPECT_EQ(sel->chosen.model, best_model)
        << FormatModel(sel->chosen.model, t) << " vs " << FormatModel(best_model, t);
  }
}

TEST(ExhaustiveSelection, NeverChoosesAModelWithoutMle) {
  const CaptureTable t = testing::LoadPublishedTable("NewOrl_5");
  auto sel = SelectModel(t, SelectionMethod::kAic);
  ASSERT_TRUE(sel.ok());
  EXPECT_EQ(sel->models_fitted, 1024u);
  EXPECT_TRUE(sel->chosen.ok());
  int chosen = 0;
  for (const auto& c : sel->considered) {
    if (c.chosen) {
      ++chosen;
      EXPECT_EQ(c.status, ModelStatus::kOk);
    }
  }
  EXPECT_EQ(chosen, 1);
  // Everything ranked above the chosen model was excluded for a reason.
  for (const auto& c : sel->considered) {
    if (c.chosen) break;
    EXPECT_NE(c.status, ModelStatus::kOk);
  }
}

TEST(ForwardSelection, UsedBeyondSixLists) {
  const CaptureTable t = testing::LoadPublishedTable("NewOrl");  // 8 lists
  auto sel = SelectModel(t, SelectionMethod::kBic);
  ASSERT_TRUE(sel.ok()) << sel.error().message;
  EXPECT_FALSE(sel->exhaustive);
  EXPECT_TRUE(sel->chosen.ok());
}

TEST(SelectionMethod, ParsesNames) {
  EXPECT_EQ(*ParseSelectionMethod("aic"), SelectionMethod::kAic);
  EXPECT_EQ(*ParseSelectionMethod("stepwise"), SelectionMethod::kStepwise);
  EXPECT_FALSE(ParseSelectionMethod("lasso").ok());
}

TEST(PoissonTail, MatchesDirectSumsAndStaysAccurateFarOut) {
  const double mean = 7.5;
  double cdf = 0;
  for (int n = 0; n < 30; ++n) {
    cdf += std::exp(-mean + n * std::log(mean) - std::lgamma(n + 1.0));
    EXPECT_NEAR(std::exp(LogPoissonLowerTail(n, mean)), cdf, 1e-12);
    EXPECT_NEAR(std::exp(LogPoissonUpperTail(n + 1, mean)), 1 - cdf, 1e-12);
  }
  // P(X >= 500 | mean 50) is about 1e-270: finite in log space, and ordered.
  const double far = LogPoissonUpperTail(500, 50);
  EXPECT_TRUE(std::isfinite(far));
  EXPECT_LT(far, -600);
  EXPECT_LT(LogPoissonUpperTail(510, 50), far);
  EXPECT_NEAR(LogPoissonLowerTail(0, 3.0), -3.0, 1e-12);
}

}  // namespace
}  // namespace schakel::stats
