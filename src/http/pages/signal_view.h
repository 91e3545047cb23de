// Template data shared by the signal pages: choices from the signals catalogue in the page
// language (forms, indicators, risk factors, channels, urgencies, partner kinds, closing
// reasons), the municipalities to choose from, and status words. Rendered by _choices.mustache
// (radio buttons or checkboxes in a fieldset) and _select.mustache.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/signal_service.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

// The catalogue text in the page language.
const std::string& InLanguage(const PageRequest& pr, const LocalizedText& text);

// One option of a radio group, checkbox group or select.
struct Choice {
  std::string value;
  std::string label;
  std::string hint{};
};

// A fieldset of radio buttons (`type` "radio") or checkboxes ("checkbox") for _choices.mustache.
// `id` is the fieldset's id (errors link to it) and the prefix of each input's id.
nlohmann::json ChoiceGroup(const std::string& id, const std::string& name, const std::string& type,
                           const std::string& legend, const std::vector<Choice>& choices,
                           const std::set<std::string>& checked,
                           const std::vector<FieldError>& errors);
// A select for _select.mustache, with an empty first option `placeholder` when not empty.
nlohmann::json SelectField(const std::string& id, const std::string& label,
                           const std::string& placeholder, const std::vector<Choice>& choices,
                           const std::string& selected, const std::vector<FieldError>& errors);

// The current municipalities, by name.
std::vector<Choice> MunicipalityChoices(Site& site);
std::vector<Choice> FormChoices(const PageRequest& pr, const signals::Catalog& catalog);
std::vector<Choice> UrgencyChoices(const PageRequest& pr, const signals::Catalog& catalog);

// "Nieuw", "Beoordeeld", … for a signal's status.
std::string StatusWord(const PageRequest& pr, const std::string& status);
// The catalogue names of `ids` (forms, partner kinds …) joined with ", ".
std::string FormNames(const PageRequest& pr, const signals::Catalog& catalog,
                      const std::vector<std::string>& ids);
std::string PartnerName(const PageRequest& pr, const signals::Catalog& catalog,
                        const std::string& id);
std::string UrgencyName(const PageRequest& pr, const signals::Catalog& catalog,
                        const std::optional<std::string>& id);
// "28-11-2026" for an ISO date or timestamp; "" for nothing.
std::string DutchDate(const std::optional<std::string>& iso);

}  // namespace schakel::http::pages
