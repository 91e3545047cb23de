// The access matrix over real HTTP: every route — API and web pages — × every role × the caller's
// relation to the object (own, same organisation, same region, unrelated), with the outcome the
// design
// (../shared/design.md, "Organisations, roles, need-to-know") prescribes. The expectations are
// written out here by hand from the design, not computed from the policy module, so a wrong rule
// in the policy fails this test. A route without a row fails it too.
#include <map>
#include <set>

#include "app/retention_service.h"
#include "security/totp.h"
#include "server_fixture.h"
#include "store/audit_repository.h"
#include "store/organisation_repository.h"

namespace schakel::http {
namespace {

using nlohmann::json;

const char* const kPartnerOrg = "POLITIE-NN";
const char* const kNationalOrg = "SCHAKEL";

// The callers: one per role, plus a second signaller of the same organisation (not the owner of
// the records the first one made) and nobody at all.
struct Caller {
  std::string name;
  std::string organisation;
  std::set<app::Role> roles;
};
const std::vector<Caller>& Callers() {
  static const std::vector<Caller> kCallers = {
      {"admin", "GM0014", {app::Role::kAdmin}},
      {"policy_officer", "GM0014", {app::Role::kPolicyOfficer}},
      {"signaller", "GM0014", {app::Role::kSignaller}},
      {"other_signaller", "GM0014", {app::Role::kSignaller}},
      {"care_coordinator", "GM0014", {app::Role::kCareCoordinator}},
      {"chain_director", "GM0014", {app::Role::kChainDirector}},
      {"partner", kPartnerOrg, {app::Role::kPartner}},
      {"monitor", kNationalOrg, {app::Role::kMonitor}},
      {"auditor", "GM0014", {app::Role::kAuditor}},
      {"anonymous", "", {}},
  };
  return kCallers;
}

// One request and the callers the design allows to make it.
struct Case {
  std::string route;     // the route pattern, as in the route table
  std::string relation;  // own, same_organisation, same_region, unrelated, none
  std::string method;
  std::string path;
  json body;  // JSON for the API; for pages a string "a=1&b=2" (the CSRF token is added)
  std::set<std::string> allowed;  // caller names; "everyone" includes anonymous
};

bool IsPage(const Case& c) {
  return c.path.rfind("/api/", 0) != 0;
}

class AccessMatrixTest : public testing::ServerFixture {
 protected:
  AccessMatrixTest() { serve_pages_ = true; }
  void SetUp() override {
    ServerFixture::SetUp();
    if (HasFatalFailure()) return;
    {
      auto db = database_->Acquire();
      store::OrganisationRepository orgs(*db);
      ASSERT_TRUE(orgs.Upsert({kPartnerOrg, "partner", std::nullopt, "Politie (synthetisch)",
                               "2022-01-01", std::nullopt, std::nullopt})
                      .ok());
      ASSERT_TRUE(orgs.Upsert({kNationalOrg, "national", std::nullopt, "Landelijk (synthetisch)",
                               "2022-01-01", std::nullopt, std::nullopt})
                      .ok());
    }
    auto vr01 = orgs_->List({"municipality", std::string("VR01"), std::nullopt});
    ASSERT_TRUE(vr01.ok());
    for (const auto& m : *vr01) {
      if (m.code != "GM0014") {
        neighbour_ = m.code;  // same safety region as Groningen
        break;
      }
    }
    ASSERT_FALSE(neighbour_.empty());
    for (const Caller& c : Callers()) {
      if (c.name != "anonymous") cookies_[c.name] = LogIn(c);
    }
  }

  // Creates the account, logs in with the one-time password, changes it, enrols the second
  // factor when asked: the session cookie of a fully logged-in user.
  std::string LogIn(const Caller& c) {
    auto issued = identity_->CreateUser(actor_, {c.organisation, c.name, c.name, c.roles});
    EXPECT_TRUE(issued.ok()) << c.name << ": " << issued.error().message;
    auto grant = identity_->Login(c.name, issued->one_time_password, "127.0.0.1");
    const std::string password = "Een lang en eigen wachtwoord 2026";
    auto changed =
        identity_->ChangePassword(grant->token, issued->one_time_password, password, "127.0.0.1");
    EXPECT_TRUE(changed.ok()) << changed.error().message;
    std::string token = changed->token;
    if (changed->stage == app::SessionStage::kTotpEnrol) {
      auto enrolment = identity_->BeginTotpEnrolment(token);
      const auto now = std::chrono::floor<std::chrono::seconds>(clock_.Now());
      auto full = identity_->ConfirmTotpEnrolment(
          token, *security::TotpCode(enrolment->secret_base32, now), "127.0.0.1");
      EXPECT_TRUE(full.ok()) << full.error().message;
      token = full->token;
    }
    return token;
  }

  Reply As(const std::string& caller, const Case& c) {
    httplib::Headers headers;
    std::string csrf;
    if (caller != "anonymous") {
      headers.emplace("Cookie", std::string(kSessionCookieName) + "=" + cookies_.at(caller));
      auto session = identity_->Authenticate(cookies_.at(caller), "127.0.0.1");
      if (session) csrf = session->csrf_token;
    }
    if (!IsPage(c)) {
      return Send(c.method, c.path, c.body.is_null() ? "" : c.body.dump(), "application/json",
                  headers);
    }
    std::string form = c.body.is_string() ? c.body.get<std::string>() : "";
    if (c.method == "POST") form += (form.empty() ? "csrf=" : "&csrf=") + csrf;
    return Send(c.method, c.path, form, "application/x-www-form-urlencoded", headers);
  }

  // Runs every case as every caller and checks the outcome the case prescribes. Pages answer a
  // refusal with 403 and nobody with a redirect to the login page; the API with 403 and 401.
  void Check(const std::vector<Case>& cases) {
    const int64_t denials_before = DenialsInAudit();
    int64_t expected_denials = 0;
    for (const Case& c : cases) {
      for (const Caller& caller : Callers()) {
        const bool allowed = c.allowed.count(caller.name) > 0;
        const Reply r = As(caller.name, c);
        const std::string location =
            r.headers.count("Location") ? r.headers.find("Location")->second : "";
        const bool to_login = r.status == 303 && location.rfind("/inloggen", 0) == 0;
        const std::string what = caller.name + " " + c.method + " " + c.path + " (" + c.relation +
                                 ") → " + std::to_string(r.status) + " " + location;
        EXPECT_LT(r.status, 500) << what;
        if (c.relation == "public") continue;
        if (allowed) {
          EXPECT_NE(r.status, 401) << what;
          EXPECT_NE(r.status, 403) << what;
          EXPECT_FALSE(to_login) << what;
        } else if (caller.name == "anonymous") {
          if (IsPage(c)) {
            EXPECT_TRUE(to_login) << what;
          } else {
            EXPECT_EQ(r.status, 401) << what;
          }
        } else {
          EXPECT_EQ(r.status, 403) << what;
          ++expected_denials;
        }
      }
    }
    // Every refusal of a logged-in caller is in the audit trail.
    EXPECT_GE(DenialsInAudit() - denials_before, expected_denials);
  }

  std::vector<Case> ApiCases();
  void AddSignalCases(std::vector<Case>& cases, const std::set<std::string>& logged_in);
  std::vector<Case> PageCases();
  void AddSignalPageCases(std::vector<Case>& cases, const std::set<std::string>& logged_in,
                          const std::set<std::string>& everyone);
  // Record linkage: suggestions and decisions (API and signal page).
  void AddMatchCases(std::vector<Case>& cases, bool pages);
  // Two submitted signals of `org` about the same synthetic person, filed by the operator.
  std::pair<std::string, std::string> SuggestedPair(const std::string& org) {
    std::pair<std::string, std::string> ids;
    for (std::string* id : {&ids.first, &ids.second}) {
      app::SignalInput input;
      input.organisation = org;
      input.channel = "staff";
      input.urgency = "normal";
      input.observed_on = "2026-11-01";
      input.forms = {"labour"};
      input.description = "Synthetisch signaal voor de toegangsmatrix";
      input.victim.identity.given_names = "Quokka";
      input.victim.identity.family_name = "Zwavelstok-" + org;
      input.victim.identity.date_of_birth = "1991-04-05";
      auto created = signals_->Create(actor_, input);
      EXPECT_TRUE(created.ok()) << created.error().message;
      *id = created->facts.id;
    }
    return ids;
  }

  int64_t Assessment(const std::string& org, const std::string& period) {
    auto a = kader_->Create(org, period, "2021-concept", actor_);
    EXPECT_TRUE(a.ok()) << a.error().message;
    EXPECT_TRUE(
        kader_->Answer(a->record.id, {{"policy.basis.embedded", "met", "", "t"}}, actor_).ok());
    return a->record.id;
  }

  // A person registered by `creator` (a caller name) or, without one, by the operator.
  std::string Person(const std::string& org, const std::string& creator) {
    app::PersonInput input;
    input.organisation = org;
    input.identity.family_name = "Testpersoon-" + org;
    input.identity.date_of_birth = "1990-02-03";
    app::Actor who = actor_;
    if (!creator.empty()) {
      who = identity_->Authenticate(cookies_.at(creator), "127.0.0.1")->actor;
    }
    auto p = persons_->Create(who, input);
    EXPECT_TRUE(p.ok()) << p.error().message;
    return p->facts.id;
  }

  // A submitted signal for `org` filed by `creator` (a caller name) or by the operator; with
  // `draft`, the creator's unsubmitted draft.
  std::string Signal(const std::string& org, const std::string& creator, bool draft = false) {
    app::SignalInput input;
    input.organisation = org;
    input.channel = "staff";
    input.urgency = "normal";
    input.observed_on = "2026-11-01";
    input.forms = {"labour"};
    input.description = "Synthetisch signaal voor de toegangsmatrix";
    app::Actor who = actor_;
    if (!creator.empty()) {
      who = identity_->Authenticate(cookies_.at(creator), "127.0.0.1")->actor;
    }
    auto s = draft ? signals_->SaveDraft(who, "", input) : signals_->Create(who, input);
    EXPECT_TRUE(s.ok()) << s.error().message;
    return s->facts.id;
  }
  // Kader in practice: records of `org` made by the operator.
  int64_t TrainingSession(const std::string& org) {
    app::TrainingSessionInput in{org,     "Signalen",   "training",
                                 "staff", "Wmo",        "2026-06-01",
                                 1,       std::nullopt, {{"Anna", "consulent", ""}}};
    auto s = training_->AddSession(in, actor_);
    EXPECT_TRUE(s.ok()) << s.error().message;
    return s->id;
  }
  int64_t ScanPlace(const std::string& org) {
    auto p = scan_->AddPlace({org, "Wasstraat", "car_wash", "Noord", "", "toezicht", "medium",
                              "reden", "Team", "2027-06-01"},
                             actor_);
    EXPECT_TRUE(p.ok()) << p.error().message;
    return p->place.id;
  }
  // A practice of `org`, published to `scope` unless that is empty.
  int64_t Practice(const std::string& org, const std::string& scope) {
    auto p = practices_->Create({org,
                                 "Praktijk " + org,
                                 "p",
                                 "a",
                                 "partners",
                                 "r",
                                 "nodig",
                                 "Team",
                                 {"labour"},
                                 {"signalling"},
                                 {"toezicht"}},
                                actor_);
    EXPECT_TRUE(p.ok()) << p.error().message;
    if (!scope.empty()) {
      EXPECT_TRUE(practices_->Publish(p->id, scope, actor_).ok());
    }
    return p->id;
  }
  // The rows of the Kader-in-practice API routes.
  std::vector<Case> PracticeApiCases(const std::set<std::string>& logged_in);
  void AddInsightPageCases(std::vector<Case>& cases);
  std::vector<Case> PracticePageCases(const std::set<std::string>& logged_in);
  // Care cases (case core): the API and page rows.
  void AddCaseCases(std::vector<Case>& cases);
  void AddCasePageCases(std::vector<Case>& cases);
  // Care coordination, part 2 (care-shelter): shelters, placements, referrals.
  void AddShelterCases(std::vector<Case>& cases, bool pages);
  int64_t ShelterIn(const std::string& region) {
    auto s = shelters_->Add({"Opvang " + region, "omm", region, 4}, actor_);
    EXPECT_TRUE(s.ok()) << s.error().message;
    return s->id;
  }
  // Care coordination: sharing grants, the partner's view, case conferences.
  void AddSharingCases(std::vector<Case>& cases, const std::set<std::string>& logged_in);
  void AddSharingPageCases(std::vector<Case>& cases, const std::set<std::string>& logged_in);
  // Shelter placements of a case (API and pages).
  void AddPlacementCases(std::vector<Case>& cases, bool pages);
  // Referrals and transfers: the API (pages false) or the page rows.
  void AddReferralCases(std::vector<Case>& cases, const std::set<std::string>& logged_in,
                        bool pages);
  // A referral of `case_id` made by `caller` (the operator when empty): to a partner, or, with
  // `region`, a transfer to that region.
  std::string ReferralOf(const std::string& case_id, const std::string& to,
                         const std::string& region, const std::string& caller) {
    app::ReferralInput in;
    in.kind = region.empty() ? "referral" : "transfer";
    in.to_organisation = to;
    in.to_region = region;
    in.field_groups = {"case_facts"};
    in.consent_recorded = true;
    auto r = referrals_->Create(caller.empty() ? actor_ : ActorOf(caller), case_id, in);
    EXPECT_TRUE(r.ok()) << r.error().field << ": " << r.error().message;
    return r.ok() ? r->record.id : "";
  }
  app::Actor ActorOf(const std::string& caller) {
    return identity_->Authenticate(cookies_.at(caller), "127.0.0.1")->actor;
  }
  // A case of `region` opened directly by `caller` (the operator when empty).
  std::string CareCase(const std::string& region, const std::string& caller) {
    app::OpenCaseInput in;
    in.region = region;
    in.opened_directly_because = "Synthetische zaak voor de toegangsmatrix";
    in.forms = {"labour"};
    auto opened = cases_->Open(caller.empty() ? actor_ : ActorOf(caller), in);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return opened.ok() ? opened->record.id : "";
  }
  // Retention: a case closed long ago whose identifying data the retention job erased; its
  // page must still render (with the notice) for the region's care coordinators.
  std::string ErasedCase(const std::string& region) {
    const std::string id = CareCase(region, "");
    auto db = database_->Acquire();
    EXPECT_TRUE(db->Execute("UPDATE cases SET state = 'closed', closed_on = '2019-01-15', "
                            "closing_reason = 'care_completed' WHERE id = ?",
                            {store::Text(id)})
                    .ok());
    app::RetentionService retention(*database_, clock_, audit_, care::testing::ShippedCareData());
    auto run = retention.Run(actor_, false);
    EXPECT_TRUE(run.ok() && !run->items.empty()) << (run.ok() ? "" : run.error().message);
    return id;
  }
  std::string GrantTo(const std::string& case_id, const std::string& partner) {
    app::GrantInput in{partner, "Onderzoek", "AVG art. 6 lid 1e", {"case_facts"}, "2099-12-31",
                       true,    ""};
    auto g = sharing_->Grant(ActorOf("care_coordinator"), case_id, in);
    EXPECT_TRUE(g.ok()) << g.error().message;
    return g.ok() ? g->record.id : "";
  }
  std::string Conference(const std::string& region, const std::string& participant,
                         const std::string& case_id) {
    auto c =
        conferences_->Create(actor_, {region, "2026-12-01", "Overleg", {participant}, {case_id}});
    EXPECT_TRUE(c.ok()) << c.error().message;
    return c.ok() ? c->summary.id : "";
  }

  int64_t DenialsInAudit() {
    auto db = database_->Acquire();
    store::AuditQuery q;
    q.result = "deny";
    q.limit = 1000000;  // every denial: the matrix makes well over the default page of 1000
    return static_cast<int64_t>(store::AuditRepository(*db).Find(q)->size());
  }

  static constexpr const char* kSessionCookieName = "schakel_session";
  std::map<std::string, std::string> cookies_;
  std::string neighbour_;
};

std::vector<Case> AccessMatrixTest::ApiCases() {
  const std::set<std::string> everyone = {
      "admin",          "policy_officer", "signaller", "other_signaller", "care_coordinator",
      "chain_director", "partner",        "monitor",   "auditor",         "anonymous"};
  std::set<std::string> logged_in = everyone;
  logged_in.erase("anonymous");
  const std::set<std::string> po_cd = {"policy_officer", "chain_director"};

  const int64_t own_a = Assessment("GM0014", "2026-Q1");
  const int64_t own_b = Assessment("GM0014", "2026-Q2");
  const int64_t region_a = Assessment(neighbour_, "2026-Q1");
  const int64_t region_b = Assessment(neighbour_, "2026-Q2");
  const int64_t far_a = Assessment("GM0363", "2026-Q1");
  const int64_t far_b = Assessment("GM0363", "2026-Q2");
  const std::string own_person = Person("GM0014", "signaller");
  const std::string region_person = Person(neighbour_, "");
  const std::string far_person = Person("GM0363", "");
  auto a = [](int64_t id) { return "/api/v1/assessments/" + std::to_string(id); };
  auto p = [](const std::string& id) { return "/api/v1/persons/" + id; };
  const json answer = {{"status", "met"}};
  const json answers = {{"answers", {{{"criterion", "policy.basis.embedded"}, {"status", "met"}}}}};
  const json person = {{"family_name", "Nieuw"}, {"date_of_birth", "1991-04-05"}};
  auto person_of = [&](const std::string& org) {
    json b = person;
    b["organisation"] = org;
    return b;
  };
  const json search = {{"family_name", "Testpersoon-GM0014"}, {"date_of_birth", "1990-02-03"}};

  std::vector<Case> cases = {
      {"/api/v1/health", "none", "GET", "/api/v1/health", nullptr, everyone},
      {"/api/v1/frameworks", "none", "GET", "/api/v1/frameworks", nullptr, everyone},
      {"/api/v1/frameworks/{id}", "none", "GET", "/api/v1/frameworks/2021-concept", nullptr,
       everyone},
      {"/api/v1/organisations", "none", "GET", "/api/v1/organisations", nullptr, everyone},
      {"/api/v1/organisations/{code}", "none", "GET", "/api/v1/organisations/GM0363", nullptr,
       everyone},
      // Assessments: the municipality's policy officers; the region's chain director reads.
      {"/api/v1/assessments", "none", "GET", "/api/v1/assessments", nullptr, logged_in},
      {"/api/v1/assessments", "own", "GET", "/api/v1/assessments?organisation=GM0014", nullptr,
       po_cd},
      {"/api/v1/assessments",
       "same_region",
       "GET",
       "/api/v1/assessments?organisation=" + neighbour_,
       nullptr,
       {"chain_director"}},
      {"/api/v1/assessments",
       "unrelated",
       "GET",
       "/api/v1/assessments?organisation=GM0363",
       nullptr,
       {}},
      {"/api/v1/assessments",
       "own",
       "POST",
       "/api/v1/assessments",
       {{"organisation", "GM0014"}, {"period", "2027"}},
       {"policy_officer"}},
      {"/api/v1/assessments",
       "same_region",
       "POST",
       "/api/v1/assessments",
       {{"organisation", neighbour_}, {"period", "2027"}},
       {}},
      {"/api/v1/assessments",
       "unrelated",
       "POST",
       "/api/v1/assessments",
       {{"organisation", "GM0363"}, {"period", "2027"}},
       {}},
      {"/api/v1/assessments/{id}", "own", "GET", a(own_a), nullptr, po_cd},
      {"/api/v1/assessments/{id}", "same_region", "GET", a(region_a), nullptr, {"chain_director"}},
      {"/api/v1/assessments/{id}", "unrelated", "GET", a(far_a), nullptr, {}},
      {"/api/v1/assessments/{id}/answers",
       "own",
       "POST",
       a(own_a) + "/answers",
       answers,
       {"policy_officer"}},
      {"/api/v1/assessments/{id}/answers",
       "same_region",
       "POST",
       a(region_a) + "/answers",
       answers,
       {}},
      {"/api/v1/assessments/{id}/answers", "unrelated", "POST", a(far_a) + "/answers", answers, {}},
      {"/api/v1/assessments/{id}/answers/{criterion}",
       "own",
       "PUT",
       a(own_a) + "/answers/policy.basis.embedded",
       answer,
       {"policy_officer"}},
      {"/api/v1/assessments/{id}/answers/{criterion}",
       "same_region",
       "PUT",
       a(region_a) + "/answers/policy.basis.embedded",
       answer,
       {}},
      {"/api/v1/assessments/{id}/answers/{criterion}",
       "unrelated",
       "PUT",
       a(far_a) + "/answers/policy.basis.embedded",
       answer,
       {}},
      {"/api/v1/comparisons", "own", "GET",
       "/api/v1/comparisons?from=" + std::to_string(own_a) + "&to=" + std::to_string(own_b),
       nullptr, po_cd},
      {"/api/v1/comparisons",
       "same_region",
       "GET",
       "/api/v1/comparisons?from=" + std::to_string(region_a) + "&to=" + std::to_string(region_b),
       nullptr,
       {"chain_director"}},
      {"/api/v1/comparisons",
       "unrelated",
       "GET",
       "/api/v1/comparisons?from=" + std::to_string(far_a) + "&to=" + std::to_string(far_b),
       nullptr,
       {}},
      {"/api/v1/assessments/{id}/submit",
       "own",
       "POST",
       a(own_b) + "/submit",
       json::object(),
       {"policy_officer"}},
      {"/api/v1/assessments/{id}/submit",
       "same_region",
       "POST",
       a(region_b) + "/submit",
       json::object(),
       {}},
      {"/api/v1/assessments/{id}/submit",
       "unrelated",
       "POST",
       a(far_b) + "/submit",
       json::object(),
       {}},
      // Roll-ups: aggregates for the region's policy officers and chain director, and monitors.
      {"/api/v1/rollup",
       "own",
       "GET",
       "/api/v1/rollup?region=VR01",
       nullptr,
       {"policy_officer", "chain_director", "monitor"}},
      {"/api/v1/rollup", "unrelated", "GET", "/api/v1/rollup?region=VR13", nullptr, {"monitor"}},
      {"/api/v1/rollup",
       "none",
       "GET",
       "/api/v1/rollup",
       nullptr,
       {"policy_officer", "chain_director", "monitor"}},
      // Persons: registered by signallers of the organisation and the region's care
      // coordinators; read and changed by those coordinators and the signaller who registered.
      {"/api/v1/persons",
       "own",
       "POST",
       "/api/v1/persons",
       person_of("GM0014"),
       {"signaller", "other_signaller", "care_coordinator"}},
      {"/api/v1/persons",
       "same_region",
       "POST",
       "/api/v1/persons",
       person_of(neighbour_),
       {"care_coordinator"}},
      {"/api/v1/persons", "unrelated", "POST", "/api/v1/persons", person_of("GM0363"), {}},
      {"/api/v1/persons/{id}",
       "own",
       "GET",
       p(own_person),
       nullptr,
       {"signaller", "care_coordinator"}},
      {"/api/v1/persons/{id}",
       "same_region",
       "GET",
       p(region_person),
       nullptr,
       {"care_coordinator"}},
      {"/api/v1/persons/{id}", "unrelated", "GET", p(far_person), nullptr, {}},
      {"/api/v1/persons/{id}",
       "own",
       "PUT",
       p(own_person),
       person,
       {"signaller", "care_coordinator"}},
      {"/api/v1/persons/{id}",
       "same_region",
       "PUT",
       p(region_person),
       person,
       {"care_coordinator"}},
      {"/api/v1/persons/{id}", "unrelated", "PUT", p(far_person), person, {}},
      {"/api/v1/persons/search",
       "own",
       "POST",
       "/api/v1/persons/search",
       search,
       {"signaller", "other_signaller", "care_coordinator"}},
  };
  AddSignalCases(cases, logged_in);
  AddMatchCases(cases, false);  // record linkage
  for (Case& c : PracticeApiCases(logged_in)) cases.push_back(std::move(c));
  AddCaseCases(cases);
  AddShelterCases(cases, false);  // care-shelter
  AddSharingCases(cases, logged_in);
  AddPlacementCases(cases, false);            // placements
  AddReferralCases(cases, logged_in, false);  // referrals and transfers
  return cases;
}

// Care cases: only the care coordinators serving the case's region (VR01 for GM0014) open, read
// and change a case; nobody else, and nobody for a case of another region.
void AccessMatrixTest::AddCaseCases(std::vector<Case>& cases) {
  const std::set<std::string> coordinator = {"care_coordinator"};
  const std::string own = CareCase("VR01", "care_coordinator");
  const std::string region = CareCase("VR01", "");
  const std::string far = CareCase("VR13", "");
  auto c = [](const std::string& id) { return "/api/v1/cases/" + id; };
  const json direct = {{"region", "VR01"}, {"opened_directly_because", "Synthetisch"}};
  const json far_direct = {{"region", "VR13"}, {"opened_directly_because", "Synthetisch"}};
  const json close = {{"transition", "close"}, {"closing_reason", "duplicate"}};
  const json consent = {{"recorded", true}};
  const json item = {{"domain", "safety"}, {"responsible_organisation", "Politie"}};
  const json status = {{"status", "in_progress"}};
  const json start = {{"start", "2026-11-02"}};
  const json outcome = {{"outcome", "none"}};
  const std::string no_item = "/plan-items/00000000-0000-4000-8000-000000000000";
  std::vector<Case> more = {
      {"/api/v1/cases", "none", "GET", "/api/v1/cases", nullptr, coordinator},
      {"/api/v1/cases", "own", "POST", "/api/v1/cases", direct, coordinator},
      {"/api/v1/cases", "unrelated", "POST", "/api/v1/cases", far_direct, {}},
      {"/api/v1/cases/{id}", "own", "GET", c(own), nullptr, coordinator},
      {"/api/v1/cases/{id}", "same_region", "GET", c(region), nullptr, coordinator},
      {"/api/v1/cases/{id}", "unrelated", "GET", c(far), nullptr, {}},
      {"/api/v1/cases/{id}/consent", "own", "PUT", c(own) + "/consent", consent, coordinator},
      {"/api/v1/cases/{id}/consent", "unrelated", "PUT", c(far) + "/consent", consent, {}},
      {"/api/v1/cases/{id}/plan-items", "own", "POST", c(own) + "/plan-items", item, coordinator},
      {"/api/v1/cases/{id}/plan-items", "unrelated", "POST", c(far) + "/plan-items", item, {}},
      {"/api/v1/cases/{id}/plan-items/{item}", "own", "PUT", c(own) + no_item, status, coordinator},
      {"/api/v1/cases/{id}/plan-items/{item}", "unrelated", "PUT", c(far) + no_item, status, {}},
      {"/api/v1/cases/{id}/reflection-period", "own", "POST", c(own) + "/reflection-period", start,
       coordinator},
      {"/api/v1/cases/{id}/reflection-period",
       "unrelated",
       "POST",
       c(far) + "/reflection-period",
       start,
       {}},
      {"/api/v1/cases/{id}/reflection-period/outcome", "own", "POST",
       c(own) + "/reflection-period/outcome", outcome, coordinator},
      {"/api/v1/cases/{id}/reflection-period/outcome",
       "unrelated",
       "POST",
       c(far) + "/reflection-period/outcome",
       outcome,
       {}},
      {"/api/v1/cases/{id}/registration", "own", "GET", c(own) + "/registration", nullptr,
       coordinator},
      {"/api/v1/cases/{id}/registration",
       "unrelated",
       "GET",
       c(far) + "/registration?format=csv",
       nullptr,
       {}},
      {"/api/v1/cases/{id}/registration", "own", "POST", c(own) + "/registration", json::object(),
       coordinator},
      {"/api/v1/cases/{id}/registration",
       "unrelated",
       "POST",
       c(far) + "/registration",
       json::object(),
       {}},
      // Last: closing ends what the rows above change.
      {"/api/v1/cases/{id}/transitions", "own", "POST", c(own) + "/transitions", close,
       coordinator},
      {"/api/v1/cases/{id}/transitions", "same_region", "POST", c(region) + "/transitions", close,
       coordinator},
      {"/api/v1/cases/{id}/transitions", "unrelated", "POST", c(far) + "/transitions", close, {}},
  };
  for (Case& row : more) cases.push_back(std::move(row));
}

// Signals: filed by the organisation's signallers and the region's care coordinators; content
// and triage for those coordinators; a signaller follows the status of their own signals; a
// draft is its author's alone.
void AccessMatrixTest::AddSignalCases(std::vector<Case>& cases,
                                      const std::set<std::string>& logged_in) {
  const std::set<std::string> coordinator = {"care_coordinator"};
  const std::set<std::string> filers = {"signaller", "other_signaller", "care_coordinator"};
  auto s = [](const std::string& id) { return "/api/v1/signals/" + id; };
  auto signal_of = [](const std::string& org) {
    return json{{"organisation", org},     {"channel", "staff"},
                {"urgency", "normal"},     {"observed_on", "2026-11-02"},
                {"forms", json{"sexual"}}, {"description", "Synthetisch"}};
  };
  const json findings = {{"act", {{"state", "present"}}},
                         {"means", {{"state", "unknown"}}},
                         {"purpose", {{"state", "present"}}}};
  const std::string own = Signal("GM0014", "signaller");
  const std::string region = Signal(neighbour_, "");
  const std::string far = Signal("GM0363", "");
  const std::string own_to_close = Signal("GM0014", "signaller");
  const std::string region_to_close = Signal(neighbour_, "");
  const std::string far_to_close = Signal("GM0363", "");
  const std::string draft = Signal("GM0014", "signaller", true);
  const std::string draft_to_submit = Signal("GM0014", "signaller", true);
  std::vector<Case> more = {
      {"/api/v1/signals", "own", "POST", "/api/v1/signals", signal_of("GM0014"), filers},
      {"/api/v1/signals", "same_region", "POST", "/api/v1/signals", signal_of(neighbour_),
       coordinator},
      {"/api/v1/signals", "unrelated", "POST", "/api/v1/signals", signal_of("GM0363"), {}},
      {"/api/v1/signals/drafts", "own", "POST", "/api/v1/signals/drafts", signal_of("GM0014"),
       filers},
      {"/api/v1/signals/drafts",
       "unrelated",
       "POST",
       "/api/v1/signals/drafts",
       signal_of("GM0363"),
       {}},
      {"/api/v1/signals/drafts/{id}",
       "own",
       "PUT",
       s("drafts/" + draft),
       signal_of("GM0014"),
       {"signaller"}},
      {"/api/v1/signals/drafts/{id}/submit",
       "own",
       "POST",
       s("drafts/" + draft_to_submit) + "/submit",
       json::object(),
       {"signaller"}},
      {"/api/v1/signals/mine", "none", "GET", "/api/v1/signals/mine", nullptr, logged_in},
      {"/api/v1/signals/inbox", "none", "GET", "/api/v1/signals/inbox", nullptr, coordinator},
      {"/api/v1/signals/{id}", "own", "GET", s(own), nullptr, coordinator},
      {"/api/v1/signals/{id}", "same_region", "GET", s(region), nullptr, coordinator},
      {"/api/v1/signals/{id}", "unrelated", "GET", s(far), nullptr, {}},
      {"/api/v1/signals/{id}/status",
       "own",
       "GET",
       s(own) + "/status",
       nullptr,
       {"signaller", "care_coordinator"}},
      {"/api/v1/signals/{id}/status", "same_region", "GET", s(region) + "/status", nullptr,
       coordinator},
      {"/api/v1/signals/{id}/status", "unrelated", "GET", s(far) + "/status", nullptr, {}},
      {"/api/v1/signals/{id}/assessment", "own", "POST", s(own) + "/assessment", findings,
       coordinator},
      {"/api/v1/signals/{id}/assessment", "same_region", "POST", s(region) + "/assessment",
       findings, coordinator},
      {"/api/v1/signals/{id}/assessment",
       "unrelated",
       "POST",
       s(far) + "/assessment",
       findings,
       {}},
      {"/api/v1/signals/{id}/forward",
       "own",
       "POST",
       s(own) + "/forward",
       {{"target", "care_coordinator"}},
       coordinator},
      {"/api/v1/signals/{id}/forward",
       "same_region",
       "POST",
       s(region) + "/forward",
       {{"target", "care_coordinator"}},
       coordinator},
      {"/api/v1/signals/{id}/forward",
       "unrelated",
       "POST",
       s(far) + "/forward",
       {{"target", "care_coordinator"}},
       {}},
      {"/api/v1/signals/{id}/close",
       "own",
       "POST",
       s(own_to_close) + "/close",
       {{"reason", "duplicate"}},
       coordinator},
      {"/api/v1/signals/{id}/close",
       "same_region",
       "POST",
       s(region_to_close) + "/close",
       {{"reason", "duplicate"}},
       coordinator},
      {"/api/v1/signals/{id}/close",
       "unrelated",
       "POST",
       s(far_to_close) + "/close",
       {{"reason", "duplicate"}},
       {}},
  };
  for (Case& c : more) cases.push_back(std::move(c));
}

// Who reads a practice published to the region of GM0014: every user of GM0014 (the partner and
// the national monitor belong to no region of it).
std::set<std::string> Gm0014Users() {
  return {"admin",          "policy_officer", "signaller", "other_signaller", "care_coordinator",
          "chain_director", "auditor"};
}

std::vector<Case> AccessMatrixTest::PracticeApiCases(const std::set<std::string>& logged_in) {
  const std::set<std::string> po = {"policy_officer"};
  const std::set<std::string> po_cd = {"policy_officer", "chain_director"};
  const std::string own_session = std::to_string(TrainingSession("GM0014"));
  const std::string far_session = std::to_string(TrainingSession("GM0363"));
  const std::string own_place = std::to_string(ScanPlace("GM0014"));
  const std::string region_place = std::to_string(ScanPlace(neighbour_));
  const std::string far_place = std::to_string(ScanPlace("GM0363"));
  const std::string own_draft = std::to_string(Practice("GM0014", ""));
  const std::string own_to_publish = std::to_string(Practice("GM0014", ""));
  const std::string region_published = std::to_string(Practice(neighbour_, "region"));
  const std::string far_national = std::to_string(Practice("GM0363", "national"));
  const std::string far_draft = std::to_string(Practice("GM0363", ""));
  const std::string own_a = std::to_string(Assessment("GM0014", "2024-Q1"));
  const std::string region_a = std::to_string(Assessment(neighbour_, "2024-Q1"));
  const std::string far_a = std::to_string(Assessment("GM0363", "2024-Q1"));
  auto session_of = [](const std::string& org) {
    return json{{"organisation", org},
                {"title", "Training"},
                {"format", "training"},
                {"audience", "staff"},
                {"held_on", "2026-06-01"},
                {"participants", 1},
                {"attendees", {{{"staff_name", "Bram"}, {"department", "Wmo"}}}}};
  };
  auto department_of = [](const std::string& org) {
    return json{{"organisation", org}, {"department", "Wmo"}, {"relevant_staff", 5}};
  };
  auto place_of = [](const std::string& org) {
    return json{{"organisation", org},     {"name", "Hotel"},       {"sector", "hotel"},
                {"neighbourhood", "Zuid"}, {"sources", "toezicht"}, {"risk", "low"},
                {"reasoning", "rustig"},   {"owner", "Team"},       {"review_due", "2027-06-01"}};
  };
  const json review = {
      {"risk", "high"}, {"reasoning", "nieuw signaal"}, {"review_due", "2027-02-01"}};
  auto practice_of = [](const std::string& org) {
    return json{{"organisation", org}, {"title", "Nieuwe praktijk"}, {"blocks", {"awareness"}}};
  };
  const json publish = {{"scope", "region"}};
  const std::string training = "/api/v1/training";
  const std::string scan = "/api/v1/environment-scan";
  const std::string practices = "/api/v1/practices";
  return {
      {training, "own", "GET", training + "?organisation=GM0014", nullptr, po},
      {training, "unrelated", "GET", training + "?organisation=GM0363", nullptr, {}},
      {"/api/v1/training/sessions", "own", "POST", training + "/sessions", session_of("GM0014"),
       po},
      {"/api/v1/training/sessions",
       "unrelated",
       "POST",
       training + "/sessions",
       session_of("GM0363"),
       {}},
      {"/api/v1/training/sessions/{id}", "own", "GET", training + "/sessions/" + own_session,
       nullptr, po},
      {"/api/v1/training/sessions/{id}",
       "unrelated",
       "GET",
       training + "/sessions/" + far_session,
       nullptr,
       {}},
      {"/api/v1/training/departments", "own", "POST", training + "/departments",
       department_of("GM0014"), po},
      {"/api/v1/training/departments",
       "unrelated",
       "POST",
       training + "/departments",
       department_of("GM0363"),
       {}},
      {scan, "own", "GET", scan + "?organisation=GM0014", nullptr, po_cd},
      {scan,
       "same_region",
       "GET",
       scan + "?organisation=" + neighbour_,
       nullptr,
       {"chain_director"}},
      {scan, "unrelated", "GET", scan + "?organisation=GM0363", nullptr, {}},
      {"/api/v1/environment-scan/places", "own", "POST", scan + "/places", place_of("GM0014"), po},
      {"/api/v1/environment-scan/places",
       "same_region",
       "POST",
       scan + "/places",
       place_of(neighbour_),
       {}},
      {"/api/v1/environment-scan/places/{id}", "own", "GET", scan + "/places/" + own_place, nullptr,
       po_cd},
      {"/api/v1/environment-scan/places/{id}",
       "same_region",
       "GET",
       scan + "/places/" + region_place,
       nullptr,
       {"chain_director"}},
      {"/api/v1/environment-scan/places/{id}",
       "unrelated",
       "GET",
       scan + "/places/" + far_place,
       nullptr,
       {}},
      {"/api/v1/environment-scan/places/{id}/reviews", "own", "POST",
       scan + "/places/" + own_place + "/reviews", review, po},
      {"/api/v1/environment-scan/places/{id}/reviews",
       "same_region",
       "POST",
       scan + "/places/" + region_place + "/reviews",
       review,
       {}},
      {practices, "none", "GET", practices + "?form=labour", nullptr, logged_in},
      {practices, "own", "GET", practices + "?organisation=GM0014", nullptr, po},
      {practices, "unrelated", "GET", practices + "?organisation=GM0363", nullptr, {}},
      {practices, "own", "POST", practices, practice_of("GM0014"), po},
      {practices, "unrelated", "POST", practices, practice_of("GM0363"), {}},
      {"/api/v1/practices/{id}", "own", "GET", practices + "/" + own_draft, nullptr, po},
      {"/api/v1/practices/{id}", "same_region", "GET", practices + "/" + region_published, nullptr,
       Gm0014Users()},
      {"/api/v1/practices/{id}", "unrelated", "GET", practices + "/" + far_national, nullptr,
       logged_in},
      {"/api/v1/practices/{id}", "unrelated", "GET", practices + "/" + far_draft, nullptr, {}},
      {"/api/v1/practices/{id}", "own", "PUT", practices + "/" + own_draft, practice_of("GM0014"),
       po},
      {"/api/v1/practices/{id}",
       "same_region",
       "PUT",
       practices + "/" + region_published,
       practice_of(neighbour_),
       {}},
      {"/api/v1/practices/{id}/publish", "own", "POST",
       practices + "/" + own_to_publish + "/publish", publish, po},
      {"/api/v1/practices/{id}/publish",
       "unrelated",
       "POST",
       practices + "/" + far_draft + "/publish",
       publish,
       {}},
      {"/api/v1/assessments/{id}/evidence", "own", "GET",
       "/api/v1/assessments/" + own_a + "/evidence", nullptr, po_cd},
      {"/api/v1/assessments/{id}/evidence",
       "same_region",
       "GET",
       "/api/v1/assessments/" + region_a + "/evidence",
       nullptr,
       {"chain_director"}},
      {"/api/v1/assessments/{id}/evidence",
       "unrelated",
       "GET",
       "/api/v1/assessments/" + far_a + "/evidence",
       nullptr,
       {}},
  };
}

std::vector<Case> AccessMatrixTest::PracticePageCases(const std::set<std::string>& logged_in) {
  const std::set<std::string> po = {"policy_officer"};
  const std::set<std::string> po_cd = {"policy_officer", "chain_director"};
  const std::string places = "/kader/omgevingsscan/plekken/";
  const std::string own_place = places + std::to_string(ScanPlace("GM0014"));
  const std::string region_place = places + std::to_string(ScanPlace(neighbour_));
  const std::string far_place = places + std::to_string(ScanPlace("GM0363"));
  const std::string own_draft = "/praktijken/" + std::to_string(Practice("GM0014", ""));
  const std::string own_to_publish = "/praktijken/" + std::to_string(Practice("GM0014", ""));
  const std::string region_published =
      "/praktijken/" + std::to_string(Practice(neighbour_, "region"));
  const std::string far_national = "/praktijken/" + std::to_string(Practice("GM0363", "national"));
  const std::string far_draft = "/praktijken/" + std::to_string(Practice("GM0363", ""));
  const std::string session =
      "title=Training&format=training&audience=staff&department=Wmo&held_on=2026-06-01&"
      "attendees=Anna%3B+consulent%3B+Wmo";
  const std::string place =
      "name=Hotel&sector=hotel&neighbourhood=Zuid&sources=toezicht&owner=Team&risk=low&"
      "reasoning=rustig&review_due=2027-06-01";
  const std::string review = "risk=high&reasoning=nieuw&review_due=2027-02-01";
  return {
      {"/kader/training", "own", "GET", "/kader/training", nullptr, po},
      {"/kader/training/sessies", "own", "POST", "/kader/training/sessies", session, po},
      {"/kader/training/afdelingen", "own", "POST", "/kader/training/afdelingen",
       "afdeling=Wmo&relevant_staff=5", po},
      {"/kader/omgevingsscan", "own", "GET", "/kader/omgevingsscan", nullptr, po_cd},
      {"/kader/omgevingsscan",
       "same_region",
       "GET",
       "/kader/omgevingsscan?gemeente=" + neighbour_,
       nullptr,
       {"chain_director"}},
      {"/kader/omgevingsscan",
       "unrelated",
       "GET",
       "/kader/omgevingsscan?gemeente=GM0363",
       nullptr,
       {}},
      {"/kader/omgevingsscan/plekken", "own", "POST", "/kader/omgevingsscan/plekken", place, po},
      {"/kader/omgevingsscan/plekken/{id}", "own", "GET", own_place, nullptr, po_cd},
      {"/kader/omgevingsscan/plekken/{id}",
       "same_region",
       "GET",
       region_place,
       nullptr,
       {"chain_director"}},
      {"/kader/omgevingsscan/plekken/{id}", "unrelated", "GET", far_place, nullptr, {}},
      {"/kader/omgevingsscan/plekken/{id}/beoordelingen", "own", "POST",
       own_place + "/beoordelingen", review, po},
      {"/kader/omgevingsscan/plekken/{id}/beoordelingen",
       "same_region",
       "POST",
       region_place + "/beoordelingen",
       review,
       {}},
      {"/praktijken", "none", "GET", "/praktijken?vorm=labour", nullptr, logged_in},
      {"/praktijken/nieuw", "own", "GET", "/praktijken/nieuw", nullptr, po},
      {"/praktijken", "own", "POST", "/praktijken", "title=Nieuw&blocks=awareness", po},
      {"/praktijken/{id}", "own", "GET", own_draft, nullptr, po},
      {"/praktijken/{id}", "same_region", "GET", region_published, nullptr, Gm0014Users()},
      {"/praktijken/{id}", "unrelated", "GET", far_national, nullptr, logged_in},
      {"/praktijken/{id}", "unrelated", "GET", far_draft, nullptr, {}},
      {"/praktijken/{id}/bewerken", "own", "GET", own_draft + "/bewerken", nullptr, po},
      {"/praktijken/{id}/bewerken",
       "same_region",
       "GET",
       region_published + "/bewerken",
       nullptr,
       {}},
      {"/praktijken/{id}/bewerken", "unrelated", "GET", far_draft + "/bewerken", nullptr, {}},
      {"/praktijken/{id}/bewerken", "own", "POST", own_draft + "/bewerken",
       "title=Bewerkt&blocks=signalling", po},
      {"/praktijken/{id}/bewerken",
       "same_region",
       "POST",
       region_published + "/bewerken",
       "title=Bewerkt&blocks=signalling",
       {}},
      {"/praktijken/{id}/publiceren", "own", "POST", own_to_publish + "/publiceren", "scope=region",
       po},
      {"/praktijken/{id}/publiceren",
       "unrelated",
       "POST",
       far_draft + "/publiceren",
       "scope=region",
       {}},
  };
}

std::vector<Case> AccessMatrixTest::PageCases() {
  std::set<std::string> logged_in;
  for (const Caller& c : Callers()) {
    if (c.name != "anonymous") logged_in.insert(c.name);
  }
  std::set<std::string> everyone = logged_in;
  everyone.insert("anonymous");
  const std::set<std::string> po_cd = {"policy_officer", "chain_director"};
  const std::set<std::string> admin = {"admin"};
  const std::set<std::string> auditor = {"auditor"};

  const int64_t own_a = Assessment("GM0014", "2025-Q1");
  const int64_t own_b = Assessment("GM0014", "2025-Q2");
  const int64_t region_a = Assessment(neighbour_, "2025-Q1");
  const int64_t region_b = Assessment(neighbour_, "2025-Q2");
  const int64_t far_a = Assessment("GM0363", "2025-Q1");
  const int64_t far_b = Assessment("GM0363", "2025-Q2");
  auto e = [](int64_t id) { return "/kader/evaluaties/" + std::to_string(id); };
  auto compare = [](int64_t a, int64_t b) {
    return "/kader/vergelijken?van=" + std::to_string(a) + "&naar=" + std::to_string(b);
  };
  // Accounts the admin pages act on (never one of the callers, whose sessions must survive).
  auto target = [&](const std::string& org, const std::string& name) {
    auto u = identity_->CreateUser(actor_, {org, name, name, {app::Role::kAuditor}});
    EXPECT_TRUE(u.ok()) << u.error().message;
    return "/beheer/gebruikers/" + u->user.id;
  };
  const std::string own_user = target("GM0014", "doel.groningen");
  const std::string far_user = target("GM0363", "doel.amsterdam");
  auto token = [&](const std::string& org) {
    auto t = identity_->IssueApiToken(
        actor_,
        {org, "doel", {app::Role::kPolicyOfficer}, {app::Action::kViewAssessment}, std::nullopt});
    EXPECT_TRUE(t.ok());
    return "/beheer/tokens/" + t->token.id + "/intrekken";
  };
  const std::string own_token = token("GM0014");
  const std::string far_token = token("GM0363");
  const std::string answer = "status-policy.basis.embedded=met&evidence-policy.basis.embedded=x";
  const std::string new_user =
      "gebruikersnaam=nieuw.{}&naam=Nieuw&rollen=policy_officer";  // {} made unique below
  const std::string new_token =
      "label=Koppeling&rollen=policy_officer&bereik=view_assessment&geldig-tot=2027-01-01";

  std::vector<Case> cases = {
      // Login steps, language and assets: reachable without a session ("public": whatever the
      // answer — a failed login is a 401 page — it is never a server error).
      {"/inloggen", "public", "GET", "/inloggen", nullptr, everyone},
      {"/inloggen", "public", "POST", "/inloggen", "gebruikersnaam=niemand&wachtwoord=fout",
       everyone},
      {"/inloggen/code", "public", "GET", "/inloggen/code", nullptr, everyone},
      {"/inloggen/code", "public", "POST", "/inloggen/code", "code=000000", everyone},
      {"/inloggen/wachtwoord", "public", "GET", "/inloggen/wachtwoord", nullptr, everyone},
      {"/inloggen/wachtwoord", "public", "POST", "/inloggen/wachtwoord", "huidig=x&nieuw=y",
       everyone},
      {"/taal/{lang}", "public", "GET", "/taal/en", nullptr, everyone},
      {"/static/{file}", "public", "GET", "/static/nope.css", nullptr, everyone},
      // One's own account.
      {"/", "none", "GET", "/", nullptr, logged_in},
      {"/account", "own", "GET", "/account", nullptr, logged_in},
      {"/account/wachtwoord", "own", "GET", "/account/wachtwoord", nullptr, logged_in},
      {"/account/wachtwoord", "own", "POST", "/account/wachtwoord",
       "huidig=niet-het-wachtwoord&nieuw=Een+ander+lang+wachtwoord&herhaling=Een+ander+lang+"
       "wachtwoord",
       logged_in},
      {"/account/tweede-factor", "own", "GET", "/account/tweede-factor", nullptr, logged_in},
      {"/account/tweede-factor", "own", "POST", "/account/tweede-factor", "code=000000", logged_in},
      // The Kader pages: the municipality's policy officers; the region's chain director reads.
      {"/kader", "none", "GET", "/kader", nullptr, logged_in},
      {"/kader/evaluaties",
       "own",
       "POST",
       "/kader/evaluaties",
       "gemeente=GM0014&periode=2028",
       {"policy_officer"}},
      {"/kader/evaluaties",
       "same_region",
       "POST",
       "/kader/evaluaties",
       "gemeente=" + neighbour_ + "&periode=2028",
       {}},
      {"/kader/evaluaties",
       "unrelated",
       "POST",
       "/kader/evaluaties",
       "gemeente=GM0363&periode=2028",
       {}},
      {"/kader/evaluaties/{id}", "own", "GET", e(own_a), nullptr, po_cd},
      {"/kader/evaluaties/{id}", "same_region", "GET", e(region_a), nullptr, {"chain_director"}},
      {"/kader/evaluaties/{id}", "unrelated", "GET", e(far_a), nullptr, {}},
      {"/kader/evaluaties/{id}/afdrukken", "own", "GET", e(own_a) + "/afdrukken", nullptr, po_cd},
      {"/kader/evaluaties/{id}/afdrukken",
       "same_region",
       "GET",
       e(region_a) + "/afdrukken",
       nullptr,
       {"chain_director"}},
      {"/kader/evaluaties/{id}/afdrukken",
       "unrelated",
       "GET",
       e(far_a) + "/afdrukken",
       nullptr,
       {}},
      {"/kader/evaluaties/{id}/bouwstenen/{block}",
       "own",
       "GET",
       e(own_a) + "/bouwstenen/policy",
       nullptr,
       {"policy_officer"}},
      {"/kader/evaluaties/{id}/bouwstenen/{block}",
       "unrelated",
       "GET",
       e(far_a) + "/bouwstenen/policy",
       nullptr,
       {}},
      {"/kader/evaluaties/{id}/bouwstenen/{block}",
       "own",
       "POST",
       e(own_a) + "/bouwstenen/policy",
       answer,
       {"policy_officer"}},
      {"/kader/evaluaties/{id}/bouwstenen/{block}",
       "same_region",
       "POST",
       e(region_a) + "/bouwstenen/policy",
       answer,
       {}},
      {"/kader/evaluaties/{id}/bouwstenen/{block}",
       "unrelated",
       "POST",
       e(far_a) + "/bouwstenen/policy",
       answer,
       {}},
      {"/kader/vergelijken", "own", "GET", compare(own_a, own_b), nullptr, po_cd},
      {"/kader/vergelijken",
       "same_region",
       "GET",
       compare(region_a, region_b),
       nullptr,
       {"chain_director"}},
      {"/kader/vergelijken", "unrelated", "GET", compare(far_a, far_b), nullptr, {}},
      {"/kader/evaluaties/{id}/vaststellen",
       "own",
       "GET",
       e(own_b) + "/vaststellen",
       nullptr,
       {"policy_officer"}},
      {"/kader/evaluaties/{id}/vaststellen",
       "unrelated",
       "GET",
       e(far_b) + "/vaststellen",
       nullptr,
       {}},
      {"/kader/evaluaties/{id}/vaststellen",
       "own",
       "POST",
       e(own_b) + "/vaststellen",
       "",
       {"policy_officer"}},
      {"/kader/evaluaties/{id}/vaststellen",
       "same_region",
       "POST",
       e(region_b) + "/vaststellen",
       "",
       {}},
      {"/kader/evaluaties/{id}/vaststellen",
       "unrelated",
       "POST",
       e(far_b) + "/vaststellen",
       "",
       {}},
      {"/overzicht",
       "own",
       "GET",
       "/overzicht?regio=VR01",
       nullptr,
       {"policy_officer", "chain_director", "monitor"}},
      {"/overzicht", "unrelated", "GET", "/overzicht?regio=VR13", nullptr, {"monitor"}},
      // Administration: the organisation's admin; organisations: the installation's admins.
      {"/beheer/gebruikers", "own", "GET", "/beheer/gebruikers", nullptr, admin},
      // A municipality's admin asking for another organisation gets its own (checked below).
      {"/beheer/gebruikers", "own", "GET", "/beheer/gebruikers?organisatie=GM0363", nullptr, admin},
      {"/beheer/gebruikers/nieuw", "own", "GET", "/beheer/gebruikers/nieuw", nullptr, admin},
      {"/beheer/gebruikers/nieuw", "own", "GET", "/beheer/gebruikers/nieuw?organisatie=GM0363",
       nullptr, admin},
      {"/beheer/gebruikers", "own", "POST", "/beheer/gebruikers", new_user, admin},
      {"/beheer/gebruikers", "own", "POST", "/beheer/gebruikers?organisatie=GM0363", new_user,
       admin},
      {"/beheer/gebruikers/{id}", "own", "GET", own_user, nullptr, admin},
      {"/beheer/gebruikers/{id}", "unrelated", "GET", far_user, nullptr, {}},
      {"/beheer/gebruikers/{id}/rollen", "own", "POST", own_user + "/rollen", "rollen=auditor",
       admin},
      {"/beheer/gebruikers/{id}/rollen",
       "unrelated",
       "POST",
       far_user + "/rollen",
       "rollen=auditor",
       {}},
      {"/beheer/gebruikers/{id}/wachtwoord", "own", "POST", own_user + "/wachtwoord", "", admin},
      {"/beheer/gebruikers/{id}/wachtwoord", "unrelated", "POST", far_user + "/wachtwoord", "", {}},
      {"/beheer/gebruikers/{id}/tweede-factor", "own", "POST", own_user + "/tweede-factor", "",
       admin},
      {"/beheer/gebruikers/{id}/tweede-factor",
       "unrelated",
       "POST",
       far_user + "/tweede-factor",
       "",
       {}},
      {"/beheer/gebruikers/{id}/status", "own", "POST", own_user + "/status", "actie=blokkeren",
       admin},
      {"/beheer/gebruikers/{id}/status",
       "unrelated",
       "POST",
       far_user + "/status",
       "actie=blokkeren",
       {}},
      {"/beheer/tokens", "own", "GET", "/beheer/tokens", nullptr, admin},
      {"/beheer/tokens", "own", "GET", "/beheer/tokens?organisatie=GM0363", nullptr, admin},
      {"/beheer/tokens", "own", "POST", "/beheer/tokens", new_token, admin},
      {"/beheer/tokens", "own", "POST", "/beheer/tokens?organisatie=GM0363", new_token, admin},
      {"/beheer/tokens/{id}/intrekken", "own", "POST", own_token, "", admin},
      {"/beheer/tokens/{id}/intrekken", "unrelated", "POST", far_token, "", {}},
      {"/beheer/organisaties", "none", "GET", "/beheer/organisaties", nullptr, {}},
      {"/beheer/organisaties",
       "none",
       "POST",
       "/beheer/organisaties",
       "code=KMAR-NN&naam=KMar",
       {}},
      // The audit log: auditors.
      {"/audit", "none", "GET", "/audit", nullptr, auditor},
      {"/audit/inlogpogingen", "none", "GET", "/audit/inlogpogingen", nullptr, auditor},
      {"/audit/controle", "none", "GET", "/audit/controle", nullptr, auditor},
  };
  for (Case& c : PracticePageCases(logged_in)) cases.push_back(std::move(c));
  AddSignalPageCases(cases, logged_in, everyone);
  AddMatchCases(cases, true);  // record linkage
  AddInsightPageCases(cases);
  AddCasePageCases(cases);
  AddShelterCases(cases, true);  // care-shelter
  AddSharingPageCases(cases, logged_in);
  AddPlacementCases(cases, true);            // placements
  AddReferralCases(cases, logged_in, true);  // referrals and transfers
  // Last: logging out ends the sessions the other rows need.
  cases.push_back({"/uitloggen", "public", "POST", "/uitloggen", "", logged_in});
  // Each allowed account creation needs a fresh username.
  int n = 0;
  for (Case& c : cases) {
    if (c.body.is_string()) {
      std::string b = c.body.get<std::string>();
      if (const size_t at = b.find("{}"); at != std::string::npos) {
        b.replace(at, 2, std::to_string(++n));
        c.body = b;
      }
    }
  }
  return cases;
}

// Insight: the region's policy officers and chain director see its dashboard, download its
// tables and make estimates; monitors see the national monitor and nothing regional (the two
// together would undo the suppression); everyone else is refused.
void AccessMatrixTest::AddInsightPageCases(std::vector<Case>& cases) {
  const std::set<std::string> region = {"policy_officer", "chain_director"};
  const std::set<std::string> monitor = {"monitor"};
  const std::string table = "A%2CB%2Ccount%0A1%2C0%2C30%0A0%2C1%2C20%0A1%2C1%2C10%0A";
  const std::string compute = "regio=VR01&periode=2026&methode=stepwise&actie=berekenen&tabel=";
  const std::string far = "regio=VR13&periode=2026&methode=stepwise&actie=bewaren&tabel=";
  std::vector<Case> more = {
      {"/inzicht", "own", "GET", "/inzicht?regio=VR01", nullptr, region},
      {"/inzicht", "own", "GET", "/inzicht", nullptr, region},
      {"/inzicht", "unrelated", "GET", "/inzicht?regio=VR13", nullptr, {}},
      {"/inzicht/export.csv", "own", "GET", "/inzicht/export.csv?regio=VR01", nullptr, region},
      {"/inzicht/export.csv", "unrelated", "GET", "/inzicht/export.csv?regio=VR13", nullptr, {}},
      {"/inzicht/htcds.csv", "own", "GET", "/inzicht/htcds.csv?regio=VR01", nullptr, region},
      {"/inzicht/htcds.csv", "unrelated", "GET", "/inzicht/htcds.csv?regio=VR13", nullptr, {}},
      {"/inzicht/schatting", "own", "GET", "/inzicht/schatting?regio=VR01", nullptr, region},
      {"/inzicht/schatting", "unrelated", "GET", "/inzicht/schatting?regio=VR13", nullptr, {}},
      {"/inzicht/schatting", "own", "POST", "/inzicht/schatting", compute + table, region},
      {"/inzicht/schatting", "unrelated", "POST", "/inzicht/schatting", far + table, {}},
      {"/monitor", "none", "GET", "/monitor", nullptr, monitor},
      {"/monitor/export.csv", "none", "GET", "/monitor/export.csv", nullptr, monitor},
      {"/monitor/htcds.csv", "none", "GET", "/monitor/htcds.csv", nullptr, monitor},
  };
  for (Case& c : more) cases.push_back(std::move(c));
}

// The signal pages follow the API's rules: the organisation's signallers and the region's care
// coordinators file; a draft is its author's; everyone logged in has a (possibly empty) list of
// their own; the region's care coordinators read, assess, forward and close. The external
// reporting form and the page to add to a report need no login.
// The case pages: the same boundary as the API (the region's care coordinators only).
void AccessMatrixTest::AddCasePageCases(std::vector<Case>& cases) {
  const std::set<std::string> coordinator = {"care_coordinator"};
  const std::string own = CareCase("VR01", "care_coordinator");
  const std::string region = CareCase("VR01", "");
  const std::string far = CareCase("VR13", "");
  const std::string erased = ErasedCase("VR01");
  const std::string own_signal = Signal("GM0014", "signaller");
  const std::string far_signal = Signal("GM0363", "");
  auto z = [](const std::string& id) { return "/zaken/" + id; };
  const std::string no_item = "/zorgplan/00000000-0000-4000-8000-000000000000";
  std::vector<Case> more = {
      {"/zaken", "none", "GET", "/zaken", nullptr, coordinator},
      {"/zaken/nieuw", "own", "GET", "/zaken/nieuw", nullptr, coordinator},
      {"/zaken/nieuw", "own", "POST", "/zaken/nieuw", "regio=VR01&reden-direct=Synthetisch",
       coordinator},
      {"/zaken/nieuw",
       "unrelated",
       "POST",
       "/zaken/nieuw",
       "regio=VR13&reden-direct=Synthetisch",
       {}},
      {"/signalen/{id}/zaak", "own", "POST", "/signalen/" + own_signal + "/zaak", "", coordinator},
      {"/signalen/{id}/zaak", "unrelated", "POST", "/signalen/" + far_signal + "/zaak", "", {}},
      {"/zaken/{id}", "own", "GET", z(own), nullptr, coordinator},
      {"/zaken/{id}", "same_region", "GET", z(region), nullptr, coordinator},
      {"/zaken/{id}", "unrelated", "GET", z(far), nullptr, {}},
      // Retention: an erased case still opens for the region's coordinators only.
      {"/zaken/{id}", "same_region", "GET", z(erased), nullptr, coordinator},
      {"/zaken/{id}/toestemming", "own", "POST", z(own) + "/toestemming", "toestemming=ja",
       coordinator},
      {"/zaken/{id}/toestemming",
       "unrelated",
       "POST",
       z(far) + "/toestemming",
       "toestemming=ja",
       {}},
      {"/zaken/{id}/zorgplan", "own", "POST", z(own) + "/zorgplan",
       "domein=safety&organisatie=Politie", coordinator},
      {"/zaken/{id}/zorgplan",
       "unrelated",
       "POST",
       z(far) + "/zorgplan",
       "domein=safety&organisatie=Politie",
       {}},
      {"/zaken/{id}/zorgplan/{item}", "own", "POST", z(own) + no_item, "status=done", coordinator},
      {"/zaken/{id}/zorgplan/{item}", "unrelated", "POST", z(far) + no_item, "status=done", {}},
      {"/zaken/{id}/bedenktijd", "own", "POST", z(own) + "/bedenktijd",
       "bedenktijd-start=02-11-2026", coordinator},
      {"/zaken/{id}/bedenktijd",
       "unrelated",
       "POST",
       z(far) + "/bedenktijd",
       "bedenktijd-start=02-11-2026",
       {}},
      {"/zaken/{id}/bedenktijd/uitkomst", "own", "POST", z(own) + "/bedenktijd/uitkomst",
       "uitkomst=none", coordinator},
      {"/zaken/{id}/bedenktijd/uitkomst",
       "unrelated",
       "POST",
       z(far) + "/bedenktijd/uitkomst",
       "uitkomst=none",
       {}},
      {"/zaken/{id}/registratie", "own", "POST", z(own) + "/registratie", "", coordinator},
      {"/zaken/{id}/registratie", "unrelated", "POST", z(far) + "/registratie", "", {}},
      {"/zaken/{id}/overgang", "own", "POST", z(own) + "/overgang",
       "overgang=close&reden=duplicate", coordinator},
      {"/zaken/{id}/overgang", "same_region", "POST", z(region) + "/overgang",
       "overgang=close&reden=duplicate", coordinator},
      {"/zaken/{id}/overgang",
       "unrelated",
       "POST",
       z(far) + "/overgang",
       "overgang=close&reden=duplicate",
       {}},
  };
  for (Case& row : more) cases.push_back(std::move(row));
}

void AccessMatrixTest::AddSignalPageCases(std::vector<Case>& cases,
                                          const std::set<std::string>& logged_in,
                                          const std::set<std::string>& everyone) {
  const std::set<std::string> coordinator = {"care_coordinator"};
  const std::set<std::string> filers = {"signaller", "other_signaller", "care_coordinator"};
  auto s = [](const std::string& id) { return "/signalen/" + id; };
  const std::string own = Signal("GM0014", "signaller");
  const std::string region = Signal(neighbour_, "");
  const std::string far = Signal("GM0363", "");
  const std::string own_to_close = Signal("GM0014", "signaller");
  const std::string far_to_close = Signal("GM0363", "");
  const std::string draft = Signal("GM0014", "signaller", true);
  const std::string form = "gemeente=GM0014&urgentie=normal&datum=01-11-2026&actie=opslaan";
  const std::string findings = "handeling=present&middel=unknown&doel=present";
  std::vector<Case> more = {
      {"/signalen/nieuw", "own", "GET", "/signalen/nieuw", nullptr, filers},
      {"/signalen/nieuw", "own", "POST", "/signalen/nieuw", form, filers},
      {"/signalen/nieuw",
       "unrelated",
       "POST",
       "/signalen/nieuw",
       "gemeente=GM0363&urgentie=normal&actie=opslaan",
       {}},
      {"/signalen/concepten-opslaan", "own", "POST", "/signalen/concepten-opslaan", form, filers},
      {"/signalen/concepten-opslaan",
       "own",
       "POST",
       "/signalen/concepten-opslaan",
       form + "&concept=" + draft,
       {"signaller"}},
      {"/signalen/concepten/{id}",
       "own",
       "GET",
       "/signalen/concepten/" + draft,
       nullptr,
       {"signaller"}},
      {"/signalen/concepten/{id}",
       "own",
       "POST",
       "/signalen/concepten/" + draft,
       form,
       {"signaller"}},
      {"/signalen/mijn", "own", "GET", "/signalen/mijn", nullptr, logged_in},
      {"/signalen", "none", "GET", "/signalen", nullptr, coordinator},
      {"/signalen", "none", "GET", "/signalen?status=closed", nullptr, coordinator},
      {"/signalen/{id}", "own", "GET", s(own), nullptr, coordinator},
      {"/signalen/{id}", "same_region", "GET", s(region), nullptr, coordinator},
      {"/signalen/{id}", "unrelated", "GET", s(far), nullptr, {}},
      {"/signalen/{id}/toets", "own", "POST", s(own) + "/toets", findings, coordinator},
      {"/signalen/{id}/toets", "same_region", "POST", s(region) + "/toets", findings, coordinator},
      {"/signalen/{id}/toets", "unrelated", "POST", s(far) + "/toets", findings, {}},
      {"/signalen/{id}/doorsturen", "own", "POST", s(own) + "/doorsturen", "naar=care_coordinator",
       coordinator},
      {"/signalen/{id}/doorsturen",
       "unrelated",
       "POST",
       s(far) + "/doorsturen",
       "naar=care_coordinator",
       {}},
      {"/signalen/{id}/afsluiten", "own", "POST", s(own_to_close) + "/afsluiten", "reden=duplicate",
       coordinator},
      {"/signalen/{id}/afsluiten",
       "unrelated",
       "POST",
       s(far_to_close) + "/afsluiten",
       "reden=duplicate",
       {}},
      {"/melden", "public", "GET", "/melden", nullptr, everyone},
      {"/melden", "public", "POST", "/melden", "gemeente=GM0014&wat=Synthetisch", everyone},
      {"/melden/aanvullen", "public", "GET", "/melden/aanvullen", nullptr, everyone},
      {"/melden/aanvullen", "public", "POST", "/melden/aanvullen",
       "code=AAAA-BBBB-CCCC&aanvulling=x", everyone},
  };
  for (Case& c : more) cases.push_back(std::move(c));
}

// Record linkage: a signal's suggestions and decisions on them are for the care coordinators of
// the signal's region, like the signal itself; everyone else is refused (and audited).
void AccessMatrixTest::AddMatchCases(std::vector<Case>& cases, bool pages) {
  const std::set<std::string> coordinator = {"care_coordinator"};
  const auto [own, own_twin] = SuggestedPair("GM0014");
  const auto [region, region_twin] = SuggestedPair(neighbour_);
  const auto [far, far_twin] = SuggestedPair("GM0363");
  auto matches = [](const std::string& id) { return "/api/v1/signals/" + id + "/matches"; };
  auto decision = [](const std::string& a, const std::string& b) {
    return json{{"record_id", a}, {"other_id", b}, {"decision", "rejected"}};
  };
  auto page = [](const std::string& id) { return "/signalen/" + id + "/koppelingen"; };
  auto form = [](const std::string& other) {
    return "soort=signal&ander=" + other + "&besluit=bevestigd";
  };
  std::vector<Case> more = {
      {"/api/v1/signals/{id}/matches", "own", "GET", matches(own), nullptr, coordinator},
      {"/api/v1/signals/{id}/matches", "same_region", "GET", matches(region), nullptr, coordinator},
      {"/api/v1/signals/{id}/matches", "unrelated", "GET", matches(far), nullptr, {}},
      {"/api/v1/matches/decisions", "own", "POST", "/api/v1/matches/decisions",
       decision(own, own_twin), coordinator},
      {"/api/v1/matches/decisions", "same_region", "POST", "/api/v1/matches/decisions",
       decision(region, region_twin), coordinator},
      {"/api/v1/matches/decisions",
       "unrelated",
       "POST",
       "/api/v1/matches/decisions",
       decision(far, far_twin),
       {}},
      {"/signalen/{id}/koppelingen", "own", "POST", page(own_twin), form(own), coordinator},
      {"/signalen/{id}/koppelingen", "unrelated", "POST", page(far_twin), form(far), {}},
  };
  // A case about the same synthetic person as a pair of signals: its person is suggested with
  // them, and only the case's coordinators may see and decide.
  auto case_about = [&](const std::string& case_region, const std::string& org) {
    app::OpenCaseInput in;
    in.region = case_region;
    in.opened_directly_because = "Synthetische zaak voor de toegangsmatrix";
    in.identity.given_names = "Quokka";
    in.identity.family_name = "Zwavelstok-" + org;
    in.identity.date_of_birth = "1991-04-05";
    auto opened = cases_->Open(actor_, in);
    EXPECT_TRUE(opened.ok()) << opened.error().message;
    return opened.ok() ? opened->record.id : std::string("x");
  };
  const std::string own_case = case_about("VR01", "GM0014");
  const std::string far_case = case_about("VR13", "GM0363");
  auto case_matches = [](const std::string& id) { return "/api/v1/cases/" + id + "/matches"; };
  auto case_page = [](const std::string& id) { return "/zaken/" + id + "/koppelingen"; };
  more.push_back({"/api/v1/cases/{id}/matches", "same_region", "GET", case_matches(own_case),
                  nullptr, coordinator});
  more.push_back(
      {"/api/v1/cases/{id}/matches", "unrelated", "GET", case_matches(far_case), nullptr, {}});
  more.push_back({"/zaken/{id}/koppelingen", "same_region", "POST", case_page(own_case), form(own),
                  coordinator});
  more.push_back(
      {"/zaken/{id}/koppelingen", "unrelated", "POST", case_page(far_case), form(far), {}});
  for (Case& c : more) {
    if (IsPage(c) == pages) cases.push_back(std::move(c));
  }
}

// Care coordination, part 2 (care-shelter). A region's shelter registry: its care coordinators
// keep it, they and the chain director read it (VR01 is Groningen's region; VR13 is not).
void AccessMatrixTest::AddShelterCases(std::vector<Case>& cases, bool pages) {
  const std::set<std::string> coordinator = {"care_coordinator"};
  const std::set<std::string> readers = {"care_coordinator", "chain_director"};
  const std::string own = std::to_string(ShelterIn("VR01"));
  const std::string far = std::to_string(ShelterIn("VR13"));
  std::vector<Case> more;
  if (pages) {
    const std::string form = "name=Huis&type=omm&capacity=3&regio=";
    more = {
        {"/opvang", "own", "GET", "/opvang", nullptr, readers},
        {"/opvang", "own", "GET", "/opvang?regio=VR01", nullptr, readers},
        {"/opvang", "unrelated", "GET", "/opvang?regio=VR13", nullptr, {}},
        {"/opvang", "own", "POST", "/opvang", form + "VR01", coordinator},
        {"/opvang", "unrelated", "POST", "/opvang", form + "VR13", {}},
    };
  } else {
    const std::string shelters = "/api/v1/shelters";
    auto body = [](const std::string& region) {
      return json{{"name", "Huis"}, {"type", "omm"}, {"region", region}, {"capacity", 3}};
    };
    more = {
        {shelters, "own", "GET", shelters + "?region=VR01", nullptr, readers},
        {shelters, "unrelated", "GET", shelters + "?region=VR13", nullptr, {}},
        {shelters, "own", "POST", shelters, body("VR01"), coordinator},
        {shelters, "unrelated", "POST", shelters, body("VR13"), {}},
        {"/api/v1/shelters/{id}", "own", "GET", shelters + "/" + own, nullptr, readers},
        {"/api/v1/shelters/{id}", "unrelated", "GET", shelters + "/" + far, nullptr, {}},
        {"/api/v1/shelters/{id}", "own", "PUT", shelters + "/" + own, body("VR01"), coordinator},
        {"/api/v1/shelters/{id}", "unrelated", "PUT", shelters + "/" + far, body("VR13"), {}},
    };
  }
  for (Case& c : more) cases.push_back(std::move(c));
}

// Sharing grants: only the case's own coordinator shares and revokes, the region's coordinators
// see the grants, a partner sees a case only through a grant in force to its organisation.
// Case conferences: the region's coordinators and chain director plan and see them; the
// minutes for the coordinators and participating chain directors; decisions (care-plan items)
// only by the coordinators.
void AccessMatrixTest::AddSharingCases(std::vector<Case>& cases,
                                       const std::set<std::string>& logged_in) {
  const std::set<std::string> coordinator = {"care_coordinator"};
  const std::set<std::string> planners = {"care_coordinator", "chain_director"};
  const std::string own = CareCase("VR01", "care_coordinator");
  const std::string far = CareCase("VR13", "");
  GrantTo(own, kPartnerOrg);
  const std::string to_revoke = GrantTo(own, kPartnerOrg);
  const std::string own_conference = Conference("VR01", "GM0014", own);
  const std::string far_conference = Conference("VR13", "GM0363", far);
  const json grant = {{"partner_organisation", kPartnerOrg}, {"purpose", "Onderzoek"},
                      {"legal_basis", "AVG art. 6 lid 1e"},  {"field_groups", {"case_facts"}},
                      {"expires_on", "2099-12-31"},          {"consent_recorded", true}};
  auto conference = [](const std::string& region, const std::string& case_id) {
    return json{{"region", region},
                {"held_on", "2026-12-02"},
                {"title", "Overleg"},
                {"participants", {"GM0014"}},
                {"agenda", {case_id}}};
  };
  const json decision = {{"case_id", own},
                         {"text", "Veiligheidsplan maken"},
                         {"domain", "safety"},
                         {"responsible_organisation", "GM0014"}};
  const json minutes = {{"minutes", "Verslag (synthetisch)"}};
  auto c = [](const std::string& id) { return "/api/v1/cases/" + id + "/grants"; };
  auto k = [](const std::string& id) { return "/api/v1/case-conferences/" + id; };
  const std::vector<Case> rows = {
      {"/api/v1/cases/{id}/grants", "own", "GET", c(own), nullptr, coordinator},
      {"/api/v1/cases/{id}/grants", "unrelated", "GET", c(far), nullptr, {}},
      {"/api/v1/cases/{id}/grants", "own", "POST", c(own), grant, coordinator},
      {"/api/v1/cases/{id}/grants", "unrelated", "POST", c(far), grant, {}},
      {"/api/v1/grants/{id}/revoke", "own", "POST", "/api/v1/grants/" + to_revoke + "/revoke",
       json{{"reason", "Klaar"}}, coordinator},
      {"/api/v1/shared-cases", "none", "GET", "/api/v1/shared-cases", nullptr, logged_in},
      {"/api/v1/shared-cases/{id}",
       "shared_by_grant",
       "GET",
       "/api/v1/shared-cases/" + own,
       nullptr,
       {"partner"}},
      {"/api/v1/shared-cases/{id}", "unrelated", "GET", "/api/v1/shared-cases/" + far, nullptr, {}},
      {"/api/v1/case-conferences", "none", "GET", "/api/v1/case-conferences", nullptr, logged_in},
      {"/api/v1/case-conferences", "own", "POST", "/api/v1/case-conferences",
       conference("VR01", own), planners},
      {"/api/v1/case-conferences",
       "unrelated",
       "POST",
       "/api/v1/case-conferences",
       conference("VR13", far),
       {}},
      {"/api/v1/case-conferences/{id}", "own", "GET", k(own_conference), nullptr, planners},
      {"/api/v1/case-conferences/{id}", "unrelated", "GET", k(far_conference), nullptr, {}},
      {"/api/v1/case-conferences/{id}/minutes", "own", "PUT", k(own_conference) + "/minutes",
       minutes, planners},
      {"/api/v1/case-conferences/{id}/minutes",
       "unrelated",
       "PUT",
       k(far_conference) + "/minutes",
       minutes,
       {}},
      {"/api/v1/case-conferences/{id}/decisions", "own", "POST", k(own_conference) + "/decisions",
       decision, coordinator},
      {"/api/v1/case-conferences/{id}/decisions",
       "unrelated",
       "POST",
       k(far_conference) + "/decisions",
       decision,
       {}},
  };
  cases.insert(cases.end(), rows.begin(), rows.end());
}

// The sharing and conference pages follow the API's rules.
void AccessMatrixTest::AddSharingPageCases(std::vector<Case>& cases,
                                           const std::set<std::string>& logged_in) {
  const std::set<std::string> coordinator = {"care_coordinator"};
  const std::set<std::string> planners = {"care_coordinator", "chain_director"};
  const std::string own = CareCase("VR01", "care_coordinator");
  const std::string far = CareCase("VR13", "");
  GrantTo(own, kPartnerOrg);
  const std::string to_revoke = GrantTo(own, kPartnerOrg);
  const std::string own_conference = Conference("VR01", "GM0014", own);
  const std::string far_conference = Conference("VR13", "GM0363", far);
  const std::string grant = std::string("partner_organisation=") + kPartnerOrg +
                            "&purpose=Onderzoek&legal_basis=AVG&field_groups=case_facts"
                            "&expires_on=31-12-2099&consent=ja";
  const std::string decision =
      "case_id=" + own + "&text=Veiligheidsplan&domain=safety&responsible_organisation=GM0014";
  const std::vector<Case> rows = {
      {"/zaken/{id}/delen", "own", "GET", "/zaken/" + own + "/delen", nullptr, coordinator},
      {"/zaken/{id}/delen", "unrelated", "GET", "/zaken/" + far + "/delen", nullptr, {}},
      {"/zaken/{id}/delen", "own", "POST", "/zaken/" + own + "/delen", grant, coordinator},
      {"/zaken/{id}/delen", "unrelated", "POST", "/zaken/" + far + "/delen", grant, {}},
      {"/delen/{id}/intrekken", "own", "POST", "/delen/" + to_revoke + "/intrekken", "reden=Klaar",
       coordinator},
      {"/gedeeld", "none", "GET", "/gedeeld", nullptr, logged_in},
      {"/gedeeld/{id}", "shared_by_grant", "GET", "/gedeeld/" + own, nullptr, {"partner"}},
      {"/gedeeld/{id}", "unrelated", "GET", "/gedeeld/" + far, nullptr, {}},
      {"/casusoverleg", "none", "GET", "/casusoverleg", nullptr, logged_in},
      {"/casusoverleg/nieuw", "none", "GET", "/casusoverleg/nieuw", nullptr, planners},
      {"/casusoverleg/nieuw", "own", "POST", "/casusoverleg/nieuw",
       "region=VR01&held_on=02-12-2026&title=Overleg&participants=GM0014&agenda=" + own, planners},
      {"/casusoverleg/nieuw",
       "unrelated",
       "POST",
       "/casusoverleg/nieuw",
       "region=VR13&held_on=02-12-2026&title=Overleg&participants=GM0014&agenda=" + far,
       {}},
      {"/casusoverleg/{id}", "own", "GET", "/casusoverleg/" + own_conference, nullptr, planners},
      {"/casusoverleg/{id}", "unrelated", "GET", "/casusoverleg/" + far_conference, nullptr, {}},
      {"/casusoverleg/{id}/verslag", "own", "POST", "/casusoverleg/" + own_conference + "/verslag",
       "minutes=Verslag", planners},
      {"/casusoverleg/{id}/verslag",
       "unrelated",
       "POST",
       "/casusoverleg/" + far_conference + "/verslag",
       "minutes=Verslag",
       {}},
      {"/casusoverleg/{id}/besluiten", "own", "POST",
       "/casusoverleg/" + own_conference + "/besluiten", decision, coordinator},
      {"/casusoverleg/{id}/besluiten",
       "unrelated",
       "POST",
       "/casusoverleg/" + far_conference + "/besluiten",
       decision,
       {}},
  };
  cases.insert(cases.end(), rows.begin(), rows.end());
}

// Shelter placements: only the care coordinators serving the case's region (VR01 for GM0014)
// read a case's stays, place its person and end a stay; nobody for a case of another region.
void AccessMatrixTest::AddPlacementCases(std::vector<Case>& cases, bool pages) {
  const std::set<std::string> coordinator = {"care_coordinator"};
  const std::string own_place = CareCase("VR01", "care_coordinator");
  const std::string own_end = CareCase("VR01", "care_coordinator");
  const std::string far = CareCase("VR13", "");
  const int64_t own_shelter = ShelterIn("VR01");
  const int64_t far_shelter = ShelterIn("VR13");
  auto stay = [&](const std::string& case_id, int64_t shelter) {
    auto p = placements_->Place(actor_, case_id, {shelter, "2026-01-01", "", ""});
    EXPECT_TRUE(p.ok()) << p.error().field << ": " << p.error().message;
    return p.ok() ? p->record.id : std::string("x");
  };
  const std::string own_stay = stay(own_end, own_shelter);
  const std::string far_stay = stay(far, far_shelter);
  std::vector<Case> rows;
  if (pages) {
    auto z = [](const std::string& id) { return "/zaken/" + id + "/opvang"; };
    const std::string place = "opvang-van=2026-02-01&opvang-locatie=";
    rows = {
        {"/zaken/{id}/opvang", "own", "GET", z(own_place), nullptr, coordinator},
        {"/zaken/{id}/opvang", "unrelated", "GET", z(far), nullptr, {}},
        {"/zaken/{id}/opvang", "own", "POST", z(own_place), place + std::to_string(own_shelter),
         coordinator},
        {"/zaken/{id}/opvang",
         "unrelated",
         "POST",
         z(far),
         place + std::to_string(far_shelter),
         {}},
        {"/zaken/{id}/opvang/{placement}/einde", "own", "POST",
         z(own_end) + "/" + own_stay + "/einde", "tot=2026-01-05", coordinator},
        {"/zaken/{id}/opvang/{placement}/einde",
         "unrelated",
         "POST",
         z(far) + "/" + far_stay + "/einde",
         "tot=2026-01-05",
         {}},
    };
  } else {
    auto c = [](const std::string& id) { return "/api/v1/cases/" + id + "/placements"; };
    auto place = [](int64_t shelter) { return json{{"shelter", shelter}, {"from", "2026-02-01"}}; };
    const json end = {{"until", "2026-01-05"}};
    rows = {
        {"/api/v1/cases/{id}/placements", "own", "GET", c(own_place), nullptr, coordinator},
        {"/api/v1/cases/{id}/placements", "unrelated", "GET", c(far), nullptr, {}},
        {"/api/v1/cases/{id}/placements", "own", "POST", c(own_place), place(own_shelter),
         coordinator},
        {"/api/v1/cases/{id}/placements", "unrelated", "POST", c(far), place(far_shelter), {}},
        {"/api/v1/cases/{id}/placements/{placement}/end", "own", "POST",
         c(own_end) + "/" + own_stay + "/end", end, coordinator},
        {"/api/v1/cases/{id}/placements/{placement}/end",
         "unrelated",
         "POST",
         c(far) + "/" + far_stay + "/end",
         end,
         {}},
    };
  }
  cases.insert(cases.end(), rows.begin(), rows.end());
}

// Referrals and transfers: the case region's care coordinators refer, list and revoke; the
// receiving organisation (here the partner) lists, opens and answers; nobody else, and nobody
// for a referral of another region's case addressed elsewhere.
void AccessMatrixTest::AddReferralCases(std::vector<Case>& cases,
                                        const std::set<std::string>& logged_in, bool pages) {
  const std::set<std::string> coordinator = {"care_coordinator"};
  const std::set<std::string> partner = {"partner"};
  const std::string own = CareCase("VR01", "care_coordinator");
  const std::string far = CareCase("VR13", "");
  const std::string to_answer = ReferralOf(own, kPartnerOrg, "", "care_coordinator");
  const std::string to_revoke = ReferralOf(own, kPartnerOrg, "", "care_coordinator");
  const std::string elsewhere = ReferralOf(far, "VR02", "VR02", "");
  std::vector<Case> rows;
  if (!pages) {
    const json referral = {{"kind", "referral"},
                           {"to_organisation", kPartnerOrg},
                           {"field_groups", {"case_facts"}},
                           {"consent_recorded", true}};
    auto c = [](const std::string& id) { return "/api/v1/cases/" + id + "/referrals"; };
    auto r = [](const std::string& id) { return "/api/v1/referrals/" + id; };
    rows = {
        {"/api/v1/cases/{id}/referrals", "own", "GET", c(own), nullptr, coordinator},
        {"/api/v1/cases/{id}/referrals", "unrelated", "GET", c(far), nullptr, {}},
        {"/api/v1/cases/{id}/referrals", "own", "POST", c(own), referral, coordinator},
        {"/api/v1/cases/{id}/referrals", "unrelated", "POST", c(far), referral, {}},
        {"/api/v1/referrals", "none", "GET", "/api/v1/referrals", nullptr, logged_in},
        {"/api/v1/referrals/{id}", "shared_by_grant", "GET", r(to_answer), nullptr, partner},
        {"/api/v1/referrals/{id}", "unrelated", "GET", r(elsewhere), nullptr, {}},
        {"/api/v1/referrals/{id}/accept", "shared_by_grant", "POST", r(to_answer) + "/accept",
         json::object(), partner},
        {"/api/v1/referrals/{id}/accept",
         "unrelated",
         "POST",
         r(elsewhere) + "/accept",
         json::object(),
         {}},
        {"/api/v1/referrals/{id}/complete", "shared_by_grant", "POST", r(to_answer) + "/complete",
         json::object(), partner},
        {"/api/v1/referrals/{id}/complete",
         "unrelated",
         "POST",
         r(elsewhere) + "/complete",
         json::object(),
         {}},
        {"/api/v1/referrals/{id}/reject", "shared_by_grant", "POST", r(to_answer) + "/reject",
         json{{"reason", "Geen plek"}}, partner},
        {"/api/v1/referrals/{id}/reject",
         "unrelated",
         "POST",
         r(elsewhere) + "/reject",
         json{{"reason", "Geen plek"}},
         {}},
        {"/api/v1/referrals/{id}/revoke", "own", "POST", r(to_revoke) + "/revoke",
         json{{"reason", "Klaar"}}, coordinator},
        {"/api/v1/referrals/{id}/revoke",
         "unrelated",
         "POST",
         r(elsewhere) + "/revoke",
         json{{"reason", "Klaar"}},
         {}},
    };
  } else {
    const std::string referral = std::string("kind=referral&verwijzing-ontvanger=") + kPartnerOrg +
                                 "&field_groups=case_facts&consent=ja";
    rows = {
        {"/zaken/{id}/verwijzingen", "own", "GET", "/zaken/" + own + "/verwijzingen", nullptr,
         coordinator},
        {"/zaken/{id}/verwijzingen",
         "unrelated",
         "GET",
         "/zaken/" + far + "/verwijzingen",
         nullptr,
         {}},
        {"/zaken/{id}/verwijzingen", "own", "POST", "/zaken/" + own + "/verwijzingen", referral,
         coordinator},
        {"/zaken/{id}/verwijzingen",
         "unrelated",
         "POST",
         "/zaken/" + far + "/verwijzingen",
         referral,
         {}},
        {"/verwijzingen/{id}/intrekken", "own", "POST", "/verwijzingen/" + to_revoke + "/intrekken",
         "reden=Klaar", coordinator},
        {"/verwijzingen/{id}/intrekken",
         "unrelated",
         "POST",
         "/verwijzingen/" + elsewhere + "/intrekken",
         "reden=Klaar",
         {}},
        {"/verwijzingen", "none", "GET", "/verwijzingen", nullptr, logged_in},
        {"/verwijzingen/{id}", "shared_by_grant", "GET", "/verwijzingen/" + to_answer, nullptr,
         partner},
        {"/verwijzingen/{id}", "unrelated", "GET", "/verwijzingen/" + elsewhere, nullptr, {}},
        {"/verwijzingen/{id}/stap", "shared_by_grant", "POST",
         "/verwijzingen/" + to_answer + "/stap", "stap=accept", partner},
        {"/verwijzingen/{id}/stap",
         "unrelated",
         "POST",
         "/verwijzingen/" + elsewhere + "/stap",
         "stap=accept",
         {}},
    };
  }
  cases.insert(cases.end(), rows.begin(), rows.end());
}

TEST_F(AccessMatrixTest, EveryRouteHasARow) {
  std::set<std::string> covered;
  for (const auto& list : {ApiCases(), PageCases()}) {
    for (const Case& c : list) covered.insert(c.method + " " + c.route);
  }
  for (const RouteInfo& r : server_->routes()) {
    EXPECT_TRUE(covered.count(r.method + " " + r.pattern))
        << "no access-matrix row for " << r.method << " " << r.pattern;
  }
}

TEST_F(AccessMatrixTest, AnAdminAskingForAnotherOrganisationSeesOnlyItsOwn) {
  ASSERT_TRUE(
      identity_->CreateUser(actor_, {"GM0363", "doel.amsterdam", "X", {app::Role::kAuditor}}).ok());
  const Reply r =
      As("admin", {"", "", "GET", "/beheer/gebruikers?organisatie=GM0363", nullptr, {}});
  ASSERT_EQ(r.status, 200);
  auto raw =
      client_->Get("/beheer/gebruikers?organisatie=GM0363",
                   {{"Cookie", std::string(kSessionCookieName) + "=" + cookies_.at("admin")}});
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->body.find("doel.amsterdam"), std::string::npos);
  EXPECT_NE(raw->body.find("policy_officer"), std::string::npos);  // a colleague in GM0014
}

TEST_F(AccessMatrixTest, EveryApiRouteEveryRoleEveryRelation) {
  Check(ApiCases());
}

TEST_F(AccessMatrixTest, EveryPageEveryRoleEveryRelation) {
  Check(PageCases());
}

// What a partner gets, in JSON and in HTML, is the granted field groups and nothing else; after
// the grant is revoked, neither answers.
TEST_F(AccessMatrixTest, APartnerGetsOnlyTheGrantedGroupsInJsonAndHtml) {
  app::OpenCaseInput in;
  in.region = "VR01";
  in.opened_directly_because = "Synthetisch";
  in.identity.given_names = "Xanthippe";
  in.identity.family_name = "Zwavelstok";
  in.identity.phone = "+31 6 9876 5432";
  in.gender = "female";
  auto opened = cases_->Open(ActorOf("care_coordinator"), in);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  const std::string id = opened->record.id;
  const std::string grant = GrantTo(id, kPartnerOrg);
  auto page = [&](const std::string& path) {
    httplib::Headers h = {
        {"Cookie", std::string(kSessionCookieName) + "=" + cookies_.at("partner")}};
    auto r = client_->Get(path, h);
    EXPECT_TRUE(r);
    return r ? std::make_pair(r->status, r->body) : std::make_pair(0, std::string());
  };
  const Reply api = As("partner", {"", "", "GET", "/api/v1/shared-cases/" + id, nullptr, {}});
  ASSERT_EQ(api.status, 200);
  EXPECT_EQ(api.body["field_groups"], json::array({"case_facts"}));
  EXPECT_EQ(api.body["fields"]["gender"], "female");
  EXPECT_FALSE(api.body["fields"].contains("full_name"));
  EXPECT_FALSE(api.body["fields"].contains("phone"));
  EXPECT_EQ(api.body.dump().find("Zwavelstok"), std::string::npos);
  const auto [status, html] = page("/gedeeld/" + id);
  ASSERT_EQ(status, 200);
  EXPECT_NE(html.find("data-field-group=\"case_facts\""), std::string::npos);
  EXPECT_EQ(html.find("data-field-group=\"identity\""), std::string::npos);
  EXPECT_EQ(html.find("data-field-group=\"contact\""), std::string::npos);
  EXPECT_EQ(html.find("Zwavelstok"), std::string::npos);
  EXPECT_EQ(html.find("9876"), std::string::npos);
  ASSERT_TRUE(sharing_->Revoke(ActorOf("care_coordinator"), grant, "Klaar").ok());
  EXPECT_EQ(As("partner", {"", "", "GET", "/api/v1/shared-cases/" + id, nullptr, {}}).status, 403);
  const auto [after, body] = page("/gedeeld/" + id);
  EXPECT_EQ(after, 403);
  EXPECT_EQ(body.find("Zwavelstok"), std::string::npos);
}

TEST_F(AccessMatrixTest, ForeignAndUnknownIdsRevealNothing) {
  const std::string far_person = Person("GM0363", "");
  for (const char* caller : {"care_coordinator", "signaller", "partner"}) {
    // Someone else's record: refused, and the body carries none of its fields.
    const Reply foreign = As(caller, {"", "", "GET", "/api/v1/persons/" + far_person, nullptr, {}});
    EXPECT_EQ(foreign.status, 403);
    EXPECT_EQ(foreign.body.dump().find("Testpersoon"), std::string::npos);
    // An id that does not exist.
    const Reply unknown =
        As(caller,
           {"", "", "GET", "/api/v1/persons/00000000-0000-4000-8000-000000000000", nullptr, {}});
    EXPECT_EQ(unknown.status, 404);
  }
  // A tampered or expired session is no session.
  httplib::Headers forged = {{"Cookie", std::string(kSessionCookieName) + "=forged"}};
  EXPECT_EQ(Send("GET", "/api/v1/assessments", "", "application/json", forged).status, 401);
  clock_.Advance(std::chrono::hours(9));
  EXPECT_EQ(As("policy_officer", {"", "", "GET", "/api/v1/assessments", nullptr, {}}).status, 401);
}

TEST_F(AccessMatrixTest, ATokenDoesOnlyWhatItIsScopedFor) {
  auto issued = identity_->IssueApiToken(actor_, {"GM0014",
                                                  "Alleen lezen",
                                                  {app::Role::kPolicyOfficer},
                                                  {app::Action::kViewAssessment},
                                                  std::nullopt});
  ASSERT_TRUE(issued.ok());
  bearer_ = issued->secret;
  const int64_t id = Assessment("GM0014", "2026-Q3");
  EXPECT_EQ(Get("/api/v1/assessments/" + std::to_string(id)).status, 200);
  auto write =
      Send("PUT", "/api/v1/assessments/" + std::to_string(id) + "/answers/policy.basis.embedded",
           json{{"status", "met"}}.dump());
  EXPECT_EQ(write.status, 403);
  bearer_ = "skl_" + std::string(43, 'A');
  EXPECT_EQ(Get("/api/v1/assessments").status, 401);
}

}  // namespace
}  // namespace schakel::http
