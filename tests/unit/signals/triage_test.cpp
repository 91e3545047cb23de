// The triage state machine: every state × action, the checks on the chosen target and closing
// reason, and a property over random step sequences that final states stay final.
#include "signals/triage.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "fixtures.h"

namespace schakel::signals {
namespace {

using testing::ShippedCatalog;
using testing::ShippedRouting;

constexpr auto kNew = TriageState::kNew;
constexpr auto kAssessed = TriageState::kAssessed;
constexpr auto kForwarded = TriageState::kForwarded;
constexpr auto kClosed = TriageState::kClosed;

RoutingAdvice Advice() {
  const RoutingFacts facts{"GM0363", "normal", AgeGroup::kAdult, false, {"sexual"}, {}};
  return Route(ShippedRouting(), facts, LookupIn({{"GM0363", "ZVH-AMS"}}));
}

Result<TriageState> Apply(TriageState from, TriageStep step) {
  return ApplyTriageStep(from, step, ShippedCatalog(), Advice());
}

const TriageStep kAssess{TriageAction::kAssess, "", ""};
const TriageStep kForwardToCoordinator{TriageAction::kForward, "care_coordinator", ""};
const TriageStep kCloseNoIndication{TriageAction::kClose, "", "no_indication"};

struct TransitionRow {
  const char* name;
  TriageState from;
  TriageStep step;
  std::optional<TriageState> to;  // empty: refused
  ErrorCode code;                 // when refused
  const char* message_part;       // when refused
};

class TransitionTest : public ::testing::TestWithParam<TransitionRow> {};

TEST_P(TransitionTest, StateAndActionGiveTheExpectedStateOrRefusal) {
  const TransitionRow& row = GetParam();
  auto to = Apply(row.from, row.step);
  if (row.to) {
    ASSERT_TRUE(to.ok()) << to.error().message;
    EXPECT_EQ(*to, *row.to);
    return;
  }
  ASSERT_FALSE(to.ok());
  EXPECT_EQ(to.error().code, row.code);
  EXPECT_NE(to.error().message.find(row.message_part), std::string::npos) << to.error().message;
}

constexpr auto kConflict = ErrorCode::kConflict;
constexpr auto kInvalid = ErrorCode::kInvalid;

// Every state × every action, with a valid choice of target and reason.
INSTANTIATE_TEST_SUITE_P(
    EveryStateAndAction, TransitionTest,
    ::testing::Values(
        TransitionRow{"NewAssess", kNew, kAssess, kAssessed, {}, ""},
        TransitionRow{"NewForward",
                      kNew,
                      kForwardToCoordinator,
                      {},
                      kConflict,
                      "must be assessed before it is forwarded"},
        TransitionRow{"NewCloseNeedingAssessment",
                      kNew,
                      kCloseNoIndication,
                      {},
                      kInvalid,
                      "only after it has been assessed"},
        TransitionRow{"AssessedAssessAgain", kAssessed, kAssess, kAssessed, {}, ""},
        TransitionRow{"AssessedForward", kAssessed, kForwardToCoordinator, kForwarded, {}, ""},
        TransitionRow{"AssessedClose", kAssessed, kCloseNoIndication, kClosed, {}, ""},
        TransitionRow{"ForwardedAssess",
                      kForwarded,
                      kAssess,
                      {},
                      kConflict,
                      "cannot be assessed again: forwarding cannot be undone"},
        TransitionRow{"ForwardedForward",
                      kForwarded,
                      kForwardToCoordinator,
                      {},
                      kConflict,
                      "cannot be forwarded again"},
        TransitionRow{"ForwardedClose",
                      kForwarded,
                      kCloseNoIndication,
                      {},
                      kConflict,
                      "cannot be closed: forwarding cannot be undone"},
        TransitionRow{
            "ClosedAssess", kClosed, kAssess, {}, kConflict, "is closed and cannot be assessed"},
        TransitionRow{"ClosedForward",
                      kClosed,
                      kForwardToCoordinator,
                      {},
                      kConflict,
                      "is closed and cannot be forwarded"},
        TransitionRow{
            "ClosedClose", kClosed, kCloseNoIndication, {}, kConflict, "cannot be closed again"}),
    [](const auto& p) { return std::string(p.param.name); });

// The choices inside an allowed transition.
INSTANTIATE_TEST_SUITE_P(Choices, TransitionTest,
                         ::testing::Values(TransitionRow{"NewCloseAsDuplicate",
                                                         kNew,
                                                         {TriageAction::kClose, "", "duplicate"},
                                                         kClosed,
                                                         {},
                                                         ""},
                                           TransitionRow{"NewCloseAsNotASignal",
                                                         kNew,
                                                         {TriageAction::kClose, "", "not_a_signal"},
                                                         kClosed,
                                                         {},
                                                         ""},
                                           TransitionRow{"AssessedCloseAsDuplicate",
                                                         kAssessed,
                                                         {TriageAction::kClose, "", "duplicate"},
                                                         kClosed,
                                                         {},
                                                         ""},
                                           TransitionRow{"CloseWithoutReason",
                                                         kAssessed,
                                                         {TriageAction::kClose, "", ""},
                                                         {},
                                                         kInvalid,
                                                         "give a reason for closing"},
                                           TransitionRow{"CloseWithUnknownReason",
                                                         kAssessed,
                                                         {TriageAction::kClose, "", "bored"},
                                                         {},
                                                         kInvalid,
                                                         "unknown closing reason 'bored'"},
                                           TransitionRow{"ForwardWithoutTarget",
                                                         kAssessed,
                                                         {TriageAction::kForward, "", ""},
                                                         {},
                                                         kInvalid,
                                                         "choose where to forward"},
                                           TransitionRow{"ForwardToNonTarget",
                                                         kAssessed,
                                                         {TriageAction::kForward, "kmar", ""},
                                                         {},
                                                         kInvalid,
                                                         "'kmar' is not a forward target"},
                                           TransitionRow{"ForwardToNotRecommendedTarget",
                                                         kAssessed,
                                                         {TriageAction::kForward, "comensha", ""},
                                                         kForwarded,
                                                         {},
                                                         ""}),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(TriageTest, RefusedChoicesNameTheField) {
  EXPECT_EQ(Apply(kAssessed, {TriageAction::kForward, "kmar", ""}).error().field, "target");
  EXPECT_EQ(Apply(kAssessed, {TriageAction::kClose, "", "x"}).error().field, "closing_reason");
}

TEST(TriageTest, StatesMapToHtcdsCaseStatus) {
  EXPECT_STREQ(HtcdsCaseStatus(kNew), "Active");
  EXPECT_STREQ(HtcdsCaseStatus(kAssessed), "Active");
  EXPECT_STREQ(HtcdsCaseStatus(kForwarded), "ClosedReferred");
  EXPECT_STREQ(HtcdsCaseStatus(kClosed), "Closed");
  EXPECT_STREQ(TriageStateName(kForwarded), "forwarded");
  EXPECT_STREQ(TriageActionName(TriageAction::kClose), "close");
}

// From new, any sequence of steps: once forwarded or closed the state never changes again, and
// forwarded is only ever reached from assessed.
RC_GTEST_PROP(TriageProperty, FinalStatesStayFinal, ()) {
  const RoutingAdvice advice = Advice();
  const auto steps = *rc::gen::container<std::vector<TriageStep>>(
      rc::gen::element(kAssess, kForwardToCoordinator, kCloseNoIndication,
                       TriageStep{TriageAction::kClose, "", "duplicate"},
                       TriageStep{TriageAction::kForward, "police", ""},
                       TriageStep{TriageAction::kForward, "nobody", ""}));
  TriageState state = kNew;
  for (const TriageStep& step : steps) {
    auto next = ApplyTriageStep(state, step, ShippedCatalog(), advice);
    if (state == kForwarded || state == kClosed) RC_ASSERT(!next.ok());
    if (next && *next == kForwarded) RC_ASSERT(state == kAssessed);
    if (next) state = *next;
  }
}

}  // namespace
}  // namespace schakel::signals
