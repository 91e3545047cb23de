#include "care/consent.h"

#include <fmt/format.h>

namespace schakel::care {

bool IsBlank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

Status CheckConsent(const Consent& consent, const std::string& field, const std::string& what) {
  if (consent.recorded || !IsBlank(consent.override_reason)) return Status::Ok();
  return Error::Invalid(field, fmt::format("{} needs the person's recorded consent, or an override "
                                           "with its reason",
                                           what));
}

}  // namespace schakel::care
