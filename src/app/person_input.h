// PersonInput: what a caller gives to register or change a person, and its validation. Every
// identifying field is optional (a signal may know only a first name); an empty string counts as
// not given. Validation errors name the field (Error::Invalid(field, message)) so a form can show
// them next to it. Values never appear in messages: they may be personal data and messages end up
// in logs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "store/person_repository.h"

namespace schakel::app {

struct PersonInput {
  std::string organisation;  // the organisation that registers and owns the record
  // Plaintexts; date_of_birth as YYYY-MM-DD (or DD-MM-YYYY), not in the future.
  store::PersonIdentity identity;
  std::optional<std::string> gender;       // female | male | x | unknown
  std::optional<std::string> nationality;  // ISO 3166-1 alpha-3 ("NLD")
};

// The input with empty strings dropped, surrounding whitespace trimmed, the date of birth in ISO
// form and the nationality in upper case; or the first problem. `today` is YYYY-MM-DD.
Result<PersonInput> NormalisePersonInput(PersonInput input, std::string_view today);

// "1987-03-14" for "1987-03-14" and "14-03-1987" (the Dutch way of writing it); nullopt when the
// text is neither or not a real calendar day.
std::optional<std::string> IsoDateOf(std::string_view text);

}  // namespace schakel::app
