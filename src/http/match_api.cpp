// Record linkage in the API: the "possibly the same person" suggestions of a signal and the
// decisions on them. MatchService decides who may (policy.h) and audits; this file only
// translates JSON. A suggested record the caller may not read is given as kind and opaque id with
// "accessible": false, never with a reference, organisation or any value.
#include <fmt/format.h>

#include <set>

#include "http/api.h"
#include "http/json_io.h"

namespace schakel::http {

using nlohmann::json;

namespace {

json OtherJson(const app::LinkedRecordView& v) {
  json out = {{"kind", v.ref.kind}, {"id", v.ref.id}, {"accessible", v.accessible}};
  if (v.accessible) out["reference"] = v.reference;
  if (v.accessible && !v.case_id.empty()) out["case_id"] = v.case_id;
  return out;
}

json DecisionJson(const app::MatchDecisionView& d) {
  return {{"id", d.id},
          {"other", OtherJson(d.other)},
          {"decision", d.decision},
          {"reason", d.reason.empty() ? json(nullptr) : json(d.reason)},
          {"score", d.score},
          {"decided_by", d.decided_by},
          {"decided_at", d.decided_at}};
}

json MatchesJson(const app::RecordMatches& m) {
  json suggestions = json::array();
  for (const auto& s : m.suggestions) {
    json fields = json::array();
    for (const auto& f : s.fields) {
      fields.push_back(
          {{"field", f.field}, {"agreement", f.agreement}, {"similarity", f.similarity}});
    }
    suggestions.push_back({{"other", OtherJson(s.other)},
                           {"score", s.score},
                           {"confirmed", s.confirmed},
                           {"explanation", fields}});
  }
  json decisions = json::array();
  for (const auto& d : m.decisions) decisions.push_back(DecisionJson(d));
  return {{"record", {{"kind", m.record.kind}, {"id", m.record.id}}},
          {"encoded", m.encoded},
          {"suggestions", suggestions},
          {"decisions", decisions}};
}

Result<app::MatchDecisionInput> DecisionFromJson(const json& body) {
  static const std::set<std::string> kKnown = {"record_kind", "record_id", "other_kind",
                                               "other_id",    "decision",  "reason"};
  for (const auto& [key, value] : body.items()) {
    if (!kKnown.count(key)) return Error::Invalid(key, fmt::format("unknown field '{}'", key));
  }
  app::MatchDecisionInput in;
  auto record_kind = OptionalStringField(body, "record_kind");
  if (!record_kind) return record_kind.error();
  auto record_id = StringField(body, "record_id");
  if (!record_id) return record_id.error();
  auto other_kind = OptionalStringField(body, "other_kind");
  if (!other_kind) return other_kind.error();
  auto other_id = StringField(body, "other_id");
  if (!other_id) return other_id.error();
  auto decision = StringField(body, "decision");
  if (!decision) return decision.error();
  auto reason = OptionalStringField(body, "reason");
  if (!reason) return reason.error();
  in.record = {record_kind->empty() ? "signal" : *record_kind, *record_id};
  in.other = {other_kind->empty() ? "signal" : *other_kind, *other_id};
  in.decision = *decision;
  in.reason = *reason;
  return in;
}

}  // namespace

void RegisterMatchRoutes(Router& router, ApiServices s) {
  router.Get("/api/v1/signals/{id}/matches", [s](Call& call) {
    Respond(call, s.matches.For(call.actor, {"signal", call.Param("id")}), 200, MatchesJson);
  });
  // A case's suggestions are its person's; the case is authorized first (kViewMatches on the
  // case, denial audited), so a case id reveals nothing to someone who may not see them.
  router.Get("/api/v1/cases/{id}/matches", [s](Call& call) {
    auto c = s.cases.LoadForAction(call.actor, call.Param("id"), app::Action::kViewMatches);
    if (!c) return WriteError(call, c.error());
    if (!c->person) return WriteError(call, Error::NotFound("this case has no person to link"));
    Respond(call, s.matches.For(call.actor, {"person", *c->person}), 200, MatchesJson);
  });
  router.Post("/api/v1/matches/decisions", [s](Call& call) {
    auto body = ReadJsonObject(call);
    if (!body) return;
    auto input = DecisionFromJson(*body);
    if (!input) return WriteError(call, input.error());
    Respond(call, s.matches.Decide(call.actor, *input), 201, DecisionJson);
  });
}

}  // namespace schakel::http
