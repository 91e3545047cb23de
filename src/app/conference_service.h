// Case conferences (casusoverleg, issue #6, docs/care.md "Case conferences"): a meeting of a
// care-coordination region with participating organisations, an agenda of cases, minutes and
// decisions. Each decision becomes a care-plan item of its case through CaseService (so the
// plan's own rules and need-to-know apply) and the conference keeps which item it became.
//
// Need-to-know (policy.h): the region's care coordinators and chain director plan a conference
// (kManageConference); they and the chain directors of participating organisations see its
// date, participants and agenda (kViewConference, the agenda shows pseudonymous case references
// only); the minutes and decisions are read by the region's care coordinators and the chain
// directors of the participating organisations (kReadConferenceMinutes). Recording a decision
// needs kManageCase on the case as well (the care-plan item). Audit: "conference.create",
// "conference.list", "conference.read", "conference.read_minutes", "conference.minutes",
// "conference.decision". Minutes and decision texts are encrypted ('case_conferences' /
// 'conference_decisions', column, id).
// Thread-safe: each call takes its own connection from the Database.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "app/case_service.h"
#include "care/care_data.h"
#include "domain/clock.h"
#include "security/key_file.h"
#include "security/secret.h"
#include "store/db.h"
#include "store/sharing_repository.h"

namespace schakel::app {

struct ConferenceInput {
  std::string region;   // empty: the actor's region when they serve exactly one
  std::string held_on;  // YYYY-MM-DD
  std::string title;
  std::vector<std::string> participants;  // organisation codes
  std::vector<std::string> agenda;        // case ids (or references "Z000123")
};

struct DecisionInput {
  std::string case_id;  // a case on the agenda (id or reference)
  std::string text;     // what was decided; becomes the care-plan item's description
  std::string domain;   // care-plan domain
  std::string responsible_organisation;
  std::string due_on;  // optional, YYYY-MM-DD
};

struct AgendaEntry {
  std::string case_id;
  std::string reference;
};

struct ConferenceParticipant {
  std::string code;
  std::string name;
};

struct DecisionView {
  store::ConferenceDecisionRecord record;  // text cleared
  std::string text;
  std::string reference;  // of the case
};

struct ConferenceSummary {
  std::string id;
  std::string region;
  std::string held_on;
  std::string title;
  int agenda_size = 0;
  int participant_count = 0;
};

struct ConferenceView {
  ConferenceSummary summary;
  std::vector<ConferenceParticipant> participants;
  std::vector<AgendaEntry> agenda;
  bool may_manage = false;
  bool may_read_minutes = false;
  // Only when may_read_minutes:
  std::string minutes;
  std::vector<DecisionView> decisions;
};

class ConferenceService {
 public:
  // REQUIRES: every argument outlives the service.
  ConferenceService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                    const security::KeyRing& keys, const care::CareData& data, CaseService& cases,
                    security::RandomFill random = security::SystemRandom());

  const care::CareData& data() const { return data_; }

  // kInvalid naming the field: region, held_on, title, participants[i] (unknown organisation),
  // agenda[i] (unknown case, or a case of another region).
  Result<ConferenceView> Create(const Actor& actor, const ConferenceInput& input);
  // The conferences of the actor's regions and those their organisation takes part in, each
  // only when the policy lets the actor see it; newest first.
  Result<std::vector<ConferenceSummary>> List(const Actor& actor);
  // Whether the actor may plan a conference in some region they serve (the list page shows
  // "new" only then); not audited.
  bool MayPlan(const Actor& actor);
  // MayPlan as a use case: a refusal is audited (the new-conference page asks before its form).
  Status CheckMayPlan(const Actor& actor);
  Result<ConferenceView> Get(const Actor& actor, std::string_view id);
  Result<ConferenceView> SaveMinutes(const Actor& actor, std::string_view id,
                                     std::string_view minutes);
  // Creates the care-plan item (CaseService::AddPlanItem) and records the decision.
  Result<ConferenceView> RecordDecision(const Actor& actor, std::string_view id,
                                        const DecisionInput& input);

 private:
  struct Impl;
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const security::KeyRing& keys_;
  const care::CareData& data_;
  CaseService& cases_;
  security::RandomFill random_;
};

}  // namespace schakel::app
