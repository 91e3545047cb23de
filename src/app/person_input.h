// PersonInput: what a caller gives to register or change a person, and its validation. Every
// identifying field is optional (a signal may know only a first name); an empty string counts as
// not given. Validation errors name the field (Error::Invalid(field, message)) so a form can show
// them next to it. Values never appear in messages: they may be personal data and messages end up
// in logs.
#pragma once

#include <array>
#include <cstddef>
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

// Every identifying field of a person with its name, which is also its column in `persons`
// and its key in JSON (the API, a signal's encrypted victim identity).
struct IdentityField {
  const char* name;
  std::optional<std::string> store::PersonIdentity::*member;
};
inline constexpr std::array<IdentityField, 7> kIdentityFields = {{
    {"given_names", &store::PersonIdentity::given_names},
    {"family_name", &store::PersonIdentity::family_name},
    {"date_of_birth", &store::PersonIdentity::date_of_birth},
    {"address", &store::PersonIdentity::address},
    {"phone", &store::PersonIdentity::phone},
    {"document_number", &store::PersonIdentity::document_number},
    {"notes", &store::PersonIdentity::notes},
}};

// The text without surrounding spaces, tabs and line breaks.
std::string TrimSpace(std::string_view text);
// kInvalid naming `field` when the text is not UTF-8 or has more than `max_code_points`.
Status CheckTextLimit(std::string_view field, std::string_view value, std::size_t max_code_points);

}  // namespace schakel::app
