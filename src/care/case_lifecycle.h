// The lifecycle of a care case for a (possible) victim, as a state machine:
//
//   registered ─start_intake─▶ intake ─start_care─▶ care_trajectory ─start_aftercare─▶ aftercare
//   registered, intake, care_trajectory, aftercare ─close(reason)─▶ closed ─reopen─▶ intake
//   registered, intake, care_trajectory, aftercare ─transfer─▶ transferred (final here)
//
// Each transition has guards: who may apply it, and which facts must be in place. A refused
// transition says why: kForbidden (not the case's region's care coordinator), kConflict (the state
// does not allow it), kInvalid with `field` naming what is missing. The use case records every
// applied or refused transition in the audit log. Pure: the facts are gathered by the caller.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "care/amsterdam_time.h"
#include "care/care_data.h"
#include "care/consent.h"
#include "domain/result.h"

namespace schakel::care {

enum class CaseState { kRegistered, kIntake, kCareTrajectory, kAftercare, kClosed, kTransferred };
// "registered", "intake", "care_trajectory", "aftercare", "closed", "transferred"
const char* CaseStateName(CaseState s);
std::optional<CaseState> ParseCaseState(std::string_view name);

// HTCDS 2.0 cas_Status of a state: Active (registered, intake, care trajectory), FollowUp
// (aftercare), Closed, ClosedReferred (transferred).
const char* HtcdsCaseStatus(CaseState s);

// Not closed and not transferred: the case is being worked on here.
bool IsActive(CaseState s);

enum class CaseTransition { kStartIntake, kStartCare, kStartAftercare, kClose, kReopen, kTransfer };
// "start_intake", "start_care", "start_aftercare", "close", "reopen", "transfer"
const char* CaseTransitionName(CaseTransition t);
std::optional<CaseTransition> ParseCaseTransition(std::string_view name);

// What the guards look at, as the case is now.
struct CaseFacts {
  std::string coordinator;      // the responsible care coordinator (user id); empty: none yet
  Consent consent;              // to intake and care
  int care_plan_items = 0;      // items not cancelled
  bool aftercare_item = false;  // the care plan has an item in the domain "aftercare"
  bool open_placement = false;  // a shelter placement without an end date
  bool reflection_started = false;
  bool reflection_outcome_recorded = false;
  std::optional<Date> closed_on;   // when the case was last closed
  bool transfer_accepted = false;  // a transfer of this case was accepted by the receiver
};

// Who asks, as the authorization policy sees them.
struct CaseActor {
  bool is_care_coordinator = false;
  bool serves_case_region = false;  // the coordinator works for the case's region
};

struct CaseStep {
  CaseTransition transition = CaseTransition::kStartIntake;
  std::string closing_reason;  // kClose: a CaseClosingReason id from the care data
  Date today;                  // Amsterdam date the step is taken on (reopen checks retention)
};

// The state after `step`, or why it is refused. Guards per transition:
//   start_intake    coordinator; consent or override (field "consent")
//   start_care      coordinator; a care plan with at least one item (field "care_plan")
//   start_aftercare an aftercare item in the care plan (field "care_plan")
//   close           a known closing reason; no open placement (field "placements"); the outcome of
//                   a started reflection period (field "reflection_outcome")
//   reopen          closed_on known, and today before the end of the case retention period —
//                   after it, identifying data may be gone (kConflict)
//   transfer        an accepted transfer (field "transfer")
Result<CaseState> ApplyCaseTransition(CaseState from, const CaseStep& step, const CaseFacts& facts,
                                      const CaseActor& actor, const CareData& data);

}  // namespace schakel::care
