// Sharing grants and case conferences under /api/v1: a case's grants (list, grant, revoke), the
// partner's view of shared cases, and case conferences with minutes and decisions. The services
// decide who may (policy.h) and audit; this file translates JSON to use-case calls and back.
// Unknown fields are refused by name.
#include <fmt/format.h>

#include <set>

#include "http/api.h"
#include "http/json_io.h"

namespace schakel::http {

using nlohmann::json;

namespace {

Status RefuseUnknownFields(const json& obj, const std::set<std::string>& known) {
  for (const auto& [key, value] : obj.items()) {
    if (!known.count(key)) return Error::Invalid(key, fmt::format("unknown field '{}'", key));
  }
  return {};
}

Result<std::vector<std::string>> Strings(const json& obj, const std::string& name) {
  std::vector<std::string> out;
  if (!obj.contains(name) || obj[name].is_null()) return out;
  if (!obj[name].is_array()) return Error::Invalid(name, "must be a list of strings");
  for (size_t i = 0; i < obj[name].size(); ++i) {
    if (!obj[name][i].is_string()) {
      return Error::Invalid(fmt::format("{}[{}]", name, i), "must be a string");
    }
    out.push_back(obj[name][i].get<std::string>());
  }
  return out;
}

json Opt(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

json GrantJson(const app::GrantView& v) {
  const store::GrantRecord& g = v.record;
  return {{"id", g.id},
          {"case_id", g.case_id},
          {"partner_organisation", g.partner_organisation},
          {"partner_name", v.partner_name},
          {"purpose", g.purpose},
          {"legal_basis", g.legal_basis},
          {"field_groups", g.field_groups},
          {"granted_on", g.granted_on},
          {"expires_on", g.expires_on},
          {"consent_recorded", g.consent_recorded},
          {"override_reason", v.override_reason.empty() ? json(nullptr) : json(v.override_reason)},
          {"granted_by", g.granted_by},
          {"revoked_on", Opt(g.revoked_on)},
          {"revoke_reason", v.revoke_reason.empty() ? json(nullptr) : json(v.revoke_reason)},
          {"in_force", v.in_force},
          {"not_in_force", v.not_in_force.empty() ? json(nullptr) : json(v.not_in_force)}};
}

// The partner's view: only what the grant shows. No coordinator-side details (override reason).
json SharedCaseJson(const app::SharedCaseView& v) {
  json grants = json::array();
  for (const auto& g : v.grants) {
    grants.push_back({{"purpose", g.record.purpose},
                      {"legal_basis", g.record.legal_basis},
                      {"field_groups", g.record.field_groups},
                      {"expires_on", g.record.expires_on}});
  }
  json fields = json::object();
  for (const auto& [name, value] : v.fields) fields[name] = value;
  return {{"id", v.case_id},
          {"reference", v.reference},
          {"field_groups", v.field_groups},
          {"fields", fields},
          {"grants", grants}};
}

Result<app::GrantInput> GrantFromJson(const json& body) {
  if (Status s = RefuseUnknownFields(
          body, {"partner_organisation", "purpose", "legal_basis", "field_groups", "expires_on",
                 "consent_recorded", "override_reason"});
      !s.ok()) {
    return s.error();
  }
  app::GrantInput in;
  for (const auto& [name, slot] :
       {std::pair<const char*, std::string*>{"partner_organisation", &in.partner_organisation},
        {"purpose", &in.purpose},
        {"legal_basis", &in.legal_basis},
        {"expires_on", &in.expires_on},
        {"override_reason", &in.override_reason}}) {
    auto v = OptionalStringField(body, name);
    if (!v) return v.error();
    *slot = *v;
  }
  auto groups = Strings(body, "field_groups");
  if (!groups) return groups.error();
  in.field_groups = *groups;
  if (body.contains("consent_recorded") && !body["consent_recorded"].is_null()) {
    if (!body["consent_recorded"].is_boolean()) {
      return Error::Invalid("consent_recorded", "must be true or false");
    }
    in.consent_recorded = body["consent_recorded"].get<bool>();
  }
  return in;
}

json ConferenceSummaryJson(const app::ConferenceSummary& s) {
  return {{"id", s.id},
          {"region", s.region},
          {"held_on", s.held_on},
          {"title", s.title},
          {"agenda_size", s.agenda_size},
          {"participant_count", s.participant_count}};
}

json ConferenceJson(const app::ConferenceView& v) {
  json out = ConferenceSummaryJson(v.summary);
  json participants = json::array();
  for (const auto& p : v.participants) participants.push_back({{"code", p.code}, {"name", p.name}});
  json agenda = json::array();
  for (const auto& a : v.agenda)
    agenda.push_back({{"case_id", a.case_id}, {"reference", a.reference}});
  out["participants"] = participants;
  out["agenda"] = agenda;
  if (v.may_read_minutes) {
    out["minutes"] = v.minutes;
    json decisions = json::array();
    for (const auto& d : v.decisions) {
      decisions.push_back({{"id", d.record.id},
                           {"case_id", d.record.case_id},
                           {"reference", d.reference},
                           {"text", d.text},
                           {"domain", d.record.domain},
                           {"responsible_organisation", d.record.responsible_organisation},
                           {"due_on", Opt(d.record.due_on)},
                           {"care_plan_item", d.record.care_plan_item},
                           {"decided_at", d.record.decided_at}});
    }
    out["decisions"] = decisions;
  }
  return out;
}

void RegisterGrantRoutes(Router& router, ApiServices s) {
  router.Get("/api/v1/cases/{id}/grants", [s](Call& call) {
    Respond(call, s.sharing.ForCase(call.actor, call.Param("id")), 200, [](const auto& list) {
      json out = json::array();
      for (const auto& g : list) out.push_back(GrantJson(g));
      return json{{"grants", out}};
    });
  });
  router.Post("/api/v1/cases/{id}/grants", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto input = GrantFromJson(*body);
    if (!input) return WriteError(call, input.error());
    auto created = s.sharing.Grant(call.actor, call.Param("id"), *input);
    if (created.ok()) {
      call.res.set_header("Location", fmt::format("/api/v1/cases/{}/grants", call.Param("id")));
    }
    Respond(call, created, 201, GrantJson);
  });
  router.Post("/api/v1/grants/{id}/revoke", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    if (Status st = RefuseUnknownFields(*body, {"reason"}); !st.ok()) {
      return WriteError(call, st.error());
    }
    auto reason = StringField(*body, "reason");
    if (!reason) return WriteError(call, reason.error());
    Respond(call, s.sharing.Revoke(call.actor, call.Param("id"), *reason), 200, GrantJson);
  });
  router.Get("/api/v1/shared-cases", [s](Call& call) {
    Respond(call, s.sharing.SharedWithMe(call.actor), 200, [](const auto& list) {
      json out = json::array();
      for (const auto& c : list) {
        out.push_back({{"id", c.case_id},
                       {"reference", c.reference},
                       {"field_groups", c.field_groups},
                       {"expires_on", c.expires_on}});
      }
      return json{{"cases", out}};
    });
  });
  router.Get("/api/v1/shared-cases/{id}", [s](Call& call) {
    Respond(call, s.sharing.SharedCase(call.actor, call.Param("id")), 200, SharedCaseJson);
  });
}

void RegisterConferenceRoutes(Router& router, ApiServices s) {
  router.Get("/api/v1/case-conferences", [s](Call& call) {
    Respond(call, s.conferences.List(call.actor), 200, [](const auto& list) {
      json out = json::array();
      for (const auto& c : list) out.push_back(ConferenceSummaryJson(c));
      return json{{"conferences", out}};
    });
  });
  router.Post("/api/v1/case-conferences", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    if (Status st =
            RefuseUnknownFields(*body, {"region", "held_on", "title", "participants", "agenda"});
        !st.ok()) {
      return WriteError(call, st.error());
    }
    app::ConferenceInput in;
    for (const auto& [name, slot] : {std::pair<const char*, std::string*>{"region", &in.region},
                                     {"held_on", &in.held_on},
                                     {"title", &in.title}}) {
      auto v = OptionalStringField(*body, name);
      if (!v) return WriteError(call, v.error());
      *slot = *v;
    }
    auto participants = Strings(*body, "participants");
    if (!participants) return WriteError(call, participants.error());
    in.participants = *participants;
    auto agenda = Strings(*body, "agenda");
    if (!agenda) return WriteError(call, agenda.error());
    in.agenda = *agenda;
    auto created = s.conferences.Create(call.actor, in);
    if (created.ok()) {
      call.res.set_header("Location",
                          fmt::format("/api/v1/case-conferences/{}", created->summary.id));
    }
    Respond(call, created, 201, ConferenceJson);
  });
  router.Get("/api/v1/case-conferences/{id}", [s](Call& call) {
    Respond(call, s.conferences.Get(call.actor, call.Param("id")), 200, ConferenceJson);
  });
  router.Put("/api/v1/case-conferences/{id}/minutes", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    if (Status st = RefuseUnknownFields(*body, {"minutes"}); !st.ok()) {
      return WriteError(call, st.error());
    }
    auto minutes = OptionalStringField(*body, "minutes");
    if (!minutes) return WriteError(call, minutes.error());
    Respond(call, s.conferences.SaveMinutes(call.actor, call.Param("id"), *minutes), 200,
            ConferenceJson);
  });
  router.Post("/api/v1/case-conferences/{id}/decisions", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    if (Status st = RefuseUnknownFields(
            *body, {"case_id", "text", "domain", "responsible_organisation", "due_on"});
        !st.ok()) {
      return WriteError(call, st.error());
    }
    app::DecisionInput in;
    for (const auto& [name, slot] : {std::pair<const char*, std::string*>{"case_id", &in.case_id},
                                     {"text", &in.text},
                                     {"domain", &in.domain},
                                     {"responsible_organisation", &in.responsible_organisation},
                                     {"due_on", &in.due_on}}) {
      auto v = OptionalStringField(*body, name);
      if (!v) return WriteError(call, v.error());
      *slot = *v;
    }
    Respond(call, s.conferences.RecordDecision(call.actor, call.Param("id"), in), 201,
            ConferenceJson);
  });
}

}  // namespace

void RegisterSharingRoutes(Router& router, ApiServices services) {
  RegisterGrantRoutes(router, services);
  RegisterConferenceRoutes(router, services);
}

}  // namespace schakel::http
