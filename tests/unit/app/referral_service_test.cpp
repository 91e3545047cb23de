// Referrals and transfers through the use cases (docs/care.md "Referrals and transfers"): consent
// or an override with a reason (encrypted at rest); the receiver sees exactly the granted field
// groups and nothing once the referral is revoked; an organisation it was not sent to, and the
// sender, cannot answer it, and every refusal is audited; a closed case is not referred; an
// accepted transfer is what lets the case lifecycle's "transfer" through. Synthetic data only.
#include "app/referral_service.h"

#include <gtest/gtest.h>

#include "../care/fixtures.h"
#include "../signals/fixtures.h"
#include "app/case_service.h"
#include "person_fixture.h"

namespace schakel::app::testing {
namespace {

constexpr const char* kPolice = "POLITIE-NN";
constexpr const char* kInspectorate = "NLA-NN";

Actor PartnerActor(std::string user, std::string organisation) {
  Principal p;
  p.user = user;
  p.organisation = std::move(organisation);
  p.organisation_kind = "partner";
  p.roles = {Role::kPartner};
  return {"Test partner", "api", user, "127.0.0.1", p, ""};
}

class ReferralServiceTest : public PersonFixture {
 protected:
  void SetUp() override {
    PersonFixture::SetUp();
    {
      auto db = database_->Acquire();
      store::OrganisationRepository orgs(*db);
      for (const char* code : {kPolice, kInspectorate}) {
        ASSERT_TRUE(orgs.Upsert({code, "partner", {}, code, "2000-01-01", {}, {}}).ok());
      }
    }
    signals_.emplace(*database_, clock_, audit_, keys_, signals::testing::ShippedCatalog(),
                     signals::testing::ShippedRouting());
    cases_.emplace(*database_, clock_, audit_, keys_, care::testing::ShippedCareData(),
                   signals::testing::ShippedCatalog(), *persons_, *signals_);
    referrals_.emplace(*database_, clock_, audit_, keys_, care::testing::ShippedCareData(),
                       *cases_);
    CaseFactQueries facts;
    facts.transfer_accepted = ReferralService::TransferAccepted;
    cases_->SetFactQueries(std::move(facts));
    OpenCaseInput in;
    in.region = "VR17";
    in.opened_directly_because = "Meldt zich zelf bij het zorgloket (synthetisch)";
    in.identity.given_names = "Xanthippe";
    in.identity.family_name = "Zwavelstok";
    in.identity.phone = "+31 6 9876 5432";
    in.gender = "female";
    in.forms = {"labour"};
    auto opened = cases_->Open(coordinator_, in);
    ASSERT_TRUE(opened.ok()) << opened.error().field << ": " << opened.error().message;
    case_id_ = opened->record.id;
  }

  static ReferralInput ToPolice(std::vector<std::string> groups) {
    ReferralInput in;
    in.kind = "referral";
    in.to_organisation = kPolice;
    in.field_groups = std::move(groups);
    in.consent_recorded = true;
    return in;
  }
  static ReferralInput TransferToVr01() {
    ReferralInput in;
    in.kind = "transfer";
    in.to_organisation = "VR01";
    in.to_region = "VR01";
    in.field_groups = {"identity", "case_facts"};
    in.consent_recorded = true;
    return in;
  }
  std::string Refer(const ReferralInput& in) {
    auto r = referrals_->Create(coordinator_, case_id_, in);
    EXPECT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
    return r.ok() ? r->record.id : "";
  }

  int CountAudit(const std::string& action, const std::string& object_type,
                 const std::string& result = "success") {
    int n = 0;
    for (const auto& row : AuditRows()) {
      n += row.action == action && row.object_type == object_type && row.result == result;
    }
    return n;
  }
  std::string StoredColumn(const std::string& id, const std::string& column) {
    auto db = database_->Acquire();
    auto rows = db->Query("SELECT " + column + " FROM referrals WHERE id = ?", {store::Text(id)});
    EXPECT_TRUE(rows.ok() && rows->size() == 1);
    return rows.ok() && rows->size() == 1 ? rows->front().OptText(0).value_or("") : "";
  }

  std::optional<SignalService> signals_;
  std::optional<CaseService> cases_;
  std::optional<ReferralService> referrals_;
  std::string case_id_;
  const Actor police_ = PartnerActor("u-pol-1", kPolice);
  const Actor inspectorate_ = PartnerActor("u-nla-1", kInspectorate);
};

TEST_F(ReferralServiceTest, WithoutConsentOrOverrideNothingIsReferred) {
  ReferralInput in = ToPolice({"case_facts"});
  in.consent_recorded = false;
  in.override_reason = "   ";
  auto refused = referrals_->Create(coordinator_, case_id_, in);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(refused.error().field, "consent");
  auto list = referrals_->OfCase(coordinator_, case_id_);
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list->empty());
  EXPECT_EQ(CountAudit("referral.create", "referral"), 0);
}

TEST_F(ReferralServiceTest, EachBadInputIsNamed) {
  auto field_of = [&](ReferralInput in) {
    auto r = referrals_->Create(coordinator_, case_id_, in);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string("(accepted)") : r.error().field;
  };
  ReferralInput in = ToPolice({"case_facts"});
  in.kind = "handover";
  EXPECT_EQ(field_of(in), "kind");
  EXPECT_EQ(field_of(ToPolice({})), "field_groups");
  EXPECT_EQ(field_of(ToPolice({"case_facts", "shoe_size"})), "field_groups[1]");
  in = ToPolice({"case_facts"});
  in.to_organisation = "NOWHERE-NN";
  EXPECT_EQ(field_of(in), "to_organisation");
  in.to_organisation = "VR17";  // the case's own region
  EXPECT_EQ(field_of(in), "to_organisation");
  in = TransferToVr01();
  in.to_region = "";
  EXPECT_EQ(field_of(in), "to_region");
  in.to_region = kPolice;  // not a region
  EXPECT_EQ(field_of(in), "to_region");
}

TEST_F(ReferralServiceTest, TheOverrideReasonIsStoredEncrypted) {
  ReferralInput in = ToPolice({"case_facts"});
  in.consent_recorded = false;
  in.override_reason = "Acuut gevaar; Quokka-netwerk dreigt";
  auto created = referrals_->Create(coordinator_, case_id_, in);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->consent_override, "Acuut gevaar; Quokka-netwerk dreigt");
  const std::string stored = StoredColumn(created->record.id, "consent_override");
  EXPECT_EQ(stored.rfind("v1:", 0), 0u);
  EXPECT_EQ(stored.find("Quokka"), std::string::npos);
  EXPECT_EQ(CountAudit("referral.consent_override", "referral"), 1);
  // The sender sees the reason; the receiver does not.
  EXPECT_EQ(referrals_->OfCase(coordinator_, case_id_)->front().consent_override,
            "Acuut gevaar; Quokka-netwerk dreigt");
  auto received = referrals_->Open(police_, created->record.id);
  ASSERT_TRUE(received.ok()) << received.error().message;
  EXPECT_TRUE(received->referral.consent_override.empty());
}

TEST_F(ReferralServiceTest, TheReceiverSeesExactlyTheGrantedGroups) {
  const int person_reads = CountAudit("person.read", "person");  // the coordinator's, so far
  const std::string id = Refer(ToPolice({"case_facts"}));
  auto list = referrals_->Received(police_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().record.id, id);
  auto v = referrals_->Open(police_, id);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->field_groups, std::vector<std::string>{"case_facts"});
  EXPECT_EQ(v->fields.at("region"), "VR17");
  EXPECT_EQ(v->fields.at("gender"), "female");
  const care::CareData& data = care::testing::ShippedCareData();
  for (const auto& [field, value] : v->fields) {
    ASSERT_NE(data.GroupOfField(field), nullptr) << field;
    EXPECT_EQ(data.GroupOfField(field)->id, "case_facts") << field;
    EXPECT_EQ(value.find("Zwavelstok"), std::string::npos) << field;
  }
  EXPECT_EQ(v->fields.count("full_name"), 0u);
  EXPECT_EQ(v->fields.count("phone"), 0u);
  EXPECT_EQ(CountAudit("referral.read", "referral"), 1);
  EXPECT_EQ(CountAudit("person.read", "person"), person_reads);  // identity was not granted

  const std::string with_identity = Refer(ToPolice({"identity"}));
  auto named = referrals_->Open(police_, with_identity);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->fields.at("full_name"), "Xanthippe Zwavelstok");
  EXPECT_EQ(named->fields.count("phone"), 0u);  // contact was not granted
  EXPECT_EQ(named->fields.count("region"), 0u);
  EXPECT_EQ(CountAudit("person.read", "person"), person_reads + 1);
}

TEST_F(ReferralServiceTest, AnOrganisationItWasNotSentToIsRefusedAndAudited) {
  const std::string id = Refer(ToPolice({"case_facts"}));
  const int denials = CountAudit("receive_referral", "referral", "deny");
  for (const Actor* who : {&inspectorate_, &far_away_, &signaller_, &policy_officer_}) {
    auto refused = referrals_->Open(*who, id);
    ASSERT_FALSE(refused.ok()) << who->id;
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden) << who->id;
    EXPECT_EQ(referrals_->Step(*who, id, "accept", "").error().code, ErrorCode::kForbidden);
  }
  EXPECT_EQ(CountAudit("receive_referral", "referral", "deny"), denials + 8);
  EXPECT_TRUE(referrals_->Received(inspectorate_)->empty());
  // Only the case region's coordinators refer or list a case's referrals.
  for (const Actor* who : {&far_away_, &police_, &signaller_}) {
    EXPECT_EQ(referrals_->Create(*who, case_id_, ToPolice({"case_facts"})).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(referrals_->OfCase(*who, case_id_).error().code, ErrorCode::kForbidden);
  }
  EXPECT_GE(CountAudit("refer_case", "case", "deny"), 6);
}

TEST_F(ReferralServiceTest, TheSenderCannotAnswerAndTheReceiverCannotRevoke) {
  const std::string id = Refer(ToPolice({"case_facts"}));
  for (const char* step : {"accept", "reject", "complete"}) {
    auto own = referrals_->Step(coordinator_, id, step, "zelf");
    ASSERT_FALSE(own.ok()) << step;
    EXPECT_EQ(own.error().code, ErrorCode::kForbidden) << step;
  }
  EXPECT_EQ(CountAudit("receive_referral", "referral", "deny"), 3);
  EXPECT_EQ(referrals_->Step(police_, id, "revoke", "mag niet").error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(referrals_->Step(police_, id, "close", "").error().field, "action");
  auto still = referrals_->OfCase(coordinator_, case_id_);
  EXPECT_EQ(still->front().record.state, "in_progress");
}

TEST_F(ReferralServiceTest, StepsFollowTheStateMachine) {
  const std::string id = Refer(ToPolice({"case_facts"}));
  EXPECT_EQ(referrals_->Step(police_, id, "complete", "").error().code, ErrorCode::kConflict);
  EXPECT_EQ(referrals_->Step(police_, id, "reject", " ").error().field, "reason");
  auto accepted = referrals_->Step(police_, id, "accept", "");
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  EXPECT_EQ(accepted->record.state, "accepted");
  EXPECT_EQ(referrals_->Step(police_, id, "accept", "").error().code, ErrorCode::kConflict);
  auto done = referrals_->Step(police_, id, "complete", "");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->record.state, "done");
  EXPECT_TRUE(referrals_->Open(police_, id).ok());  // done: the receiver still sees it
  EXPECT_EQ(CountAudit("referral.accept", "referral"), 1);
  EXPECT_EQ(CountAudit("referral.complete", "referral"), 1);

  const std::string rejected_id = Refer(ToPolice({"case_facts"}));
  auto rejected = referrals_->Step(police_, rejected_id, "reject", "Geen capaciteit (synthetisch)");
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->reason, "Geen capaciteit (synthetisch)");
  EXPECT_EQ(StoredColumn(rejected_id, "reason").find("capaciteit"), std::string::npos);
  EXPECT_EQ(referrals_->Open(police_, rejected_id).error().code, ErrorCode::kForbidden);
}

TEST_F(ReferralServiceTest, RevokingEndsTheReceiversAccess) {
  const std::string id = Refer(ToPolice({"case_facts", "identity"}));
  ASSERT_TRUE(referrals_->Open(police_, id).ok());
  ASSERT_TRUE(referrals_->Step(police_, id, "accept", "").ok());
  EXPECT_EQ(referrals_->Step(coordinator_, id, "revoke", "").error().field, "reason");
  auto revoked = referrals_->Step(coordinator_, id, "revoke", "Betrokkene trekt toestemming in");
  ASSERT_TRUE(revoked.ok()) << revoked.error().message;
  EXPECT_EQ(revoked->record.state, "revoked");
  auto after = referrals_->Open(police_, id);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(referrals_->Received(police_)->empty());
  EXPECT_EQ(referrals_->Step(police_, id, "complete", "").error().code, ErrorCode::kForbidden);
  const std::string stored = StoredColumn(id, "reason");
  EXPECT_EQ(stored.rfind("v1:", 0), 0u);
  EXPECT_EQ(stored.find("toestemming"), std::string::npos);
  EXPECT_EQ(referrals_->Step(coordinator_, id, "revoke", "nog eens").error().code,
            ErrorCode::kConflict);
}

TEST_F(ReferralServiceTest, AClosedCaseIsNotReferred) {
  ASSERT_TRUE(cases_->Transition(coordinator_, case_id_, {"close", "duplicate"}).ok());
  auto refused = referrals_->Create(coordinator_, case_id_, ToPolice({"case_facts"}));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().field, "case");
  EXPECT_TRUE(referrals_->OfCase(coordinator_, case_id_)->empty());
}

// The lifecycle's "transfer" waits for the receiving region's acceptance, read through
// CaseFactQueries::transfer_accepted from the referrals table.
TEST_F(ReferralServiceTest, AnAcceptedTransferLetsTheCaseBeTransferred) {
  auto before = cases_->Transition(coordinator_, case_id_, {"transfer", ""});
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.error().field, "transfer");
  const std::string id = Refer(TransferToVr01());
  EXPECT_EQ(referrals_->Create(coordinator_, case_id_, TransferToVr01()).error().code,
            ErrorCode::kConflict);  // one transfer at a time
  EXPECT_EQ(cases_->Transition(coordinator_, case_id_, {"transfer", ""}).error().field,
            "transfer");  // sent, not accepted yet
  // The transfer is addressed to region VR01: its care coordinators (at GM0014) receive it, a
  // coordinator of the sending region does not.
  EXPECT_EQ(referrals_->Step(neighbour_, id, "accept", "").error().code, ErrorCode::kForbidden);
  ASSERT_EQ(referrals_->Received(far_away_)->size(), 1u);
  auto accepted = referrals_->Step(far_away_, id, "accept", "");
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  auto view = referrals_->Open(far_away_, id);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->fields.at("full_name"), "Xanthippe Zwavelstok");
  auto moved = cases_->Transition(coordinator_, case_id_, {"transfer", ""});
  ASSERT_TRUE(moved.ok()) << moved.error().field << ": " << moved.error().message;
  EXPECT_EQ(moved->record.state, "transferred");
  // Transferred is final here: no new referral.
  EXPECT_EQ(referrals_->Create(coordinator_, case_id_, ToPolice({"case_facts"})).error().field,
            "case");
}

}  // namespace
}  // namespace schakel::app::testing
