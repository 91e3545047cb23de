// Evidence for criteria: the declarations in the framework file are validated like the rest of
// it (errors name the path), training coverage and refreshers follow the dates, and each
// evidence kind reports found / not found — or not available when Schakel cannot know yet.
#include "kader/evidence.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_framework.h"

namespace schakel::kader {
namespace {

using nlohmann::json;

json WithEvidence(json evidence) {
  json doc = testing::SmallFrameworkJson();
  doc["criteria"][2]["evidence"] = std::move(evidence);
  return doc;
}

TEST(EvidenceDeclarationTest, TheShippedFrameworkDeclaresEvidenceForEightCriteria) {
  auto f = LoadFrameworkFile(SCHAKEL_SOURCE_DIR "/data/kader/2021-concept.json");
  ASSERT_TRUE(f.ok()) << f.error().message;
  int declared = 0;
  for (const Criterion& c : f->criteria) declared += c.evidence.empty() ? 0 : 1;
  EXPECT_EQ(declared, 8);
  const Criterion* training = f->FindCriterion("awareness.basis.training");
  ASSERT_NE(training, nullptr);
  ASSERT_EQ(training->evidence.size(), 1u);
  EXPECT_EQ(training->evidence[0].kind, EvidenceKind::kTrainingCoverage);
  EXPECT_DOUBLE_EQ(training->evidence[0].min_share, 0.8);
  EXPECT_EQ(training->evidence[0].within_months, 12);
  const Criterion* director = f->FindCriterion("cooperation.plateau1.chain_director");
  ASSERT_NE(director, nullptr);
  EXPECT_EQ(director->evidence.at(0).role, "chain_director");
}

TEST(EvidenceDeclarationTest, UnknownKindIsRefusedWithItsPath) {
  auto f = ParseFramework(WithEvidence(json::array({{{"kind", "horoscope"}}})));
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().field, "criteria[2].evidence[0].kind");
  EXPECT_NE(f.error().message.find("unknown evidence kind 'horoscope'"), std::string::npos);
  EXPECT_NE(f.error().message.find("training_coverage"), std::string::npos);  // lists known
}

TEST(EvidenceDeclarationTest, ParametersAreChecked) {
  const struct {
    json evidence;
    const char* field;
  } cases[] = {
      {json::array({{{"kind", "training_coverage"}}}), "criteria[2].evidence[0].min_share"},
      {json::array({{{"kind", "training_coverage"}, {"min_share", 1.5}}}),
       "criteria[2].evidence[0].min_share"},
      {json::array({{{"kind", "environment_scan_reviewed"}, {"within_months", 0}}}),
       "criteria[2].evidence[0].within_months"},
      {json::array({{{"kind", "role_held"}, {"role", "king"}}}), "criteria[2].evidence[0].role"},
      {json::array({{{"kind", "published_practice"}}, {{"kind", "published_practice"}}}),
       "criteria[2].evidence[1].kind"},
      {json::object(), "criteria[2].evidence"},
  };
  for (const auto& c : cases) {
    auto f = ParseFramework(WithEvidence(c.evidence));
    ASSERT_FALSE(f.ok()) << c.evidence.dump();
    EXPECT_EQ(f.error().field, c.field) << f.error().message;
  }
}

TEST(EvidenceDeclarationTest, RoundTripsThroughJson) {
  auto f = ParseFramework(WithEvidence(
      json::array({{{"kind", "training_coverage"}, {"min_share", 0.75}, {"within_months", 6}},
                   {{"kind", "role_held"}, {"role", "chain_director"}}})));
  ASSERT_TRUE(f.ok()) << f.error().message;
  auto again = ParseFramework(FrameworkToJson(*f));
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->criteria[2].evidence.size(), 2u);
  EXPECT_EQ(again->criteria[2].evidence[0].within_months, 6);
  EXPECT_DOUBLE_EQ(again->criteria[2].evidence[0].min_share, 0.75);
  EXPECT_EQ(again->criteria[2].evidence[1].role, "chain_director");
  // A criterion without evidence keeps its stored form.
  EXPECT_FALSE(FrameworkToJson(*f)["criteria"][0].contains("evidence"));
}

TEST(TrainingCoverageTest, CountsDistinctStaffWithAValidTrainingPerDepartment) {
  const std::vector<DepartmentStaff> departments = {{"Burgerzaken", 4}, {"Wmo", 2}};
  const std::vector<TrainingAttendance> attendance = {
      {"Burgerzaken", "A", "2026-01-10", "2028-01-10"},
      {"Burgerzaken", "A", "2026-05-10", "2028-05-10"},  // twice: counted once
      {"Burgerzaken", "B", "2023-01-10", "2025-01-10"},  // expired
      {"Wmo", "C", "2026-03-01", "2028-03-01"},
      {"Handhaving", "D", "2026-03-01", "2028-03-01"},  // no relevant staff declared
  };
  auto coverage = Coverage(departments, attendance, "2026-11-28", "");
  ASSERT_EQ(coverage.size(), 2u);
  EXPECT_EQ(coverage[0].trained, 1);
  EXPECT_DOUBLE_EQ(coverage[0].share, 0.25);
  EXPECT_DOUBLE_EQ(coverage[1].share, 0.5);
  EXPECT_DOUBLE_EQ(OverallShare(coverage), 2.0 / 6);
  // Only trainings held since a date.
  EXPECT_EQ(Coverage(departments, attendance, "2026-11-28", "2026-04-01")[1].trained, 0);
}

TEST(TrainingCoverageTest, RefreshersDueWithinTheHorizonOrOverdue) {
  const std::vector<TrainingAttendance> attendance = {
      {"Wmo", "Soon", "2025-01-15", "2027-01-15"},
      {"Wmo", "Late", "2024-01-15", "2026-01-15"},
      {"Wmo", "Fine", "2026-06-01", "2028-06-01"},
      {"Wmo", "Renewed", "2024-01-15", "2026-01-15"},
      {"Wmo", "Renewed", "2026-01-10", "2028-01-10"},
  };
  auto due = RefreshersDue(attendance, "2026-11-28", 60);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].staff_name, "Late");
  EXPECT_TRUE(due[0].overdue);
  EXPECT_EQ(due[1].staff_name, "Soon");
  EXPECT_FALSE(due[1].overdue);
}

TEST(TrainingCoverageTest, MonthArithmeticClampsTheDay) {
  EXPECT_EQ(AddMonths("2026-03-31", -1), "2026-02-28");
  EXPECT_EQ(AddMonths("2024-02-29", 12), "2025-02-28");
  EXPECT_EQ(AddMonths("2026-11-28", -12), "2025-11-28");
  EXPECT_EQ(AddDays("2026-12-31", 1), "2027-01-01");
}

EvidenceFacts Facts() {
  EvidenceFacts facts;
  facts.today = "2026-11-28";
  return facts;
}

TEST(EvidenceRuleTest, TrainingCoverageMeetsTheThresholdInWholePercent) {
  EvidenceRule rule{EvidenceKind::kTrainingCoverage, 12, 0.8, ""};
  EvidenceFacts facts = Facts();
  EXPECT_EQ(EvaluateRule(rule, facts).state, EvidenceState::kNotFound);  // no departments
  facts.departments = {{"Wmo", 5}};
  for (const char* name : {"A", "B", "C", "D"}) {
    facts.attendance.push_back({"Wmo", name, "2026-06-01", "2028-06-01"});
  }
  const EvidenceFinding f = EvaluateRule(rule, facts);
  EXPECT_EQ(f.state, EvidenceState::kFound);
  EXPECT_EQ(f.values.at("share"), "80");
  EXPECT_EQ(f.values.at("min_share"), "80");
  // A training older than the window does not count.
  facts.attendance[0].held_on = "2025-06-01";
  EXPECT_EQ(EvaluateRule(rule, facts).state, EvidenceState::kNotFound);
}

TEST(EvidenceRuleTest, RecentRecordsCountOnlyInsideTheWindow) {
  EvidenceRule rule{EvidenceKind::kEnvironmentScanReviewed, 12, 0, ""};
  EvidenceFacts facts = Facts();
  facts.scan_reviews = {{"2025-10-01", "", "3"}};
  EXPECT_EQ(EvaluateRule(rule, facts).state, EvidenceState::kNotFound);
  facts.scan_reviews.push_back({"2026-02-01", "", "4"});
  const EvidenceFinding f = EvaluateRule(rule, facts);
  EXPECT_EQ(f.state, EvidenceState::kFound);
  EXPECT_EQ(f.record_id, "4");
  EXPECT_EQ(f.values.at("date"), "2026-02-01");
  EXPECT_EQ(f.values.at("since"), "2025-11-28");
}

TEST(EvidenceRuleTest, RolePracticeAndTheFactsSchakelCannotKnowYet) {
  EvidenceFacts facts = Facts();
  EXPECT_EQ(EvaluateRule({EvidenceKind::kRoleHeld, 12, 0, "chain_director"}, facts).state,
            EvidenceState::kNotFound);
  facts.roles_held = {"chain_director"};
  EXPECT_EQ(EvaluateRule({EvidenceKind::kRoleHeld, 12, 0, "chain_director"}, facts).state,
            EvidenceState::kFound);
  EXPECT_EQ(EvaluateRule({EvidenceKind::kPublishedPractice, 12, 0, ""}, facts).state,
            EvidenceState::kNotFound);
  facts.published_practices = {{"2026-05-01", "Wasstraatcontroles", "7"}};
  EXPECT_EQ(EvaluateRule({EvidenceKind::kPublishedPractice, 12, 0, ""}, facts).record_id, "7");
  // Without the facts: not available, never "not found".
  EXPECT_EQ(EvaluateRule({EvidenceKind::kExternalReportingSignals, 12, 0, ""}, facts).state,
            EvidenceState::kNotAvailable);
  EXPECT_EQ(EvaluateRule({EvidenceKind::kRegionalEstimate, 12, 0, ""}, facts).state,
            EvidenceState::kNotAvailable);
  // Signals from the external form count only within the rule's window.
  facts.external_signal_dates = std::vector<std::string>{"2024-01-10"};
  EXPECT_EQ(EvaluateRule({EvidenceKind::kExternalReportingSignals, 12, 0, ""}, facts).state,
            EvidenceState::kNotFound);
  facts.external_signal_dates->push_back(facts.today);
  auto found = EvaluateRule({EvidenceKind::kExternalReportingSignals, 12, 0, ""}, facts);
  EXPECT_EQ(found.state, EvidenceState::kFound);
  EXPECT_EQ(found.values.at("count"), "1");
}

TEST(EvidenceRuleTest, EvaluatesOnlyCriteriaThatDeclareEvidence) {
  auto f = ParseFramework(WithEvidence(json::array({{{"kind", "published_practice"}}})));
  ASSERT_TRUE(f.ok());
  auto all = EvaluateEvidence(*f, Facts());
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].criterion->id, "a3");
  EXPECT_EQ(all[0].findings.at(0).state, EvidenceState::kNotFound);
}

}  // namespace
}  // namespace schakel::kader
