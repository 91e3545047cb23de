// Validation shared by the Kader-in-practice use cases (training, environment scan, good
// practices): required text with a length limit, a value from a fixed vocabulary, an ISO date.
// Every error names the field and says why, in the words the API and pages show.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace schakel::app {

// `value` trimmed must be non-empty (when `required`) and at most `max` characters.
Status CheckText(std::string_view field, const std::string& value, size_t max,
                 bool required = true);
// `value` must be one of `allowed`; the message lists them.
Status CheckOneOf(std::string_view field, const std::string& value,
                  const std::vector<std::string>& allowed);
// A real calendar day written YYYY-MM-DD.
Status CheckDate(std::string_view field, const std::string& value);

// Vocabularies (ids; the pages translate them under "practice.vocab.<list>.<id>").
const std::vector<std::string>& TrainingFormats();    // e_learning, training, information_evening
const std::vector<std::string>& TrainingAudiences();  // staff, businesses, schools, …
const std::vector<std::string>& ScanSectors();        // massage_salon, nail_salon, car_wash, …
const std::vector<std::string>& RiskRatings();        // low, medium, high
// Forms of exploitation, as in data/catalog/catalog.json.
const std::vector<std::string>& ExploitationForms();
const std::vector<std::string>& PublicationScopes();  // region, national

}  // namespace schakel::app
