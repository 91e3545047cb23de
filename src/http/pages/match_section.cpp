#include "http/pages/match_section.h"

#include <fmt/format.h>

#include "http/pages/forms.h"
#include "http/pages/signal_view.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

constexpr const char* kAnchor = "#mogelijk-dezelfde-persoon";

std::string Percent(double score) {
  return fmt::format("{:.0f}%", score * 100);
}

// The other record: a link when the user may open it, else only "a record of another
// organisation" — no reference, no organisation, nothing about it.
std::string LabelOf(const PageRequest& pr, const app::LinkedRecordView& v) {
  if (!v.accessible) return pr.T("linkage.other_organisation");
  const char* key = !v.case_id.empty()       ? "linkage.case_ref"
                    : v.ref.kind == "person" ? "linkage.person_ref"
                                             : "linkage.signal_ref";
  return pr.F(key, {{"reference", v.reference}});
}

std::string HrefOf(const app::LinkedRecordView& v) {
  if (!v.accessible) return "";
  if (!v.case_id.empty()) return "/zaken/" + v.case_id;
  if (v.ref.kind == "signal") return "/signalen/" + v.ref.id;
  return "";
}

// Stores the decision of the form posted to `page` about `record`, then back to `page`.
void DecideFromForm(Site& site, Call& call, const PageRequest& pr,
                    const store::LinkedRecordRef& record, const std::string& page) {
  const std::string choice = FormValue(call, "besluit");
  app::MatchDecisionInput in;
  in.record = record;
  in.other = {FormValue(call, "soort"), FormValue(call, "ander")};
  in.decision = choice == "bevestigd" ? "confirmed" : choice == "afgewezen" ? "rejected" : choice;
  in.reason = FormValue(call, "reden");
  auto done = site.services().matches.Decide(call.actor, in);
  if (!done) return site.RenderError(call, pr, done.error());
  Site::SeeOther(call, page + kAnchor);
}

}  // namespace

void AddMatchSection(Site& site, Call& call, const PageRequest& pr,
                     const store::LinkedRecordRef& record, const std::string& page_href,
                     json& data) {
  auto matches = site.services().matches.For(call.actor, record);
  if (!matches) return;  // refused (and audited) or failed: the page shows the rest
  json suggestions = json::array();
  int index = 0;
  for (const app::MatchSuggestion& m : matches->suggestions) {
    json fields = json::array();
    for (const app::FieldAgreementView& f : m.fields) {
      std::string agreement = pr.T("linkage.agreement." + f.agreement);
      if (f.agreement != "missing") agreement += " (" + Percent(f.similarity) + ")";
      fields.push_back({{"name", pr.T("linkage.field." + f.field)}, {"agreement", agreement}});
    }
    const std::string href = HrefOf(m.other);
    suggestions.push_back({{"index", ++index},
                           {"label", LabelOf(pr, m.other)},
                           {"href", href.empty() ? json(nullptr) : json(href)},
                           {"score", Percent(m.score)},
                           {"confirmed", m.confirmed},
                           {"fields", fields},
                           {"other_kind", m.other.ref.kind},
                           {"other_id", m.other.ref.id}});
  }
  json decisions = json::array();
  for (const app::MatchDecisionView& d : matches->decisions) {
    decisions.push_back({{"at", DutchDate(d.decided_at)},
                         {"decision", pr.T("linkage.decision." + d.decision)},
                         {"other", LabelOf(pr, d.other)},
                         {"by", d.decided_by},
                         {"reason", d.reason.empty() ? json(nullptr) : json(d.reason)}});
  }
  data["matches"] = {{"encoded", matches->encoded}, {"decide_action", page_href + "/koppelingen"},
                     {"suggestions", suggestions},  {"has_suggestions", !suggestions.empty()},
                     {"decisions", decisions},      {"has_decisions", !decisions.empty()}};
}

void RegisterMatchPages(Router& router, Site& site) {
  site.Post(router, "/signalen/{id}/koppelingen", [&site](Call& call, const PageRequest& pr) {
    const std::string id = call.Param("id");
    DecideFromForm(site, call, pr, {"signal", id}, "/signalen/" + id);
  });
  // A case's suggestions are about its person; the case is loaded (and the decision authorized
  // on it) first, so a case id never reveals whose person it is to someone who may not decide.
  site.Post(router, "/zaken/{id}/koppelingen", [&site](Call& call, const PageRequest& pr) {
    const std::string id = call.Param("id");
    auto c = site.services().cases.LoadForAction(call.actor, id, app::Action::kDecideMatch);
    if (!c) return site.RenderError(call, pr, c.error());
    if (!c->person) {
      return site.RenderError(call, pr, Error::NotFound("this case has no person to link"));
    }
    DecideFromForm(site, call, pr, {"person", *c->person}, "/zaken/" + id);
  });
}

}  // namespace schakel::http::pages
