// The Kader in practice over /api/v1: the training registry, the environment scan, the good-
// practice library and the evidence per criterion of an assessment. Handlers translate JSON to
// use-case calls and back; every field error names the field as sent.
#include <fmt/format.h>

#include <set>

#include "http/api.h"
#include "http/json_io.h"
#include "http/practice_json.h"

namespace schakel::http {

using nlohmann::json;

namespace {

Status OnlyKnownFields(const json& body, const std::set<std::string>& known,
                       const std::string& prefix = "") {
  for (const auto& [key, value] : body.items()) {
    if (!known.count(key)) {
      return Error::Invalid(prefix + key, fmt::format("unknown field '{}{}'", prefix, key));
    }
  }
  return {};
}

Result<std::optional<int64_t>> OptionalIntField(const json& obj, const std::string& name,
                                                const std::string& prefix = "") {
  if (!obj.contains(name) || obj[name].is_null()) return std::optional<int64_t>();
  if (!obj[name].is_number_integer()) {
    return Error::Invalid(prefix + name,
                          fmt::format("'{}{}' must be a whole number", prefix, name));
  }
  return std::optional<int64_t>(obj[name].get<int64_t>());
}

Result<std::vector<std::string>> StringList(const json& obj, const std::string& name) {
  std::vector<std::string> out;
  if (!obj.contains(name)) return out;
  if (!obj[name].is_array()) {
    return Error::Invalid(name, fmt::format("'{}' must be a list of strings", name));
  }
  for (size_t i = 0; i < obj[name].size(); ++i) {
    if (!obj[name][i].is_string()) {
      return Error::Invalid(fmt::format("{}[{}]", name, i),
                            fmt::format("'{}[{}]' must be a string", name, i));
    }
    out.push_back(obj[name][i].get<std::string>());
  }
  return out;
}

// Reads the named string fields of `body` into `slots` (absent: "").
Status ReadStrings(const json& body, const std::vector<std::pair<const char*, std::string*>>& slots,
                   const std::string& prefix = "") {
  for (const auto& [name, slot] : slots) {
    auto v = OptionalStringField(body, name, prefix);
    if (!v) return v.error();
    *slot = *v;
  }
  return {};
}

std::string OrganisationOf(const Call& call, const std::string& given) {
  return given.empty() ? call.actor.principal.organisation : given;
}

std::string OrganisationQuery(const Call& call) {
  return OrganisationOf(call, call.HasQuery("organisation") ? call.Query("organisation") : "");
}

Result<app::TrainingSessionInput> SessionFromJson(const Call& call, const json& body) {
  if (Status s =
          OnlyKnownFields(body, {"organisation", "title", "format", "audience", "department",
                                 "held_on", "participants", "refresher_months", "attendees"});
      !s.ok()) {
    return s.error();
  }
  app::TrainingSessionInput in;
  if (Status s = ReadStrings(body, {{"organisation", &in.organisation},
                                    {"title", &in.title},
                                    {"format", &in.format},
                                    {"audience", &in.audience},
                                    {"department", &in.department},
                                    {"held_on", &in.held_on}});
      !s.ok()) {
    return s.error();
  }
  in.organisation = OrganisationOf(call, in.organisation);
  auto participants = OptionalIntField(body, "participants");
  if (!participants) return participants.error();
  auto refresher = OptionalIntField(body, "refresher_months");
  if (!refresher) return refresher.error();
  in.refresher_months = *refresher;
  if (body.contains("attendees")) {
    if (!body["attendees"].is_array()) {
      return Error::Invalid("attendees",
                            "'attendees' must be a list of {staff_name, staff_role, "
                            "department}");
    }
    for (size_t i = 0; i < body["attendees"].size(); ++i) {
      const std::string at = fmt::format("attendees[{}].", i);
      const json& a = body["attendees"][i];
      if (!a.is_object()) return Error::Invalid(at.substr(0, at.size() - 1), "must be an object");
      if (Status s = OnlyKnownFields(a, {"staff_name", "staff_role", "department"}, at); !s.ok()) {
        return s.error();
      }
      app::TrainingAttendeeInput attendee;
      if (Status s = ReadStrings(a,
                                 {{"staff_name", &attendee.staff_name},
                                  {"staff_role", &attendee.staff_role},
                                  {"department", &attendee.department}},
                                 at);
          !s.ok()) {
        return s.error();
      }
      in.attendees.push_back(attendee);
    }
  }
  // Without a count, the named attendees are the participants.
  in.participants = participants->value_or(static_cast<int64_t>(in.attendees.size()));
  return in;
}

Result<app::PracticeInput> PracticeFromJson(const Call& call, const json& body) {
  if (Status s =
          OnlyKnownFields(body, {"organisation", "title", "problem", "approach", "partners",
                                 "result", "requirements", "contact", "forms", "blocks", "themes"});
      !s.ok()) {
    return s.error();
  }
  app::PracticeInput in;
  if (Status s = ReadStrings(body, {{"organisation", &in.organisation},
                                    {"title", &in.title},
                                    {"problem", &in.problem},
                                    {"approach", &in.approach},
                                    {"partners", &in.partners},
                                    {"result", &in.result},
                                    {"requirements", &in.requirements},
                                    {"contact", &in.contact}});
      !s.ok()) {
    return s.error();
  }
  in.organisation = OrganisationOf(call, in.organisation);
  for (const auto& [name, slot] : std::vector<std::pair<const char*, std::vector<std::string>*>>{
           {"forms", &in.forms}, {"blocks", &in.blocks}, {"themes", &in.themes}}) {
    auto list = StringList(body, name);
    if (!list) return list.error();
    *slot = std::move(*list);
  }
  return in;
}

void RegisterTrainingRoutes(Router& router, ApiServices s) {
  router.Get("/api/v1/training", [s](Call& call) {
    Respond(call, s.training.Overview(OrganisationQuery(call), call.actor), 200,
            TrainingOverviewJson);
  });
  router.Post("/api/v1/training/sessions", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto input = SessionFromJson(call, *body);
    if (!input) return WriteError(call, input.error());
    auto created = s.training.AddSession(*input, call.actor);
    if (created.ok()) {
      call.res.set_header("Location", fmt::format("/api/v1/training/sessions/{}", created->id));
    }
    Respond(call, created, 201, TrainingSessionJson);
  });
  router.Get("/api/v1/training/sessions/{id}", [s](Call& call) {
    auto id = IdParam(call, "id", "training session");
    if (!id) return;
    Respond(call, s.training.Session(*id, call.actor), 200, TrainingSessionJson);
  });
  router.Post("/api/v1/training/departments", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    if (Status st = OnlyKnownFields(*body, {"organisation", "department", "relevant_staff"});
        !st.ok()) {
      return WriteError(call, st.error());
    }
    auto org = OptionalStringField(*body, "organisation");
    if (!org) return WriteError(call, org.error());
    auto department = StringField(*body, "department");
    if (!department) return WriteError(call, department.error());
    auto staff = OptionalIntField(*body, "relevant_staff");
    if (!staff) return WriteError(call, staff.error());
    if (!*staff) {
      return WriteError(call, Error::Invalid("relevant_staff", "'relevant_staff' is required"));
    }
    Respond(call,
            s.training.SetDepartment(OrganisationOf(call, *org), *department, **staff, call.actor),
            200, [](const store::TrainingDepartmentRecord& d) {
              return json{{"organisation", d.organisation},
                          {"department", d.department},
                          {"relevant_staff", d.relevant_staff},
                          {"updated_at", d.updated_at}};
            });
  });
}

Result<app::ScanReviewInput> ReviewFromJson(const json& body) {
  if (Status s = OnlyKnownFields(body, {"risk", "reasoning", "indicators", "review_due"});
      !s.ok()) {
    return s.error();
  }
  app::ScanReviewInput in;
  if (Status s = ReadStrings(body, {{"risk", &in.risk},
                                    {"reasoning", &in.reasoning},
                                    {"indicators", &in.indicators},
                                    {"review_due", &in.review_due}});
      !s.ok()) {
    return s.error();
  }
  return in;
}

void RegisterScanRoutes(Router& router, ApiServices s) {
  router.Get("/api/v1/environment-scan", [s](Call& call) {
    Respond(call, s.scan.Overview(OrganisationQuery(call), call.actor), 200, ScanOverviewJson);
  });
  router.Post("/api/v1/environment-scan/places", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    if (Status st =
            OnlyKnownFields(*body, {"organisation", "name", "sector", "neighbourhood", "indicators",
                                    "sources", "risk", "reasoning", "owner", "review_due"});
        !st.ok()) {
      return WriteError(call, st.error());
    }
    app::ScanPlaceInput in;
    if (Status st = ReadStrings(*body, {{"organisation", &in.organisation},
                                        {"name", &in.name},
                                        {"sector", &in.sector},
                                        {"neighbourhood", &in.neighbourhood},
                                        {"indicators", &in.indicators},
                                        {"sources", &in.sources},
                                        {"risk", &in.risk},
                                        {"reasoning", &in.reasoning},
                                        {"owner", &in.owner},
                                        {"review_due", &in.review_due}});
        !st.ok()) {
      return WriteError(call, st.error());
    }
    in.organisation = OrganisationOf(call, in.organisation);
    auto created = s.scan.AddPlace(in, call.actor);
    if (created.ok()) {
      call.res.set_header("Location",
                          fmt::format("/api/v1/environment-scan/places/{}", created->place.id));
    }
    Respond(call, created, 201, ScanPlaceJson);
  });
  router.Get("/api/v1/environment-scan/places/{id}", [s](Call& call) {
    auto id = IdParam(call, "id", "risk place");
    if (!id) return;
    Respond(call, s.scan.Place(*id, call.actor), 200, ScanPlaceJson);
  });
  router.Post("/api/v1/environment-scan/places/{id}/reviews", [s](Call& call) {
    auto id = IdParam(call, "id", "risk place");
    if (!id) return;
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto input = ReviewFromJson(*body);
    if (!input) return WriteError(call, input.error());
    Respond(call, s.scan.Review(*id, *input, call.actor), 201, ScanPlaceJson);
  });
}

void RegisterPracticeLibraryRoutes(Router& router, ApiServices s) {
  router.Get("/api/v1/practices", [s](Call& call) {
    const auto render = [](const std::vector<store::PracticeRecord>& list) {
      json out = json::array();
      for (const auto& p : list) out.push_back(PracticeJson(p));
      return json{{"practices", out}};
    };
    if (call.HasQuery("organisation")) {
      return Respond(call, s.practices.Own(call.Query("organisation"), call.actor), 200, render);
    }
    app::PracticeSearch q{call.Query("form"), call.Query("block"), call.Query("theme"),
                          call.Query("q")};
    Respond(call, s.practices.Search(q, call.actor), 200, render);
  });
  router.Post("/api/v1/practices", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto input = PracticeFromJson(call, *body);
    if (!input) return WriteError(call, input.error());
    auto created = s.practices.Create(*input, call.actor);
    if (created.ok()) {
      call.res.set_header("Location", fmt::format("/api/v1/practices/{}", created->id));
    }
    Respond(call, created, 201, PracticeJson);
  });
  router.Get("/api/v1/practices/{id}", [s](Call& call) {
    auto id = IdParam(call, "id", "practice");
    if (!id) return;
    Respond(call, s.practices.Get(*id, call.actor), 200, PracticeJson);
  });
  router.Put("/api/v1/practices/{id}", [s](Call& call) {
    auto id = IdParam(call, "id", "practice");
    if (!id) return;
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto input = PracticeFromJson(call, *body);
    if (!input) return WriteError(call, input.error());
    Respond(call, s.practices.Update(*id, *input, call.actor), 200, PracticeJson);
  });
  router.Post("/api/v1/practices/{id}/publish", [s](Call& call) {
    auto id = IdParam(call, "id", "practice");
    if (!id) return;
    auto body = ReadJsonObject(call);
    if (!body) return;
    if (Status st = OnlyKnownFields(*body, {"scope"}); !st.ok())
      return WriteError(call, st.error());
    auto scope = StringField(*body, "scope");
    if (!scope) return WriteError(call, scope.error());
    Respond(call, s.practices.Publish(*id, *scope, call.actor), 200, PracticeJson);
  });
}

}  // namespace

void RegisterPracticeRoutes(Router& router, ApiServices services) {
  RegisterTrainingRoutes(router, services);
  RegisterScanRoutes(router, services);
  RegisterPracticeLibraryRoutes(router, services);
  router.Get("/api/v1/assessments/{id}/evidence", [services](Call& call) {
    auto id = IdParam(call, "id", "assessment");
    if (!id) return;
    Respond(call, services.evidence.ForAssessment(*id, call.actor), 200, EvidenceJson);
  });
}

}  // namespace schakel::http
