#include "http/pages/signal_view.h"

#include "http/pages/forms.h"

namespace schakel::http::pages {

using nlohmann::json;

const std::string& InLanguage(const PageRequest& pr, const LocalizedText& text) {
  return pr.lang == "en" ? text.en : text.nl;
}

json ChoiceGroup(const std::string& id, const std::string& name, const std::string& type,
                 const std::string& legend, const std::vector<Choice>& choices,
                 const std::set<std::string>& checked, const std::vector<FieldError>& errors) {
  json items = json::array();
  for (size_t i = 0; i < choices.size(); ++i) {
    const std::string item_id = id + "-" + std::to_string(i + 1);
    items.push_back({{"id", item_id},
                     {"value", choices[i].value},
                     {"label", choices[i].label},
                     {"hint", choices[i].hint.empty() ? json(nullptr) : json(choices[i].hint)},
                     {"checked", checked.count(choices[i].value) > 0}});
  }
  const json error = ErrorOf(errors, id);
  return {{"id", id},
          {"name", name},
          {"radio", type == "radio"},
          {"legend", legend},
          {"hint_text", nullptr},
          {"items", items},
          {"error", error},
          {"invalid", !error.is_null()}};
}

json SelectField(const std::string& id, const std::string& label, const std::string& placeholder,
                 const std::vector<Choice>& choices, const std::string& selected,
                 const std::vector<FieldError>& errors) {
  json options = json::array();
  if (!placeholder.empty()) {
    options.push_back({{"value", ""}, {"label", placeholder}, {"selected", selected.empty()}});
  }
  for (const Choice& c : choices) {
    options.push_back({{"value", c.value}, {"label", c.label}, {"selected", c.value == selected}});
  }
  const json error = ErrorOf(errors, id);
  return {{"id", id},
          {"label", label},
          {"options", options},
          {"error", error},
          {"invalid", !error.is_null()}};
}

std::vector<Choice> MunicipalityChoices(Site& site) {
  std::vector<Choice> out;
  auto municipalities = site.services().organisations.List(
      store::OrganisationFilter{std::string("municipality"), std::nullopt, std::nullopt});
  if (!municipalities) return out;
  for (const auto& m : *municipalities) {
    if (!m.valid_to) out.push_back({m.code, m.name});
  }
  return out;
}

std::vector<Choice> FormChoices(const PageRequest& pr, const signals::Catalog& catalog) {
  std::vector<Choice> out;
  for (const auto& f : catalog.forms) out.push_back({f.id, InLanguage(pr, f.name)});
  return out;
}

std::vector<Choice> UrgencyChoices(const PageRequest& pr, const signals::Catalog& catalog) {
  std::vector<Choice> out;
  for (const auto& u : catalog.urgencies) out.push_back({u.id, InLanguage(pr, u.name)});
  return out;
}

std::string StatusWord(const PageRequest& pr, const std::string& status) {
  return pr.T("signal.status." + status);
}

std::string FormNames(const PageRequest& pr, const signals::Catalog& catalog,
                      const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) {
    const signals::Form* f = catalog.FindForm(id);
    out += (out.empty() ? "" : ", ") + (f ? InLanguage(pr, f->name) : id);
  }
  return out;
}

std::string PartnerName(const PageRequest& pr, const signals::Catalog& catalog,
                        const std::string& id) {
  const signals::PartnerKind* p = catalog.FindPartnerKind(id);
  return p ? InLanguage(pr, p->name) : id;
}

std::string UrgencyName(const PageRequest& pr, const signals::Catalog& catalog,
                        const std::optional<std::string>& id) {
  if (!id) return "";
  const signals::Urgency* u = catalog.FindUrgency(*id);
  return u ? InLanguage(pr, u->name) : *id;
}

std::string DutchDate(const std::optional<std::string>& iso) {
  if (!iso || iso->size() < 10) return "";
  return iso->substr(8, 2) + "-" + iso->substr(5, 2) + "-" + iso->substr(0, 4);
}

}  // namespace schakel::http::pages
