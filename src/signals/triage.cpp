#include "signals/triage.h"

#include <fmt/format.h>

namespace schakel::signals {

const char* TriageStateName(TriageState s) {
  switch (s) {
    case TriageState::kNew:
      return "new";
    case TriageState::kAssessed:
      return "assessed";
    case TriageState::kForwarded:
      return "forwarded";
    case TriageState::kClosed:
      return "closed";
  }
  return "new";
}

const char* HtcdsCaseStatus(TriageState s) {
  switch (s) {
    case TriageState::kNew:
    case TriageState::kAssessed:
      return "Active";
    case TriageState::kForwarded:
      return "ClosedReferred";
    case TriageState::kClosed:
      return "Closed";
  }
  return "Active";
}

const char* TriageActionName(TriageAction a) {
  switch (a) {
    case TriageAction::kAssess:
      return "assess";
    case TriageAction::kForward:
      return "forward";
    case TriageAction::kClose:
      return "close";
  }
  return "assess";
}

namespace {

// Final states refuse everything, and say why in the words a coordinator would use.
Status RefuseFromFinalState(TriageState from, TriageAction action) {
  if (from == TriageState::kForwarded) {
    return Error::Conflict(fmt::format(
        "this signal has been forwarded and cannot be {}: forwarding cannot be undone; ask the "
        "partner it went to",
        action == TriageAction::kAssess    ? "assessed again"
        : action == TriageAction::kForward ? "forwarded again"
                                           : "closed"));
  }
  if (from == TriageState::kClosed) {
    return Error::Conflict(
        fmt::format("this signal is closed and cannot be {}; record a new "
                    "signal if there is new information",
                    action == TriageAction::kAssess    ? "assessed"
                    : action == TriageAction::kForward ? "forwarded"
                                                       : "closed again"));
  }
  return Status::Ok();
}

Result<TriageState> Forward(TriageState from, const std::string& target,
                            const RoutingAdvice& advice) {
  if (from != TriageState::kAssessed) {
    return Error::Conflict("a new signal must be assessed before it is forwarded");
  }
  if (target.empty()) return Error::Invalid("target", "choose where to forward the signal to");
  if (advice.Find(target) == nullptr) {
    return Error::Invalid("target",
                          fmt::format("'{}' is not a forward target for this signal", target));
  }
  return TriageState::kForwarded;
}

Result<TriageState> Close(TriageState from, const std::string& reason_id, const Catalog& catalog) {
  if (reason_id.empty()) return Error::Invalid("closing_reason", "give a reason for closing");
  const ClosingReason* reason = catalog.FindClosingReason(reason_id);
  if (reason == nullptr) {
    return Error::Invalid("closing_reason", fmt::format("unknown closing reason '{}'", reason_id));
  }
  if (from == TriageState::kNew && !reason->without_assessment) {
    return Error::Invalid("closing_reason",
                          fmt::format("a new signal can be closed as '{}' only after it has been "
                                      "assessed",
                                      reason->name.en));
  }
  return TriageState::kClosed;
}

}  // namespace

Result<TriageState> ApplyTriageStep(TriageState from, const TriageStep& step,
                                    const Catalog& catalog, const RoutingAdvice& advice) {
  if (Status s = RefuseFromFinalState(from, step.action); !s) return s.error();
  switch (step.action) {
    case TriageAction::kAssess:
      return TriageState::kAssessed;
    case TriageAction::kForward:
      return Forward(from, step.target, advice);
    case TriageAction::kClose:
      return Close(from, step.closing_reason, catalog);
  }
  return Error::Internal("unknown triage action");
}

}  // namespace schakel::signals
