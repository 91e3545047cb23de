// /api/v1/cases: care cases of (possible) victims — open, read, the dashboard, lifecycle
// transitions, consent, care plan, B8 reflection period and the CoMensha registration.
// The case service decides who may (policy.h) and audits every read and change; this file only
// translates JSON to use-case calls and back. Unknown fields are refused by name.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "http/api.h"
#include "http/json_io.h"

namespace schakel::http {

using nlohmann::json;

namespace {

json Opt(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

Status RefuseUnknown(const json& obj, const std::set<std::string>& known) {
  for (const auto& [key, value] : obj.items()) {
    if (!known.count(key)) return Error::Invalid(key, fmt::format("unknown field '{}'", key));
  }
  return {};
}

Result<std::vector<std::string>> StringList(const json& obj, const std::string& name) {
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

Result<bool> OptionalBool(const json& obj, const std::string& name) {
  if (!obj.contains(name) || obj[name].is_null()) return false;
  if (!obj[name].is_boolean()) return Error::Invalid(name, "must be true or false");
  return obj[name].get<bool>();
}

Result<app::OpenCaseInput> OpenFromJson(const json& body) {
  static const std::set<std::string> kKnown = {
      "region", "signals", "opened_directly_because", "person", "forms", "age", "acute"};
  if (Status s = RefuseUnknown(body, kKnown); !s.ok()) return s.error();
  app::OpenCaseInput in;
  for (const auto& [field, slot] : {std::pair<const char*, std::string*>{"region", &in.region},
                                    {"opened_directly_because", &in.opened_directly_because}}) {
    auto value = OptionalStringField(body, field);
    if (!value) return value.error();
    *slot = *value;
  }
  for (const auto& [field, slot] :
       {std::pair<const char*, std::vector<std::string>*>{"signals", &in.signals},
        {"forms", &in.forms}}) {
    auto list = StringList(body, field);
    if (!list) return list.error();
    *slot = std::move(list).value();
  }
  if (body.contains("age") && !body["age"].is_null()) {
    if (!body["age"].is_number_integer()) return Error::Invalid("age", "must be a whole number");
    in.age = std::to_string(body["age"].get<int64_t>());
  }
  auto acute = OptionalBool(body, "acute");
  if (!acute) return acute.error();
  in.acute = *acute;
  if (body.contains("person") && !body["person"].is_null()) {
    const json& p = body["person"];
    if (!p.is_object()) return Error::Invalid("person", "must be an object");
    std::set<std::string> known = {"gender", "nationality"};
    for (const app::IdentityField& f : app::kIdentityFields) known.insert(f.name);
    for (const auto& [key, value] : p.items()) {
      if (!known.count(key)) {
        return Error::Invalid("person." + key, fmt::format("unknown field '{}'", key));
      }
    }
    for (const app::IdentityField& f : app::kIdentityFields) {
      auto value = OptionalStringField(p, f.name, "person.");
      if (!value) return value.error();
      if (!value->empty()) in.identity.*f.member = *value;
    }
    for (const auto& [field, slot] :
         {std::pair<const char*, std::optional<std::string>*>{"gender", &in.gender},
          {"nationality", &in.nationality}}) {
      auto value = OptionalStringField(p, field, "person.");
      if (!value) return value.error();
      if (!value->empty()) *slot = *value;
    }
  }
  return in;
}

json RecordJson(const store::CaseRecord& c) {
  return {{"id", c.id},
          {"reference", app::CaseReference(c.seq)},
          {"region", c.region},
          {"municipality", Opt(c.municipality)},
          {"coordinator", Opt(c.coordinator)},
          {"state", c.state},
          {"acute", c.acute},
          {"forms", c.forms},
          {"age", c.age ? json(*c.age) : json(nullptr)},
          {"age_group", c.age_group},
          {"gender", Opt(c.gender)},
          {"nationality", Opt(c.nationality)},
          {"consent_recorded", c.consent_recorded},
          {"registered_on", Opt(c.registered_on)},
          {"closed_on", c.state == "closed" ? Opt(c.closed_on) : json(nullptr)},
          {"closing_reason", Opt(c.closing_reason)},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

json ReflectionJson(const app::CaseView& v) {
  if (!v.reflection) return nullptr;
  const care::ReflectionPeriod& p = *v.reflection;
  json deadlines = json::array();
  for (const auto& d : v.reflection_deadlines) {
    deadlines.push_back(
        {{"kind", care::DeadlineKindName(d.kind)}, {"date", care::FormatDate(d.date)}});
  }
  return {{"start", care::FormatDate(p.start)},
          {"last_day", care::FormatDate(p.last_day)},
          {"outcome", p.outcome ? json(care::ReflectionOutcomeName(*p.outcome)) : json(nullptr)},
          {"outcome_on", p.outcome_on ? json(care::FormatDate(*p.outcome_on)) : json(nullptr)},
          {"days_left", v.reflection_days_left ? json(*v.reflection_days_left) : json(nullptr)},
          {"warning", v.reflection_warning ? json(care::DeadlineKindName(*v.reflection_warning))
                                           : json(nullptr)},
          {"deadlines", deadlines}};
}

json CaseJson(const app::CaseView& v) {
  json out = RecordJson(v.record);
  out["opened_directly_because"] = v.opened_directly_because;
  out["consent_override"] = v.consent_override;
  json person = nullptr;
  if (v.person) {
    person = {{"id", v.person->facts.id},
              {"gender", Opt(v.person->facts.gender)},
              {"nationality", Opt(v.person->facts.nationality)}};
    for (const app::IdentityField& f : app::kIdentityFields) {
      person[f.name] = Opt(v.person->identity.*f.member);
    }
  }
  out["person"] = person;
  // Retention: set once the identifying data were erased (app/retention_service.h).
  out["erasure"] = v.erasure ? json{{"erased_on", v.erasure->erased_on},
                                    {"retention_months", v.erasure->retention_months},
                                    {"person_kept", v.erasure->person_kept}}
                             : json(nullptr);
  json signal_refs = json::array();
  for (size_t i = 0; i < v.signals.size(); ++i) {
    signal_refs.push_back({{"id", v.signals[i]}, {"reference", v.signal_references[i]}});
  }
  out["signals"] = signal_refs;
  json plan = json::array();
  for (const auto& item : v.plan) {
    plan.push_back({{"id", item.row.id},
                    {"domain", item.row.domain},
                    {"responsible_organisation", item.row.responsible_organisation},
                    {"status", item.row.status},
                    {"due_on", Opt(item.row.due_on)},
                    {"description", item.description}});
  }
  out["care_plan"] = plan;
  out["reflection_period"] = ReflectionJson(v);
  json transitions = json::array();
  for (const auto& t : v.transitions) {
    transitions.push_back({{"transition", care::CaseTransitionName(t.transition)},
                           {"allowed", t.allowed},
                           {"reason", t.allowed ? json(nullptr) : json(t.reason)},
                           {"field", t.field.empty() ? json(nullptr) : json(t.field)}});
  }
  out["transitions"] = transitions;
  json events = json::array();
  for (const auto& e : v.events) {
    events.push_back({{"at", e.at},
                      {"action", e.action},
                      {"from", e.from_state},
                      {"to", e.to_state},
                      {"result", e.result},
                      {"field", e.field},
                      {"detail", e.detail}});
  }
  out["events"] = events;
  return out;
}

json DeadlineJson(const care::DashboardDeadline& d) {
  return {
      {"case_id", d.case_id}, {"kind", d.kind}, {"ref", d.ref}, {"due", care::FormatDate(d.due)}};
}

json OverviewJson(const app::CaseOverview& o) {
  json cases = json::array();
  for (const auto& c : o.cases) cases.push_back(RecordJson(c.record));
  auto list = [](const std::vector<care::DashboardDeadline>& ds) {
    json out = json::array();
    for (const auto& d : ds) out.push_back(DeadlineJson(d));
    return out;
  };
  json warnings = json::array();
  for (const auto& w : o.dashboard.reflection_warnings) {
    warnings.push_back({{"case_id", w.case_id},
                        {"warning", care::DeadlineKindName(w.warning)},
                        {"last_day", care::FormatDate(w.last_day)},
                        {"days_left", w.days_left}});
  }
  return {{"cases", cases},
          {"dashboard",
           {{"my_cases", o.dashboard.my_cases},
            {"acute", o.dashboard.acute},
            {"overdue", list(o.dashboard.overdue)},
            {"due_this_week", list(o.dashboard.due_this_week)},
            {"reflection_warnings", warnings},
            {"deadlines", list(o.dashboard.deadlines)}}}};
}

// Reads a JSON object body with only `known` fields and hands it to `use`.
template <typename Use>
void WithBody(Call& call, const std::set<std::string>& known, Use use) {
  auto body = ReadJsonObject(call);
  if (!body) return;
  if (Status st = RefuseUnknown(*body, known); !st.ok()) return WriteError(call, st.error());
  use(*body);
}

}  // namespace

void RegisterCaseRoutes(Router& router, ApiServices s) {
  router.Get("/api/v1/cases",
             [s](Call& call) { Respond(call, s.cases.Overview(call.actor), 200, OverviewJson); });
  router.Post("/api/v1/cases", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto input = OpenFromJson(*body);
    if (!input) return WriteError(call, input.error());
    auto opened = s.cases.Open(call.actor, *input);
    if (opened.ok()) {
      call.res.set_header("Location", fmt::format("/api/v1/cases/{}", opened->record.id));
    }
    Respond(call, opened, 201, CaseJson);
  });
  router.Get("/api/v1/cases/{id}", [s](Call& call) {
    Respond(call, s.cases.Get(call.actor, call.Param("id")), 200, CaseJson);
  });
  router.Post("/api/v1/cases/{id}/transitions", [s](Call& call) {
    WithBody(call, {"transition", "closing_reason"}, [&](const json& body) {
      auto transition = StringField(body, "transition");
      if (!transition) return WriteError(call, transition.error());
      auto reason = OptionalStringField(body, "closing_reason");
      if (!reason) return WriteError(call, reason.error());
      Respond(call, s.cases.Transition(call.actor, call.Param("id"), {*transition, *reason}), 200,
              CaseJson);
    });
  });
  router.Put("/api/v1/cases/{id}/consent", [s](Call& call) {
    WithBody(call, {"recorded", "override_reason"}, [&](const json& body) {
      auto recorded = OptionalBool(body, "recorded");
      if (!recorded) return WriteError(call, recorded.error());
      auto reason = OptionalStringField(body, "override_reason");
      if (!reason) return WriteError(call, reason.error());
      Respond(call, s.cases.RecordConsent(call.actor, call.Param("id"), {*recorded, *reason}), 200,
              CaseJson);
    });
  });
  router.Post("/api/v1/cases/{id}/plan-items", [s](Call& call) {
    WithBody(call, {"domain", "responsible_organisation", "due_on", "description"},
             [&](const json& body) {
               app::PlanItemInput in;
               for (const auto& [field, slot] :
                    {std::pair<const char*, std::string*>{"domain", &in.domain},
                     {"responsible_organisation", &in.responsible_organisation},
                     {"due_on", &in.due_on},
                     {"description", &in.description}}) {
                 auto value = OptionalStringField(body, field);
                 if (!value) return WriteError(call, value.error());
                 *slot = *value;
               }
               Respond(call, s.cases.AddPlanItem(call.actor, call.Param("id"), in), 201, CaseJson);
             });
  });
  router.Put("/api/v1/cases/{id}/plan-items/{item}", [s](Call& call) {
    WithBody(call, {"status", "due_on", "responsible_organisation"}, [&](const json& body) {
      app::PlanItemChange change;
      for (const auto& [field, slot] :
           {std::pair<const char*, std::optional<std::string>*>{"status", &change.status},
            {"due_on", &change.due_on},
            {"responsible_organisation", &change.responsible_organisation}}) {
        if (!body.contains(field)) continue;
        auto value = OptionalStringField(body, field);
        if (!value) return WriteError(call, value.error());
        *slot = *value;
      }
      Respond(call,
              s.cases.ChangePlanItem(call.actor, call.Param("id"), call.Param("item"), change), 200,
              CaseJson);
    });
  });
  router.Post("/api/v1/cases/{id}/reflection-period", [s](Call& call) {
    WithBody(call, {"start"}, [&](const json& body) {
      auto start = StringField(body, "start");
      if (!start) return WriteError(call, Error::Invalid("reflection_start", "give the start"));
      Respond(call, s.cases.StartReflection(call.actor, call.Param("id"), *start), 200, CaseJson);
    });
  });
  router.Post("/api/v1/cases/{id}/reflection-period/outcome", [s](Call& call) {
    WithBody(call, {"outcome", "on"}, [&](const json& body) {
      auto outcome = OptionalStringField(body, "outcome");
      if (!outcome) return WriteError(call, outcome.error());
      auto on = OptionalStringField(body, "on");
      if (!on) return WriteError(call, on.error());
      Respond(call, s.cases.RecordReflectionOutcome(call.actor, call.Param("id"), *outcome, *on),
              200, CaseJson);
    });
  });
  router.Get("/api/v1/cases/{id}/registration", [s](Call& call) {
    const std::string format = call.Query("format");
    if (!format.empty() && format != "json" && format != "csv") {
      return WriteError(call, Error::Invalid("format", "use json or csv"));
    }
    auto reg = s.cases.Registration(call.actor, call.Param("id"));
    if (!reg) return WriteError(call, reg.error());
    if (format == "csv") {
      call.res.set_header(
          "Content-Disposition",
          fmt::format("attachment; filename=\"registratie-{}.csv\"", reg->record.case_reference));
      call.res.set_content(care::RegistrationCsv({reg->record}), "text/csv; charset=utf-8");
      return;
    }
    json out = care::RegistrationJson({reg->record});
    out["recorded"] = reg->recorded;
    WriteJson(call.res, 200, out);
  });
  router.Post("/api/v1/cases/{id}/registration", [s](Call& call) {
    WithBody(call, {"registered_on"}, [&](const json& body) {
      auto on = OptionalStringField(body, "registered_on");
      if (!on) return WriteError(call, on.error());
      Respond(call, s.cases.RecordRegistration(call.actor, call.Param("id"), *on), 200, CaseJson);
    });
  });
}

}  // namespace schakel::http
