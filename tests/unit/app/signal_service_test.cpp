// Signal use cases: drafts and submission, need-to-know (signaller sees status only, the
// region's care coordinators see content), the inbox order, the three-element test and triage,
// the external form with its reference code, the all-or-nothing import, audit and encryption.
#include "app/signal_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "../signals/fixtures.h"
#include "person_fixture.h"
#include "store/signal_repository.h"

namespace schakel::app::testing {
namespace {

class SignalServiceTest : public PersonFixture {
 protected:
  void SetUp() override {
    PersonFixture::SetUp();
    signals_.emplace(*database_, clock_, audit_, keys_, signals::testing::ShippedCatalog(),
                     signals::testing::ShippedRouting());
  }

  // A complete signal as a staff member of GM0599 would record it. Synthetic values only.
  static SignalInput Complete(std::string urgency = "normal") {
    SignalInput in;
    in.organisation = "GM0599";
    in.channel = "staff";
    in.urgency = std::move(urgency);
    in.observed_on = "2026-11-02";
    in.postal_area = "3011";
    in.forms = {"labour"};
    in.indicators = {"ilo.withholding_of_wages", "ilo.retention_of_identity_documents"};
    in.description = "Werknemers van Wolkenkrabbers BV slapen in de loods (Quokkasteeg).";
    in.victim.identity.given_names = "Xanthippe";
    in.victim.identity.family_name = "Zwavelstok";
    in.victim.nationality = "qzx";
    in.victim_age = "34";
    in.perpetrators = "Man met busje, kenteken onbekend";
    return in;
  }

  std::vector<std::string> AuditActions() {
    std::vector<std::string> out;
    for (const auto& row : AuditRows()) out.push_back(row.action);
    return out;
  }

  std::optional<std::string> StoredSignal(const std::string& id, const std::string& column) {
    auto db = database_->Acquire();
    auto rows = db->Query("SELECT " + column + " FROM signals WHERE id = ?", {store::Text(id)});
    EXPECT_TRUE(rows.ok() && rows->size() == 1);
    return rows.ok() && rows->size() == 1 ? rows->front().OptText(0) : std::nullopt;
  }

  int64_t CountSignals() {
    auto db = database_->Acquire();
    auto rows = db->Query("SELECT COUNT(*) FROM signals");
    return rows.ok() ? rows->front().Int(0) : -1;
  }

  std::optional<SignalService> signals_;
};

TEST_F(SignalServiceTest, DraftGrowsAsYouTypeAndSubmissionNeedsTheEssentials) {
  SignalInput partial;
  partial.description = "Meisje van ongeveer 15 bij de nagelstudio";
  auto draft = signals_->SaveDraft(signaller_, "", partial);
  ASSERT_TRUE(draft.ok()) << draft.error().message;
  EXPECT_EQ(draft->facts.status, "draft");
  EXPECT_EQ(draft->facts.organisation, "GM0599");  // the signaller's own municipality
  auto refused = signals_->Submit(signaller_, draft->facts.id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(refused.error().field, "channel");

  SignalInput more = partial;
  more.channel = "staff";
  more.urgency = "urgent";
  more.observed_on = "02-11-2026";  // the Dutch way of writing it
  more.victim_age = "15";
  auto saved = signals_->SaveDraft(signaller_, draft->facts.id, more);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->facts.observed_on, "2026-11-02");
  EXPECT_EQ(saved->facts.victim_age_group, "minor");
  EXPECT_EQ(saved->facts.seq, draft->facts.seq);  // the same signal, not a second one

  auto submitted = signals_->Submit(signaller_, draft->facts.id);
  ASSERT_TRUE(submitted.ok()) << submitted.error().message;
  EXPECT_EQ(submitted->facts.status, "new");
  ASSERT_TRUE(submitted->facts.submitted_at.has_value());
  auto again = signals_->SaveDraft(signaller_, draft->facts.id, more);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(SignalServiceTest, SignallerSeesOnlyTheStatusOfOwnSignalsAfterSubmitting) {
  auto created = signals_->Create(signaller_, Complete());
  ASSERT_TRUE(created.ok()) << created.error().message;
  const std::string id = created->facts.id;
  auto content = signals_->Get(signaller_, id);
  ASSERT_FALSE(content.ok());
  EXPECT_EQ(content.error().code, ErrorCode::kForbidden);
  auto status = signals_->GetStatus(signaller_, id);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->status, "new");
  EXPECT_EQ(status->reference, created->reference);
  auto other = signals_->GetStatus(other_signaller_, id);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kForbidden);
  auto mine = signals_->Mine(signaller_);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_TRUE(signals_->Mine(other_signaller_)->empty());
}

TEST_F(SignalServiceTest, CoordinatorsOfTheRegionReadContentOthersAreRefusedAndAudited) {
  auto created = signals_->Create(signaller_, Complete());
  ASSERT_TRUE(created.ok());
  const std::string id = created->facts.id;
  for (const Actor* reader : {&coordinator_, &neighbour_}) {
    auto seen = signals_->Get(*reader, id);
    ASSERT_TRUE(seen.ok()) << seen.error().message;
    EXPECT_EQ(seen->description, Complete().description);
    EXPECT_EQ(seen->victim.family_name, "Zwavelstok");
    EXPECT_EQ(seen->perpetrators, Complete().perpetrators);
  }
  for (const Actor* stranger : {&far_away_, &policy_officer_, &other_signaller_}) {
    auto refused = signals_->Get(*stranger, id);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  }
  const auto actions = AuditActions();
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "signal.read"), 2);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "view_signal"), 3);  // the denials
  // A draft is its author's alone, until it is submitted.
  auto draft = signals_->SaveDraft(signaller_, "", SignalInput{});
  ASSERT_TRUE(draft.ok());
  EXPECT_TRUE(signals_->Get(signaller_, draft->facts.id).ok());
  for (const Actor* other : {&coordinator_, &other_signaller_}) {
    EXPECT_EQ(signals_->Get(*other, draft->facts.id).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(signals_->SaveDraft(*other, draft->facts.id, SignalInput{}).error().code,
              ErrorCode::kForbidden);
    EXPECT_EQ(signals_->Submit(*other, draft->facts.id).error().code, ErrorCode::kForbidden);
  }
}

TEST_F(SignalServiceTest, IdentifyingContentIsEncryptedAtRestAndFactsStayPlain) {
  auto created = signals_->Create(signaller_, Complete());
  ASSERT_TRUE(created.ok());
  const std::string id = created->facts.id;
  for (const char* column : {"description", "victim_identity", "perpetrators"}) {
    auto stored = StoredSignal(id, column);
    ASSERT_TRUE(stored.has_value()) << column;
    EXPECT_EQ(stored->rfind("v1:", 0), 0u) << column;
    EXPECT_EQ(stored->find("Zwavelstok"), std::string::npos) << column;
    EXPECT_EQ(stored->find("Quokkasteeg"), std::string::npos) << column;
  }
  EXPECT_EQ(StoredSignal(id, "victim_nationality"), "QZX");
  EXPECT_EQ(StoredSignal(id, "urgency"), "normal");
}

TEST_F(SignalServiceTest, EveryProblemNamesItsField) {
  struct Case {
    const char* name;
    std::function<void(SignalInput&)> change;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"unknown indicator",
       [](SignalInput& s) {
         s.indicators = {"ilo.deception", "nope"};
       },
       "indicators[1]"},
      {"unknown form", [](SignalInput& s) { s.forms = {"slavery"}; }, "forms[0]"},
      {"unknown risk factor", [](SignalInput& s) { s.risk_factors = {"rich"}; }, "risk_factors[0]"},
      {"unknown channel", [](SignalInput& s) { s.channel = "pigeon"; }, "channel"},
      {"unknown urgency", [](SignalInput& s) { s.urgency = "whenever"; }, "urgency"},
      {"future date", [](SignalInput& s) { s.observed_on = "2027-01-01"; }, "observed_on"},
      {"no date", [](SignalInput& s) { s.observed_on = "31-02-2026"; }, "observed_on"},
      {"postal area", [](SignalInput& s) { s.postal_area = "3011AB"; }, "postal_area"},
      {"age", [](SignalInput& s) { s.victim_age = "150"; }, "victim_age"},
      {"age and group disagree",
       [](SignalInput& s) {
         s.victim_age = "12";
         s.victim_age_group = "adult";
       },
       "victim_age_group"},
      {"victim's birth date",
       [](SignalInput& s) { s.victim.identity.date_of_birth = "2030-01-01"; },
       "victim.date_of_birth"},
      {"gender", [](SignalInput& s) { s.victim.gender = "robot"; }, "victim.gender"},
      {"receiving municipality", [](SignalInput& s) { s.organisation = "VR17"; }, "organisation"},
      {"observed municipality", [](SignalInput& s) { s.observed_municipality = "GM9999"; },
       "observed_municipality"},
      {"nothing observed",
       [](SignalInput& s) {
         s.forms.clear();
         s.indicators.clear();
         s.description = "  ";
       },
       "description"},
  };
  for (const Case& c : cases) {
    SignalInput in = Complete();
    c.change(in);
    auto r = signals_->Create(coordinator_, in);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid) << c.name;
    EXPECT_EQ(r.error().field, c.field) << c.name << ": " << r.error().message;
  }
  EXPECT_EQ(CountSignals(), 0);  // nothing half-written
}

TEST_F(SignalServiceTest, InboxPutsAcuteSignalsOnTopAndCountsThem) {
  ASSERT_TRUE(signals_->Create(signaller_, Complete("normal")).ok());
  auto acute = signals_->Create(signaller_, Complete("acute"));
  ASSERT_TRUE(acute.ok());
  EXPECT_TRUE(acute->emergency_guidance);
  ASSERT_TRUE(signals_->Create(signaller_, Complete("urgent")).ok());
  auto inbox = signals_->InboxOf(neighbour_, {});
  ASSERT_TRUE(inbox.ok()) << inbox.error().message;
  ASSERT_EQ(inbox->signals.size(), 3u);
  EXPECT_EQ(inbox->signals[0].urgency, "acute");
  EXPECT_EQ(inbox->signals[1].urgency, "urgent");
  EXPECT_EQ(inbox->new_count, 3);
  EXPECT_EQ(inbox->acute_count, 1);
  EXPECT_TRUE(signals_->InboxOf(far_away_, {})->signals.empty());
  auto refused = signals_->InboxOf(signaller_, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
}

TEST_F(SignalServiceTest, AssessForwardAndTheTrailOfEverything) {
  SignalInput minor = Complete();
  minor.forms = {"sexual"};
  minor.indicators = {};
  minor.victim_age = "16";
  auto created = signals_->Create(signaller_, minor);
  ASSERT_TRUE(created.ok());
  const std::string id = created->facts.id;
  AssessmentInput findings;
  findings.act = {"present", "Opgehaald bij school door onbekende man"};
  findings.means = {"unknown", ""};
  findings.purpose = {"present", "Advertentie op escortsite"};
  auto assessed = signals_->Assess(coordinator_, id, findings);
  ASSERT_TRUE(assessed.ok()) << assessed.error().message;
  EXPECT_EQ(assessed->facts.status, "assessed");
  EXPECT_EQ(assessed->facts.outcome, "all_elements_present");  // a minor needs no means
  ASSERT_TRUE(assessed->assessment.has_value());
  EXPECT_EQ(assessed->assessment->input.act.note, "Opgehaald bij school door onbekende man");
  auto notes = StoredSignal(id, "assessment_notes");
  ASSERT_TRUE(notes.has_value());
  EXPECT_EQ(notes->find("escortsite"), std::string::npos);

  auto wrong = signals_->Forward(coordinator_, id, "kmar");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().field, "target");
  auto forwarded = signals_->Forward(coordinator_, id, "care_coordinator");
  ASSERT_TRUE(forwarded.ok()) << forwarded.error().message;
  EXPECT_EQ(forwarded->facts.status, "forwarded");
  EXPECT_EQ(forwarded->facts.forwarded_region, "VR17");
  auto late = signals_->Assess(coordinator_, id, findings);
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  EXPECT_EQ(signals_->GetStatus(signaller_, id)->forwarded_to, "care_coordinator");
  std::vector<std::string> steps;
  for (const auto& e : forwarded->events) steps.push_back(e.action + ":" + e.to_status);
  EXPECT_EQ(steps,
            (std::vector<std::string>{"submit:new", "assess:assessed", "forward:forwarded"}));
  const auto actions = AuditActions();
  for (const char* a : {"signal.submit", "signal.assess", "signal.forward"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), a), actions.end()) << a;
  }
  auto not_mine = signals_->Forward(far_away_, id, "police");
  EXPECT_EQ(not_mine.error().code, ErrorCode::kForbidden);
}

TEST_F(SignalServiceTest, SmugglingIsNamedAndClosingNeedsAnAssessmentUnlessDuplicate) {
  auto created = signals_->Create(signaller_, Complete());
  ASSERT_TRUE(created.ok());
  auto early = signals_->Close(coordinator_, created->facts.id, "smuggling_not_trafficking");
  ASSERT_FALSE(early.ok());
  AssessmentInput findings;
  findings.act = {"present", ""};
  findings.means = {"absent", ""};
  findings.purpose = {"absent", ""};
  findings.smuggling = {true, true};
  auto assessed = signals_->Assess(coordinator_, created->facts.id, findings);
  ASSERT_TRUE(assessed.ok());
  EXPECT_EQ(assessed->facts.outcome, "indicates_smuggling");
  auto closed = signals_->Close(coordinator_, created->facts.id, "smuggling_not_trafficking");
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->facts.closing_reason, "smuggling_not_trafficking");

  auto duplicate = signals_->Create(signaller_, Complete());
  ASSERT_TRUE(duplicate.ok());
  EXPECT_TRUE(signals_->Close(coordinator_, duplicate->facts.id, "duplicate").ok());
}

TEST_F(SignalServiceTest, LabourBelowExploitationIsRoutedToTheLabourInspectorate) {
  auto created = signals_->Create(signaller_, Complete());
  ASSERT_TRUE(created.ok());
  AssessmentInput findings;
  findings.act = {"present", ""};
  findings.means = {"unknown", ""};
  findings.purpose = {"unknown", ""};
  findings.labour = signals::LabourFacts{true, false, false, false};
  auto assessed = signals_->Assess(coordinator_, created->facts.id, findings);
  ASSERT_TRUE(assessed.ok());
  EXPECT_EQ(assessed->facts.labour_position, "bad_employment_practice");
  ASSERT_FALSE(assessed->advice.targets.empty());
  EXPECT_EQ(assessed->advice.targets.front().partner_kind, "labour_inspectorate");
  EXPECT_TRUE(assessed->advice.targets.front().recommended);
}

TEST_F(SignalServiceTest, ExternalReporterGetsACodeAddsInformationAndSeesNothingBack) {
  Actor outsider;
  outsider.origin = "web";
  outsider.address = "192.0.2.7";
  ExternalReport report;
  report.organisation = "GM0599";
  report.description = "In het pand naast de bakkerij wonen veel mannen, ze werken 's nachts.";
  report.acute = true;
  auto receipt = signals_->SubmitExternal(outsider, report);
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  EXPECT_TRUE(
      std::regex_match(receipt->reference_code,
                       std::regex("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")))
      << receipt->reference_code;
  EXPECT_TRUE(receipt->emergency_guidance);

  std::string lower = receipt->reference_code;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  ASSERT_TRUE(
      signals_->AddInformation(outsider, lower, "Er staat nu een busje voor de deur.").ok());
  auto unknown = signals_->AddInformation(outsider, "AAAA-BBBB-CCCC", "iets");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  auto empty = signals_->AddInformation(outsider, receipt->reference_code, "   ");
  EXPECT_EQ(empty.error().field, "text");

  auto inbox = signals_->InboxOf(coordinator_, {});
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ(inbox->signals.size(), 1u);
  EXPECT_EQ(inbox->signals[0].channel, "external_form");
  EXPECT_EQ(inbox->signals[0].created_by, "external");
  EXPECT_EQ(inbox->acute_count, 1);
  auto seen = signals_->Get(coordinator_, inbox->signals[0].id);
  ASSERT_TRUE(seen.ok());
  ASSERT_EQ(seen->additions.size(), 1u);
  EXPECT_EQ(seen->additions[0].text, "Er staat nu een busje voor de deur.");
  for (const auto& row : AuditRows()) {
    if (row.action == "signal.external" || row.action == "signal.add_information") {
      EXPECT_EQ(row.actor, "external");
      EXPECT_EQ(row.origin_address, "192.0.2.7");
    }
  }
  ExternalReport blank = report;
  blank.description = "";
  EXPECT_EQ(signals_->SubmitExternal(outsider, blank).error().field, "description");
}

TEST_F(SignalServiceTest, ImportWritesAllRowsOrNoneAndNamesEveryBadRow) {
  std::vector<SignalInput> rows = {Complete(), Complete(), Complete()};
  rows[1].urgency = "whenever";
  rows[2].observed_on = "gisteren";
  rows[2].postal_area = "12";
  auto refused = signals_->Import(coordinator_, rows);
  ASSERT_TRUE(refused.ok()) << refused.error().message;
  EXPECT_EQ(refused->imported, 0);
  ASSERT_EQ(refused->problems.size(), 3u);
  EXPECT_EQ(refused->problems[0].row, 2);
  EXPECT_EQ(refused->problems[0].error.field, "urgency");
  EXPECT_EQ(refused->problems[1].row, 3);
  EXPECT_EQ(refused->problems[2].row, 3);
  EXPECT_EQ(CountSignals(), 0);

  rows[1].urgency = "urgent";
  rows[2].observed_on = "2026-11-03";
  rows[2].postal_area = "";
  auto done = signals_->Import(coordinator_, rows);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->imported, 3);
  EXPECT_TRUE(done->problems.empty());
  EXPECT_EQ(CountSignals(), 3);

  rows[0].organisation = "GM0014";  // outside the importer's region: refused before writing
  auto foreign = signals_->Import(coordinator_, rows);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(CountSignals(), 3);
}

}  // namespace
}  // namespace schakel::app::testing
