// Shelter placements of a case under /api/v1 (docs/care.md "Placements in the application"):
// list a case's stays, place the person in a shelter (a full shelter answers 409 on
// "override_reason" until a reason is given), and end a stay. Who may and the audit are the use
// case's (app/placement_service.h); this file translates JSON to calls and back. Unknown fields
// are refused by name.
#include <fmt/format.h>

#include <set>

#include "http/api.h"
#include "http/json_io.h"

namespace schakel::http {

using nlohmann::json;

namespace {

Status RefuseUnknown(const json& body, const std::set<std::string>& known) {
  for (const auto& [key, value] : body.items()) {
    if (!known.count(key)) return Error::Invalid(key, fmt::format("unknown field '{}'", key));
  }
  return {};
}

json PlacementJson(const app::PlacementView& p) {
  const store::PlacementRecord& r = p.record;
  return {{"id", r.id},
          {"case_id", r.case_id},
          {"shelter", r.shelter},
          {"shelter_name", p.shelter_name},
          {"shelter_type", p.shelter_type},
          {"from", r.from},
          {"until", r.until ? json(*r.until) : json(nullptr)},
          {"open", p.open},
          {"over_capacity_reason",
           r.over_capacity_reason.empty() ? json(nullptr) : json(r.over_capacity_reason)},
          {"created_at", r.created_at}};
}

Result<app::PlacementInput> PlacementFromJson(const json& body) {
  if (Status s = RefuseUnknown(body, {"shelter", "from", "until", "override_reason"}); !s.ok()) {
    return s.error();
  }
  app::PlacementInput in;
  if (!body.contains("shelter") || !body["shelter"].is_number_integer()) {
    return Error::Invalid("shelter", "'shelter' must be the id (a number) of a shelter");
  }
  in.shelter = body["shelter"].get<int64_t>();
  auto from = StringField(body, "from");
  if (!from) return from.error();
  in.from = *from;
  auto until = body.contains("until") && body["until"].is_null()
                   ? Result<std::string>(std::string())
                   : OptionalStringField(body, "until");
  if (!until) return until.error();
  in.until = *until;
  auto reason = OptionalStringField(body, "override_reason");
  if (!reason) return reason.error();
  in.override_reason = *reason;
  return in;
}

}  // namespace

void RegisterPlacementRoutes(Router& router, ApiServices s) {
  router.Get("/api/v1/cases/{id}/placements", [s](Call& call) {
    Respond(call, s.placements.OfCase(call.actor, call.Param("id")), 200, [](const auto& list) {
      json out = json::array();
      for (const auto& p : list) out.push_back(PlacementJson(p));
      return json{{"placements", out}};
    });
  });
  router.Post("/api/v1/cases/{id}/placements", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto in = PlacementFromJson(*body);
    if (!in) return WriteError(call, in.error());
    Respond(call, s.placements.Place(call.actor, call.Param("id"), *in), 201, PlacementJson);
  });
  router.Post("/api/v1/cases/{id}/placements/{placement}/end", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    if (Status st = RefuseUnknown(*body, {"until"}); !st.ok()) return WriteError(call, st.error());
    auto until = StringField(*body, "until");
    if (!until) return WriteError(call, until.error());
    Respond(call, s.placements.End(call.actor, call.Param("id"), call.Param("placement"), *until),
            200, PlacementJson);
  });
}

}  // namespace schakel::http
