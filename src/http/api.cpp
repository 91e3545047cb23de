#include "http/api.h"

#include <fmt/format.h>

#include "http/json_io.h"
#include "http/kader_json.h"

namespace schakel::http {

using nlohmann::json;

namespace {

std::optional<std::string> OptQuery(const Call& call, const char* name) {
  if (!call.HasQuery(name) || call.Query(name).empty()) return std::nullopt;
  return call.Query(name);
}

void RegisterFrameworkRoutes(Router& router, ApiServices s) {
  router.Get("/api/v1/frameworks", [s](Call& call) {
    Respond(call, s.kader.Frameworks(), 200, [](const auto& list) {
      json out = json::array();
      for (const auto& f : list) {
        out.push_back(
            {{"id", f->id}, {"status", f->status}, {"title", kader::FrameworkToJson(*f)["title"]}});
      }
      return json{{"frameworks", out}};
    });
  });
  router.Get("/api/v1/frameworks/{id}", [s](Call& call) {
    Respond(call, s.kader.Framework(call.Param("id")), 200,
            [](const auto& f) { return kader::FrameworkToJson(*f); });
  });
}

void RegisterOrganisationRoutes(Router& router, ApiServices s) {
  router.Get("/api/v1/organisations", [s](Call& call) {
    store::OrganisationFilter filter{OptQuery(call, "kind"), OptQuery(call, "region"),
                                     OptQuery(call, "valid_on")};
    if (filter.valid_on && !app::IsIsoDate(*filter.valid_on)) {
      return WriteError(call, Error::Invalid("valid_on", "use a date like 2026-01-01"));
    }
    Respond(call, s.organisations.List(filter), 200, [](const auto& list) {
      json out = json::array();
      for (const auto& o : list) out.push_back(OrganisationJson(o));
      return json{{"organisations", out}};
    });
  });
  router.Get("/api/v1/organisations/{code}", [s](Call& call) {
    auto org = s.organisations.Get(call.Param("code"));
    if (!org) return WriteError(call, org.error());
    json out = OrganisationJson(*org);
    if (org->kind == "municipality") {
      auto regions = s.organisations.RegionsOf(org->code);
      if (!regions) return WriteError(call, regions.error());
      out["regions"] = json::array();
      for (const auto& r : *regions) out["regions"].push_back(OrganisationJson(r));
    }
    WriteJson(call.res, 200, out);
  });
}

Result<std::vector<app::AnswerInput>> AnswersFromJson(const json& body) {
  if (!body.contains("answers") || !body["answers"].is_array()) {
    return Error::Invalid("answers", "'answers' must be a list of {criterion, status, evidence}");
  }
  std::vector<app::AnswerInput> inputs;
  for (size_t i = 0; i < body["answers"].size(); ++i) {
    const std::string where = fmt::format("answers[{}]", i);
    const json& a = body["answers"][i];
    if (!a.is_object()) return Error::Invalid(where, fmt::format("'{}' must be an object", where));
    auto criterion = StringField(a, "criterion", where);
    if (!criterion) return criterion.error();
    auto status = StringField(a, "status", where);
    if (!status) return status.error();
    auto evidence = OptionalStringField(a, "evidence", where);
    if (!evidence) return evidence.error();
    inputs.push_back({*criterion, *status, *evidence, where});
  }
  return inputs;
}

void RegisterAssessmentRoutes(Router& router, ApiServices s) {
  router.Get("/api/v1/assessments", [s](Call& call) {
    Respond(call, s.kader.List(OptQuery(call, "organisation"), call.actor), 200,
            [](const auto& list) {
              json out = json::array();
              for (const auto& a : list) out.push_back(AssessmentSummaryJson(a));
              return json{{"assessments", out}};
            });
  });
  router.Post("/api/v1/assessments", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto org = StringField(*body, "organisation");
    if (!org) return WriteError(call, org.error());
    auto period = StringField(*body, "period");
    if (!period) return WriteError(call, period.error());
    auto framework = OptionalStringField(*body, "framework");
    if (!framework) return WriteError(call, framework.error());
    auto created =
        s.kader.Create(*org, *period, framework->empty() ? "2021-concept" : *framework, call.actor);
    if (created.ok()) {
      call.res.set_header("Location", fmt::format("/api/v1/assessments/{}", created->record.id));
    }
    Respond(call, created, 201, [](const auto& v) { return AssessmentJson(v); });
  });
  router.Get("/api/v1/assessments/{id}", [s](Call& call) {
    auto id = IdParam(call, "id", "assessment");
    if (!id) return;
    Respond(call, s.kader.Get(*id, call.actor), 200,
            [](const auto& v) { return AssessmentJson(v); });
  });
  router.Post("/api/v1/assessments/{id}/answers", [s](Call& call) {
    auto id = IdParam(call, "id", "assessment");
    if (!id) return;
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto inputs = AnswersFromJson(*body);
    if (!inputs) return WriteError(call, inputs.error());
    Respond(call, s.kader.Answer(*id, *inputs, call.actor), 200,
            [](const auto& v) { return AssessmentJson(v); });
  });
  router.Put("/api/v1/assessments/{id}/answers/{criterion}", [s](Call& call) {
    auto id = IdParam(call, "id", "assessment");
    if (!id) return;
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto status = StringField(*body, "status");
    if (!status) return WriteError(call, status.error());
    auto evidence = OptionalStringField(*body, "evidence");
    if (!evidence) return WriteError(call, evidence.error());
    app::AnswerInput input{call.Param("criterion"), *status, *evidence, "answer"};
    auto r = s.kader.Answer(*id, {input}, call.actor);
    if (!r.ok() && r.error().field == "answer.criterion") {
      return WriteError(call.res, 404, "not_found", r.error().message);
    }
    if (!r.ok() && r.error().field.rfind("answer.", 0) == 0) {
      Error e = r.error();
      e.field = e.field.substr(7);  // "answer.status" → "status", as sent in the body
      return WriteError(call, e);
    }
    Respond(call, r, 200, [](const auto& v) { return AssessmentJson(v); });
  });
  router.Post("/api/v1/assessments/{id}/submit", [s](Call& call) {
    auto id = IdParam(call, "id", "assessment");
    if (!id) return;
    json empty = json::object();
    std::optional<json> body =
        call.req.body.empty() ? std::optional<json>(empty) : ReadJsonObject(call);
    if (!body) return;
    Respond(call, s.kader.Submit(*id, call.actor), 200,
            [](const auto& v) { return AssessmentJson(v); });
  });
  router.Get("/api/v1/comparisons", [s](Call& call) {
    int64_t ids[2] = {0, 0};
    const char* names[2] = {"from", "to"};
    for (int i = 0; i < 2; ++i) {
      const std::string v = call.Query(names[i]);
      try {
        size_t used = 0;
        ids[i] = std::stoll(v, &used);
        if (used != v.size() || ids[i] <= 0) throw std::invalid_argument(v);
      } catch (const std::exception&) {
        return WriteError(
            call, Error::Invalid(names[i], fmt::format("'{}' must be an assessment id", names[i])));
      }
    }
    Respond(call, s.kader.Compare(ids[0], ids[1], call.actor), 200,
            [](const auto& v) { return ComparisonJson(v); });
  });
  router.Get("/api/v1/rollup", [s](Call& call) {
    const std::string framework = call.Query("framework");
    Respond(call,
            s.kader.RollUp(OptQuery(call, "region"), OptQuery(call, "period"),
                           framework.empty() ? "2021-concept" : framework, call.actor),
            200, [](const auto& v) { return RollupJson(v); });
  });
}

}  // namespace

void RegisterApiRoutes(Router& router, ApiServices services) {
  router.Get("/api/v1/health", [](Call& call) { WriteJson(call.res, 200, {{"status", "ok"}}); });
  RegisterFrameworkRoutes(router, services);
  RegisterOrganisationRoutes(router, services);
  RegisterAssessmentRoutes(router, services);
  RegisterPersonRoutes(router, services);
  RegisterSignalRoutes(router, services);
  RegisterPracticeRoutes(router, services);
  RegisterMatchRoutes(router, services);
  RegisterCaseRoutes(router, services);
  RegisterShelterRoutes(router, services);  // care-shelter
  RegisterSharingRoutes(router, services);
  RegisterPlacementRoutes(router, services);  // placements
  RegisterReferralRoutes(router, services);  // referrals and transfers
}

}  // namespace schakel::http
