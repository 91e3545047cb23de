// The level rule, gaps, progress, comparison and roll-up, table-driven.
#include "kader/standing.h"

#include <gtest/gtest.h>

#include "test_framework.h"

namespace schakel::kader {
namespace {

constexpr auto M = AnswerStatus::kMet;
constexpr auto P = AnswerStatus::kPartlyMet;
constexpr auto N = AnswerStatus::kNotMet;
constexpr auto X = AnswerStatus::kNotApplicable;

Framework Small() {
  auto f = ParseFramework(testing::SmallFrameworkJson());
  EXPECT_TRUE(f.ok());
  return std::move(f).value();
}

Answers Make(std::initializer_list<std::pair<const char*, AnswerStatus>> items) {
  Answers a;
  for (const auto& [id, s] : items) a[id] = Answer{s, "", "tester", "2026-11-27T00:00:00Z"};
  return a;
}

struct LevelCase {
  const char* name;
  Answers answers;
  const char* expected_level;  // "" for none
  std::vector<std::string> expected_gaps;
};

class LevelRuleTest : public ::testing::TestWithParam<LevelCase> {};

TEST_P(LevelRuleTest, BlockAReachesExpectedLevel) {
  const Framework f = Small();
  const Standing s = Evaluate(f, GetParam().answers);
  const BlockStanding* a = s.Find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->level ? a->level->id : "", GetParam().expected_level);
  std::vector<std::string> gaps;
  for (const Gap& g : a->gaps) gaps.push_back(g.criterion->id);
  EXPECT_EQ(gaps, GetParam().expected_gaps);
}

INSTANTIATE_TEST_SUITE_P(
    Kader, LevelRuleTest,
    ::testing::Values(
        LevelCase{"NothingAnswered", {}, "", {"a1", "a2"}},
        LevelCase{"OneOfTwoBasisMet", Make({{"a1", M}}), "", {"a2"}},
        LevelCase{"PartlyMetDoesNotCount", Make({{"a1", M}, {"a2", P}}), "", {"a2"}},
        LevelCase{"BasisMet", Make({{"a1", M}, {"a2", M}}), "basis", {"a3"}},
        LevelCase{"NotApplicableIsLeftOut", Make({{"a1", M}, {"a2", X}}), "basis", {"a3"}},
        LevelCase{"HigherLevelMetButBasisNot",
                  Make({{"a1", N}, {"a2", M}, {"a3", M}, {"a4", M}}),
                  "",
                  {"a1"}},
        LevelCase{
            "Plateau1NeedsBasisToo", Make({{"a1", M}, {"a2", M}, {"a3", M}}), "plateau1", {"a4"}},
        LevelCase{
            "AllMetReachesTop", Make({{"a1", M}, {"a2", M}, {"a3", M}, {"a4", M}}), "plateau2", {}},
        LevelCase{"NotApplicableAtTopStillReachesTop",
                  Make({{"a1", M}, {"a2", M}, {"a3", M}, {"a4", X}}),
                  "plateau2",
                  {}},
        LevelCase{"PlateauGapAfterNotMet",
                  Make({{"a1", M}, {"a2", M}, {"a3", N}, {"a4", M}}),
                  "basis",
                  {"a3"}}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(StandingTest, GapCarriesStatusOrUnanswered) {
  const Framework f = Small();
  const Standing s = Evaluate(f, Make({{"a1", P}}));
  const BlockStanding* a = s.Find("a");
  ASSERT_EQ(a->gaps.size(), 2u);
  EXPECT_EQ(a->gaps[0].status, P);
  EXPECT_FALSE(a->gaps[1].status.has_value());
  EXPECT_EQ(a->next_level->id, "basis");
}

TEST(StandingTest, ProgressIsShareOfApplicableCriteriaMet) {
  const Framework f = Small();
  const Standing s = Evaluate(f, Make({{"a1", M}, {"a2", X}, {"a3", P}}));
  const BlockStanding* a = s.Find("a");
  EXPECT_EQ(a->applicable, 3);  // a1, a3, a4 (a4 unanswered counts as applicable)
  EXPECT_EQ(a->met, 1);
  EXPECT_DOUBLE_EQ(a->progress(), 1.0 / 3.0);
  EXPECT_EQ(a->answered, 3);
  EXPECT_EQ(s.total, 7);
}

TEST(StandingTest, CompareShowsLevelAndCriterionChanges) {
  const Framework f = Small();
  const Comparison c =
      Compare(f, Make({{"a1", M}, {"a2", N}, {"b1", M}}), Make({{"a1", M}, {"a2", M}, {"b1", N}}));
  ASSERT_EQ(c.blocks.size(), 2u);
  EXPECT_EQ(c.blocks[0].direction, 1);
  EXPECT_EQ(c.blocks[0].after->id, "basis");
  EXPECT_EQ(c.blocks[1].direction, -1);
  EXPECT_EQ(c.blocks[1].after, nullptr);
  ASSERT_EQ(c.criteria.size(), 2u);
  EXPECT_EQ(c.criteria[0].criterion->id, "a2");
  EXPECT_EQ(c.criteria[0].before, N);
  EXPECT_EQ(c.criteria[1].criterion->id, "b1");
}

TEST(StandingTest, RollupCountsUnassessedInDenominator) {
  const Framework f = Small();
  const Answers basis = Make({{"a1", M}, {"a2", M}, {"b1", M}});
  const Answers top = Make({{"a1", M}, {"a2", M}, {"a3", M}, {"a4", M}, {"b1", N}});
  const Rollup r = RollUp(f, {{"GM1", &basis}, {"GM2", &top}, {"GM3", nullptr}});
  EXPECT_EQ(r.municipalities, 3);
  EXPECT_EQ(r.assessed, 2);
  EXPECT_EQ(r.blocks[0].reached, (std::vector<int>{2, 1, 1}));
  EXPECT_EQ(r.blocks[1].reached, (std::vector<int>{1, 0, 0}));
  ASSERT_EQ(r.goals.size(), 2u);
  EXPECT_EQ(r.goals[0].met, 2);  // block a at basis
  EXPECT_EQ(r.goals[1].met, 1);  // criterion b1 met
}

TEST(StandingTest, ParseAnswerStatusNamesField) {
  auto s = ParseAnswerStatus("yes", "answers[2].status");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "answers[2].status");
  EXPECT_EQ(ParseAnswerStatus("partly_met", "x").value(), P);
}

}  // namespace
}  // namespace schakel::kader
