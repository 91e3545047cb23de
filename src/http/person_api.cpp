// /api/v1/persons: register, read, change and find the identity of (possible) victims. The
// person service decides who may (policy.h) and audits every read and change; search terms go in
// the body of a POST, never in the URL (URLs end up in logs and browser history).
#include <fmt/format.h>

#include "http/api.h"
#include "http/json_io.h"

namespace schakel::http {

using nlohmann::json;

namespace {

Result<app::PersonInput> PersonFromJson(const json& body) {
  static const std::set<std::string> kKnown = {
      "organisation", "given_names",     "family_name", "date_of_birth", "address",
      "phone",        "document_number", "notes",       "gender",        "nationality"};
  for (const auto& [key, value] : body.items()) {
    if (!kKnown.count(key)) return Error::Invalid(key, fmt::format("unknown field '{}'", key));
  }
  app::PersonInput input;
  auto org = OptionalStringField(body, "organisation");
  if (!org) return org.error();
  input.organisation = *org;
  for (const app::IdentityField& f : app::kIdentityFields) {
    auto v = OptionalStringField(body, f.name);
    if (!v) return v.error();
    if (!v->empty()) input.identity.*f.member = *v;
  }
  for (const char* field : {"gender", "nationality"}) {
    auto v = OptionalStringField(body, field);
    if (!v) return v.error();
    if (!v->empty()) (std::string_view(field) == "gender" ? input.gender : input.nationality) = *v;
  }
  return input;
}

json PersonJson(const app::PersonView& p) {
  json out{{"id", p.facts.id},
           {"organisation", p.facts.organisation},
           {"created_at", p.facts.created_at},
           {"updated_at", p.facts.updated_at}};
  for (const app::IdentityField& f : app::kIdentityFields) {
    const auto& v = p.identity.*f.member;
    out[f.name] = v ? json(*v) : json(nullptr);
  }
  out["gender"] = p.facts.gender ? json(*p.facts.gender) : json(nullptr);
  out["nationality"] = p.facts.nationality ? json(*p.facts.nationality) : json(nullptr);
  return out;
}

}  // namespace

void RegisterPersonRoutes(Router& router, ApiServices s) {
  router.Post("/api/v1/persons", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto input = PersonFromJson(*body);
    if (!input) return WriteError(call, input.error());
    if (input->organisation.empty()) input->organisation = call.actor.principal.organisation;
    auto created = s.persons.Create(call.actor, *input);
    if (created.ok()) {
      call.res.set_header("Location", fmt::format("/api/v1/persons/{}", created->facts.id));
    }
    Respond(call, created, 201, PersonJson);
  });
  router.Get("/api/v1/persons/{id}", [s](Call& call) {
    Respond(call, s.persons.Get(call.actor, call.Param("id")), 200, PersonJson);
  });
  router.Put("/api/v1/persons/{id}", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto input = PersonFromJson(*body);
    if (!input) return WriteError(call, input.error());
    Respond(call, s.persons.Update(call.actor, call.Param("id"), *input), 200, PersonJson);
  });
  router.Post("/api/v1/persons/search", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto family = StringField(*body, "family_name");
    if (!family) return WriteError(call, family.error());
    auto born = StringField(*body, "date_of_birth");
    if (!born) return WriteError(call, born.error());
    Respond(call, s.persons.FindByIdentity(call.actor, *family, *born), 200, [](const auto& list) {
      json out = json::array();
      for (const auto& p : list) out.push_back(PersonJson(p));
      return json{{"persons", out}};
    });
  });
}

}  // namespace schakel::http
