// The coordinator's dashboard: only my active cases, acute ones, and every kind of deadline in
// the right window, with reflection-period warnings.
#include "care/dashboard.h"

#include <gtest/gtest.h>

#include "fixtures.h"

namespace schakel::care {
namespace {

using testing::D;

std::vector<std::string> Refs(const std::vector<DashboardDeadline>& deadlines) {
  std::vector<std::string> out;
  for (const auto& d : deadlines) out.push_back(d.case_id + "/" + d.kind + "/" + d.ref);
  return out;
}

std::vector<CaseSummary> Cases() {
  CaseSummary mine;
  mine.case_id = "c1";
  mine.coordinator = "me";
  mine.state = CaseState::kCareTrajectory;
  mine.acute = true;
  mine.items = {{"i1", "safety", "Police", ItemStatus::kOpen, D("2026-03-20"), ""},
                {"i2", "medical", "GP", ItemStatus::kDone, D("2026-03-20"), ""},
                {"i3", "housing", "Municipality", ItemStatus::kInProgress, D("2026-03-30"), ""}};
  mine.reminders = {{"r1", "call the lawyer", D("2026-03-27"), false},
                    {"r2", "done already", D("2026-03-01"), true}};
  mine.reflection = StartReflectionPeriod(D("2026-01-15")).value();  // last day 2026-04-14

  CaseSummary mine_closed = mine;
  mine_closed.case_id = "c0";
  mine_closed.state = CaseState::kClosed;

  CaseSummary other = mine;
  other.case_id = "c9";
  other.coordinator = "someone-else";

  CaseSummary mine_calm;
  mine_calm.case_id = "c2";
  mine_calm.coordinator = "me";
  mine_calm.state = CaseState::kIntake;
  mine_calm.reflection = StartReflectionPeriod(D("2025-12-01")).value();  // last day 2026-02-28
  mine_calm.reflection->outcome = ReflectionOutcome::kCooperates;
  return {mine, mine_closed, other, mine_calm};
}

TEST(DashboardTest, ShowsMyActiveCasesAndTheAcuteOnes) {
  const Dashboard d = BuildDashboard(Cases(), "me", D("2026-03-27"));
  EXPECT_EQ(d.my_cases, (std::vector<std::string>{"c1", "c2"}));
  EXPECT_EQ(d.acute, (std::vector<std::string>{"c1"}));
}

TEST(DashboardTest, SortsDeadlinesIntoOverdueAndDueThisWeek) {
  const Dashboard d = BuildDashboard(Cases(), "me", D("2026-03-27"));
  EXPECT_EQ(Refs(d.deadlines),
            (std::vector<std::string>{"c1/care_plan_item/i1", "c1/reminder/r1",
                                      "c1/care_plan_item/i3", "c1/reflection_end/"}));
  EXPECT_EQ(Refs(d.overdue), (std::vector<std::string>{"c1/care_plan_item/i1"}));
  EXPECT_EQ(Refs(d.due_this_week),
            (std::vector<std::string>{"c1/reminder/r1", "c1/care_plan_item/i3"}));
}

TEST(DashboardTest, ShowsTheExpiryOfSharingGrantsInForce) {
  std::vector<CaseSummary> cases = Cases();
  SharingGrant grant;
  grant.id = "g1";
  grant.case_id = "c1";
  grant.granted_on = D("2026-03-01");
  grant.expires_on = D("2026-03-31");
  SharingGrant revoked = grant;
  revoked.id = "g2";
  revoked.revoked_on = D("2026-03-10");
  cases[0].grants = {grant, revoked};
  const Dashboard d = BuildDashboard(cases, "me", D("2026-03-27"));
  EXPECT_EQ(
      Refs(d.due_this_week),
      (std::vector<std::string>{"c1/reminder/r1", "c1/care_plan_item/i3", "c1/grant_expires/g1"}));
  // Expired: gone, not overdue.
  const Dashboard later = BuildDashboard(cases, "me", D("2026-04-01"));
  for (const auto& deadline : later.deadlines) EXPECT_NE(deadline.kind, "grant_expires");
}

TEST(DashboardTest, WarnsTwoWeeksThenOneWeekBeforeTheEndOfTheReflectionPeriod) {
  EXPECT_TRUE(BuildDashboard(Cases(), "me", D("2026-03-30")).reflection_warnings.empty());
  auto two = BuildDashboard(Cases(), "me", D("2026-03-31")).reflection_warnings;
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(two[0].warning, DeadlineKind::kWarnTwoWeeks);
  EXPECT_EQ(two[0].days_left, 15);
  auto one = BuildDashboard(Cases(), "me", D("2026-04-07")).reflection_warnings;
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].warning, DeadlineKind::kWarnOneWeek);
  EXPECT_EQ(one[0].days_left, 8);
  // Over without an outcome: no warning, but the end is overdue.
  const Dashboard after = BuildDashboard(Cases(), "me", D("2026-04-15"));
  EXPECT_TRUE(after.reflection_warnings.empty());
  EXPECT_EQ(Refs(after.overdue).back(), "c1/reflection_end/");
}

}  // namespace
}  // namespace schakel::care
