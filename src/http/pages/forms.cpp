#include "http/pages/forms.h"

#include <fmt/format.h>

namespace schakel::http::pages {

using nlohmann::json;

json ErrorOf(const std::vector<FieldError>& errors, const std::string& field_id) {
  for (const auto& e : errors) {
    if (e.field_id == field_id) return e.message;
  }
  return nullptr;
}

json FieldData(const TextField& field, const std::vector<FieldError>& errors) {
  const json error = ErrorOf(errors, field.id);
  std::string described;
  if (!field.hint.empty()) described = field.id + "-hint";
  if (!error.is_null()) described += (described.empty() ? "" : " ") + field.id + "-fout";
  return {{"id", field.id},
          {"label", field.label},
          {"value", field.value},
          {"type", field.type},
          {"hint", field.hint.empty() ? json(nullptr) : json(field.hint)},
          {"autocomplete", field.autocomplete},
          {"short", field.short_input},
          {"error", error},
          {"invalid", !error.is_null()},
          {"problems", nullptr},
          {"describedby", described.empty() ? json(nullptr) : json(described)}};
}

json SelectData(const PageRequest& pr, const std::string& id, const std::string& label,
                const std::vector<std::string>& values, const std::string& label_prefix,
                const std::string& chosen, const std::vector<FieldError>& errors,
                const std::string& empty_label) {
  json options = json::array();
  if (!empty_label.empty()) {
    options.push_back({{"value", ""}, {"label", empty_label}, {"selected", chosen.empty()}});
  }
  for (const std::string& v : values) {
    options.push_back(
        {{"value", v}, {"label", pr.T(label_prefix + "." + v)}, {"selected", v == chosen}});
  }
  const json error = ErrorOf(errors, id);
  return {{"select", true},     {"id", id},       {"label", label},
          {"options", options}, {"error", error}, {"invalid", !error.is_null()}};
}

json TextAreaData(const std::string& id, const std::string& label, const std::string& value,
                  const std::string& hint, const std::vector<FieldError>& errors) {
  const json error = ErrorOf(errors, id);
  return {{"textarea", true},
          {"id", id},
          {"label", label},
          {"value", value},
          {"hint", hint.empty() ? json(nullptr) : json(hint)},
          {"error", error},
          {"invalid", !error.is_null()}};
}

FieldError FormErrorOf(const PageRequest& pr, const Error& error, const std::string& prefix) {
  std::string field = error.field;
  if (const size_t cut = field.find_first_of(".["); cut != std::string::npos) {
    field = field.substr(0, cut);
  }
  const std::string key = prefix + "." + field;
  std::string message = pr.T(key);
  if (message == key) message = error.message;
  return {field.empty() ? "title" : field, message};
}

std::optional<int64_t> PathId(const Call& call) {
  const std::string text = call.Param("id");
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int64_t id = std::stoll(text);
  return id > 0 ? std::optional<int64_t>(id) : std::nullopt;
}

std::string FormValue(const Call& call, const std::string& name) {
  return call.req.has_param(name.c_str()) ? call.req.get_param_value(name.c_str()) : "";
}

std::vector<std::string> FormValues(const Call& call, const std::string& name) {
  std::vector<std::string> values;
  for (auto [it, end] = call.req.params.equal_range(name); it != end; ++it) {
    values.push_back(it->second);
  }
  return values;
}

json RoleChoices(const PageRequest& pr, const std::set<app::Role>& checked,
                 const std::string& prefix) {
  json roles = json::array();
  for (app::Role role : app::AllRoles()) {
    const std::string name = app::RoleName(role);
    roles.push_back({{"value", name},
                     {"id", prefix + "-" + name},
                     {"label", pr.T("role." + name)},
                     {"explanation", pr.T("role_explanation." + name)},
                     {"checked", checked.count(role) > 0}});
  }
  return roles;
}

std::set<app::Role> PostedRoles(const Call& call) {
  std::set<app::Role> roles;
  for (const std::string& name : FormValues(call, "rollen")) {
    app::Role role;
    if (app::ParseRole(name, &role)) roles.insert(role);
  }
  return roles;
}

std::string RoleList(const PageRequest& pr, const std::set<app::Role>& roles) {
  std::string list;
  for (app::Role role : roles) {
    list += (list.empty() ? "" : ", ") + pr.T(std::string("role.") + app::RoleName(role));
  }
  return list;
}

std::string ManagedOrganisation(const Call& call) {
  const app::Principal& who = call.actor.principal;
  const std::string asked = call.Query("organisatie");
  if (!asked.empty() && app::Decide(who, app::Action::kManageOrganisations, {}).allowed) {
    return asked;
  }
  return who.organisation;
}

std::string OrganisationLabel(Site& site, const std::string& code) {
  auto org = site.services().organisations.Get(code);
  return org ? fmt::format("{} ({})", org->name, code) : code;
}

json OrganisationChoice(Site& site, const Call& call, const std::string& chosen) {
  if (!app::Decide(call.actor.principal, app::Action::kManageOrganisations, {}).allowed) {
    return nullptr;
  }
  auto all = site.services().organisations.List({});
  json options = json::array();
  if (!all) return options;
  for (const auto& o : *all) {
    if (o.valid_to) continue;
    options.push_back({{"code", o.code},
                       {"name", fmt::format("{} ({})", o.name, o.code)},
                       {"selected", o.code == chosen}});
  }
  return options;
}

}  // namespace schakel::http::pages
