// Signal use cases: record a signal (as a server-side draft while typing, then submitted), the
// external reporting form without login, the three-element test and triage by the region's care
// coordinator, the inbox, the signaller's status view, and the all-or-nothing import.
//
// Need-to-know (policy.h): a signaller files signals for their own organisation, sees the content
// of their own drafts and afterwards only the status of their own signals; the care coordinators
// of the region read, assess, forward and close. Every read of a signal's content is an audit
// event "signal.read"; every change ("signal.draft", "signal.submit", "signal.assess",
// "signal.forward", "signal.close", "signal.external", "signal.add_information",
// "signal.import") is audited in the transaction that makes it; listings are audited as
// "signal.list". Audit events carry ids, never content.
//
// Identifying content (description, the victim's identity, the perpetrators, the notes of the
// test, added information) is encrypted per field (table 'signals' / 'signal_additions').
// Thread-safe: each call takes its own connection from the Database.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "app/signal_input.h"
#include "domain/clock.h"
#include "security/key_file.h"
#include "security/secret.h"
#include "signals/catalog.h"
#include "signals/routing.h"
#include "signals/three_elements.h"
#include "signals/triage.h"
#include "store/db.h"
#include "store/signal_repository.h"

namespace schakel::app {

// "S000123": how people refer to a signal.
std::string SignalReference(int64_t seq);

// The professional's findings for the three-element test, as entered.
struct ElementInput {
  std::string state;  // present | absent | unknown
  std::string note;   // why (encrypted)
};
struct AssessmentInput {
  ElementInput act;
  ElementInput means;
  ElementInput purpose;
  signals::SmugglingFacts smuggling;
  std::optional<signals::LabourFacts> labour;  // only used when the forms include labour
};

// A stored assessment with its result (recomputed from the findings, never stored as a verdict).
struct SignalAssessment {
  signals::ThreeElementInput input;
  signals::ThreeElementResult result;
};

struct SignalAdditionView {
  std::string added_at;
  std::string text;
};

// A signal as its reader sees it: facts, decrypted content, the test and the routing advice.
struct SignalView {
  store::SignalFacts facts;
  std::string reference;
  std::string description;
  std::string perpetrators;
  store::PersonIdentity victim;  // plaintexts
  std::optional<SignalAssessment> assessment;
  signals::RoutingAdvice advice;
  std::vector<store::SignalEvent> events;
  std::vector<SignalAdditionView> additions;
  bool emergency_guidance = false;  // acute: show the 112 guidance at once
};

// What a signaller sees of a signal after submitting it: where it stands, never its content.
struct SignalStatusView {
  std::string id;
  std::string reference;
  std::string organisation;
  std::string status;
  std::optional<std::string> urgency;
  std::string created_at;
  std::optional<std::string> submitted_at;
  std::optional<std::string> forwarded_to;  // partner kind
};

// The care coordinator's inbox: signals of the region's municipalities, most urgent first.
struct InboxFilter {
  std::vector<std::string> statuses;  // empty: new and assessed (still to decide)
};
struct Inbox {
  std::vector<store::SignalFacts> signals;  // facts only: opening one is a read
  int new_count = 0;
  int acute_count = 0;  // acute and not yet decided
  int assessed_count = 0;
};

// The external form: the minimum an outsider can tell, without login.
struct ExternalReport {
  std::string organisation;  // municipality the reporter chose
  std::string description;
  std::string observed_on;  // optional
  std::string observed_municipality;
  std::string postal_area;
  bool acute = false;  // "someone is in danger now"
  std::vector<std::string> forms;
};
struct ExternalReceipt {
  std::string reference_code;  // "K7QM-3XDP-9HRT": shown once, stored only as a keyed hash
  bool emergency_guidance = false;
};

struct ImportProblem {
  int row = 0;  // 1-based data row
  Error error;  // field = the SignalInput field
};
struct SignalImport {
  int imported = 0;
  std::vector<ImportProblem> problems;  // non-empty: nothing was written
};

class SignalService {
 public:
  // REQUIRES: every argument outlives the service.
  SignalService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                const security::KeyRing& keys, const signals::Catalog& catalog,
                const signals::RoutingRules& routing,
                security::RandomFill random = security::SystemRandom());

  const signals::Catalog& catalog() const { return catalog_; }
  const signals::RoutingRules& routing() const { return routing_; }

  // Whether the actor may file signals for `organisation` (the new-signal page asks before it
  // shows an empty form); a refusal is audited like any other.
  Status MayFile(const Actor& actor, std::string_view organisation);

  // Creates (id empty) or replaces the actor's own draft. Formats are checked, nothing is
  // required; the organisation defaults to the actor's own. kConflict once submitted.
  Result<SignalView> SaveDraft(const Actor& actor, std::string_view id, const SignalInput& input);
  // The actor's own draft becomes a new signal; kInvalid (first problem) when incomplete.
  Result<SignalView> Submit(const Actor& actor, std::string_view id);
  // Records a complete signal in one step (API, partner systems).
  Result<SignalView> Create(const Actor& actor, const SignalInput& input);
  // The full content: the region's care coordinators, or the author while it is a draft.
  Result<SignalView> Get(const Actor& actor, std::string_view id);
  Result<SignalStatusView> GetStatus(const Actor& actor, std::string_view id);
  // The actor's own signals, drafts included, newest first.
  Result<std::vector<SignalStatusView>> Mine(const Actor& actor);
  Result<Inbox> InboxOf(const Actor& actor, const InboxFilter& filter);

  Result<SignalView> Assess(const Actor& actor, std::string_view id, const AssessmentInput& input);
  // `target` is a partner kind among the routing advice's targets.
  Result<SignalView> Forward(const Actor& actor, std::string_view id, std::string_view target);
  Result<SignalView> Close(const Actor& actor, std::string_view id, std::string_view reason);

  // No login: `actor` carries only the address. Never says whether anyone is already known.
  Result<ExternalReceipt> SubmitExternal(const Actor& actor, const ExternalReport& report);
  // Appends information to the signal with this reference code; answers nothing about it.
  // kNotFound when no signal has the code.
  Status AddInformation(const Actor& actor, std::string_view reference_code, std::string_view text);

  // Validates every row (complete); writes all or none. Needs kFileSignal for every row's
  // organisation (a refusal stops the import before anything is written).
  Result<SignalImport> Import(const Actor& actor, const std::vector<SignalInput>& rows);

 private:
  struct Impl;
  Result<store::SignalRecord> Load(std::string_view id);
  Result<SignalView> Open(const Actor& actor, const store::SignalRecord& row, bool audit_read);
  Result<SignalView> Triage(const Actor& actor, std::string_view id,
                            const signals::TriageStep& step);

  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const security::KeyRing& keys_;
  const signals::Catalog& catalog_;
  const signals::RoutingRules& routing_;
  security::RandomFill random_;
};

}  // namespace schakel::app
