// Care-case use cases: opening from a forwarded signal or directly (and the refusals), need-to-know
// (other region's coordinator, signaller, partner, policy officer: denied and audited), the
// victim's identity encrypted at rest, every state × transition through the service with the
// refusal kept in the history, guards, care plan, reflection period, dashboard, registration;
// "possibly the same person" suggestions for a case's person.
#include "app/case_service.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "../care/fixtures.h"
#include "../signals/fixtures.h"
#include "app/match_service.h"
#include "person_fixture.h"

namespace schakel::app::testing {
namespace {

class CaseServiceTest : public PersonFixture {
 protected:
  void SetUp() override {
    PersonFixture::SetUp();
    signals_.emplace(*database_, clock_, audit_, keys_, signals::testing::ShippedCatalog(),
                     signals::testing::ShippedRouting());
    cases_.emplace(*database_, clock_, audit_, keys_, care::testing::ShippedCareData(),
                   signals::testing::ShippedCatalog(), *persons_, *signals_);
  }

  // A signal about a (synthetic) possible victim in GM0599, filed by the signaller.
  std::string FileSignal(std::string urgency = "normal") {
    SignalInput in;
    in.organisation = "GM0599";
    in.channel = "staff";
    in.urgency = std::move(urgency);
    in.observed_on = "2026-11-02";
    in.forms = {"labour"};
    in.description = "Werknemers slapen in de loods aan de Quokkasteeg.";
    in.victim.identity.given_names = "Xanthippe";
    in.victim.identity.family_name = "Zwavelstok";
    in.victim.identity.date_of_birth = "1990-05-17";
    in.victim.gender = "female";
    in.victim.nationality = "POL";
    in.victim_age = "36";
    auto created = signals_->Create(signaller_, in);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? created->facts.id : "";
  }

  // Filed, assessed and forwarded to the care coordinator of VR17.
  std::string ForwardedSignal(std::string urgency = "normal") {
    const std::string id = FileSignal(std::move(urgency));
    AssessmentInput a;
    a.act.state = "present";
    a.means.state = "present";
    a.purpose.state = "present";
    EXPECT_TRUE(signals_->Assess(coordinator_, id, a).ok());
    auto forwarded = signals_->Forward(coordinator_, id, "care_coordinator");
    EXPECT_TRUE(forwarded.ok()) << forwarded.error().message;
    return id;
  }

  CaseView OpenFromSignal() {
    OpenCaseInput in;
    in.signals = {ForwardedSignal()};
    auto opened = cases_->Open(coordinator_, in);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return opened.ok() ? *opened : CaseView{};
  }

  CaseView OpenDirectly() {
    OpenCaseInput in;
    in.region = "VR17";
    in.opened_directly_because = "Plaatsingsverzoek van CoMensha";
    in.identity.given_names = "Quirina";
    in.identity.family_name = "Ypsilanti-Vork";
    auto opened = cases_->Open(coordinator_, in);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return opened.ok() ? *opened : CaseView{};
  }

  int CountAudit(const std::string& action, const std::string& result) {
    int n = 0;
    for (const auto& row : AuditRows()) n += row.action == action && row.result == result;
    return n;
  }

  void SetState(const std::string& id, const std::string& state) {
    auto db = database_->Acquire();
    ASSERT_TRUE(db->Execute("UPDATE cases SET state = ?, closed_on = ? WHERE id = ?",
                            {store::Text(state), store::Text("2026-11-01"), store::Text(id)})
                    .ok());
  }

  std::optional<SignalService> signals_;
  std::optional<CaseService> cases_;
  const Actor partner_ = PersonActor("u-partner", "GM0599", {"VR17"}, Role::kPartner);
};

TEST_F(CaseServiceTest, OpensFromAForwardedSignalWithItsFactsAndIdentity) {
  const CaseView c = OpenFromSignal();
  EXPECT_EQ(c.record.state, "registered");
  EXPECT_EQ(c.record.region, "VR17");
  EXPECT_EQ(c.record.municipality, "GM0599");
  EXPECT_EQ(c.record.coordinator, "u-care");
  EXPECT_EQ(c.record.forms, (std::vector<std::string>{"labour"}));
  EXPECT_EQ(c.record.age, 36);
  EXPECT_EQ(c.record.age_group, "adult");
  EXPECT_EQ(c.record.nationality, "POL");
  EXPECT_EQ(c.reference, "Z000001");
  ASSERT_EQ(c.signals.size(), 1u);
  ASSERT_TRUE(c.person.has_value());
  EXPECT_EQ(c.person->identity.family_name, "Zwavelstok");
  EXPECT_EQ(c.person->identity.date_of_birth, "1990-05-17");
  ASSERT_FALSE(c.events.empty());
  EXPECT_EQ(c.events.front().action, "open");
  EXPECT_EQ(CountAudit("case.open", "success"), 1);
  EXPECT_EQ(CountAudit("person.create", "success"), 1);
  // The same signal cannot start a second case.
  OpenCaseInput again;
  again.signals = c.signals;
  auto second = cases_->Open(coordinator_, again);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().field, "signals[0]");
}

TEST_F(CaseServiceTest, OpensDirectlyOnlyWithAReason) {
  OpenCaseInput in;
  in.region = "VR17";
  auto refused = cases_->Open(coordinator_, in);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "opened_directly_because");
  const CaseView c = OpenDirectly();
  EXPECT_EQ(c.opened_directly_because, "Plaatsingsverzoek van CoMensha");
  EXPECT_TRUE(c.signals.empty());
  in.region = "GM0599";  // a municipality is not a region
  in.opened_directly_because = "Meldt zich zelf";
  auto wrong = cases_->Open(coordinator_, in);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().field, "region");
}

TEST_F(CaseServiceTest, RefusesSignalsTheCoordinatorDidNotReceive) {
  // Not yet triaged.
  OpenCaseInput fresh;
  fresh.signals = {FileSignal()};
  auto r1 = cases_->Open(coordinator_, fresh);
  ASSERT_FALSE(r1.ok());
  EXPECT_EQ(r1.error().field, "signals[0]");
  // Forwarded to another partner: theirs.
  const std::string police = FileSignal();
  AssessmentInput a;
  a.act.state = "present";
  a.means.state = "present";
  a.purpose.state = "present";
  ASSERT_TRUE(signals_->Assess(coordinator_, police, a).ok());
  ASSERT_TRUE(signals_->Forward(coordinator_, police, "police").ok());
  OpenCaseInput theirs;
  theirs.signals = {ForwardedSignal(), police};
  auto r2 = cases_->Open(coordinator_, theirs);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().field, "signals[1]");
  // Named twice.
  const std::string twice = ForwardedSignal();
  OpenCaseInput dup;
  dup.signals = {twice, twice};
  auto r3 = cases_->Open(coordinator_, dup);
  ASSERT_FALSE(r3.ok());
  EXPECT_EQ(r3.error().field, "signals[1]");
  // Unknown id.
  OpenCaseInput unknown;
  unknown.signals = {"no-such-signal"};
  auto r4 = cases_->Open(coordinator_, unknown);
  ASSERT_FALSE(r4.ok());
  EXPECT_EQ(r4.error().field, "signals[0]");
  // Nothing was written by any refusal.
  auto db = database_->Acquire();
  EXPECT_EQ(db->Query("SELECT COUNT(*) FROM cases")->front().Int(0), 0);
  EXPECT_EQ(db->Query("SELECT COUNT(*) FROM persons")->front().Int(0), 0);
}

TEST_F(CaseServiceTest, OnlyTheRegionsCoordinatorsSeeAndChangeACaseOthersAreDeniedAndAudited) {
  const CaseView c = OpenFromSignal();
  const std::string id = c.record.id;
  EXPECT_TRUE(cases_->Get(neighbour_, id).ok());  // another coordinator of VR17
  for (const Actor* who : {&far_away_, &signaller_, &partner_, &policy_officer_}) {
    auto read = cases_->Get(*who, id);
    ASSERT_FALSE(read.ok()) << who->id;
    EXPECT_EQ(read.error().code, ErrorCode::kForbidden);
    auto moved = cases_->Transition(*who, id, {"close", "duplicate"});
    ASSERT_FALSE(moved.ok());
    EXPECT_EQ(moved.error().code, ErrorCode::kForbidden);
    auto plan = cases_->AddPlanItem(*who, id, {"safety", "Politie", "", ""});
    EXPECT_EQ(plan.error().code, ErrorCode::kForbidden);
    auto overview = cases_->Overview(*who);
    if (who == &far_away_) {
      ASSERT_TRUE(overview.ok());  // their own region's dashboard: this case is not on it
      EXPECT_TRUE(overview->cases.empty());
    } else {
      EXPECT_FALSE(overview.ok());
    }
    OpenCaseInput direct;
    direct.region = "VR17";
    direct.opened_directly_because = "Meldt zich zelf";
    EXPECT_EQ(cases_->Open(*who, direct).error().code, ErrorCode::kForbidden);
  }
  EXPECT_EQ(CountAudit("view_case", "deny"), 3 + 4);  // 4 reads + 3 dashboards
  EXPECT_EQ(CountAudit("manage_case", "deny"), 8);    // transition and plan, 4 actors
  EXPECT_EQ(CountAudit("open_case", "deny"), 4);
  EXPECT_EQ(cases_->Get(coordinator_, id)->record.state, "registered");  // nothing changed
}

TEST_F(CaseServiceTest, TheIdentityIsEncryptedAtRestAndReadsAreAudited) {
  const CaseView c = OpenDirectly();
  auto item = cases_->AddPlanItem(coordinator_, c.record.id,
                                  {"shelter", "Opvang Quokka", "", "Bed bij Opvang Wolkenveld"});
  ASSERT_TRUE(item.ok()) << item.error().message;
  ASSERT_TRUE(cases_->Get(coordinator_, c.record.id).ok());
  EXPECT_EQ(CountAudit("case.read", "success"), 1);
  EXPECT_GE(CountAudit("person.read", "success"), 1);
  {
    auto db = database_->Acquire();
    ASSERT_TRUE(db->Execute("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  std::ifstream file(db_file_, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), {});
  ASSERT_FALSE(bytes.empty());
  for (const char* plain : {"Ypsilanti-Vork", "Quirina", "Plaatsingsverzoek", "Wolkenveld"}) {
    EXPECT_EQ(bytes.find(plain), std::string::npos) << plain;
  }
}

// Every state × every transition through the service, with every guard satisfied: the state
// machine decides, the service applies it, audits it and keeps a refusal in the history.
TEST_F(CaseServiceTest, EveryStateAndTransitionThroughTheService) {
  bool placement = false;
  cases_->SetFactQueries({[&](store::Db&, std::string_view) -> Result<bool> { return placement; },
                          [](store::Db&, std::string_view) -> Result<bool> { return true; }});
  const std::vector<std::string> states = {"registered", "intake", "care_trajectory",
                                           "aftercare",  "closed", "transferred"};
  const std::vector<std::string> transitions = {"start_intake", "start_care", "start_aftercare",
                                                "close",        "reopen",     "transfer"};
  // The expected state after each transition, "" for a refusal (kConflict).
  const std::map<std::string, std::vector<std::string>> expected = {
      {"registered", {"intake", "", "", "closed", "", "transferred"}},
      {"intake", {"", "care_trajectory", "", "closed", "", "transferred"}},
      {"care_trajectory", {"", "", "aftercare", "closed", "", "transferred"}},
      {"aftercare", {"", "", "", "closed", "", "transferred"}},
      {"closed", {"", "", "", "", "intake", ""}},
      {"transferred", {"", "", "", "", "", ""}},
  };
  for (const std::string& state : states) {
    for (size_t t = 0; t < transitions.size(); ++t) {
      const CaseView c = OpenDirectly();
      const std::string id = c.record.id;
      ASSERT_TRUE(cases_->RecordConsent(coordinator_, id, {true, ""}).ok());
      ASSERT_TRUE(cases_->AddPlanItem(coordinator_, id, {"aftercare", "Gemeente", "", ""}).ok());
      SetState(id, state);
      auto r = cases_->Transition(coordinator_, id, {transitions[t], "care_completed"});
      const std::string want = expected.at(state)[t];
      SCOPED_TRACE(state + " × " + transitions[t]);
      auto after = cases_->Get(coordinator_, id);
      ASSERT_TRUE(after.ok());
      const store::CaseEvent& last = after->events.back();
      EXPECT_EQ(last.action, transitions[t]);
      if (want.empty()) {
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::kConflict);
        EXPECT_EQ(after->record.state, state);
        EXPECT_EQ(last.result, "refused");
        EXPECT_EQ(last.detail, r.error().message);
      } else {
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r->record.state, want);
        EXPECT_EQ(after->record.state, want);
        EXPECT_EQ(last.result, "applied");
      }
    }
  }
  EXPECT_EQ(CountAudit("case.close", "success"), 4);
  EXPECT_EQ(CountAudit("case.reopen", "success"), 1);
  EXPECT_EQ(CountAudit("case.start_care", "deny"), 5);
}

TEST_F(CaseServiceTest, GuardsNameWhatIsMissing) {
  bool placement = true;
  cases_->SetFactQueries(
      {[&](store::Db&, std::string_view) -> Result<bool> { return placement; }, {}});
  const std::string id = OpenFromSignal().record.id;
  auto no_consent = cases_->Transition(coordinator_, id, {"start_intake", ""});
  ASSERT_FALSE(no_consent.ok());
  EXPECT_EQ(no_consent.error().field, "consent");
  auto blank = cases_->RecordConsent(coordinator_, id, {false, "   "});
  EXPECT_EQ(blank.error().field, "consent");
  ASSERT_TRUE(cases_->RecordConsent(coordinator_, id, {false, "Acuut gevaar"}).ok());
  ASSERT_TRUE(cases_->Transition(coordinator_, id, {"start_intake", ""}).ok());
  auto no_plan = cases_->Transition(coordinator_, id, {"start_care", ""});
  EXPECT_EQ(no_plan.error().field, "care_plan");
  auto no_transfer = cases_->Transition(coordinator_, id, {"transfer", ""});
  EXPECT_EQ(no_transfer.error().field, "transfer");  // no accepted transfer without referrals
  auto no_reason = cases_->Transition(coordinator_, id, {"close", ""});
  EXPECT_EQ(no_reason.error().field, "closing_reason");
  auto placed = cases_->Transition(coordinator_, id, {"close", "care_completed"});
  EXPECT_EQ(placed.error().field, "placements");
  placement = false;
  ASSERT_TRUE(cases_->StartReflection(coordinator_, id, "2026-11-10").ok());
  auto open_period = cases_->Transition(coordinator_, id, {"close", "care_completed"});
  EXPECT_EQ(open_period.error().field, "reflection_outcome");
  auto unknown = cases_->Transition(coordinator_, id, {"archive", ""});
  EXPECT_EQ(unknown.error().field, "transition");
  const auto view = cases_->Get(coordinator_, id);
  int refused = 0;
  for (const auto& e : view->events) refused += e.result == "refused";
  EXPECT_EQ(refused, 6);
}

TEST_F(CaseServiceTest, CarePlanItemsFollowTheirStatusRules) {
  const std::string id = OpenDirectly().record.id;
  auto bad_domain = cases_->AddPlanItem(coordinator_, id, {"astrology", "Gemeente", "", ""});
  EXPECT_EQ(bad_domain.error().field, "domain");
  auto no_org = cases_->AddPlanItem(coordinator_, id, {"safety", " ", "", ""});
  EXPECT_EQ(no_org.error().field, "responsible_organisation");
  auto bad_date = cases_->AddPlanItem(coordinator_, id, {"safety", "Politie", "31-02-2026", ""});
  EXPECT_EQ(bad_date.error().field, "due_on");
  auto added = cases_->AddPlanItem(coordinator_, id, {"safety", "Politie", "25-11-2026", "Plan"});
  ASSERT_TRUE(added.ok());
  ASSERT_EQ(added->plan.size(), 1u);
  EXPECT_EQ(added->plan[0].row.due_on, "2026-11-25");
  EXPECT_EQ(added->plan[0].description, "Plan");
  const std::string item = added->plan[0].row.id;
  PlanItemChange done;
  done.status = "done";
  PlanItemChange unknown;
  unknown.status = "finished";
  EXPECT_EQ(cases_->ChangePlanItem(coordinator_, id, item, unknown).error().field, "status");
  EXPECT_EQ(cases_->ChangePlanItem(coordinator_, id, "no-such-item", done).error().code,
            ErrorCode::kNotFound);
  PlanItemChange start;
  start.status = "in_progress";
  ASSERT_TRUE(cases_->ChangePlanItem(coordinator_, id, item, start).ok());
  auto finished = cases_->ChangePlanItem(coordinator_, id, item, done);
  ASSERT_TRUE(finished.ok());
  EXPECT_EQ(finished->plan[0].row.status, "done");
  PlanItemChange reopen;
  reopen.status = "open";
  EXPECT_EQ(cases_->ChangePlanItem(coordinator_, id, item, reopen).error().code,
            ErrorCode::kConflict);
}

TEST_F(CaseServiceTest, ReflectionPeriodWarnsAndTakesItsOutcomeOnce) {
  const std::string id = OpenFromSignal().record.id;
  const care::Date today =
      care::AmsterdamDate(std::chrono::time_point_cast<std::chrono::seconds>(clock_.Now()));
  // Started so that the last day is ten days from today: the two-week warning has come.
  const care::Date start = care::AddDays(care::AddMonthsClamped(today, -3), 11);
  auto started = cases_->StartReflection(coordinator_, id, care::FormatDate(start));
  ASSERT_TRUE(started.ok()) << started.error().message;
  ASSERT_TRUE(started->reflection.has_value());
  EXPECT_EQ(started->reflection->last_day, care::LastDayOfReflection(start));
  ASSERT_TRUE(started->reflection_days_left.has_value());
  EXPECT_LE(*started->reflection_days_left, 14);
  EXPECT_EQ(started->reflection_warning, care::DeadlineKind::kWarnTwoWeeks);
  auto twice = cases_->StartReflection(coordinator_, id, care::FormatDate(start));
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
  auto overview = cases_->Overview(coordinator_);
  ASSERT_TRUE(overview.ok());
  ASSERT_EQ(overview->dashboard.reflection_warnings.size(), 1u);
  EXPECT_EQ(overview->dashboard.reflection_warnings[0].case_id, id);
  auto bad = cases_->RecordReflectionOutcome(coordinator_, id, "maybe", "");
  EXPECT_EQ(bad.error().field, "reflection_outcome");
  auto early = cases_->RecordReflectionOutcome(coordinator_, id, "cooperates",
                                               care::FormatDate(care::AddDays(start, -1)));
  EXPECT_EQ(early.error().field, "reflection_outcome_on");
  auto recorded = cases_->RecordReflectionOutcome(coordinator_, id, "cooperates", "");
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_FALSE(recorded->reflection_warning.has_value());
  EXPECT_EQ(cases_->RecordReflectionOutcome(coordinator_, id, "none", "").error().code,
            ErrorCode::kConflict);
  EXPECT_TRUE(cases_->Overview(coordinator_)->dashboard.reflection_warnings.empty());
}

TEST_F(CaseServiceTest, DashboardShowsMyCasesAcuteAndDeadlines) {
  OpenCaseInput acute;
  acute.signals = {ForwardedSignal("acute")};
  auto a = cases_->Open(coordinator_, acute);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_TRUE(a->record.acute);
  const std::string b = OpenDirectly().record.id;
  const care::Date today =
      care::AmsterdamDate(std::chrono::time_point_cast<std::chrono::seconds>(clock_.Now()));
  ASSERT_TRUE(
      cases_
          ->AddPlanItem(coordinator_, b,
                        {"medical", "Huisarts", care::FormatDate(care::AddDays(today, -2)), ""})
          .ok());
  ASSERT_TRUE(
      cases_
          ->AddPlanItem(coordinator_, b,
                        {"housing", "Gemeente", care::FormatDate(care::AddDays(today, 3)), ""})
          .ok());
  auto overview = cases_->Overview(coordinator_);
  ASSERT_TRUE(overview.ok());
  EXPECT_EQ(overview->cases.size(), 2u);
  EXPECT_EQ(overview->dashboard.my_cases.size(), 2u);
  EXPECT_EQ(overview->dashboard.acute, (std::vector<std::string>{a->record.id}));
  EXPECT_EQ(overview->dashboard.overdue.size(), 1u);
  EXPECT_EQ(overview->dashboard.due_this_week.size(), 1u);
  EXPECT_EQ(overview->dashboard.deadlines.size(), 2u);
  // The neighbour coordinator sees the region's cases, but they are not "my cases".
  auto theirs = cases_->Overview(neighbour_);
  ASSERT_TRUE(theirs.ok());
  EXPECT_EQ(theirs->cases.size(), 2u);
  EXPECT_TRUE(theirs->dashboard.my_cases.empty());
  EXPECT_EQ(CountAudit("case.list", "success"), 2);
}

TEST_F(CaseServiceTest, RegistrationRecordIsAPossibleVictimWithoutNames) {
  const std::string id = OpenFromSignal().record.id;
  auto reg = cases_->Registration(coordinator_, id);
  ASSERT_TRUE(reg.ok()) << reg.error().message;
  EXPECT_FALSE(reg->recorded);
  EXPECT_EQ(reg->record.case_reference, "Z000001");
  EXPECT_EQ(reg->record.nationality, "PL");
  EXPECT_EQ(reg->record.gender, "female");
  EXPECT_EQ(reg->record.forms, (std::vector<std::string>{"labour"}));
  ASSERT_TRUE(reg->record.age.has_value());
  EXPECT_EQ(*reg->record.age, 36);  // from the date of birth 1990-05-17
  const std::string csv = care::RegistrationCsv({reg->record});
  EXPECT_EQ(csv.find("Zwavelstok"), std::string::npos);
  EXPECT_EQ(CountAudit("case.registration", "success"), 1);
  auto future = cases_->RecordRegistration(coordinator_, id, "2099-01-01");
  EXPECT_EQ(future.error().field, "registered_on");
  auto recorded = cases_->RecordRegistration(coordinator_, id, "");
  ASSERT_TRUE(recorded.ok());
  EXPECT_TRUE(recorded->record.registered_on.has_value());
  EXPECT_TRUE(cases_->Registration(coordinator_, id)->recorded);
  EXPECT_EQ(cases_->RecordRegistration(coordinator_, id, "").error().code, ErrorCode::kConflict);
  EXPECT_EQ(cases_->Registration(far_away_, id).error().code, ErrorCode::kForbidden);
}

// "Possibly the same person" on a case: the case's person is encoded when the case opens; a
// signal about the same person spelt differently is suggested (and the case on that signal's
// page, under the case's reference), but never the signal the case was opened from; the case's
// coordinators decide, others are refused and audited.
TEST_F(CaseServiceTest, CasePersonIsSuggestedAgainstOtherSignalsButNotItsOwn) {
  MatchService matches(*database_, clock_, audit_, keys_);
  const CaseView c = OpenFromSignal();
  ASSERT_TRUE(c.record.person.has_value());
  const store::LinkedRecordRef person{"person", *c.record.person};
  const store::LinkedRecordRef own{"signal", c.signals.front()};

  auto before = matches.For(coordinator_, person);
  ASSERT_TRUE(before.ok()) << before.error().message;
  EXPECT_TRUE(before->encoded) << "the case's person is linkable from the moment it opens";
  EXPECT_TRUE(before->suggestions.empty()) << "its own signal is the same person by construction";

  // A later signal from another municipality of the region, spelt differently.
  SignalInput later;
  later.organisation = "GM0606";
  later.channel = "partner";
  later.urgency = "normal";
  later.observed_on = "2026-11-03";
  later.forms = {"labour"};
  later.description = "Zelfde loods, andere melder.";
  later.victim.identity.given_names = "Ksanthippe";
  later.victim.identity.family_name = "Zwavelstock";
  later.victim.identity.date_of_birth = "1990-05-17";
  later.victim.gender = "female";
  later.victim.nationality = "POL";
  auto filed = signals_->Create(neighbour_, later);
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  const store::LinkedRecordRef other{"signal", filed->facts.id};

  auto on_case = matches.For(coordinator_, person);
  ASSERT_TRUE(on_case.ok());
  ASSERT_EQ(on_case->suggestions.size(), 1u);
  EXPECT_EQ(on_case->suggestions.front().other.ref, other);
  EXPECT_EQ(on_case->suggestions.front().other.reference, "S000002");

  auto on_signal = matches.For(coordinator_, other);
  ASSERT_TRUE(on_signal.ok());
  bool case_seen = false;
  for (const MatchSuggestion& m : on_signal->suggestions) {
    if (m.other.ref == person) {
      case_seen = true;
      EXPECT_TRUE(m.other.accessible);
      EXPECT_EQ(m.other.reference, "Z000001");
      EXPECT_EQ(m.other.case_id, c.record.id);
    }
  }
  EXPECT_TRUE(case_seen) << "the signal's page names the case, not an anonymous person";
  auto on_own = matches.For(coordinator_, own);
  ASSERT_TRUE(on_own.ok());
  for (const MatchSuggestion& m : on_own->suggestions) {
    EXPECT_NE(m.other.ref, person) << "a case is never suggested to the signal it came from";
  }
  EXPECT_EQ(matches.Decide(coordinator_, {person, own, "confirmed", ""}).error().code,
            ErrorCode::kNotFound)
      << "a pair that is never suggested cannot be decided";

  // The case's coordinators decide; a coordinator of another region may not even look.
  auto confirmed = matches.Decide(neighbour_, {person, other, "confirmed", "Zelfde loods"});
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;
  auto after = matches.For(coordinator_, person);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->suggestions.size(), 1u);
  EXPECT_TRUE(after->suggestions.front().confirmed);
  ASSERT_EQ(after->decisions.size(), 1u);
  EXPECT_EQ(after->decisions.front().reason, "Zelfde loods");
  EXPECT_EQ(matches.For(far_away_, person).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(matches.Decide(far_away_, {person, other, "rejected", ""}).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(matches.For(signaller_, person).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(CountAudit("match.confirm", "success"), 1);
  EXPECT_EQ(CountAudit("view_matches", "deny"), 2);
  EXPECT_EQ(CountAudit("decide_match", "deny"), 1);
}

TEST_F(CaseServiceTest, CaseWithoutANameHasNothingToLinkOn) {
  MatchService matches(*database_, clock_, audit_, keys_);
  OpenCaseInput in;
  in.region = "VR17";
  in.opened_directly_because = "Aanmelding zonder personalia";
  auto opened = cases_->Open(coordinator_, in);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto found = matches.For(coordinator_, {"person", *opened->record.person});
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_FALSE(found->encoded);
}

}  // namespace
}  // namespace schakel::app::testing
