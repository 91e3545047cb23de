#include "care/referral.h"

#include <fmt/format.h>

#include "care/wire_name.h"

namespace schakel::care {

const char* ReferralKindName(ReferralKind k) {
  return k == ReferralKind::kTransfer ? "transfer" : "referral";
}

const char* ReferralStateName(ReferralState s) {
  switch (s) {
    case ReferralState::kInProgress:
      return "in_progress";
    case ReferralState::kAccepted:
      return "accepted";
    case ReferralState::kRejected:
      return "rejected";
    case ReferralState::kDone:
      return "done";
    case ReferralState::kRevoked:
      return "revoked";
  }
  return "in_progress";
}

const char* ReferralActionName(ReferralAction a) {
  switch (a) {
    case ReferralAction::kAccept:
      return "accept";
    case ReferralAction::kReject:
      return "reject";
    case ReferralAction::kComplete:
      return "complete";
    case ReferralAction::kRevoke:
      return "revoke";
  }
  return "accept";
}

std::optional<ReferralState> ParseReferralState(std::string_view name) {
  return FromWireName(name,
                      {ReferralState::kInProgress, ReferralState::kAccepted,
                       ReferralState::kRejected, ReferralState::kDone, ReferralState::kRevoked},
                      ReferralStateName);
}

std::optional<ReferralAction> ParseReferralAction(std::string_view name) {
  return FromWireName(name,
                      {ReferralAction::kAccept, ReferralAction::kReject, ReferralAction::kComplete,
                       ReferralAction::kRevoke},
                      ReferralActionName);
}

Status ValidateReferral(const Referral& r, const CareData& data) {
  if (IsBlank(r.to_organisation)) {
    return Error::Invalid("to_organisation", "name the organisation the case goes to");
  }
  if (r.kind == ReferralKind::kTransfer && IsBlank(r.to_region)) {
    return Error::Invalid("to_region", "name the region that takes the case over");
  }
  if (Status s = CheckFieldGroups(r.field_groups, data); !s) return s;
  return CheckConsent(r.consent, "consent", fmt::format("the {}", ReferralKindName(r.kind)));
}

namespace {

// The one state each action may start from; revoke also from accepted (handled below).
ReferralState FromStateOf(ReferralAction a) {
  return a == ReferralAction::kComplete ? ReferralState::kAccepted : ReferralState::kInProgress;
}

ReferralState TargetOf(ReferralAction a) {
  switch (a) {
    case ReferralAction::kAccept:
      return ReferralState::kAccepted;
    case ReferralAction::kReject:
      return ReferralState::kRejected;
    case ReferralAction::kComplete:
      return ReferralState::kDone;
    case ReferralAction::kRevoke:
      return ReferralState::kRevoked;
  }
  return ReferralState::kInProgress;
}

}  // namespace

Result<ReferralState> ApplyReferralStep(ReferralState from, const ReferralStep& step) {
  const bool allowed = from == FromStateOf(step.action) ||
                       (step.action == ReferralAction::kRevoke && from == ReferralState::kAccepted);
  if (!allowed) {
    return Error::Conflict(fmt::format("cannot {} a referral that is {}",
                                       ReferralActionName(step.action), ReferralStateName(from)));
  }
  const bool needs_reason =
      step.action == ReferralAction::kReject || step.action == ReferralAction::kRevoke;
  if (needs_reason && IsBlank(step.reason)) {
    return Error::Invalid("reason",
                          fmt::format("give a reason to {}", ReferralActionName(step.action)));
  }
  return TargetOf(step.action);
}

CaseView ReceiverView(const Referral& referral, const CaseView& view, const CareData& data) {
  if (referral.state == ReferralState::kRejected || referral.state == ReferralState::kRevoked) {
    return {};
  }
  return FilterCaseView(view, referral.field_groups, data);
}

}  // namespace schakel::care
