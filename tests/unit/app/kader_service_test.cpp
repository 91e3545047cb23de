// Kader use cases on a real database with the public municipality list.
#include <gtest/gtest.h>

#include "app_fixture.h"

namespace schakel::app {
namespace {

class KaderServiceTest : public testing::AppFixture {
 protected:
  AssessmentView NewAssessment(const char* org = "GM0014", const char* period = "2026-Q4") {
    auto a = kader_->Create(org, period, "2021-concept", actor_);
    EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message);
    return std::move(a).value();
  }
  std::vector<AnswerInput> AllMet(const char* block) {
    std::vector<AnswerInput> in;
    auto f = kader_->Framework("2021-concept").value();
    for (const auto& c : f->criteria) {
      if (c.block == block) in.push_back({c.id, "met", "evidence for " + c.id, c.id});
    }
    return in;
  }
};

TEST_F(KaderServiceTest, ImportsAllMunicipalitiesAndSafetyRegions) {
  EXPECT_EQ(orgs_->List({"municipality", {}, {}})->size(), 342u);
  EXPECT_EQ(orgs_->List({"region", {}, {}})->size(), 25u);
  EXPECT_EQ(orgs_->List({"municipality", "VR01", {}})->front().code, "GM0014");
}

TEST_F(KaderServiceTest, AnsweringRaisesTheLevelAndRecordsWhoAndWhen) {
  auto a = NewAssessment();
  EXPECT_EQ(a.standing.Find("policy")->level, nullptr);
  auto answered =
      kader_->Answer(a.record.id, {{"policy.basis.embedded", "met", "Plan 2026", "a"}}, actor_);
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  EXPECT_EQ(answered->standing.Find("policy")->level->id, "basis");
  EXPECT_EQ(answered->standing.Find("policy")->gaps.front().criterion->id,
            "policy.plateau1.insight");
  const auto& ans = answered->answers.at("policy.basis.embedded");
  EXPECT_EQ(ans.answered_by, "Test Beleidsadviseur");
  EXPECT_EQ(ans.answered_at, FormatUtc(clock_.Now()));
  EXPECT_EQ(ans.evidence, "Plan 2026");
}

TEST_F(KaderServiceTest, OneBadAnswerWritesNothing) {
  auto a = NewAssessment();
  auto r = kader_->Answer(a.record.id,
                          {{"policy.basis.embedded", "met", "", "answers[0]"},
                           {"policy.plateau1.insight", "yes", "", "answers[1]"}},
                          actor_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "answers[1].status");
  EXPECT_TRUE(kader_->Get(a.record.id, actor_)->answers.empty());
}

TEST_F(KaderServiceTest, UnknownCriterionAndDuplicateAreNamed) {
  auto a = NewAssessment();
  auto unknown = kader_->Answer(a.record.id, {{"nope", "met", "", "answers[0]"}}, actor_);
  EXPECT_EQ(unknown.error().field, "answers[0].criterion");
  auto twice = kader_->Answer(a.record.id,
                              {{"policy.basis.embedded", "met", "", "answers[0]"},
                               {"policy.basis.embedded", "not_met", "", "answers[1]"}},
                              actor_);
  EXPECT_EQ(twice.error().field, "answers[1].criterion");
}

TEST_F(KaderServiceTest, SubmittedAssessmentIsFrozen) {
  auto a = NewAssessment();
  ASSERT_TRUE(kader_->Answer(a.record.id, AllMet("policy"), actor_).ok());
  auto submitted = kader_->Submit(a.record.id, actor_);
  ASSERT_TRUE(submitted.ok());
  EXPECT_EQ(submitted->record.status, "submitted");
  auto change =
      kader_->Answer(a.record.id, {{"policy.basis.embedded", "not_met", "", "x"}}, actor_);
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code, ErrorCode::kConflict);
  EXPECT_EQ(kader_->Get(a.record.id, actor_)->standing.Find("policy")->level->id, "plateau2");
}

TEST_F(KaderServiceTest, EmptyAssessmentCannotBeSubmitted) {
  auto a = NewAssessment();
  auto r = kader_->Submit(a.record.id, actor_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
}

TEST_F(KaderServiceTest, CreateValidatesOrganisationPeriodAndFramework) {
  EXPECT_EQ(kader_->Create("GM9999", "2026-Q4", "2021-concept", actor_).error().field,
            "organisation");
  EXPECT_EQ(kader_->Create("VR01", "2026-Q4", "2021-concept", actor_).error().field,
            "organisation");
  EXPECT_EQ(kader_->Create("GM0014", "Q4", "2021-concept", actor_).error().field, "period");
  EXPECT_EQ(kader_->Create("GM0014", "2026-Q4", "1999", actor_).error().field, "framework");
  NewAssessment();
  EXPECT_EQ(kader_->Create("GM0014", "2026-Q4", "2021-concept", actor_).error().code,
            ErrorCode::kConflict);
}

TEST_F(KaderServiceTest, CompareShowsWhatChangedBetweenPeriods) {
  auto q3 = NewAssessment("GM0014", "2026-Q3");
  ASSERT_TRUE(
      kader_->Answer(q3.record.id, {{"policy.basis.embedded", "not_met", "", "x"}}, actor_).ok());
  auto q4 = NewAssessment("GM0014", "2026-Q4");
  ASSERT_TRUE(
      kader_->Answer(q4.record.id, {{"policy.basis.embedded", "met", "", "x"}}, actor_).ok());
  auto cmp = kader_->Compare(q3.record.id, q4.record.id, actor_);
  ASSERT_TRUE(cmp.ok());
  EXPECT_EQ(cmp->comparison.blocks[0].direction, 1);
  ASSERT_EQ(cmp->comparison.criteria.size(), 1u);
  EXPECT_EQ(cmp->comparison.criteria[0].criterion->id, "policy.basis.embedded");
  auto other = NewAssessment("GM0034", "2026-Q4");
  EXPECT_FALSE(kader_->Compare(q3.record.id, other.record.id, actor_).ok());
}

TEST_F(KaderServiceTest, RollupOverRegionAndCountry) {
  for (const char* org : {"GM0014", "GM0034"}) {
    auto a = NewAssessment(org);
    ASSERT_TRUE(kader_->Answer(a.record.id, AllMet("policy"), actor_).ok());
    ASSERT_TRUE(kader_->Submit(a.record.id, actor_).ok());
  }
  auto draft = NewAssessment("GM0088");  // a draft does not count
  ASSERT_TRUE(kader_->Answer(draft.record.id, AllMet("policy"), actor_).ok());

  auto national = kader_->RollUp({}, {}, "2021-concept", actor_);
  ASSERT_TRUE(national.ok()) << national.error().message;
  EXPECT_EQ(national->rollup.municipalities, 342);
  EXPECT_EQ(national->rollup.assessed, 2);
  EXPECT_EQ(national->rollup.blocks[0].reached[0], 2);
  EXPECT_EQ(national->rollup.goals[0].goal->id, "policy_basis");
  EXPECT_EQ(national->rollup.goals[0].met, 2);
  EXPECT_EQ(national->rollup.goals[1].met, 0);

  auto groningen = kader_->RollUp(std::string("VR01"), {}, "2021-concept", actor_);
  ASSERT_TRUE(groningen.ok());
  EXPECT_EQ(groningen->rollup.assessed, 1);
  EXPECT_EQ(groningen->region->name, "Groningen");
  EXPECT_EQ(kader_->RollUp(std::string("VR99"), {}, "2021-concept", actor_).error().code,
            ErrorCode::kNotFound);
}

TEST_F(KaderServiceTest, CsvImportReportsEveryBadRowAndWritesNothing) {
  auto csv = ParseCsv(
      "criterion,status,evidence\n"
      "policy.basis.embedded,met,Plan\n"
      "policy.nonsense,met,\n"
      "policy.plateau1.insight,yes,\n"
      "policy.basis.embedded,not_met,\n");
  ASSERT_TRUE(csv.ok());
  auto r = kader_->ImportAnswers("GM0014", "2026-Q4", "2021-concept", *csv, actor_);
  ASSERT_FALSE(r.ok());
  const std::string& m = r.error().message;
  EXPECT_NE(m.find("3 problem(s)"), std::string::npos) << m;
  EXPECT_NE(m.find("line 3, column criterion"), std::string::npos) << m;
  EXPECT_NE(m.find("line 4, column status"), std::string::npos) << m;
  EXPECT_NE(m.find("line 5, column criterion"), std::string::npos) << m;
  EXPECT_TRUE(kader_->List(std::string("GM0014"), actor_)->empty());  // not even the assessment
}

TEST_F(KaderServiceTest, CsvImportGivesSameLevelsAsAnswering) {
  auto csv = ParseCsv(
      "criterion,status,evidence\n"
      "policy.basis.embedded,met,Plan\n"
      "signalling.basis.knowledge,met,\n"
      "signalling.basis.internal_reporting,partly_met,\n");
  auto imported = kader_->ImportAnswers("GM0014", "2026-Q4", "2021-concept", *csv, actor_);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  auto a = NewAssessment("GM0034");
  auto answered = kader_->Answer(a.record.id,
                                 {{"policy.basis.embedded", "met", "Plan", "a"},
                                  {"signalling.basis.knowledge", "met", "", "b"},
                                  {"signalling.basis.internal_reporting", "partly_met", "", "c"}},
                                 actor_);
  for (size_t i = 0; i < imported->standing.blocks.size(); ++i) {
    EXPECT_EQ(imported->standing.blocks[i].level_index, answered->standing.blocks[i].level_index);
  }
  EXPECT_EQ(imported->standing.Find("policy")->level->id, "basis");
}

TEST_F(KaderServiceTest, ReloadingFrameworkIsUnchangedAndUsedOneIsKept) {
  auto f = kader::LoadFrameworkFile(SCHAKEL_SOURCE_DIR "/data/kader/2021-concept.json").value();
  EXPECT_EQ(kader_->LoadFramework(f)->outcome, "unchanged");
  f.criteria[0].text.en = "Changed wording";
  EXPECT_EQ(kader_->LoadFramework(f)->outcome, "replaced");
  NewAssessment();
  f.criteria[0].text.en = "Changed again";
  EXPECT_EQ(kader_->LoadFramework(f)->outcome, "kept (in use)");
  EXPECT_EQ(kader_->Framework("2021-concept").value()->criteria[0].text.en, "Changed wording");
}

TEST_F(KaderServiceTest, MergerMovesRegionMembership) {
  auto r = orgs_->Merge({"GM1999", "Nieuwgemeente", {"GM0014", "GM0088"}, "2025-01-01"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->memberships, 2);  // VR01 and VR02
  EXPECT_EQ(orgs_->Get("GM0014")->successor, "GM1999");
  EXPECT_EQ(orgs_->RegionsOf("GM1999")->size(), 2u);
  auto again = orgs_->Merge({"GM1999", "Nieuwgemeente", {"GM0014"}, "2025-01-01"});
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(KaderServiceTest, MunicipalityImportReportsEveryBadRow) {
  auto csv = ParseCsv("cbs_code,name,safety_region\nGM12,X,VR01\nGM0001,,VR01\nGM0002,Y,VR77\n");
  auto r = orgs_->ImportMunicipalities(*csv, "2022-01-01");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("line 2, column cbs_code"), std::string::npos);
  EXPECT_NE(r.error().message.find("line 3, column name"), std::string::npos);
  EXPECT_NE(r.error().message.find("line 4, column safety_region"), std::string::npos);
  EXPECT_FALSE(orgs_->Get("GM0001").ok());
}

TEST_F(KaderServiceTest, RegionImportChecksCodesPerKind) {
  auto csv = ParseCsv("code,name\nZC01,Zorgregio Noord\nVR01,Groningen\n");
  auto safety = orgs_->ImportSafetyRegions(*csv, "2022-01-01");
  ASSERT_FALSE(safety.ok());
  EXPECT_NE(safety.error().message.find("line 2, column code: 'ZC01' is not a safety region code"),
            std::string::npos)
      << safety.error().message;
  auto care = orgs_->ImportRegions(*ParseCsv("code,name\nZC01,Zorgregio Noord\n"), "care_region",
                                   "2022-01-01");
  ASSERT_TRUE(care.ok()) << care.error().message;
  EXPECT_EQ(orgs_->Get("ZC01")->region_kind, "care_region");
  EXPECT_EQ(orgs_->ImportRegions(*csv, "district", "2022-01-01").error().field, "kind");
}

TEST(OrganisationCodesTest, ValidatesCodesAndDates) {
  EXPECT_TRUE(IsMunicipalityCode("GM0014"));
  EXPECT_FALSE(IsMunicipalityCode("GM014"));
  EXPECT_FALSE(IsMunicipalityCode("gm0014"));
  EXPECT_TRUE(IsSafetyRegionCode("VR25"));
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-13-01"));
  EXPECT_FALSE(IsIsoDate("23-01-01"));
}

}  // namespace
}  // namespace schakel::app
