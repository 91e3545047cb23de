// Building blocks of the account and management forms: text fields and role checkboxes as
// template data (rendered by _field.mustache and _roles.mustache), and reading posted values.
// An absent hint or error is null, so a field never picks up a value of the page around it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/policy.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

struct TextField {
  std::string id;  // HTML id and form name
  std::string label;
  std::string value{};
  std::string type = "text";  // text, password, date
  std::string hint{};
  std::string autocomplete = "off";
  bool short_input = false;
};

// The field for _field.mustache, with its error from `errors` (if any).
nlohmann::json FieldData(const TextField& field, const std::vector<FieldError>& errors);
// The message of the error on `field_id`, or null.
nlohmann::json ErrorOf(const std::vector<FieldError>& errors, const std::string& field_id);

// The positive integer id in the path parameter {id}, or nullopt.
std::optional<int64_t> PathId(const Call& call);

// A posted (or query) value, or "".
std::string FormValue(const Call& call, const std::string& name);
// Every value posted under `name` (checkboxes).
std::vector<std::string> FormValues(const Call& call, const std::string& name);

// Checkboxes of every role, with a one-line explanation each (_roles.mustache). `prefix` makes
// the ids unique on the page.
nlohmann::json RoleChoices(const PageRequest& pr, const std::set<app::Role>& checked,
                           const std::string& prefix);
// The roles posted as `rollen`; unknown names are ignored.
std::set<app::Role> PostedRoles(const Call& call);
// "Beleidsmedewerker, Auditor" in the page language.
std::string RoleList(const PageRequest& pr, const std::set<app::Role>& roles);

// A choice from a vocabulary (_select.mustache): option labels are the texts
// "<label_prefix>.<value>"; `chosen` is selected; with `empty_label`, a first option "" for none.
nlohmann::json SelectData(const PageRequest& pr, const std::string& id, const std::string& label,
                          const std::vector<std::string>& values, const std::string& label_prefix,
                          const std::string& chosen, const std::vector<FieldError>& errors,
                          const std::string& empty_label = "");
// A multi-line text (_textarea.mustache).
nlohmann::json TextAreaData(const std::string& id, const std::string& label,
                            const std::string& value, const std::string& hint,
                            const std::vector<FieldError>& errors);
// A use case's validation error as a form error on the field it names ("attendees[2].staff_name"
// → field "attendees"): the text "<prefix>.<field>" of the page language when there is one,
// else the use case's own message.
FieldError FormErrorOf(const PageRequest& pr, const Error& error, const std::string& prefix);

// The organisation a management page is about: `organisatie` from the request when the user may
// manage every organisation (the policy says so: kManageOrganisations), else their own.
std::string ManagedOrganisation(const Call& call);
// For a user who may choose: the organisations still in existence, `chosen` selected
// (template: organisations[] {code, name, selected}); null otherwise.
nlohmann::json OrganisationChoice(Site& site, const Call& call, const std::string& chosen);
// "Amsterdam (GM0363)", or the code alone when it is unknown.
std::string OrganisationLabel(Site& site, const std::string& code);

}  // namespace schakel::http::pages
