// Referral and transfer: every state × action, the checks on a new referral, and what the
// receiver sees in each state.
#include "care/referral.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "fixtures.h"

namespace schakel::care {
namespace {

using testing::ShippedCareData;

constexpr auto kInProgress = ReferralState::kInProgress;
constexpr auto kAccepted = ReferralState::kAccepted;
constexpr auto kRejected = ReferralState::kRejected;
constexpr auto kDone = ReferralState::kDone;
constexpr auto kRevoked = ReferralState::kRevoked;

struct Row {
  ReferralState from;
  ReferralAction action;
  std::optional<ReferralState> to;  // empty: kConflict
};

class EveryStateAndAction : public ::testing::TestWithParam<Row> {};

TEST_P(EveryStateAndAction, GivesTheTargetOrAConflict) {
  auto to = ApplyReferralStep(GetParam().from, {GetParam().action, "the receiver has no place"});
  if (GetParam().to) {
    ASSERT_TRUE(to.ok()) << to.error().message;
    EXPECT_EQ(*to, *GetParam().to);
  } else {
    ASSERT_FALSE(to.ok());
    EXPECT_EQ(to.error().code, ErrorCode::kConflict);
    EXPECT_NE(to.error().message.find(ReferralStateName(GetParam().from)), std::string::npos);
  }
}

constexpr auto kAccept = ReferralAction::kAccept;
constexpr auto kReject = ReferralAction::kReject;
constexpr auto kComplete = ReferralAction::kComplete;
constexpr auto kRevoke = ReferralAction::kRevoke;

INSTANTIATE_TEST_SUITE_P(
    Table, EveryStateAndAction,
    ::testing::Values(Row{kInProgress, kAccept, kAccepted}, Row{kInProgress, kReject, kRejected},
                      Row{kInProgress, kComplete, {}}, Row{kInProgress, kRevoke, kRevoked},
                      Row{kAccepted, kAccept, {}}, Row{kAccepted, kReject, {}},
                      Row{kAccepted, kComplete, kDone}, Row{kAccepted, kRevoke, kRevoked},
                      Row{kRejected, kAccept, {}}, Row{kRejected, kReject, {}},
                      Row{kRejected, kComplete, {}}, Row{kRejected, kRevoke, {}},
                      Row{kDone, kAccept, {}}, Row{kDone, kReject, {}}, Row{kDone, kComplete, {}},
                      Row{kDone, kRevoke, {}}, Row{kRevoked, kAccept, {}},
                      Row{kRevoked, kReject, {}}, Row{kRevoked, kComplete, {}},
                      Row{kRevoked, kRevoke, {}}),
    [](const auto& p) {
      return std::string(ReferralStateName(p.param.from)) + "_" +
             ReferralActionName(p.param.action);
    });

TEST(ReferralTest, WireNamesRoundTrip) {
  for (auto s : {kInProgress, kAccepted, kRejected, kDone, kRevoked}) {
    EXPECT_EQ(ParseReferralState(ReferralStateName(s)), s);
  }
  for (auto a : {kAccept, kReject, kComplete, kRevoke}) {
    EXPECT_EQ(ParseReferralAction(ReferralActionName(a)), a);
  }
  EXPECT_FALSE(ParseReferralState("pending").has_value());
}

TEST(ReferralTest, RejectAndRevokeNeedAReason) {
  EXPECT_EQ(ApplyReferralStep(kInProgress, {kReject, " "}).error().field, "reason");
  EXPECT_EQ(ApplyReferralStep(kAccepted, {kRevoke, ""}).error().field, "reason");
  EXPECT_TRUE(ApplyReferralStep(kInProgress, {kAccept, ""}).ok());
}

Referral Transfer() {
  Referral r;
  r.id = "r1";
  r.kind = ReferralKind::kTransfer;
  r.case_id = "c1";
  r.to_organisation = "Zorg- en Veiligheidshuis Utrecht";
  r.to_region = "ZVH-UTR";
  r.field_groups = {"identity", "care_plan"};
  r.consent.recorded = true;
  return r;
}

using InvalidRow = testing::InvalidCase<Referral>;

class InvalidReferralTest : public ::testing::TestWithParam<InvalidRow> {};

TEST_P(InvalidReferralTest, IsRefusedNamingTheField) {
  testing::ExpectRefusedNamingField(Transfer(), GetParam(), [](const Referral& r) {
    return ValidateReferral(r, ShippedCareData());
  });
}

INSTANTIATE_TEST_SUITE_P(
    EveryCheck, InvalidReferralTest,
    ::testing::Values(
        InvalidRow{"NoReceiver", [](Referral& r) { r.to_organisation = ""; }, "to_organisation"},
        InvalidRow{"TransferWithoutRegion", [](Referral& r) { r.to_region = " "; }, "to_region"},
        InvalidRow{"NoFieldGroups", [](Referral& r) { r.field_groups.clear(); }, "field_groups"},
        InvalidRow{"UnknownFieldGroup", [](Referral& r) { r.field_groups.push_back("diary"); },
                   "field_groups[2]"},
        InvalidRow{"FieldGroupTwice", [](Referral& r) { r.field_groups.push_back("identity"); },
                   "field_groups[2]"},
        InvalidRow{"NoConsentNoOverride", [](Referral& r) { r.consent = {}; }, "consent"}),
    testing::ParamName());

TEST(ReferralTest, AReferralNeedsNoRegionAndAnOverrideStandsInForConsent) {
  Referral r = Transfer();
  r.kind = ReferralKind::kReferral;
  r.to_region.clear();
  r.consent = {false, "the person is a minor; the guardian (Nidos) decided"};
  EXPECT_TRUE(ValidateReferral(r, ShippedCareData()));
}

TEST(ReferralTest, TheReceiverSeesOnlyTheGrantedGroupsAndNothingOnceRejectedOrRevoked) {
  const CaseView view = {{"full_name", "A. Person"},
                         {"phone", "0612345678"},
                         {"care_plan_items", "3 items"},
                         {"notes", "private"}};
  Referral r = Transfer();
  for (ReferralState s : {kInProgress, kAccepted, kDone}) {
    r.state = s;
    EXPECT_EQ(ReceiverView(r, view, ShippedCareData()),
              (CaseView{{"care_plan_items", "3 items"}, {"full_name", "A. Person"}}));
  }
  for (ReferralState s : {kRejected, kRevoked}) {
    r.state = s;
    EXPECT_TRUE(ReceiverView(r, view, ShippedCareData()).empty());
  }
}

// Whatever the view and the grant, the receiver never sees a field outside the granted groups.
RC_GTEST_PROP(ReferralProperty, TheReceiverSeesNoFieldOutsideTheGrant, ()) {
  const CareData& data = ShippedCareData();
  std::vector<std::string> all_fields = {"unlisted"};
  std::vector<std::string> all_groups;
  for (const FieldGroup& g : data.field_groups) {
    all_groups.push_back(g.id);
    all_fields.insert(all_fields.end(), g.fields.begin(), g.fields.end());
  }
  CaseView view;
  for (const std::string& f :
       *rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(all_fields))) {
    view[f] = "value";
  }
  Referral r = Transfer();
  r.field_groups = *rc::gen::unique<std::vector<std::string>>(rc::gen::elementOf(all_groups));
  for (const auto& [field, value] : ReceiverView(r, view, data)) {
    const FieldGroup* group = data.GroupOfField(field);
    RC_ASSERT(group != nullptr);
    RC_ASSERT(std::find(r.field_groups.begin(), r.field_groups.end(), group->id) !=
              r.field_groups.end());
    RC_ASSERT(view.count(field) == 1u);
  }
}

// Rejected, done and revoked are final under any sequence of actions.
RC_GTEST_PROP(ReferralProperty, FinalStatesStayFinal, ()) {
  ReferralState state = kInProgress;
  const auto actions = *rc::gen::container<std::vector<ReferralAction>>(
      rc::gen::element(kAccept, kReject, kComplete, kRevoke));
  for (ReferralAction a : actions) {
    auto next = ApplyReferralStep(state, {a, "reason"});
    if (state == kRejected || state == kDone || state == kRevoked) RC_ASSERT(!next.ok());
    if (next && *next == kDone) RC_ASSERT(state == kAccepted);
    if (next) state = *next;
  }
}

}  // namespace
}  // namespace schakel::care
