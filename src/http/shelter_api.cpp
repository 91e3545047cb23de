// Care coordination over /api/v1 (care-shelter): the shelter registry of a region with its
// occupancy tonight and over the past weeks. Handlers translate JSON to use-case calls and back;
// unknown fields are refused by name.
#include <fmt/format.h>

#include <set>

#include "care/amsterdam_time.h"
#include "http/api.h"
#include "http/json_io.h"

namespace schakel::http {

using nlohmann::json;

namespace {

Status OnlyFields(const json& body, const std::set<std::string>& known) {
  for (const auto& [key, value] : body.items()) {
    if (!known.count(key)) return Error::Invalid(key, fmt::format("unknown field '{}'", key));
  }
  return {};
}

json ShelterJson(const store::ShelterRecord& s, int occupied) {
  return {{"id", s.id},
          {"name", s.name},
          {"type", s.type},
          {"region", s.region},
          {"capacity", s.capacity},
          {"occupied", occupied},
          {"updated_at", s.updated_at}};
}

json OccupancyJson(const care::RegionOccupancy& r) {
  return {{"capacity", r.capacity}, {"occupied", r.occupied}};
}

Result<app::ShelterInput> ShelterFromJson(const json& body) {
  if (Status s = OnlyFields(body, {"name", "type", "region", "capacity"}); !s.ok()) {
    return s.error();
  }
  app::ShelterInput in;
  for (const auto& [name, slot] : std::vector<std::pair<const char*, std::string*>>{
           {"name", &in.name}, {"type", &in.type}, {"region", &in.region}}) {
    auto v = StringField(body, name);
    if (!v) return v.error();
    *slot = *v;
  }
  if (!body.contains("capacity") || !body["capacity"].is_number_integer()) {
    return Error::Invalid("capacity", "'capacity' must be a whole number of places");
  }
  in.capacity = body["capacity"].get<int64_t>();
  return in;
}

}  // namespace

void RegisterShelterRoutes(Router& router, ApiServices s) {
  router.Get("/api/v1/shelters", [s](Call& call) {
    Respond(call, s.shelters.Overview(call.Query("region"), call.actor), 200,
            [](const app::ShelterOverview& v) {
              json shelters = json::array();
              for (const auto& o : v.shelters)
                shelters.push_back(ShelterJson(o.shelter, o.occupied));
              json over_time = json::array();
              for (const auto& p : v.over_time) {
                json point = OccupancyJson(p.regions.front());
                point["date"] = care::FormatDate(p.date);
                over_time.push_back(point);
              }
              return json{{"region", v.region},
                          {"date", v.today},
                          {"shelters", shelters},
                          {"occupancy", OccupancyJson(v.tonight)},
                          {"over_time", over_time}};
            });
  });
  router.Post("/api/v1/shelters", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto input = ShelterFromJson(*body);
    if (!input) return WriteError(call, input.error());
    auto created = s.shelters.Add(*input, call.actor);
    if (created.ok()) {
      call.res.set_header("Location", fmt::format("/api/v1/shelters/{}", created->id));
    }
    Respond(call, created, 201, [](const auto& r) { return ShelterJson(r, 0); });
  });
  router.Get("/api/v1/shelters/{id}", [s](Call& call) {
    auto id = IdParam(call, "id", "shelter");
    if (!id) return;
    Respond(call, s.shelters.Get(*id, call.actor), 200,
            [](const app::ShelterOccupancy& o) { return ShelterJson(o.shelter, o.occupied); });
  });
  router.Put("/api/v1/shelters/{id}", [s](Call& call) {
    auto id = IdParam(call, "id", "shelter");
    if (!id) return;
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto input = ShelterFromJson(*body);
    if (!input) return WriteError(call, input.error());
    auto updated = s.shelters.Update(*id, *input, call.actor);
    if (!updated) return WriteError(call, updated.error());
    Respond(call, s.shelters.Get(*id, call.actor), 200,
            [](const app::ShelterOccupancy& o) { return ShelterJson(o.shelter, o.occupied); });
  });
}

}  // namespace schakel::http
