// SignalInput: what a staff member, a partner system or an import row gives to record a signal,
// and its validation against the catalogue. A draft may be incomplete; a submitted signal must
// say who received it, how, how urgent it is, when it was observed and what was observed.
// Errors name the field ("indicators[2]", "victim.date_of_birth"); values never appear in
// messages (they may be personal data, and messages end up in logs).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/person_input.h"
#include "domain/result.h"
#include "signals/catalog.h"

namespace schakel::app {

struct SignalInput {
  std::string organisation;  // receiving municipality (CBS code)
  std::string channel;       // catalogue channel id
  std::string urgency;       // catalogue urgency id
  std::string observed_on;   // YYYY-MM-DD or DD-MM-YYYY
  std::string observed_municipality;
  std::string postal_area;  // four digits, optional
  std::vector<std::string> forms;
  std::vector<std::string> indicators;
  std::vector<std::string> risk_factors;
  std::string description;  // free text (encrypted)
  // The possible victim: identity (encrypted), gender and nationality (kept for statistics).
  PersonInput victim;
  std::string victim_age;        // whole years as text, optional
  std::string victim_age_group;  // minor | adult | unknown, optional (derived from the age)
  std::string victim_language;
  bool victim_living_at_home = false;  // a minor living with parents or carers
  std::string perpetrators;            // description only (encrypted)
};

enum class Completeness {
  kDraft,     // formats are checked, nothing is required
  kComplete,  // what a submitted signal needs
};

// The input trimmed and normalised (ISO dates, upper-case nationality, lists without
// duplicates, the age group derived from the age), or every problem found, each naming its field.
struct SignalValidation {
  SignalInput input;
  std::vector<Error> problems;
  bool ok() const { return problems.empty(); }
};
SignalValidation ValidateSignal(SignalInput input, const signals::Catalog& catalog,
                                std::string_view today, Completeness completeness);

}  // namespace schakel::app
