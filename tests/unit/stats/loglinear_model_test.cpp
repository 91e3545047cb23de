#include "stats/loglinear_model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "published_tables.h"
#include "stats/existence.h"

namespace schakel::stats {
namespace {

PairSet Model(const CaptureTable& t, const char* terms) {
  auto m = ParseModel(terms, t);
  EXPECT_TRUE(m.ok()) << terms;
  return m.ok() ? *m : 0;
}

ModelStatus StatusOf(const CaptureTable& t, const char* terms) {
  auto fit = FitModel(t, Model(t, terms));
  EXPECT_TRUE(fit.ok());
  return fit->status;
}

// Two lists, main effects: the Lincoln-Petersen estimate n10 * n01 / n11 for the hidden cell.
TEST(LogLinearModel, TwoListsMainEffectsIsLincolnPetersen) {
  auto t = CaptureTable::Create({"A", "B"}, {0, 60, 40, 20});
  ASSERT_TRUE(t.ok());
  auto fit = FitModel(*t, 0);
  ASSERT_TRUE(fit.ok());
  ASSERT_TRUE(fit->ok());
  EXPECT_NEAR(fit->unobserved, 60.0 * 40.0 / 20.0, 1e-9);
  EXPECT_NEAR(fit->total, 240.0, 1e-9);
  EXPECT_NEAR(fit->deviance, 0.0, 1e-9);  // saturated
  EXPECT_EQ(fit->residual_df, 0);
}

// Artificial_3 (Chan, Silverman and Vincent 2021, Table 2): which models have an MLE.
TEST(LogLinearModel, Artificial3DetectsModelsWithoutMle) {
  const CaptureTable t = testing::LoadPublishedTable("Artificial_3");
  EXPECT_EQ(StatusOf(t, ""), ModelStatus::kOk);
  EXPECT_EQ(StatusOf(t, "A:B"), ModelStatus::kNoMle);
  EXPECT_EQ(StatusOf(t, "A:B,A:C"), ModelStatus::kNoMle);
  EXPECT_EQ(StatusOf(t, "A:B,B:C"), ModelStatus::kNoMle);
  EXPECT_EQ(StatusOf(t, "A:C"), ModelStatus::kOk);
  EXPECT_EQ(StatusOf(t, "B:C"), ModelStatus::kOk);
  EXPECT_EQ(StatusOf(t, "A:C,B:C"), ModelStatus::kOk);
  EXPECT_EQ(StatusOf(t, "A:B,A:C,B:C"), ModelStatus::kNotIdentifiable);
}

TEST(LogLinearModel, ModelWithoutMleHasNoEstimate) {
  const CaptureTable t = testing::LoadPublishedTable("Artificial_3");
  auto fit = FitModel(t, Model(t, "A:B"));
  ASSERT_TRUE(fit.ok());
  EXPECT_FALSE(fit->ok());
  EXPECT_TRUE(std::isnan(fit->total));
  EXPECT_TRUE(std::isnan(fit->unobserved));
}

TEST(LogLinearModel, NonOverlappingPairIsStructuralZeroAndItsCellsAreRemoved) {
  const CaptureTable t = testing::LoadPublishedTable("Artificial_3");
  const ModelDesign d = BuildDesign(t, Model(t, "A:C"));
  EXPECT_EQ(d.structural_zeros, Model(t, "A:C"));
  EXPECT_EQ(d.cells.size(), 5u);  // 101 and 111 removed
  for (History h : d.cells) EXPECT_NE(h & 0b101u, 0b101u);
  EXPECT_EQ(d.x.cols(), 4);  // intercept + 3 main effects; no column for A:C
  EXPECT_EQ(d.nominal_parameters, 5);
  auto fit = FitModel(t, Model(t, "A:C"));
  ASSERT_TRUE(fit->ok());
  EXPECT_EQ(fit->parameters, 5);  // still counted in AIC
}

TEST(Existence, NoZeroCellsMeansMleExists) {
  Eigen::MatrixXd x(3, 2);
  x << 1, 0, 1, 1, 1, 2;
  Eigen::VectorXd y(3);
  y << 1, 2, 3;
  auto check = CheckMleExists(x, y);
  ASSERT_TRUE(check.ok());
  EXPECT_TRUE(check->mle_exists);
}

TEST(Existence, ZeroAtTheEndOfALogLinearTrendHasNoMle) {
  // log mu = a + b*t with counts 0 only at the last point: b runs to minus infinity.
  Eigen::MatrixXd x(3, 2);
  x << 1, 0, 1, 1, 1, 2;
  Eigen::VectorXd y(3);
  y << 5, 0, 0;
  auto check = CheckMleExists(x, y);
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check->mle_exists);
  EXPECT_EQ(check->degenerate.size(), 2u);
  y << 0, 5, 0;  // zeros at both ends: the mean of t (1) is interior, so the MLE exists (flat fit)
  check = CheckMleExists(x, y);
  EXPECT_TRUE(check->mle_exists);
  y << 3, 0, 3;
  check = CheckMleExists(x, y);
  EXPECT_TRUE(check->mle_exists);
}

TEST(Existence, RankCheck) {
  Eigen::MatrixXd x(3, 3);
  x << 1, 0, 1, 1, 1, 2, 1, 2, 3;  // col3 = col1 + col2
  EXPECT_FALSE(HasFullColumnRank(x));
  x(2, 2) = 4;
  EXPECT_TRUE(HasFullColumnRank(x));
}

TEST(LogLinearModel, FitsEveryPublishedTableWithMainEffects) {
  for (const char* name :
       {"UKdat", "UKdat_5", "Ned", "Ned_5", "NewOrl", "NewOrl_5", "Western", "Kosovo", "Korea"}) {
    const CaptureTable t = testing::LoadPublishedTable(name);
    auto fit = FitModel(t, 0);
    ASSERT_TRUE(fit.ok()) << name;
    EXPECT_TRUE(fit->ok()) << name << " " << ModelStatusName(fit->status);
    EXPECT_GT(fit->total, static_cast<double>(t.observed())) << name;
    // Sufficient statistics: fitted list totals equal the observed ones at the MLE.
    for (int i = 0; i < t.list_count(); ++i) {
      double fitted = 0, observed = 0;
      for (std::size_t c = 0; c < fit->cells.size(); ++c) {
        if ((fit->cells[c] >> i) & 1U) {
          fitted += fit->fitted[static_cast<Eigen::Index>(c)];
          observed += fit->observed_counts[static_cast<Eigen::Index>(c)];
        }
      }
      EXPECT_NEAR(fitted, observed, 1e-6 * observed) << name << " list " << i;
    }
  }
}

TEST(ModelTerms, ParseAndFormatRoundTrip) {
  const CaptureTable t = testing::LoadPublishedTable("Kosovo");
  auto m = ParseModel(" OSCE:ABA , EXH:HRW", t);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(FormatModel(*m, t), "EXH:HRW,ABA:OSCE");
  EXPECT_EQ(*ParseModel(FormatModel(*m, t), t), *m);
  EXPECT_EQ(*ParseModel("main", t), 0u);
  EXPECT_FALSE(ParseModel("EXH:XYZ", t).ok());
  EXPECT_FALSE(ParseModel("EXH:EXH", t).ok());
  EXPECT_FALSE(ParseModel("EXH", t).ok());
  EXPECT_FALSE(ParseModel("EXH:ABA,ABA:EXH", t).ok());
  for (int k = 2; k <= kMaxLists; ++k) {
    for (int p = 0; p < PairCount(k); ++p) {
      const auto [a, b] = PairLists(p, k);
      EXPECT_EQ(PairIndex(a, b, k), p);
    }
  }
}

}  // namespace
}  // namespace schakel::stats
