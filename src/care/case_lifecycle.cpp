#include "care/case_lifecycle.h"

#include <fmt/format.h>

#include "care/retention.h"
#include "care/wire_name.h"

namespace schakel::care {

const char* CaseStateName(CaseState s) {
  switch (s) {
    case CaseState::kRegistered:
      return "registered";
    case CaseState::kIntake:
      return "intake";
    case CaseState::kCareTrajectory:
      return "care_trajectory";
    case CaseState::kAftercare:
      return "aftercare";
    case CaseState::kClosed:
      return "closed";
    case CaseState::kTransferred:
      return "transferred";
  }
  return "registered";
}

std::optional<CaseState> ParseCaseState(std::string_view name) {
  return FromWireName(name,
                      {CaseState::kRegistered, CaseState::kIntake, CaseState::kCareTrajectory,
                       CaseState::kAftercare, CaseState::kClosed, CaseState::kTransferred},
                      CaseStateName);
}

const char* HtcdsCaseStatus(CaseState s) {
  switch (s) {
    case CaseState::kRegistered:
    case CaseState::kIntake:
    case CaseState::kCareTrajectory:
      return "Active";
    case CaseState::kAftercare:
      return "FollowUp";
    case CaseState::kClosed:
      return "Closed";
    case CaseState::kTransferred:
      return "ClosedReferred";
  }
  return "Active";
}

bool IsActive(CaseState s) {
  return s != CaseState::kClosed && s != CaseState::kTransferred;
}

const char* CaseTransitionName(CaseTransition t) {
  switch (t) {
    case CaseTransition::kStartIntake:
      return "start_intake";
    case CaseTransition::kStartCare:
      return "start_care";
    case CaseTransition::kStartAftercare:
      return "start_aftercare";
    case CaseTransition::kClose:
      return "close";
    case CaseTransition::kReopen:
      return "reopen";
    case CaseTransition::kTransfer:
      return "transfer";
  }
  return "start_intake";
}

std::optional<CaseTransition> ParseCaseTransition(std::string_view name) {
  return FromWireName(
      name,
      {CaseTransition::kStartIntake, CaseTransition::kStartCare, CaseTransition::kStartAftercare,
       CaseTransition::kClose, CaseTransition::kReopen, CaseTransition::kTransfer},
      CaseTransitionName);
}

namespace {

// The state a transition may start from is checked before its guards, so a coordinator first
// learns that a step is impossible, not that a field is missing for it.
Status CheckFromState(CaseState from, CaseTransition t) {
  if (from == CaseState::kTransferred) {
    return Error::Conflict(
        fmt::format("this case was transferred to another organisation and "
                    "continues there; it cannot {} here",
                    CaseTransitionName(t)));
  }
  if (from == CaseState::kClosed && t != CaseTransition::kReopen) {
    return Error::Conflict(
        fmt::format("this case is closed; reopen it before '{}'", CaseTransitionName(t)));
  }
  struct Allowed {
    CaseTransition t;
    CaseState from;
    const char* hint;
  };
  static constexpr Allowed kOnly[] = {
      {CaseTransition::kStartIntake, CaseState::kRegistered,
       "only a registered case starts intake"},
      {CaseTransition::kStartCare, CaseState::kIntake, "a care trajectory starts after intake"},
      {CaseTransition::kStartAftercare, CaseState::kCareTrajectory,
       "aftercare follows the care trajectory"},
      {CaseTransition::kReopen, CaseState::kClosed, "only a closed case can be reopened"},
  };
  for (const Allowed& a : kOnly) {
    if (a.t == t && a.from != from) {
      return Error::Conflict(fmt::format("a case in state '{}' cannot {}: {}", CaseStateName(from),
                                         CaseTransitionName(t), a.hint));
    }
  }
  return Status::Ok();
}

Status NeedCoordinator(const CaseFacts& f) {
  if (!IsBlank(f.coordinator)) return Status::Ok();
  return Error::Invalid("coordinator", "appoint a responsible care coordinator first");
}

Status CheckClose(const CaseStep& step, const CaseFacts& f, const CareData& data) {
  if (IsBlank(step.closing_reason)) {
    return Error::Invalid("closing_reason", "give a reason for closing the case");
  }
  if (data.FindClosingReason(step.closing_reason) == nullptr) {
    return Error::Invalid("closing_reason",
                          fmt::format("unknown closing reason '{}'", step.closing_reason));
  }
  if (f.open_placement) {
    return Error::Invalid("placements", "end the open shelter placement before closing the case");
  }
  if (f.reflection_started && !f.reflection_outcome_recorded) {
    return Error::Invalid("reflection_outcome",
                          "record the outcome of the reflection period before closing the case");
  }
  return Status::Ok();
}

Status CheckReopen(const CaseStep& step, const CaseFacts& f, const CareData& data) {
  if (!f.closed_on) return Error::Invalid("closed_on", "the date the case was closed is unknown");
  // The loader guarantees a retention period for cases.
  const Date ends = RetentionEnds(*f.closed_on, *data.FindRetention("case"));
  if (DaysBetween(step.today, ends) <= 0) {
    return Error::Conflict(
        fmt::format("the retention period of this case ended on {}; its "
                    "identifying data may have been erased, so open a new case",
                    FormatDate(ends)));
  }
  return Status::Ok();
}

Status CheckGuards(const CaseStep& step, const CaseFacts& f, const CareData& data) {
  switch (step.transition) {
    case CaseTransition::kStartIntake:
      if (Status s = NeedCoordinator(f); !s) return s;
      return CheckConsent(f.consent, "consent", "intake");
    case CaseTransition::kStartCare:
      if (Status s = NeedCoordinator(f); !s) return s;
      if (f.care_plan_items > 0) return Status::Ok();
      return Error::Invalid("care_plan",
                            "a care trajectory needs a care plan with at least one "
                            "item");
    case CaseTransition::kStartAftercare:
      if (f.aftercare_item) return Status::Ok();
      return Error::Invalid("care_plan",
                            "aftercare needs a care-plan item in the domain "
                            "'aftercare'");
    case CaseTransition::kClose:
      return CheckClose(step, f, data);
    case CaseTransition::kReopen:
      return CheckReopen(step, f, data);
    case CaseTransition::kTransfer:
      if (f.transfer_accepted) return Status::Ok();
      return Error::Invalid("transfer",
                            "a case is transferred only after the receiving "
                            "organisation has accepted the transfer");
  }
  return Error::Internal("unknown case transition");
}

CaseState Target(CaseTransition t) {
  switch (t) {
    case CaseTransition::kStartIntake:
    case CaseTransition::kReopen:
      return CaseState::kIntake;
    case CaseTransition::kStartCare:
      return CaseState::kCareTrajectory;
    case CaseTransition::kStartAftercare:
      return CaseState::kAftercare;
    case CaseTransition::kClose:
      return CaseState::kClosed;
    case CaseTransition::kTransfer:
      return CaseState::kTransferred;
  }
  return CaseState::kRegistered;
}

}  // namespace

Result<CaseState> ApplyCaseTransition(CaseState from, const CaseStep& step, const CaseFacts& facts,
                                      const CaseActor& actor, const CareData& data) {
  if (!actor.is_care_coordinator || !actor.serves_case_region) {
    return Error::Forbidden("only a care coordinator of the case's region may change its state");
  }
  if (Status s = CheckFromState(from, step.transition); !s) return s.error();
  if (Status s = CheckGuards(step, facts, data); !s) return s.error();
  return Target(step.transition);
}

}  // namespace schakel::care
