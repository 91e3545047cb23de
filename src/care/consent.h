// Consent of the person to a step that involves others (intake, referral, transfer, sharing), or
// the recorded override when asking is not possible or not safe (acute danger, a minor's interest).
// Either is enough; neither is refused. Recording who overrode, and when, is the audit log's job.
#pragma once

#include <string>

#include "domain/result.h"

namespace schakel::care {

struct Consent {
  bool recorded = false;        // the person consented, and it is on file
  std::string override_reason;  // why the step goes ahead without consent; blank: no override
};

// OK when consent is recorded or an override has a non-blank reason; otherwise kInvalid naming
// `field`, saying that `what` ("intake", "the referral") needs one or the other.
Status CheckConsent(const Consent& consent, const std::string& field, const std::string& what);

// True for text that is empty or only spaces.
bool IsBlank(const std::string& text);

}  // namespace schakel::care
