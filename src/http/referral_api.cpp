// Referrals and transfers under /api/v1 (docs/care.md "Referrals and transfers"): a case's
// referrals (list, refer or transfer), the steps accept, reject, complete and revoke, the
// receiving organisation's list and its view of a case. The service decides who may (policy.h
// kReferCase, kReceiveReferral) and audits; this file translates JSON to use-case calls and back.
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

json OptText(const std::string& text) {
  return text.empty() ? json(nullptr) : json(text);
}

// As the sender sees it: with the consent override (the receiver's answers clear it).
json ReferralJson(const app::ReferralView& v) {
  const store::ReferralRecord& r = v.record;
  return {{"id", r.id},
          {"case_id", r.case_id},
          {"case_reference", v.case_reference},
          {"kind", r.kind},
          {"to_organisation", r.to_organisation},
          {"to_organisation_name", v.to_name},
          {"to_region", r.to_region ? json(*r.to_region) : json(nullptr)},
          {"field_groups", r.field_groups},
          {"consent_recorded", r.consent_recorded},
          {"override_reason", OptText(v.consent_override)},
          {"state", r.state},
          {"reason", OptText(v.reason)},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

json ReceivedJson(const app::ReceivedReferral& v) {
  json out = ReferralJson(v.referral);
  out.erase("override_reason");
  out.erase("case_id");  // the receiver knows the case by its reference
  json fields = json::object();
  for (const auto& [name, value] : v.fields) fields[name] = value;
  out["granted_field_groups"] = v.field_groups;
  out["fields"] = fields;
  return out;
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

Result<app::ReferralInput> ReferralFromJson(const json& body) {
  if (Status s = RefuseUnknownFields(body, {"kind", "to_organisation", "to_region", "field_groups",
                                            "consent_recorded", "override_reason"});
      !s.ok()) {
    return s.error();
  }
  app::ReferralInput in;
  for (const auto& [name, slot] : {std::pair<const char*, std::string*>{"kind", &in.kind},
                                   {"to_organisation", &in.to_organisation},
                                   {"to_region", &in.to_region},
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

void RegisterStep(Router& router, ApiServices s, const std::string& action) {
  router.Post("/api/v1/referrals/{id}/" + action, [s, action](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    if (Status st = RefuseUnknownFields(*body, {"reason"}); !st.ok()) {
      return WriteError(call, st.error());
    }
    auto reason = OptionalStringField(*body, "reason");
    if (!reason) return WriteError(call, reason.error());
    Respond(call, s.referrals.Step(call.actor, call.Param("id"), action, *reason), 200,
            ReferralJson);
  });
}

}  // namespace

void RegisterReferralRoutes(Router& router, ApiServices s) {
  router.Get("/api/v1/cases/{id}/referrals", [s](Call& call) {
    Respond(call, s.referrals.OfCase(call.actor, call.Param("id")), 200, [](const auto& list) {
      json out = json::array();
      for (const auto& r : list) out.push_back(ReferralJson(r));
      return json{{"referrals", out}};
    });
  });
  router.Post("/api/v1/cases/{id}/referrals", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto input = ReferralFromJson(*body);
    if (!input) return WriteError(call, input.error());
    auto created = s.referrals.Create(call.actor, call.Param("id"), *input);
    if (created.ok()) {
      call.res.set_header("Location", "/api/v1/referrals/" + created->record.id);
    }
    Respond(call, created, 201, ReferralJson);
  });
  for (const char* action : {"accept", "reject", "complete", "revoke"}) {
    RegisterStep(router, s, action);
  }
  router.Get("/api/v1/referrals", [s](Call& call) {
    Respond(call, s.referrals.Received(call.actor), 200, [](const auto& list) {
      json out = json::array();
      for (const auto& r : list) {
        json row = ReferralJson(r);
        row.erase("override_reason");
        row.erase("case_id");
        out.push_back(row);
      }
      return json{{"referrals", out}};
    });
  });
  router.Get("/api/v1/referrals/{id}", [s](Call& call) {
    Respond(call, s.referrals.Open(call.actor, call.Param("id")), 200, ReceivedJson);
  });
}

}  // namespace schakel::http
