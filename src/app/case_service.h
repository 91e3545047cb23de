// Care-case use cases (docs/care.md, "Storage and use cases"): open a case from signals the care
// coordinator received or directly, read it, the coordinator's dashboard, the lifecycle
// transitions, consent, the care plan, the B8 reflection period and the CoMensha registration.
// The rules are the pure ones in src/care; this file gathers their facts, asks the policy, and
// writes one transaction per change.
//
// Need-to-know (policy.h kOpenCase / kViewCase / kManageCase): only the care coordinators serving
// the case's region. Every read of a case is an audit event "case.read" (the person's identity
// also "person.read"); every change "case.<what>" in the transaction that makes it; a refused
// transition is audited as a denial and kept in the case history with its reason and field.
// Audit events carry ids, never content.
//
// Identifying content: the victim's identity is a person (PersonService, encrypted per field);
// the reason for opening directly, the consent override and plan-item descriptions are encrypted
// per field (encrypted_columns.cpp). Thread-safe: each call takes its own connection.
//
// For other use cases that act on a case (placements, referrals, sharing, case conferences):
//   - CaseResource(record) is the policy Resource of a case;
//   - CaseService::LoadForAction(actor, id, action) loads and authorizes (denial audited);
//   - CaseFactQueries is the extension point for the lifecycle facts this module does not own
//     (an open shelter placement, an accepted transfer); see SetFactQueries.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "app/person_service.h"
#include "app/signal_service.h"
#include "care/care_data.h"
#include "care/case_lifecycle.h"
#include "care/dashboard.h"
#include "care/reflection_period.h"
#include "care/registration_export.h"
#include "domain/clock.h"
#include "security/key_file.h"
#include "security/secret.h"
#include "signals/catalog.h"
#include "store/case_repository.h"
#include "store/db.h"

namespace schakel::app {

// "Z000123": how people refer to a case (pseudonymous; never a name).
std::string CaseReference(int64_t seq);

// The policy's view of a case: organisation and region are the case's care-coordination region,
// the owner is the responsible coordinator. `shared_with` lists organisations holding a sharing
// grant in force for the case; the case core has none (the sharing module fills it from its
// grants table before asking the policy for partner actions).
Resource CaseResource(const store::CaseRecord& c, std::vector<std::string> shared_with = {});

// The lifecycle facts that live outside the case core. Each query answers inside the caller's
// transaction (`db`) for one case id. Unset queries answer false: with no placements or
// referrals module there is no open placement and no accepted transfer.
// Extension point chosen over a query on tables of migration 8: the placements/referrals module
// owns its schema and sets these with CaseService::SetFactQueries when it is wired up.
struct CaseFactQueries {
  std::function<Result<bool>(store::Db& db, std::string_view case_id)> open_placement;
  std::function<Result<bool>(store::Db& db, std::string_view case_id)> transfer_accepted;
};

// The guards' facts of the case as it is in `db` now (plan items, consent, reflection period,
// closed_on, and the external queries).
Result<care::CaseFacts> GatherCaseFacts(store::Db& db, const store::CaseRecord& c,
                                        const CaseFactQueries& queries);

// Opening a case. From signals: `signals` names one or more signals the care coordinator received
// (care::CheckNewCase); the region is where they were forwarded to (or their municipality's care
// region), the facts and the identity come from the first signal unless given here. Directly:
// no signals, `opened_directly_because` and `region` (may be empty when the actor serves one
// region).
struct OpenCaseInput {
  std::string region;
  std::vector<std::string> signals;
  std::string opened_directly_because;
  store::PersonIdentity identity;  // plaintexts; empty: from the signal (or unknown)
  std::optional<std::string> gender;
  std::optional<std::string> nationality;  // ISO 3166-1 alpha-3
  std::string age;                         // whole years, optional
  std::vector<std::string> forms;          // empty: from the signals
  bool acute = false;                      // or any signal's urgency is acute
};

struct PlanItemView {
  store::CarePlanItemRow row;  // description still sealed here
  std::string description;     // plaintext
};

// What a coordinator can do next: each transition, allowed or the refusal (message and field).
struct TransitionOption {
  care::CaseTransition transition = care::CaseTransition::kStartIntake;
  bool allowed = false;
  std::string reason;  // why not
  std::string field;   // what is missing
};

struct CaseView {
  store::CaseRecord record;  // plain facts (sealed columns: ciphertexts)
  std::string reference;
  std::string opened_directly_because;  // plaintexts
  std::string consent_override;
  std::optional<PersonView> person;
  std::vector<std::string> signals;  // signal ids
  std::vector<std::string> signal_references;
  std::vector<PlanItemView> plan;
  std::optional<care::ReflectionPeriod> reflection;
  std::vector<care::ReflectionDeadline> reflection_deadlines;  // empty once an outcome is in
  std::optional<int> reflection_days_left;                     // while no outcome
  std::optional<care::DeadlineKind> reflection_warning;        // the warning that has come
  std::vector<store::CaseEvent> events;
  std::vector<TransitionOption> transitions;
  // Set once the retention job erased the case's identifying data: the person, texts and
  // signal contents are gone, the facts remain (app/retention_service.h).
  std::optional<store::CaseErasure> erasure;
};

struct CaseListItem {
  store::CaseRecord record;  // facts only
  std::string reference;
};
struct CaseOverview {
  std::vector<CaseListItem> cases;  // every case of the actor's regions, newest first
  care::Dashboard dashboard;        // of the actor as coordinator
};

struct TransitionInput {
  std::string transition;      // care::CaseTransitionName
  std::string closing_reason;  // close: a closing reason id
};

struct ConsentInput {
  bool recorded = false;
  std::string override_reason;
};

struct PlanItemInput {
  std::string domain;
  std::string responsible_organisation;
  std::string due_on;  // YYYY-MM-DD or DD-MM-YYYY; optional
  std::string description;
};
struct PlanItemChange {
  std::optional<std::string> status;  // care::ItemStatusName
  std::optional<std::string> due_on;  // "" clears
  std::optional<std::string> responsible_organisation;
};

// The registration record and whether (and when) it was recorded as sent.
struct RegistrationView {
  care::RegistrationRecord record;  // registered_on: the recorded date, else today
  bool recorded = false;
};

class CaseService {
 public:
  // REQUIRES: every argument outlives the service.
  CaseService(store::Database& database, const Clock& clock, const AuditTrail& audit,
              const security::KeyRing& keys, const care::CareData& care_data,
              const signals::Catalog& catalog, PersonService& persons, SignalService& signals,
              security::RandomFill random = security::SystemRandom());

  const care::CareData& care_data() const { return care_data_; }
  // Sets the queries for facts owned by other modules (placements, transfers).
  void SetFactQueries(CaseFactQueries queries) { queries_ = std::move(queries); }

  // Whether the actor may open a case in their region (the new-case page asks before it shows
  // the form, the signal page before it shows the button); a refusal is audited.
  Status MayOpen(const Actor& actor);
  Result<CaseView> Open(const Actor& actor, const OpenCaseInput& input);
  // The full case, audited as "case.read". kNotFound when there is no such case.
  Result<CaseView> Get(const Actor& actor, std::string_view id);
  // The actor's cases and dashboard; audited as "case.list".
  Result<CaseOverview> Overview(const Actor& actor);
  // The case a signal was opened into (facts only), when the actor may view it.
  Result<std::optional<CaseListItem>> CaseOfSignal(const Actor& actor, std::string_view signal);

  // A lifecycle transition through care::ApplyCaseTransition. A refusal (state or guard) is
  // audited as a denial, kept in the history, and returned with its field.
  Result<CaseView> Transition(const Actor& actor, std::string_view id,
                              const TransitionInput& input);
  Result<CaseView> RecordConsent(const Actor& actor, std::string_view id, const ConsentInput& in);
  Result<CaseView> AddPlanItem(const Actor& actor, std::string_view id, const PlanItemInput& in);
  Result<CaseView> ChangePlanItem(const Actor& actor, std::string_view id, std::string_view item_id,
                                  const PlanItemChange& change);
  // Starts the B8 reflection period on `start` (field "reflection_start"); kConflict when one
  // was started already.
  Result<CaseView> StartReflection(const Actor& actor, std::string_view id, std::string_view start);
  // Records the outcome (field "reflection_outcome") on `on` (empty: today).
  Result<CaseView> RecordReflectionOutcome(const Actor& actor, std::string_view id,
                                           std::string_view outcome, std::string_view on);

  // The CoMensha registration record of the case; audited as "case.registration".
  Result<RegistrationView> Registration(const Actor& actor, std::string_view id);
  // Records that the case was registered with CoMensha on `on` (empty: today); kConflict when
  // already recorded.
  Result<CaseView> RecordRegistration(const Actor& actor, std::string_view id, std::string_view on);

  // For other use cases: the case, after asking the policy for `action` on it (a denial is
  // audited with object "case"). Call it BEFORE opening a write transaction: the denial is
  // recorded in a transaction of its own (access.h), so it survives the refused request.
  // Inside the transaction, re-read the row with store::CaseRepository(tx).Find when the state
  // matters. kNotFound when there is no such case.
  Result<store::CaseRecord> LoadForAction(const Actor& actor, std::string_view id, Action action);

 private:
  struct Impl;

  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const security::KeyRing& keys_;
  const care::CareData& care_data_;
  const signals::Catalog& catalog_;
  PersonService& persons_;
  SignalService& signals_;
  security::RandomFill random_;
  CaseFactQueries queries_;
};

}  // namespace schakel::app
