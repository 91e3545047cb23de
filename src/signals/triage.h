// Triage of a signal as a state machine: new → assessed → forwarded (to one of the routing
// advice's targets) or closed with a reason. Forwarded and closed are final: a forwarded signal
// is the partner's to act on, and taking it back would leave two owners. Every step is checked
// here and a refused step says why, so the use cases and pages only record and show it.
// Pure: values in, values out.
#pragma once

#include <string>

#include "domain/result.h"
#include "signals/catalog.h"
#include "signals/routing.h"

namespace schakel::signals {

enum class TriageState { kNew, kAssessed, kForwarded, kClosed };
const char* TriageStateName(TriageState s);  // "new", "assessed", "forwarded", "closed"
// HTCDS 2.0 cas_Status of a state: Active, ClosedReferred or Closed.
const char* HtcdsCaseStatus(TriageState s);

enum class TriageAction { kAssess, kForward, kClose };
const char* TriageActionName(TriageAction a);  // "assess", "forward", "close"

struct TriageStep {
  TriageAction action = TriageAction::kAssess;
  std::string target;          // kForward: a PartnerKind id among the advice's targets
  std::string closing_reason;  // kClose: a ClosingReason id
};

// The state after `step`, or why it is refused: kConflict when the state does not allow the
// action, kInvalid (field "target" or "closing_reason") when the step's choice is not allowed.
// An assessed signal may be assessed again (the assessment is refined before a decision); a new
// signal may be closed without assessment only for a reason that allows it (duplicate, misuse).
Result<TriageState> ApplyTriageStep(TriageState from, const TriageStep& step,
                                    const Catalog& catalog, const RoutingAdvice& advice);

}  // namespace schakel::signals
