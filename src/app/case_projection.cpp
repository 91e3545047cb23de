#include "app/case_projection.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/case_service.h"
#include "app/signal_service.h"
#include "security/field_cipher.h"
#include "store/person_repository.h"
#include "store/signal_repository.h"

namespace schakel::app {

namespace {

bool Wants(const std::vector<std::string>& groups, const char* group) {
  return std::find(groups.begin(), groups.end(), group) != groups.end();
}

std::string Joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

void Put(care::CaseView& view, const char* field, const std::optional<std::string>& value) {
  if (value && !value->empty()) view[field] = *value;
}

Status AddPerson(store::Db& db, const security::KeyRing& keys, const store::CaseRecord& c,
                 const std::vector<std::string>& groups, care::CaseView& view) {
  if (!c.person) return {};
  auto found = store::PersonRepository(db).Find(*c.person);
  if (!found) return found.error();
  if (!found->has_value()) return {};
  const store::PersonIdentity& sealed = (*found)->sealed;
  auto open = [&](const char* column,
                  const std::optional<std::string>& cipher) -> Result<std::optional<std::string>> {
    if (!cipher) return std::optional<std::string>();
    auto plain = security::DecryptField(keys, {"persons", column, *c.person}, *cipher);
    if (!plain) return plain.error();
    return std::optional<std::string>(std::move(plain).value());
  };
  if (Wants(groups, "identity")) {
    auto given = open("given_names", sealed.given_names);
    auto family = open("family_name", sealed.family_name);
    auto born = open("date_of_birth", sealed.date_of_birth);
    auto document = open("document_number", sealed.document_number);
    for (const auto* r : {&given, &family, &born, &document}) {
      if (!*r) return r->error();
    }
    std::vector<std::string> names;
    if (*given && !(*given)->empty()) names.push_back(**given);
    if (*family && !(*family)->empty()) names.push_back(**family);
    if (!names.empty()) view["full_name"] = Joined(names, " ");
    Put(view, "date_of_birth", *born);
    Put(view, "identity_document", *document);
  }
  if (Wants(groups, "contact")) {
    auto address = open("address", sealed.address);
    if (!address) return address.error();
    auto phone = open("phone", sealed.phone);
    if (!phone) return phone.error();
    Put(view, "address", *address);
    Put(view, "phone", *phone);
  }
  if (Wants(groups, "notes")) {
    auto notes = open("notes", sealed.notes);
    if (!notes) return notes.error();
    Put(view, "notes", *notes);
  }
  return {};
}

Status AddPlan(store::Db& db, const security::KeyRing& keys, const store::CaseRecord& c,
               care::CaseView& view) {
  auto items = store::CaseRepository(db).ItemsOf({c.id});
  if (!items) return items.error();
  std::vector<std::string> lines;
  for (const auto& item : *items) {
    std::string line =
        fmt::format("{} · {} · {}", item.domain, item.status, item.responsible_organisation);
    if (item.due_on) line += " · " + *item.due_on;
    if (item.description) {
      auto text = security::DecryptField(keys, {"care_plan_items", "description", item.id},
                                         *item.description);
      if (!text) return text.error();
      if (!text->empty()) line += " — " + *text;
    }
    lines.push_back(std::move(line));
  }
  if (!lines.empty()) view["care_plan_items"] = Joined(lines, "\n");
  return {};
}

Status AddSignals(store::Db& db, const store::CaseRecord& c, care::CaseView& view) {
  auto ids = store::CaseRepository(db).SignalsOf(c.id);
  if (!ids) return ids.error();
  std::vector<std::string> references;
  for (const auto& id : *ids) {
    auto signal = store::SignalRepository(db).Find(id);
    if (!signal) return signal.error();
    if (signal->has_value()) references.push_back(SignalReference((*signal)->facts.seq));
  }
  if (!references.empty()) view["signals"] = Joined(references, ", ");
  return {};
}

}  // namespace

Result<care::CaseView> ProjectCase(store::Db& db, const security::KeyRing& keys,
                                   const care::CareData& /*data*/, const store::CaseRecord& c,
                                   const std::vector<std::string>& groups) {
  care::CaseView view;
  if (Wants(groups, "case_facts")) {
    view["case_state"] = c.state;
    view["region"] = c.region;
    Put(view, "forms", Joined(c.forms, ", "));
    Put(view, "nationality", c.nationality);
    view["age_group"] = c.age_group;
    Put(view, "gender", c.gender);
    view["opened_on"] = c.created_at.substr(0, 10);
    Put(view, "closed_on", c.closed_on);
    Put(view, "closing_reason", c.closing_reason);
  }
  if (Wants(groups, "reflection_period")) {
    Put(view, "reflection_start", c.reflection_start);
    Put(view, "reflection_last_day", c.reflection_last_day);
    Put(view, "reflection_outcome", c.reflection_outcome);
  }
  if (Status s = AddPerson(db, keys, c, groups, view); !s.ok()) return s.error();
  if (Wants(groups, "care_plan")) {
    if (Status s = AddPlan(db, keys, c, view); !s.ok()) return s.error();
  }
  if (Wants(groups, "signals")) {
    if (Status s = AddSignals(db, c, view); !s.ok()) return s.error();
  }
  return view;
}

}  // namespace schakel::app
