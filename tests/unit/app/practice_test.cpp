// The Kader in practice as use cases: the training registry and its coverage, the environment
// scan with its review history, publishing good practices and finding them from another
// municipality, and the evidence an assessment shows — which never changes an answer.
#include <gtest/gtest.h>

#include "app/environment_scan_service.h"
#include "app/evidence_service.h"
#include "app/practice_service.h"
#include "app/training_service.h"
#include "app_fixture.h"
#include "store/audit_repository.h"

namespace schakel::app {
namespace {

class PracticeTest : public testing::AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    if (HasFatalFailure()) return;
    training_.emplace(*database_, clock_, audit_);
    scan_.emplace(*database_, clock_, audit_);
    practices_.emplace(*database_, clock_, audit_, *kader_);
    evidence_.emplace(*database_, clock_, *kader_);
    auto vr01 = orgs_->List({"municipality", std::string("VR01"), std::nullopt});
    ASSERT_TRUE(vr01.ok());
    for (const auto& m : *vr01) {
      if (m.code != "GM0014") neighbour_ = m.code;
    }
    ASSERT_FALSE(neighbour_.empty());
  }

  static Actor Officer(const std::string& org, const std::string& region) {
    Principal p;
    p.user = "user-" + org;
    p.organisation = org;
    p.organisation_kind = "municipality";
    p.regions = {region};
    p.roles = {Role::kPolicyOfficer};
    return {"Beleid " + org, "web", p.user, "127.0.0.1", p, ""};
  }

  int64_t AuditCount(const std::string& action) {
    auto db = database_->Acquire();
    store::AuditQuery q;
    q.actions = {action};
    return static_cast<int64_t>(store::AuditRepository(*db).Find(q)->size());
  }

  TrainingSessionInput StaffSession(std::vector<std::string> names) {
    TrainingSessionInput in;
    in.organisation = "GM0014";
    in.title = "Signalen herkennen";
    in.format = "training";
    in.audience = "staff";
    in.department = "Wmo";
    in.held_on = "2026-06-01";
    for (const auto& n : names) in.attendees.push_back({n, "consulent", ""});
    in.participants = static_cast<int64_t>(names.size());
    return in;
  }

  PracticeInput Complete(const std::string& org) {
    return {org,
            "Controles bij wasstraten",
            "Signalen van arbeidsuitbuiting bij wasstraten bleven liggen.",
            "Gezamenlijke controles met toezicht en politie, vaste route voor signalen.",
            "Politie, Arbeidsinspectie",
            "Drie situaties van ernstige benadeling doorverwezen.",
            "Eén toezichthouder een dag per maand; afspraken met de politie.",
            "Team Veiligheid",
            {"labour"},
            {"signalling"},
            {"wasstraten", "toezicht"}};
  }

  std::optional<TrainingService> training_;
  std::optional<EnvironmentScanService> scan_;
  std::optional<PracticeService> practices_;
  std::optional<EvidenceService> evidence_;
  std::string neighbour_;
  const Actor groningen_ = Officer("GM0014", "VR01");
};

TEST_F(PracticeTest, ARegisteredTrainingShowsInCoveragePerDepartment) {
  ASSERT_TRUE(training_->SetDepartment("GM0014", "Wmo", 4, groningen_).ok());
  auto session = training_->AddSession(StaffSession({"Anna", "Bram"}), groningen_);
  ASSERT_TRUE(session.ok()) << session.error().message;
  EXPECT_EQ(session->refresher_months, TrainingService::kDefaultRefresherMonths);
  EXPECT_EQ(session->attendees.at(0).department, "Wmo");
  auto overview = training_->Overview("GM0014", groningen_);
  ASSERT_TRUE(overview.ok());
  ASSERT_EQ(overview->coverage.size(), 1u);
  EXPECT_EQ(overview->coverage[0].trained, 2);
  EXPECT_DOUBLE_EQ(overview->overall_share, 0.5);
  EXPECT_EQ(AuditCount("training.session.add"), 1);
  EXPECT_EQ(AuditCount("training.department.set"), 1);
}

TEST_F(PracticeTest, TrainingInputErrorsNameTheField) {
  TrainingSessionInput outreach = StaffSession({"Anna"});
  outreach.audience = "schools";
  outreach.department = "";
  auto r = training_->AddSession(outreach, groningen_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "attendees");  // only own staff are named
  TrainingSessionInput nameless = StaffSession({""});
  r = training_->AddSession(nameless, groningen_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "attendees[0].staff_name");
  TrainingSessionInput bad_date = StaffSession({"Anna"});
  bad_date.held_on = "2026-02-30";
  EXPECT_EQ(training_->AddSession(bad_date, groningen_).error().field, "held_on");
  TrainingSessionInput too_few = StaffSession({"Anna", "Bram"});
  too_few.participants = 1;
  EXPECT_EQ(training_->AddSession(too_few, groningen_).error().field, "participants");
  EXPECT_EQ(AuditCount("training.session.add"), 0);  // nothing half-written
}

TEST_F(PracticeTest, AnotherMunicipalityCannotTouchTheRegistry) {
  const Actor amsterdam = Officer("GM0363", "VR13");
  auto r = training_->AddSession(StaffSession({"Anna"}), amsterdam);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(training_->Overview("GM0014", amsterdam).error().code, ErrorCode::kForbidden);
}

TEST_F(PracticeTest, ARiskPlaceKeepsTheHistoryOfItsReviews) {
  ScanPlaceInput in{"GM0014",
                    "Nagelstudio's rond het station",
                    "nail_salon",
                    "Centrum",
                    "wisselend personeel",
                    "toezicht, wijkagent",
                    "medium",
                    "Meerdere signalen in een jaar",
                    "Team Veiligheid",
                    "2027-03-01"};
  auto place = scan_->AddPlace(in, groningen_);
  ASSERT_TRUE(place.ok()) << place.error().message;
  ASSERT_EQ(place->reviews.size(), 1u);  // the registration is the first review
  auto reviewed = scan_->Review(
      place->place.id, {"high", "Slapen op de werkplek gezien", "slapen op werkplek", "2027-01-15"},
      groningen_);
  ASSERT_TRUE(reviewed.ok()) << reviewed.error().message;
  EXPECT_EQ(reviewed->place.risk, "high");
  ASSERT_EQ(reviewed->reviews.size(), 2u);
  EXPECT_EQ(reviewed->reviews[1].risk, "medium");  // history kept
  auto overview = scan_->Overview("GM0014", groningen_);
  ASSERT_TRUE(overview.ok());
  ASSERT_EQ(overview->cells.size(), 1u);
  EXPECT_EQ(overview->cells[0].highest_risk, "high");
  EXPECT_EQ(AuditCount("scan.place.add"), 1);
  EXPECT_EQ(AuditCount("scan.place.review"), 1);
}

TEST_F(PracticeTest, ScanInputErrorsNameTheField) {
  ScanPlaceInput in{"GM0014",  "Wasstraat", "car_wash", "Noord", "",
                    "melding", "medium",    "reden",    "Team",  "2020-01-01"};
  EXPECT_EQ(scan_->AddPlace(in, groningen_).error().field, "review_due");  // in the past
  in.review_due = "2027-01-01";
  in.sector = "bakery";
  auto r = scan_->AddPlace(in, groningen_);
  EXPECT_EQ(r.error().field, "sector");
  EXPECT_NE(r.error().message.find("car_wash"), std::string::npos);  // lists the choices
}

TEST_F(PracticeTest, APublishedPracticeIsFoundFromAnotherMunicipality) {
  auto created = practices_->Create(Complete("GM0014"), groningen_);
  ASSERT_TRUE(created.ok()) << created.error().message;
  const Actor neighbour = Officer(neighbour_, "VR01");
  const Actor amsterdam = Officer("GM0363", "VR13");
  const PracticeSearch labour{"labour", "", "", ""};
  EXPECT_TRUE(practices_->Search(labour, neighbour)->empty());  // a draft stays home
  EXPECT_EQ(practices_->Get(created->id, neighbour).error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(practices_->Publish(created->id, "region", groningen_).ok());
  ASSERT_EQ(practices_->Search(labour, neighbour)->size(), 1u);
  EXPECT_TRUE(practices_->Search(labour, amsterdam)->empty());  // not their region
  ASSERT_TRUE(practices_->Publish(created->id, "national", groningen_).ok());
  EXPECT_EQ(practices_->Search({"", "signalling", "TOEZICHT", ""}, amsterdam)->size(), 1u);
  EXPECT_TRUE(practices_->Search({"sexual", "", "", ""}, amsterdam)->empty());
  EXPECT_EQ(practices_->Publish(created->id, "region", groningen_).error().code,
            ErrorCode::kConflict);  // never narrowed
  EXPECT_EQ(practices_->Publish(created->id, "national", neighbour).error().code,
            ErrorCode::kForbidden);  // publishing is the own municipality's step
  EXPECT_EQ(AuditCount("practice.publish"), 2);
}

TEST_F(PracticeTest, PublishingNeedsEveryPartWrittenDown) {
  PracticeInput draft = Complete("GM0014");
  draft.result = "";
  auto created = practices_->Create(draft, groningen_);
  ASSERT_TRUE(created.ok());
  auto r = practices_->Publish(created->id, "region", groningen_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "result");
  EXPECT_EQ(practices_->Publish(created->id, "world", groningen_).error().field, "scope");
  PracticeInput bad = Complete("GM0014");
  bad.blocks = {"signalling", "cooking"};
  EXPECT_EQ(practices_->Create(bad, groningen_).error().field, "blocks[1]");
}

TEST_F(PracticeTest, EvidenceFollowsTheRecordsAndNeverSetsAnAnswer) {
  auto assessment = kader_->Create("GM0014", "2026-Q4", "2021-concept", actor_);
  ASSERT_TRUE(assessment.ok());
  auto before = evidence_->ForAssessment(assessment->record.id, groningen_);
  ASSERT_TRUE(before.ok()) << before.error().message;
  const auto state_of = [](const EvidenceView& v, const std::string& criterion) {
    for (const auto& c : v.criteria) {
      if (c.criterion->id == criterion) return c.findings.at(0).state;
    }
    ADD_FAILURE() << "no evidence for " << criterion;
    return kader::EvidenceState::kNotAvailable;
  };
  EXPECT_EQ(state_of(*before, "awareness.basis.training"), kader::EvidenceState::kNotFound);
  // No signal came in through the external form yet: not found (signals are stored).
  EXPECT_EQ(state_of(*before, "signalling.plateau1.external_reporting"),
            kader::EvidenceState::kNotFound);
  // No estimate stored for the region yet (insight_service_test checks the other way round).
  EXPECT_EQ(state_of(*before, "policy.plateau1.insight"), kader::EvidenceState::kNotFound);
  ASSERT_TRUE(training_->SetDepartment("GM0014", "Wmo", 2, groningen_).ok());
  ASSERT_TRUE(training_->AddSession(StaffSession({"Anna", "Bram"}), groningen_).ok());
  auto created = practices_->Create(Complete("GM0014"), groningen_);
  ASSERT_TRUE(practices_->Publish(created->id, "region", groningen_).ok());
  auto after = evidence_->ForAssessment(assessment->record.id, groningen_);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(state_of(*after, "awareness.basis.training"), kader::EvidenceState::kFound);
  EXPECT_EQ(state_of(*after, "cooperation.plateau2.good_practices"), kader::EvidenceState::kFound);
  EXPECT_TRUE(after->assessment.answers.empty());  // evidence suggests; it never ticks
  const Actor amsterdam = Officer("GM0363", "VR13");
  EXPECT_EQ(evidence_->ForAssessment(assessment->record.id, amsterdam).error().code,
            ErrorCode::kForbidden);
}

TEST_F(PracticeTest, TheFrameworkKnowsEveryRoleOfThePolicy) {
  for (Role r : AllRoles()) {
    nlohmann::json doc = nlohmann::json::parse(
        R"({"id":"t","status":"provisional","title":{"nl":"t","en":"t"},
            "levels":[{"id":"basis","rank":1,"name":{"nl":"b","en":"b"}}],
            "blocks":[{"id":"a","number":1,"name":{"nl":"a","en":"a"}}],
            "criteria":[{"id":"a1","block":"a","level":"basis","text":{"nl":"x","en":"x"}}]})");
    doc["criteria"][0]["evidence"] = {{{"kind", "role_held"}, {"role", RoleName(r)}}};
    EXPECT_TRUE(kader::ParseFramework(doc).ok()) << RoleName(r);
  }
}

}  // namespace
}  // namespace schakel::app
