// Sharing grants and case conferences through the use cases: only the case's own coordinator
// shares; a partner sees exactly the granted field groups and nothing once the grant expired or
// was revoked, or when the grant is to another partner; every read and refusal is audited;
// reasons and minutes are encrypted at rest; a conference's minutes are read per need-to-know and
// its decisions become care-plan items. Synthetic data only.
#include "app/sharing_service.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "../care/fixtures.h"
#include "../signals/fixtures.h"
#include "app/case_service.h"
#include "app/conference_service.h"
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

class SharingServiceTest : public PersonFixture {
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
    sharing_.emplace(*database_, clock_, audit_, keys_, care::testing::ShippedCareData());
    conferences_.emplace(*database_, clock_, audit_, keys_, care::testing::ShippedCareData(),
                         *cases_);
    case_id_ = OpenCase(coordinator_);
  }

  std::string OpenCase(const Actor& by, std::string region = "VR17") {
    OpenCaseInput in;
    in.region = std::move(region);
    in.opened_directly_because = "Meldt zich zelf bij het zorgloket (synthetisch)";
    in.identity.given_names = "Xanthippe";
    in.identity.family_name = "Zwavelstok";
    in.identity.phone = "+31 6 9876 5432";
    in.gender = "female";
    in.forms = {"labour"};
    auto opened = cases_->Open(by, in);
    EXPECT_TRUE(opened.ok()) << opened.error().field << ": " << opened.error().message;
    return opened.ok() ? opened->record.id : "";
  }

  static GrantInput Grant(std::vector<std::string> groups, std::string expires = "2026-12-31") {
    GrantInput in;
    in.partner_organisation = kPolice;
    in.purpose = "Onderzoek naar arbeidsuitbuiting in de loods";
    in.legal_basis = "AVG art. 6 lid 1e; Politiewet";
    in.field_groups = std::move(groups);
    in.expires_on = std::move(expires);
    in.consent_recorded = true;
    return in;
  }

  bool Audited(const std::string& action, const std::string& object_type,
               const std::string& result = "success") {
    for (const auto& row : AuditRows()) {
      if (row.action == action && row.object_type == object_type && row.result == result) {
        return true;
      }
    }
    return false;
  }

  std::optional<SignalService> signals_;
  std::optional<CaseService> cases_;
  std::optional<SharingService> sharing_;
  std::optional<ConferenceService> conferences_;
  std::string case_id_;
  const Actor police_ = PartnerActor("u-pol-1", kPolice);
  const Actor inspectorate_ = PartnerActor("u-nla-1", kInspectorate);
  const Actor director_ = PersonActor("u-dir", "GM0599", {"VR17"}, Role::kChainDirector);
  const Actor far_director_ = PersonActor("u-dir2", "GM0014", {"VR01"}, Role::kChainDirector);
};

TEST_F(SharingServiceTest, PartnerSeesExactlyTheGrantedFieldGroups) {
  auto grant = sharing_->Grant(coordinator_, case_id_, Grant({"case_facts"}));
  ASSERT_TRUE(grant.ok()) << grant.error().field << ": " << grant.error().message;
  EXPECT_TRUE(grant->in_force);

  auto list = sharing_->SharedWithMe(police_);
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().case_id, case_id_);
  EXPECT_EQ(list->front().field_groups, std::vector<std::string>{"case_facts"});

  auto view = sharing_->SharedCase(police_, case_id_);
  ASSERT_TRUE(view.ok()) << view.error().message;
  EXPECT_EQ(view->field_groups, std::vector<std::string>{"case_facts"});
  EXPECT_EQ(view->fields.at("region"), "VR17");
  EXPECT_EQ(view->fields.at("gender"), "female");
  const care::CareData& data = care::testing::ShippedCareData();
  for (const auto& [field, value] : view->fields) {
    const care::FieldGroup* g = data.GroupOfField(field);
    ASSERT_NE(g, nullptr) << field;
    EXPECT_EQ(g->id, "case_facts") << field;
    EXPECT_EQ(value.find("Zwavelstok"), std::string::npos) << field;
  }
  EXPECT_EQ(view->fields.count("full_name"), 0u);
  EXPECT_EQ(view->fields.count("phone"), 0u);
  EXPECT_TRUE(Audited("case.read", "case"));
  EXPECT_TRUE(Audited("case.read", "case.field_group.case_facts"));
  EXPECT_FALSE(Audited("case.read", "case.field_group.identity"));
}

TEST_F(SharingServiceTest, IdentityShowsOnlyWhenGranted) {
  ASSERT_TRUE(sharing_->Grant(coordinator_, case_id_, Grant({"identity"})).ok());
  auto view = sharing_->SharedCase(police_, case_id_);
  ASSERT_TRUE(view.ok()) << view.error().message;
  EXPECT_EQ(view->fields.at("full_name"), "Xanthippe Zwavelstok");
  EXPECT_EQ(view->fields.count("phone"), 0u);   // contact was not granted
  EXPECT_EQ(view->fields.count("region"), 0u);  // nor the case facts
}

TEST_F(SharingServiceTest, AnotherPartnerOrNoGrantIsRefusedAndAudited) {
  auto none = sharing_->SharedCase(police_, case_id_);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(sharing_->Grant(coordinator_, case_id_, Grant({"case_facts"})).ok());
  auto other = sharing_->SharedCase(inspectorate_, case_id_);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kForbidden);
  auto list = sharing_->SharedWithMe(inspectorate_);
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list->empty());
  EXPECT_TRUE(Audited("view_shared_case", "case", "deny"));
  // Staff of the region without the partner role do not get in through this door either.
  EXPECT_FALSE(sharing_->SharedCase(coordinator_, case_id_).ok());
}

TEST_F(SharingServiceTest, AnExpiredGrantGivesNoAccess) {
  // Today is 2026-11-18 in Amsterdam; the grant's last day is tomorrow.
  ASSERT_TRUE(sharing_->Grant(coordinator_, case_id_, Grant({"case_facts"}, "2026-11-19")).ok());
  ASSERT_TRUE(sharing_->SharedCase(police_, case_id_).ok());
  clock_.Advance(std::chrono::hours(24));
  EXPECT_TRUE(sharing_->SharedCase(police_, case_id_).ok());  // the last day still counts
  clock_.Advance(std::chrono::hours(24));
  auto after = sharing_->SharedCase(police_, case_id_);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(sharing_->SharedWithMe(police_)->empty());
  auto grants = sharing_->ForCase(coordinator_, case_id_);
  ASSERT_TRUE(grants.ok());
  EXPECT_FALSE(grants->front().in_force);
  EXPECT_NE(grants->front().not_in_force.find("expired"), std::string::npos);
}

TEST_F(SharingServiceTest, ARevokedGrantGivesNoAccessAndKeepsItsReasonEncrypted) {
  auto grant = sharing_->Grant(coordinator_, case_id_, Grant({"case_facts", "identity"}));
  ASSERT_TRUE(grant.ok());
  EXPECT_EQ(sharing_->Revoke(coordinator_, grant->record.id, "").error().field, "reason");
  auto revoked = sharing_->Revoke(coordinator_, grant->record.id, "Onderzoek Quokka afgerond");
  ASSERT_TRUE(revoked.ok()) << revoked.error().message;
  EXPECT_FALSE(revoked->in_force);
  EXPECT_EQ(revoked->revoke_reason, "Onderzoek Quokka afgerond");
  EXPECT_EQ(sharing_->SharedCase(police_, case_id_).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(sharing_->Revoke(coordinator_, grant->record.id, "nog eens").error().code,
            ErrorCode::kConflict);
  auto db = database_->Acquire();
  auto rows = db->Query("SELECT revoke_reason FROM sharing_grants WHERE id = ?",
                        {store::Text(grant->record.id)});
  ASSERT_TRUE(rows.ok());
  const std::string stored = rows->front().Text(0);
  EXPECT_EQ(stored.rfind("v1:", 0), 0u);
  EXPECT_EQ(stored.find("Quokka"), std::string::npos);
  EXPECT_TRUE(Audited("grant.revoke", "sharing_grant"));
}

TEST_F(SharingServiceTest, OnlyTheCasesOwnCoordinatorShares) {
  for (const Actor* who :
       {&neighbour_, &far_away_, &signaller_, &policy_officer_, &police_, &director_}) {
    auto refused = sharing_->Grant(*who, case_id_, Grant({"case_facts"}));
    ASSERT_FALSE(refused.ok()) << who->id;
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden) << who->id;
  }
  // The region's other coordinator sees the grants; one of another region does not.
  EXPECT_TRUE(sharing_->ForCase(neighbour_, case_id_).ok());
  EXPECT_EQ(sharing_->ForCase(far_away_, case_id_).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(sharing_->ForCase(police_, case_id_).error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(Audited("share_case", "case", "deny"));
  auto db = database_->Acquire();
  auto rows = db->Query("SELECT COUNT(*) FROM sharing_grants");
  EXPECT_EQ(rows->front().Int(0), 0);
}

TEST_F(SharingServiceTest, BadInputNamesTheFieldAndWritesNothing) {
  GrantInput unknown_group = Grant({"case_facts", "shoe_size"});
  EXPECT_EQ(sharing_->Grant(coordinator_, case_id_, unknown_group).error().field,
            "field_groups[1]");
  EXPECT_EQ(sharing_->Grant(coordinator_, case_id_, Grant({})).error().field, "field_groups");
  GrantInput municipality = Grant({"case_facts"});
  municipality.partner_organisation = "GM0606";
  EXPECT_EQ(sharing_->Grant(coordinator_, case_id_, municipality).error().field,
            "partner_organisation");
  GrantInput no_consent = Grant({"case_facts"});
  no_consent.consent_recorded = false;
  EXPECT_EQ(sharing_->Grant(coordinator_, case_id_, no_consent).error().field, "consent");
  EXPECT_EQ(
      sharing_->Grant(coordinator_, case_id_, Grant({"case_facts"}, "2026-11-01")).error().field,
      "expires_on");
  EXPECT_EQ(
      sharing_->Grant(coordinator_, case_id_, Grant({"case_facts"}, "31-02-2027")).error().field,
      "expires_on");
  GrantInput no_purpose = Grant({"case_facts"});
  no_purpose.purpose = "  ";
  EXPECT_EQ(sharing_->Grant(coordinator_, case_id_, no_purpose).error().field, "purpose");
  auto db = database_->Acquire();
  EXPECT_EQ(db->Query("SELECT COUNT(*) FROM sharing_grants")->front().Int(0), 0);
}

TEST_F(SharingServiceTest, AnOverrideReasonIsEncryptedAtRest) {
  GrantInput in = Grant({"case_facts"}, "31-12-2026");  // as people write dates
  in.consent_recorded = false;
  in.override_reason = "Acuut gevaar voor Xanthippe; toestemming vragen niet veilig";
  auto grant = sharing_->Grant(coordinator_, case_id_, in);
  ASSERT_TRUE(grant.ok()) << grant.error().message;
  EXPECT_EQ(grant->record.expires_on, "2026-12-31");
  EXPECT_EQ(grant->override_reason, in.override_reason);
  auto db = database_->Acquire();
  auto rows = db->Query("SELECT override_reason FROM sharing_grants");
  EXPECT_EQ(rows->front().Text(0).find("Xanthippe"), std::string::npos);
  // The partner's view does not carry the coordinator's reasoning.
  auto view = sharing_->SharedCase(police_, case_id_);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->grants.size(), 1u);
  EXPECT_TRUE(view->grants.front().override_reason.empty());
}

TEST_F(SharingServiceTest, ThePolicyResourceOfACaseNamesThePartnersInForce) {
  ASSERT_TRUE(sharing_->Grant(coordinator_, case_id_, Grant({"case_facts"}, "2026-11-18")).ok());
  auto db = database_->Acquire();
  auto today = SharingService::PartnersInForce(*db, case_id_, "2026-11-18");
  ASSERT_TRUE(today.ok());
  EXPECT_EQ(*today, std::vector<std::string>{kPolice});
  EXPECT_TRUE(SharingService::PartnersInForce(*db, case_id_, "2026-11-19")->empty());
}

// ---- case conferences ------------------------------------------------------------------------

TEST_F(SharingServiceTest, AConferenceKeepsItsMinutesToThoseWhoNeedThem) {
  ConferenceInput in;
  in.region = "VR17";
  in.held_on = "01-12-2026";
  in.title = "Casusoverleg Rijnmond december";
  in.participants = {"GM0599", kPolice};
  in.agenda = {case_id_};
  auto created = conferences_->Create(director_, in);
  ASSERT_TRUE(created.ok()) << created.error().field << ": " << created.error().message;
  const std::string id = created->summary.id;
  ASSERT_EQ(created->agenda.size(), 1u);
  EXPECT_EQ(created->agenda.front().reference.front(), 'Z');

  auto minutes = conferences_->SaveMinutes(coordinator_, id, "Xanthippe wil aangifte doen.");
  ASSERT_TRUE(minutes.ok()) << minutes.error().message;
  // The chain director of a participating organisation reads them.
  auto as_director = conferences_->Get(director_, id);
  ASSERT_TRUE(as_director.ok());
  EXPECT_TRUE(as_director->may_read_minutes);
  EXPECT_EQ(as_director->minutes, "Xanthippe wil aangifte doen.");
  // A chain director elsewhere does not even see the conference; a partner neither.
  EXPECT_EQ(conferences_->Get(far_director_, id).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(conferences_->Get(police_, id).error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(conferences_->List(far_director_)->empty());
  EXPECT_EQ(conferences_->List(director_)->size(), 1u);
  auto db = database_->Acquire();
  auto rows = db->Query("SELECT minutes FROM case_conferences WHERE id = ?", {store::Text(id)});
  EXPECT_EQ(rows->front().Text(0).find("Xanthippe"), std::string::npos);
  EXPECT_TRUE(Audited("conference.read_minutes", "case_conference"));
}

TEST_F(SharingServiceTest, AChainDirectorOfTheRegionNotTakingPartSeesTheAgendaOnly) {
  ConferenceInput in{"VR17", "2026-12-01", "Overleg zonder gemeente", {kPolice}, {case_id_}};
  auto created = conferences_->Create(coordinator_, in);
  ASSERT_TRUE(created.ok()) << created.error().message;
  ASSERT_TRUE(conferences_->SaveMinutes(coordinator_, created->summary.id, "Geheim verslag").ok());
  auto seen = conferences_->Get(director_, created->summary.id);
  ASSERT_TRUE(seen.ok());
  EXPECT_FALSE(seen->may_read_minutes);
  EXPECT_TRUE(seen->minutes.empty());
  EXPECT_TRUE(seen->decisions.empty());
  EXPECT_EQ(seen->agenda.size(), 1u);
}

TEST_F(SharingServiceTest, AConferenceRefusesCasesOfAnotherRegionAndUnknownParticipants) {
  const std::string elsewhere = OpenCase(far_away_, "VR01");
  ConferenceInput in{"VR17", "2026-12-01", "Overleg", {"GM0599"}, {case_id_, elsewhere}};
  EXPECT_EQ(conferences_->Create(coordinator_, in).error().field, "agenda[1]");
  in.agenda = {case_id_};
  in.participants = {"GM0599", "NERGENS"};
  EXPECT_EQ(conferences_->Create(coordinator_, in).error().field, "participants[1]");
  in.participants = {"GM0599"};
  in.held_on = "morgen";
  EXPECT_EQ(conferences_->Create(coordinator_, in).error().field, "held_on");
  // Planning in another region is refused outright.
  in.held_on = "2026-12-01";
  EXPECT_EQ(conferences_->Create(far_away_, in).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(conferences_->Create(police_, in).error().code, ErrorCode::kForbidden);
  auto db = database_->Acquire();
  EXPECT_EQ(db->Query("SELECT COUNT(*) FROM case_conferences")->front().Int(0), 0);
}

TEST_F(SharingServiceTest, ADecisionBecomesACarePlanItemOfTheCase) {
  ConferenceInput in{"VR17", "2026-12-01", "Overleg", {"GM0599"}, {case_id_}};
  auto created = conferences_->Create(coordinator_, in);
  ASSERT_TRUE(created.ok());
  DecisionInput decision{case_id_, "Juridische hulp regelen voor de aangifte", "legal_aid",
                         "GM0599", "2026-12-15"};
  auto decided = conferences_->RecordDecision(coordinator_, created->summary.id, decision);
  ASSERT_TRUE(decided.ok()) << decided.error().field << ": " << decided.error().message;
  ASSERT_EQ(decided->decisions.size(), 1u);
  EXPECT_EQ(decided->decisions.front().text, decision.text);
  auto c = cases_->Get(coordinator_, case_id_);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->plan.size(), 1u);
  EXPECT_EQ(c->plan.front().row.domain, "legal_aid");
  EXPECT_EQ(c->plan.front().row.id, decided->decisions.front().record.care_plan_item);
  EXPECT_EQ(c->plan.front().description, decision.text);
  // A case not on the agenda, or a missing text, is refused with its field.
  DecisionInput off_agenda = decision;
  off_agenda.case_id = OpenCase(coordinator_);
  EXPECT_EQ(
      conferences_->RecordDecision(coordinator_, created->summary.id, off_agenda).error().field,
      "case_id");
  DecisionInput blank = decision;
  blank.text = "";
  EXPECT_EQ(conferences_->RecordDecision(coordinator_, created->summary.id, blank).error().field,
            "text");
  // A chain director plans but does not change care plans.
  EXPECT_EQ(conferences_->RecordDecision(director_, created->summary.id, decision).error().code,
            ErrorCode::kForbidden);
}

}  // namespace
}  // namespace schakel::app::testing
