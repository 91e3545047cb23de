#include "care/case_opening.h"

#include <fmt/format.h>

#include <set>

#include "care/consent.h"

namespace schakel::care {

namespace {

// The partner kind of the regional care coordinator in the routing data.
constexpr const char* kCareCoordinator = "care_coordinator";

Status CheckSignal(const SignalRef& s, const std::string& field) {
  using signals::TriageState;
  switch (s.state) {
    case TriageState::kNew:
      return Error::Invalid(
          field, fmt::format("signal '{}' is new; assess it before opening a case", s.id));
    case TriageState::kClosed:
      return Error::Invalid(field, fmt::format("signal '{}' was closed without a case", s.id));
    case TriageState::kForwarded:
      if (s.forwarded_to != kCareCoordinator) {
        return Error::Invalid(field, fmt::format("signal '{}' was forwarded to '{}'; it is theirs "
                                                 "to act on",
                                                 s.id, s.forwarded_to));
      }
      return Status::Ok();
    case TriageState::kAssessed:
      return Status::Ok();
  }
  return Error::Internal("unknown triage state");
}

}  // namespace

Status CheckNewCase(const NewCase& c) {
  if (IsBlank(c.region)) return Error::Invalid("region", "name the region that takes the case");
  std::set<std::string> seen;
  for (size_t i = 0; i < c.signals.size(); ++i) {
    const std::string field = fmt::format("signals[{}]", i);
    if (!seen.insert(c.signals[i].id).second) {
      return Error::Invalid(field, fmt::format("signal '{}' is named twice", c.signals[i].id));
    }
    if (Status s = CheckSignal(c.signals[i], field); !s) return s;
  }
  if (c.signals.empty() && IsBlank(c.opened_directly_because)) {
    return Error::Invalid("opened_directly_because",
                          "a case without a signal needs the reason it is opened directly");
  }
  return Status::Ok();
}

}  // namespace schakel::care
