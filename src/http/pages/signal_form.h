// The wire of the staff signal form (/signalen/nieuw): the posted fields as a SignalInput, and
// a use case's validation error as the form field it belongs to with the text key that explains
// it in the page language (web/i18n, "signal.error.*"). The service's own messages are English
// and for logs; the pages never show them. Pure: no I/O.
#pragma once

#include <httplib.h>

#include <string>

#include "app/signal_input.h"
#include "domain/result.h"

namespace schakel::http::pages {

// Form field names (also the HTML ids of text fields and of the checkbox groups' fieldsets).
inline constexpr const char* kFormsField = "vormen";
inline constexpr const char* kIndicatorsField = "signalen";
inline constexpr const char* kRiskFactorsField = "risicofactoren";

// Reads every field of the form; checkboxes may be posted several times.
app::SignalInput SignalInputFromForm(const httplib::Request& req);

struct SignalFormError {
  std::string field_id;  // HTML id to link to and to show the message at
  std::string text_key;  // "signal.error.observed_on" (or "…_missing" when it was left empty)
};

// Where the error on `error.field` ("indicators[1]", "victim.date_of_birth") belongs, given the
// posted `input`; an unknown field belongs to the description with a general text.
SignalFormError SignalFormErrorOf(const Error& error, const app::SignalInput& input);

// The same for the care coordinator's forms on a signal's page: the three-element test
// ("handeling", "middel", "doel"), forward ("naar") and close ("reden"). A refusal because of
// the signal's state (kConflict) belongs to no field ("signal.error.conflict").
SignalFormError TriageFormErrorOf(const Error& error);

}  // namespace schakel::http::pages
