// The case lifecycle: every state × transition with all guards met, each guard refused with the
// field it names, who may act, and properties over random sequences of steps.
#include "care/case_lifecycle.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <optional>

#include "fixtures.h"

namespace schakel::care {
namespace {

using testing::D;
using testing::ShippedCareData;

constexpr auto kRegistered = CaseState::kRegistered;
constexpr auto kIntake = CaseState::kIntake;
constexpr auto kCare = CaseState::kCareTrajectory;
constexpr auto kAftercare = CaseState::kAftercare;
constexpr auto kClosed = CaseState::kClosed;
constexpr auto kTransferred = CaseState::kTransferred;

// Facts under which every guard is met, closed a year before the steps' date.
CaseFacts AllGuardsMet() {
  CaseFacts f;
  f.coordinator = "coordinator-7";
  f.consent.recorded = true;
  f.care_plan_items = 2;
  f.aftercare_item = true;
  f.reflection_started = true;
  f.reflection_outcome_recorded = true;
  f.closed_on = D("2025-06-01");
  f.transfer_accepted = true;
  return f;
}

const CaseActor kCoordinator{true, true};

CaseStep Step(CaseTransition t, std::string reason = "care_completed") {
  return {t, std::move(reason), D("2026-06-01")};
}

Result<CaseState> Apply(CaseState from, CaseStep step, const CaseFacts& facts = AllGuardsMet(),
                        CaseActor actor = kCoordinator) {
  return ApplyCaseTransition(from, step, facts, actor, ShippedCareData());
}

struct Row {
  CaseState from;
  CaseTransition transition;
  std::optional<CaseState> to;  // empty: refused with kConflict
  const char* message_part;
};

std::string RowName(const ::testing::TestParamInfo<Row>& info) {
  return std::string(CaseStateName(info.param.from)) + "_" +
         CaseTransitionName(info.param.transition);
}

class EveryStateAndTransition : public ::testing::TestWithParam<Row> {};

TEST_P(EveryStateAndTransition, GivesTheTargetOrAConflictThatSaysWhy) {
  const Row& row = GetParam();
  auto to = Apply(row.from, Step(row.transition));
  if (row.to) {
    ASSERT_TRUE(to.ok()) << to.error().message;
    EXPECT_EQ(*to, *row.to);
    return;
  }
  ASSERT_FALSE(to.ok());
  EXPECT_EQ(to.error().code, ErrorCode::kConflict) << to.error().message;
  EXPECT_NE(to.error().message.find(row.message_part), std::string::npos) << to.error().message;
}

constexpr auto kIntakeT = CaseTransition::kStartIntake;
constexpr auto kCareT = CaseTransition::kStartCare;
constexpr auto kAftercareT = CaseTransition::kStartAftercare;
constexpr auto kCloseT = CaseTransition::kClose;
constexpr auto kReopenT = CaseTransition::kReopen;
constexpr auto kTransferT = CaseTransition::kTransfer;

INSTANTIATE_TEST_SUITE_P(
    Table, EveryStateAndTransition,
    ::testing::Values(
        Row{kRegistered, kIntakeT, kIntake, ""},
        Row{kRegistered, kCareT, {}, "a care trajectory starts after intake"},
        Row{kRegistered, kAftercareT, {}, "aftercare follows the care trajectory"},
        Row{kRegistered, kCloseT, kClosed, ""},
        Row{kRegistered, kReopenT, {}, "only a closed case can be reopened"},
        Row{kRegistered, kTransferT, kTransferred, ""},
        Row{kIntake, kIntakeT, {}, "only a registered case starts intake"},
        Row{kIntake, kCareT, kCare, ""},
        Row{kIntake, kAftercareT, {}, "aftercare follows the care trajectory"},
        Row{kIntake, kCloseT, kClosed, ""},
        Row{kIntake, kReopenT, {}, "only a closed case can be reopened"},
        Row{kIntake, kTransferT, kTransferred, ""},
        Row{kCare, kIntakeT, {}, "only a registered case starts intake"},
        Row{kCare, kCareT, {}, "a care trajectory starts after intake"},
        Row{kCare, kAftercareT, kAftercare, ""}, Row{kCare, kCloseT, kClosed, ""},
        Row{kCare, kReopenT, {}, "only a closed case can be reopened"},
        Row{kCare, kTransferT, kTransferred, ""},
        Row{kAftercare, kIntakeT, {}, "only a registered case starts intake"},
        Row{kAftercare, kCareT, {}, "a care trajectory starts after intake"},
        Row{kAftercare, kAftercareT, {}, "aftercare follows the care trajectory"},
        Row{kAftercare, kCloseT, kClosed, ""},
        Row{kAftercare, kReopenT, {}, "only a closed case can be reopened"},
        Row{kAftercare, kTransferT, kTransferred, ""},
        Row{kClosed, kIntakeT, {}, "this case is closed; reopen it before 'start_intake'"},
        Row{kClosed, kCareT, {}, "reopen it before 'start_care'"},
        Row{kClosed, kAftercareT, {}, "reopen it before 'start_aftercare'"},
        Row{kClosed, kCloseT, {}, "reopen it before 'close'"}, Row{kClosed, kReopenT, kIntake, ""},
        Row{kClosed, kTransferT, {}, "reopen it before 'transfer'"},
        Row{kTransferred, kIntakeT, {}, "transferred to another organisation"},
        Row{kTransferred, kCareT, {}, "continues there; it cannot start_care"},
        Row{kTransferred, kAftercareT, {}, "cannot start_aftercare here"},
        Row{kTransferred, kCloseT, {}, "cannot close here"},
        Row{kTransferred, kReopenT, {}, "cannot reopen here"},
        Row{kTransferred, kTransferT, {}, "cannot transfer here"}),
    RowName);

// One guard not met: the refusal is kInvalid and names the missing field.
struct GuardRow {
  const char* name;
  CaseState from;
  CaseTransition transition;
  void (*unmet)(CaseFacts&, CaseStep&);
  const char* field;
  const char* message_part;
};

class GuardTest : public ::testing::TestWithParam<GuardRow> {};

TEST_P(GuardTest, RefusesNamingTheMissingField) {
  const GuardRow& row = GetParam();
  CaseFacts facts = AllGuardsMet();
  CaseStep step = Step(row.transition);
  row.unmet(facts, step);
  auto to = Apply(row.from, step, facts);
  ASSERT_FALSE(to.ok());
  EXPECT_EQ(to.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(to.error().field, row.field);
  EXPECT_NE(to.error().message.find(row.message_part), std::string::npos) << to.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    EveryGuard, GuardTest,
    ::testing::Values(
        GuardRow{"IntakeWithoutCoordinator", kRegistered, kIntakeT,
                 [](CaseFacts& f, CaseStep&) { f.coordinator = " "; }, "coordinator",
                 "appoint a responsible care coordinator"},
        GuardRow{"IntakeWithoutConsent", kRegistered, kIntakeT,
                 [](CaseFacts& f, CaseStep&) { f.consent = {}; }, "consent",
                 "intake needs the person's recorded consent, or an override"},
        GuardRow{"IntakeWithBlankOverride", kRegistered, kIntakeT,
                 [](CaseFacts& f, CaseStep&) {
                   f.consent = {false, "  "};
                 },
                 "consent", "or an override with its reason"},
        GuardRow{"CareWithoutCoordinator", kIntake, kCareT,
                 [](CaseFacts& f, CaseStep&) { f.coordinator.clear(); }, "coordinator", "appoint"},
        GuardRow{"CareWithoutPlan", kIntake, kCareT,
                 [](CaseFacts& f, CaseStep&) { f.care_plan_items = 0; }, "care_plan",
                 "a care plan with at least one item"},
        GuardRow{"AftercareWithoutAftercareItem", kCare, kAftercareT,
                 [](CaseFacts& f, CaseStep&) { f.aftercare_item = false; }, "care_plan",
                 "in the domain 'aftercare'"},
        GuardRow{"CloseWithoutReason", kAftercare, kCloseT,
                 [](CaseFacts&, CaseStep& s) { s.closing_reason.clear(); }, "closing_reason",
                 "give a reason"},
        GuardRow{"CloseWithUnknownReason", kAftercare, kCloseT,
                 [](CaseFacts&, CaseStep& s) { s.closing_reason = "bored"; }, "closing_reason",
                 "unknown closing reason 'bored'"},
        GuardRow{"CloseWithOpenPlacement", kCare, kCloseT,
                 [](CaseFacts& f, CaseStep&) { f.open_placement = true; }, "placements",
                 "end the open shelter placement"},
        GuardRow{"CloseWithoutReflectionOutcome", kIntake, kCloseT,
                 [](CaseFacts& f, CaseStep&) { f.reflection_outcome_recorded = false; },
                 "reflection_outcome", "record the outcome of the reflection period"},
        GuardRow{"ReopenWithoutClosingDate", kClosed, kReopenT,
                 [](CaseFacts& f, CaseStep&) { f.closed_on.reset(); }, "closed_on",
                 "date the case was closed is unknown"},
        GuardRow{"TransferNotAccepted", kCare, kTransferT,
                 [](CaseFacts& f, CaseStep&) { f.transfer_accepted = false; }, "transfer",
                 "accepted the transfer"}),
    testing::ParamName());

TEST(CaseLifecycleTest, OverrideWithReasonStandsInForConsent) {
  CaseFacts facts = AllGuardsMet();
  facts.consent = {false, "acute danger; the person cannot be asked safely now"};
  EXPECT_EQ(*Apply(kRegistered, Step(kIntakeT), facts), kIntake);
}

TEST(CaseLifecycleTest, CloseNeedsNoReflectionOutcomeWhenNoneWasStarted) {
  CaseFacts facts = AllGuardsMet();
  facts.reflection_started = false;
  facts.reflection_outcome_recorded = false;
  EXPECT_EQ(*Apply(kIntake, Step(kCloseT), facts), kClosed);
}

TEST(CaseLifecycleTest, ReopenOnlyWithinTheCaseRetentionPeriod) {
  // The shipped retention for cases is 60 months: closed 2021-06-01, erasable from 2026-06-01.
  CaseFacts facts = AllGuardsMet();
  facts.closed_on = D("2021-06-02");
  EXPECT_EQ(*Apply(kClosed, Step(kReopenT), facts), kIntake);
  facts.closed_on = D("2021-06-01");
  auto refused = Apply(kClosed, Step(kReopenT), facts);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("retention period of this case ended on 2026-06-01"),
            std::string::npos)
      << refused.error().message;
}

TEST(CaseLifecycleTest, OnlyTheRegionsCareCoordinatorMayChangeTheState) {
  for (CaseActor actor : {CaseActor{false, true}, CaseActor{true, false}, CaseActor{}}) {
    auto refused = Apply(kRegistered, Step(kIntakeT), AllGuardsMet(), actor);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  }
}

TEST(CaseLifecycleTest, StateIsCheckedBeforeGuards) {
  CaseFacts facts = AllGuardsMet();
  facts.care_plan_items = 0;
  EXPECT_EQ(Apply(kRegistered, Step(kCareT), facts).error().code, ErrorCode::kConflict);
}

// From registered, any sequence of steps under any facts: transferred stays final, intake is
// entered only from registered or closed, and closed only with no open placement.
RC_GTEST_PROP(CaseLifecycleProperty, TransferredIsFinalAndGuardsHold, ()) {
  CaseState state = kRegistered;
  const int steps = *rc::gen::inRange(0, 30);
  for (int i = 0; i < steps; ++i) {
    CaseFacts facts = AllGuardsMet();
    facts.open_placement = *rc::gen::arbitrary<bool>();
    facts.care_plan_items = *rc::gen::inRange(0, 2);
    facts.transfer_accepted = *rc::gen::arbitrary<bool>();
    const auto t = static_cast<CaseTransition>(*rc::gen::inRange(0, 6));
    auto next = Apply(state, Step(t), facts);
    if (state == kTransferred) RC_ASSERT(!next.ok());
    if (next && *next == kIntake) RC_ASSERT(state == kRegistered || state == kClosed);
    if (next && *next == kClosed) RC_ASSERT(!facts.open_placement);
    if (next && *next == kCare) RC_ASSERT(facts.care_plan_items > 0);
    if (next) state = *next;
  }
}

TEST(CaseLifecycleTest, StatesMapToHtcdsCaseStatus) {
  EXPECT_STREQ(HtcdsCaseStatus(kRegistered), "Active");
  EXPECT_STREQ(HtcdsCaseStatus(kIntake), "Active");
  EXPECT_STREQ(HtcdsCaseStatus(kCare), "Active");
  EXPECT_STREQ(HtcdsCaseStatus(kAftercare), "FollowUp");
  EXPECT_STREQ(HtcdsCaseStatus(kClosed), "Closed");
  EXPECT_STREQ(HtcdsCaseStatus(kTransferred), "ClosedReferred");
}

TEST(CaseLifecycleTest, WireNamesRoundTrip) {
  for (int i = 0; i < 6; ++i) {
    const auto s = static_cast<CaseState>(i);
    const auto t = static_cast<CaseTransition>(i);
    EXPECT_EQ(ParseCaseState(CaseStateName(s)), s);
    EXPECT_EQ(ParseCaseTransition(CaseTransitionName(t)), t);
  }
  EXPECT_FALSE(ParseCaseState("open").has_value());
  EXPECT_FALSE(ParseCaseTransition("finish").has_value());
}

TEST(CaseLifecycleTest, NamesAreTheWireNames) {
  EXPECT_STREQ(CaseStateName(kCare), "care_trajectory");
  EXPECT_STREQ(CaseTransitionName(kAftercareT), "start_aftercare");
}

}  // namespace
}  // namespace schakel::care
