// /api/v1/signals: record, follow, assess, forward and close signals of possible trafficking.
// The signal service decides who may (policy.h) and audits every read and change; this file only
// translates JSON to use-case calls and back. Unknown fields are refused by name, so a typo in a
// partner system's field does not silently drop information.
#include <fmt/format.h>

#include <set>

#include "http/api.h"
#include "http/json_io.h"

namespace schakel::http {

using nlohmann::json;

namespace {

json Opt(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

json Text(const LocalizedText& t) {
  return {{"nl", t.nl}, {"en", t.en}};
}

Result<std::vector<std::string>> StringList(const json& obj, const std::string& name,
                                            const std::string& prefix = "") {
  std::vector<std::string> out;
  if (!obj.contains(name) || obj[name].is_null()) return out;
  const json& list = obj[name];
  if (!list.is_array()) return Error::Invalid(prefix + name, "must be a list of strings");
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) {
      return Error::Invalid(fmt::format("{}{}[{}]", prefix, name, i), "must be a string");
    }
    out.push_back(list[i].get<std::string>());
  }
  return out;
}

Status RefuseUnknown(const json& obj, const std::set<std::string>& known,
                     const std::string& prefix = "") {
  for (const auto& [key, value] : obj.items()) {
    if (!known.count(key)) {
      return Error::Invalid(prefix + key, fmt::format("unknown field '{}'", key));
    }
  }
  return {};
}

Result<bool> OptionalBool(const json& obj, const std::string& name, const std::string& prefix) {
  if (!obj.contains(name) || obj[name].is_null()) return false;
  if (!obj[name].is_boolean()) return Error::Invalid(prefix + name, "must be true or false");
  return obj[name].get<bool>();
}

Status ReadVictim(const json& v, app::SignalInput& in) {
  static const std::set<std::string> kKnown = {
      "given_names",     "family_name", "date_of_birth", "address",     "phone",
      "document_number", "notes",       "gender",        "nationality", "age",
      "age_group",       "language",    "living_at_home"};
  const std::string prefix = "victim.";
  if (!v.is_object()) return Error::Invalid("victim", "must be an object");
  if (Status s = RefuseUnknown(v, kKnown, prefix); !s.ok()) return s;
  for (const app::IdentityField& f : app::kIdentityFields) {
    auto value = OptionalStringField(v, f.name, prefix);
    if (!value) return value.error();
    if (!value->empty()) in.victim.identity.*f.member = *value;
  }
  for (const auto& [field, slot] :
       {std::pair<const char*, std::optional<std::string>*>{"gender", &in.victim.gender},
        {"nationality", &in.victim.nationality}}) {
    auto value = OptionalStringField(v, field, prefix);
    if (!value) return value.error();
    if (!value->empty()) *slot = *value;
  }
  if (v.contains("age") && !v["age"].is_null()) {
    if (!v["age"].is_number_integer())
      return Error::Invalid("victim.age", "must be a whole number");
    in.victim_age = std::to_string(v["age"].get<int64_t>());
  }
  for (const auto& [field, slot] :
       {std::pair<const char*, std::string*>{"age_group", &in.victim_age_group},
        {"language", &in.victim_language}}) {
    auto value = OptionalStringField(v, field, prefix);
    if (!value) return value.error();
    *slot = *value;
  }
  auto home = OptionalBool(v, "living_at_home", prefix);
  if (!home) return home.error();
  in.victim_living_at_home = *home;
  return {};
}

Result<app::SignalInput> SignalFromJson(const json& body) {
  static const std::set<std::string> kKnown = {
      "organisation",          "channel",     "urgency", "observed_on",
      "observed_municipality", "postal_area", "forms",   "indicators",
      "risk_factors",          "description", "victim",  "perpetrators"};
  if (Status s = RefuseUnknown(body, kKnown); !s.ok()) return s.error();
  app::SignalInput in;
  const std::pair<const char*, std::string*> texts[] = {
      {"organisation", &in.organisation},
      {"channel", &in.channel},
      {"urgency", &in.urgency},
      {"observed_on", &in.observed_on},
      {"observed_municipality", &in.observed_municipality},
      {"postal_area", &in.postal_area},
      {"description", &in.description},
      {"perpetrators", &in.perpetrators}};
  for (const auto& [field, slot] : texts) {
    auto value = OptionalStringField(body, field);
    if (!value) return value.error();
    *slot = *value;
  }
  for (const auto& [field, slot] :
       {std::pair<const char*, std::vector<std::string>*>{"forms", &in.forms},
        {"indicators", &in.indicators},
        {"risk_factors", &in.risk_factors}}) {
    auto list = StringList(body, field);
    if (!list) return list.error();
    *slot = std::move(list).value();
  }
  if (body.contains("victim") && !body["victim"].is_null()) {
    if (Status s = ReadVictim(body["victim"], in); !s.ok()) return s.error();
  }
  return in;
}

Result<app::AssessmentInput> AssessmentFromJson(const json& body) {
  static const std::set<std::string> kKnown = {
      "act", "means", "purpose", "crossed_border_with_help", "by_own_choice", "labour"};
  if (Status s = RefuseUnknown(body, kKnown); !s.ok()) return s.error();
  app::AssessmentInput in;
  for (const auto& [key, slot] : {std::pair<const char*, app::ElementInput*>{"act", &in.act},
                                  {"means", &in.means},
                                  {"purpose", &in.purpose}}) {
    if (!body.contains(key) || !body[key].is_object()) {
      return Error::Invalid(key, "give {\"state\": present|absent|unknown, \"note\": …}");
    }
    const std::string prefix = std::string(key) + ".";
    if (Status s = RefuseUnknown(body[key], {"state", "note"}, prefix); !s.ok()) return s.error();
    auto state = StringField(body[key], "state", prefix);
    if (!state) return state.error();
    auto note = OptionalStringField(body[key], "note", prefix);
    if (!note) return note.error();
    *slot = {*state, *note};
  }
  auto crossed = OptionalBool(body, "crossed_border_with_help", "");
  if (!crossed) return crossed.error();
  auto own = OptionalBool(body, "by_own_choice", "");
  if (!own) return own.error();
  in.smuggling = {*crossed, *own};
  if (body.contains("labour") && !body["labour"].is_null()) {
    const json& l = body["labour"];
    if (!l.is_object()) return Error::Invalid("labour", "must be an object");
    const std::pair<const char*, bool signals::LabourFacts::*> facts[] = {
        {"labour_law_violations", &signals::LabourFacts::labour_law_violations},
        {"multiple_dependency", &signals::LabourFacts::multiple_dependency},
        {"very_poor_circumstances", &signals::LabourFacts::very_poor_circumstances},
        {"restricted_basic_freedoms", &signals::LabourFacts::restricted_basic_freedoms}};
    std::set<std::string> known;
    for (const auto& [name, member] : facts) known.insert(name);
    if (Status s = RefuseUnknown(l, known, "labour."); !s.ok()) return s.error();
    signals::LabourFacts labour;
    for (const auto& [name, member] : facts) {
      auto value = OptionalBool(l, name, "labour.");
      if (!value) return value.error();
      labour.*member = *value;
    }
    in.labour = labour;
  }
  return in;
}

json AssessmentJson(const app::SignalAssessment& a) {
  auto element = [](const signals::ElementFinding& f) {
    return json{{"state", signals::ElementStateName(f.state)}, {"note", f.note}};
  };
  json missing = json::array();
  for (const auto& m : a.result.missing) {
    missing.push_back({{"element", signals::ElementName(m.element)},
                       {"state", signals::ElementStateName(m.state)}});
  }
  json notes = json::array();
  for (signals::TestNote n : a.result.notes) notes.push_back(static_cast<int>(n));
  json out{{"act", element(a.input.act)},
           {"means", element(a.input.means)},
           {"purpose", element(a.input.purpose)},
           {"crossed_border_with_help", a.input.smuggling.crossed_border_with_help},
           {"by_own_choice", a.input.smuggling.by_own_choice},
           {"outcome", signals::TestOutcomeName(a.result.outcome)},
           {"missing", missing},
           {"labour_position",
            a.result.labour ? json(signals::LabourPositionName(*a.result.labour)) : json(nullptr)}};
  return out;
}

json AdviceJson(const signals::RoutingAdvice& advice) {
  json targets = json::array();
  for (const auto& t : advice.targets) {
    targets.push_back({{"partner_kind", t.partner_kind},
                       {"region", t.region.empty() ? json(nullptr) : json(t.region)},
                       {"recommended", t.recommended},
                       {"rule", t.rule.empty() ? json(nullptr) : json(t.rule)},
                       {"reason", t.recommended ? Text(t.reason) : json(nullptr)}});
  }
  return {{"targets", targets},
          {"emergency_guidance", advice.emergency_guidance},
          {"region_unknown", advice.region_unknown}};
}

json FactsJson(const store::SignalFacts& f) {
  return {{"id", f.id},
          {"reference", app::SignalReference(f.seq)},
          {"organisation", f.organisation},
          {"status", f.status},
          {"channel", Opt(f.channel)},
          {"urgency", Opt(f.urgency)},
          {"observed_on", Opt(f.observed_on)},
          {"observed_municipality", Opt(f.observed_municipality)},
          {"postal_area", Opt(f.postal_area)},
          {"forms", f.forms},
          {"indicators", f.indicators},
          {"risk_factors", f.risk_factors},
          {"outcome", Opt(f.outcome)},
          {"forwarded_to", Opt(f.forwarded_to)},
          {"forwarded_region", Opt(f.forwarded_region)},
          {"closing_reason", Opt(f.closing_reason)},
          {"created_at", f.created_at},
          {"submitted_at", Opt(f.submitted_at)},
          {"updated_at", f.updated_at}};
}

json SignalJson(const app::SignalView& v) {
  json out = FactsJson(v.facts);
  out["description"] = v.description;
  out["perpetrators"] = v.perpetrators;
  json victim{{"gender", Opt(v.facts.victim_gender)},
              {"nationality", Opt(v.facts.victim_nationality)},
              {"age", v.facts.victim_age ? json(*v.facts.victim_age) : json(nullptr)},
              {"age_group", v.facts.victim_age_group},
              {"language", Opt(v.facts.victim_language)},
              {"living_at_home", v.facts.victim_living_at_home}};
  for (const app::IdentityField& f : app::kIdentityFields) victim[f.name] = Opt(v.victim.*f.member);
  out["victim"] = victim;
  out["assessment"] = v.assessment ? AssessmentJson(*v.assessment) : json(nullptr);
  out["advice"] = AdviceJson(v.advice);
  out["emergency_guidance"] = v.emergency_guidance;
  json events = json::array();
  for (const auto& e : v.events) {
    events.push_back({{"at", e.at},
                      {"action", e.action},
                      {"from", e.from_status},
                      {"to", e.to_status},
                      {"detail", e.detail}});
  }
  out["events"] = events;
  json additions = json::array();
  for (const auto& a : v.additions)
    additions.push_back({{"added_at", a.added_at}, {"text", a.text}});
  out["additions"] = additions;
  return out;
}

json StatusJson(const app::SignalStatusView& s) {
  return {{"id", s.id},
          {"reference", s.reference},
          {"organisation", s.organisation},
          {"status", s.status},
          {"urgency", Opt(s.urgency)},
          {"created_at", s.created_at},
          {"submitted_at", Opt(s.submitted_at)},
          {"forwarded_to", Opt(s.forwarded_to)}};
}

// Reads the body as a signal and hands it to `use`.
template <typename Use>
void WithSignalBody(Call& call, Use use) {
  auto body = ReadJsonObject(call);
  if (!body) return;
  auto input = SignalFromJson(*body);
  if (!input) return WriteError(call, input.error());
  use(*input);
}

}  // namespace

void RegisterSignalRoutes(Router& router, ApiServices s) {
  router.Post("/api/v1/signals", [s](Call& call) {
    WithSignalBody(call, [&](const app::SignalInput& input) {
      app::SignalInput in = input;
      if (in.organisation.empty()) in.organisation = call.actor.principal.organisation;
      auto created = s.signals.Create(call.actor, in);
      if (created.ok()) {
        call.res.set_header("Location", fmt::format("/api/v1/signals/{}", created->facts.id));
      }
      Respond(call, created, 201, SignalJson);
    });
  });
  router.Post("/api/v1/signals/drafts", [s](Call& call) {
    WithSignalBody(call, [&](const app::SignalInput& input) {
      Respond(call, s.signals.SaveDraft(call.actor, "", input), 201, SignalJson);
    });
  });
  router.Put("/api/v1/signals/drafts/{id}", [s](Call& call) {
    WithSignalBody(call, [&](const app::SignalInput& input) {
      Respond(call, s.signals.SaveDraft(call.actor, call.Param("id"), input), 200, SignalJson);
    });
  });
  router.Post("/api/v1/signals/drafts/{id}/submit", [s](Call& call) {
    Respond(call, s.signals.Submit(call.actor, call.Param("id")), 200, SignalJson);
  });
  router.Get("/api/v1/signals/mine", [s](Call& call) {
    Respond(call, s.signals.Mine(call.actor), 200, [](const auto& list) {
      json out = json::array();
      for (const auto& item : list) out.push_back(StatusJson(item));
      return json{{"signals", out}};
    });
  });
  router.Get("/api/v1/signals/inbox", [s](Call& call) {
    app::InboxFilter filter;
    const std::string status = call.Query("status");
    for (size_t start = 0; !status.empty() && start <= status.size();) {
      const size_t comma = std::min(status.find(',', start), status.size());
      if (comma > start) filter.statuses.push_back(status.substr(start, comma - start));
      start = comma + 1;
    }
    for (const std::string& st : filter.statuses) {
      if (st != "new" && st != "assessed" && st != "forwarded" && st != "closed") {
        return WriteError(call, Error::Invalid("status", "use new, assessed, forwarded or closed"));
      }
    }
    Respond(call, s.signals.InboxOf(call.actor, filter), 200, [](const app::Inbox& inbox) {
      json out = json::array();
      for (const auto& f : inbox.signals) out.push_back(FactsJson(f));
      return json{{"signals", out},
                  {"counts",
                   {{"new", inbox.new_count},
                    {"acute", inbox.acute_count},
                    {"assessed", inbox.assessed_count}}}};
    });
  });
  router.Get("/api/v1/signals/{id}", [s](Call& call) {
    Respond(call, s.signals.Get(call.actor, call.Param("id")), 200, SignalJson);
  });
  router.Get("/api/v1/signals/{id}/status", [s](Call& call) {
    Respond(call, s.signals.GetStatus(call.actor, call.Param("id")), 200, StatusJson);
  });
  router.Post("/api/v1/signals/{id}/assessment", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto input = AssessmentFromJson(*body);
    if (!input) return WriteError(call, input.error());
    Respond(call, s.signals.Assess(call.actor, call.Param("id"), *input), 200, SignalJson);
  });
  router.Post("/api/v1/signals/{id}/forward", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    if (Status st = RefuseUnknown(*body, {"target"}); !st.ok()) return WriteError(call, st.error());
    auto target = StringField(*body, "target");
    if (!target) return WriteError(call, target.error());
    Respond(call, s.signals.Forward(call.actor, call.Param("id"), *target), 200, SignalJson);
  });
  router.Post("/api/v1/signals/{id}/close", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    if (Status st = RefuseUnknown(*body, {"reason"}); !st.ok()) return WriteError(call, st.error());
    auto reason = StringField(*body, "reason");
    if (!reason) return WriteError(call, reason.error());
    Respond(call, s.signals.Close(call.actor, call.Param("id"), *reason), 200, SignalJson);
  });
}

}  // namespace schakel::http
