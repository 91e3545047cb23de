// The pages that follow signals after they are filed: the signaller's own signals
// (/signalen/mijn: where each stands, never its content), the care coordinator's inbox
// (/signalen: counts, acute signals first, filter by status) and one signal (/signalen/{id}):
// its content, the three-element test with its result in words, the routing advice, forward
// and close, the history and what the reporter added. The result is words, never a number.
#include <fmt/format.h>

#include <algorithm>

#include "http/pages/forms.h"
#include "http/pages/match_section.h"
#include "http/pages/signal_form.h"
#include "http/pages/signal_view.h"
#include "http/pages/site.h"
#include "signals/outcome_text.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

constexpr const char* kStatuses[] = {"new", "assessed", "forwarded", "closed"};

std::string SignalHref(const std::string& id) {
  return "/signalen/" + id;
}

// ---- the signaller's own signals ----------------------------------------------------------

void RegisterMine(Router& router, Site& site) {
  site.Get(router, "/signalen/mijn", [&site](Call& call, const PageRequest& pr) {
    auto mine = site.services().signals.Mine(call.actor);
    if (!mine) return site.RenderError(call, pr, mine.error());
    const signals::Catalog& catalog = site.services().signals.catalog();
    Page page = MakePage("signals_mine", pr.T("signal.mine.title"), "signals_mine");
    page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("signal.mine.title")}};
    json drafts = json::array();
    json sent = json::array();
    for (const app::SignalStatusView& s : *mine) {
      json row = {{"reference", s.reference},
                  {"status", StatusWord(pr, s.status)},
                  {"organisation", OrganisationLabel(site, s.organisation)},
                  {"created", DutchDate(s.created_at)},
                  {"submitted", DutchDate(s.submitted_at)},
                  {"forwarded_to",
                   s.forwarded_to ? PartnerName(pr, catalog, *s.forwarded_to) : std::string()}};
      if (s.status == "draft") {
        row["href"] = "/signalen/concepten/" + s.id;
        drafts.push_back(row);
      } else {
        sent.push_back(row);
      }
    }
    const std::string reference = call.Query("verstuurd");
    if (!reference.empty() && reference.size() <= 12 &&
        reference.find_first_not_of("S0123456789") == std::string::npos) {
      page.data["notice"] = pr.F("signal.mine.sent", {{"reference", reference}});
    }
    page.data["drafts"] = drafts;
    page.data["has_drafts"] = !drafts.empty();
    page.data["signals"] = sent;
    page.data["has_signals"] = !sent.empty();
    site.Render(call, pr, std::move(page));
  });
}

// ---- the care coordinator's inbox --------------------------------------------------------

json InboxRow(Site& site, const PageRequest& pr, const store::SignalFacts& f) {
  const signals::Catalog& catalog = site.services().signals.catalog();
  const signals::Channel* channel = nullptr;
  for (const auto& c : catalog.channels) {
    if (f.channel && c.id == *f.channel) channel = &c;
  }
  return {{"href", SignalHref(f.id)},
          {"reference", app::SignalReference(f.seq)},
          {"municipality", OrganisationLabel(site, f.organisation)},
          {"urgency", UrgencyName(pr, catalog, f.urgency)},
          {"acute", f.urgency && *f.urgency == catalog.urgencies.front().id},
          {"forms", FormNames(pr, catalog, f.forms)},
          {"channel", channel ? InLanguage(pr, channel->name) : std::string()},
          {"received", DutchDate(f.submitted_at)},
          {"status", StatusWord(pr, f.status)}};
}

void RegisterInbox(Router& router, Site& site) {
  site.Get(router, "/signalen", [&site](Call& call, const PageRequest& pr) {
    app::InboxFilter filter;
    const std::string status = call.Query("status");
    for (const char* s : kStatuses) {
      if (status == s) filter.statuses = {s};
    }
    auto inbox = site.services().signals.InboxOf(call.actor, filter);
    if (!inbox) return site.RenderError(call, pr, inbox.error());
    Page page = MakePage("signals_inbox", pr.T("signal.inbox.title"), "signals");
    page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("signal.inbox.title")}};
    json& d = page.data;
    d["counts"] = {{"new", inbox->new_count},
                   {"acute", inbox->acute_count},
                   {"assessed", inbox->assessed_count}};
    json rows = json::array();
    json acute = json::array();
    for (const auto& f : inbox->signals) {
      json row = InboxRow(site, pr, f);
      if (row["acute"].get<bool>() && (f.status == "new" || f.status == "assessed")) {
        acute.push_back(row);
      }
      rows.push_back(std::move(row));
    }
    d["acute"] = acute;
    d["has_acute"] = !acute.empty();
    d["signals"] = rows;
    d["has_signals"] = !rows.empty();
    std::vector<Choice> statuses = {{"", pr.T("signal.inbox.open")}};
    for (const char* s : kStatuses) statuses.push_back({s, StatusWord(pr, s)});
    d["status_filter"] = SelectField("status", pr.T("signal.inbox.filter"), "", statuses,
                                     filter.statuses.empty() ? "" : status, {});
    site.Render(call, pr, std::move(page));
  });
}

// ---- one signal -------------------------------------------------------------------------------

json ElementForm(const PageRequest& pr, const char* id, const char* element,
                 const std::optional<app::SignalAssessment>& a,
                 const std::vector<FieldError>& errors) {
  std::string state;
  std::string note;
  if (a) {
    const signals::ElementFinding& f = std::string(element) == "act"     ? a->input.act
                                       : std::string(element) == "means" ? a->input.means
                                                                         : a->input.purpose;
    state = signals::ElementStateName(f.state);
    note = f.note;
  }
  std::vector<Choice> states;
  for (const char* s : {"present", "absent", "unknown"}) {
    states.push_back({s, pr.T(std::string("signal.test.state.") + s)});
  }
  json group = ChoiceGroup(id, id, "radio", pr.T(std::string("signal.test.") + element), states,
                           {state}, errors);
  group["hint_text"] = pr.T(std::string("signal.test.") + element + "_hint");
  TextField field{std::string(id) + "-toelichting", pr.T("signal.test.note"), note};
  return {{"group", group}, {"note", FieldData(field, {})}};
}

json AssessmentForm(const PageRequest& pr, const app::SignalView& v,
                    const std::vector<FieldError>& errors) {
  const auto& a = v.assessment;
  json d = {{"elements", json::array({ElementForm(pr, "handeling", "act", a, errors),
                                      ElementForm(pr, "middel", "means", a, errors),
                                      ElementForm(pr, "doel", "purpose", a, errors)})}};
  std::set<std::string> border;
  if (a && a->input.smuggling.crossed_border_with_help) border.insert("grens");
  if (a && a->input.smuggling.by_own_choice) border.insert("eigen-keuze");
  d["smuggling"] = ChoiceGroup("smokkel", "smokkel", "checkbox", pr.T("signal.test.smuggling"),
                               {{"grens", pr.T("signal.test.crossed_border")},
                                {"eigen-keuze", pr.T("signal.test.own_choice")}},
                               border, {});
  const bool labour =
      std::find(v.facts.forms.begin(), v.facts.forms.end(), "labour") != v.facts.forms.end();
  if (labour) {
    std::set<std::string> facts;
    if (a && a->input.labour) {
      const signals::LabourFacts& l = *a->input.labour;
      if (l.labour_law_violations) facts.insert("arbeidsrecht");
      if (l.multiple_dependency) facts.insert("afhankelijkheid");
      if (l.very_poor_circumstances) facts.insert("omstandigheden");
      if (l.restricted_basic_freedoms) facts.insert("vrijheden");
    }
    d["labour"] = ChoiceGroup("arbeid", "arbeid", "checkbox", pr.T("signal.test.labour"),
                              {{"arbeidsrecht", pr.T("signal.test.labour_law")},
                               {"afhankelijkheid", pr.T("signal.test.dependency")},
                               {"omstandigheden", pr.T("signal.test.circumstances")},
                               {"vrijheden", pr.T("signal.test.freedoms")}},
                              facts, {});
  }
  return d;
}

json Content(Site& site, const PageRequest& pr, const app::SignalView& v) {
  const signals::Catalog& catalog = site.services().signals.catalog();
  const store::SignalFacts& f = v.facts;
  json rows = json::array();
  auto add = [&](const std::string& key, const std::string& value) {
    if (!value.empty()) rows.push_back({{"label", pr.T("signal.field." + key)}, {"value", value}});
  };
  add("organisation", OrganisationLabel(site, f.organisation));
  for (const auto& c : catalog.channels) {
    if (f.channel && c.id == *f.channel) add("channel", InLanguage(pr, c.name));
  }
  add("urgency", UrgencyName(pr, catalog, f.urgency));
  add("observed_on", DutchDate(f.observed_on));
  if (f.observed_municipality) add("place", OrganisationLabel(site, *f.observed_municipality));
  add("postal_area", f.postal_area.value_or(""));
  add("received", DutchDate(f.submitted_at));
  add("forms", FormNames(pr, catalog, f.forms));
  std::string indicators;
  for (const std::string& id : f.indicators) {
    const signals::Indicator* i = catalog.FindIndicator(id);
    indicators += (indicators.empty() ? "" : "; ") + (i ? InLanguage(pr, i->text) : id);
  }
  add("indicators", indicators);
  std::string risks;
  for (const std::string& id : f.risk_factors) {
    for (const auto& r : catalog.risk_factors) {
      if (r.id == id) risks += (risks.empty() ? "" : "; ") + InLanguage(pr, r.name);
    }
  }
  add("risk_factors", risks);
  add("description", v.description);
  add("given_names", v.victim.given_names.value_or(""));
  add("family_name", v.victim.family_name.value_or(""));
  add("date_of_birth", DutchDate(v.victim.date_of_birth));
  add("age", f.victim_age ? std::to_string(*f.victim_age) : "");
  add("age_group", pr.T("signal.age_group." + f.victim_age_group));
  add("gender", f.victim_gender ? pr.T("signal.gender." + *f.victim_gender) : "");
  add("nationality", f.victim_nationality.value_or(""));
  add("language", f.victim_language.value_or(""));
  if (f.victim_living_at_home) add("living_at_home", pr.T("signal.yes"));
  add("perpetrators", v.perpetrators);
  return rows;
}

void RenderSignal(Site& site, Call& call, const PageRequest& pr, const app::SignalView& v,
                  std::vector<FieldError> errors) {
  const signals::Catalog& catalog = site.services().signals.catalog();
  const store::SignalFacts& f = v.facts;
  Page page =
      MakePage("signal", pr.F("signal.view.title", {{"reference", v.reference}}), "signals");
  page.breadcrumbs = {
      {"/", pr.T("nav.home")}, {"/signalen", pr.T("signal.inbox.title")}, {"", v.reference}};
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  d["action_base"] = SignalHref(f.id);
  d["status"] = StatusWord(pr, f.status);
  if (v.emergency_guidance || v.advice.emergency_guidance) {
    const signals::Urgency* u = f.urgency ? catalog.FindUrgency(*f.urgency) : nullptr;
    if (u != nullptr) d["guidance"] = InLanguage(pr, u->guidance);
  }
  d["content"] = Content(site, pr, v);
  json additions = json::array();
  for (const auto& a : v.additions) {
    additions.push_back({{"at", DutchDate(a.added_at)}, {"text", a.text}});
  }
  d["additions"] = additions;
  d["has_additions"] = !additions.empty();
  const bool open = f.status == "new" || f.status == "assessed";
  if (v.assessment) {
    json lines = json::array();
    for (const LocalizedText& line : signals::DescribeResult(
             catalog, site.services().signals.routing(), v.assessment->result)) {
      lines.push_back(InLanguage(pr, line));
    }
    d["result"] = lines;
    d["has_result"] = true;
  }
  if (open) d["assessment_form"] = AssessmentForm(pr, v, errors);
  json targets = json::array();
  std::vector<Choice> choices;
  std::string recommended;
  for (const auto& t : v.advice.targets) {
    std::string name = PartnerName(pr, catalog, t.partner_kind);
    if (!t.region.empty()) name += " (" + OrganisationLabel(site, t.region) + ")";
    targets.push_back({{"name", name},
                       {"recommended", t.recommended},
                       {"reason", t.recommended ? InLanguage(pr, t.reason) : std::string()}});
    choices.push_back(
        {t.partner_kind, name, t.recommended ? pr.T("signal.view.recommended") : std::string()});
    if (t.recommended && recommended.empty()) recommended = t.partner_kind;
  }
  d["targets"] = targets;
  d["region_unknown"] = v.advice.region_unknown;
  if (f.status == "assessed") {
    d["forward"] =
        ChoiceGroup("naar", "naar", "radio", pr.T("signal.view.forward_to"), choices, {}, errors);
  }
  if (open) {
    std::vector<Choice> reasons;
    for (const auto& r : catalog.closing_reasons) {
      if (f.status == "assessed" || r.without_assessment) {
        reasons.push_back({r.id, InLanguage(pr, r.name)});
      }
    }
    d["close"] = SelectField("reden", pr.T("signal.view.close_reason"), pr.T("signal.view.choose"),
                             reasons, "", errors);
  }
  if (f.forwarded_to) d["forwarded_to"] = PartnerName(pr, catalog, *f.forwarded_to);
  if (const signals::ClosingReason* r =
          f.closing_reason ? catalog.FindClosingReason(*f.closing_reason) : nullptr) {
    d["closed_because"] = InLanguage(pr, r->name);
  }
  json events = json::array();
  for (const auto& e : v.events) {
    std::string detail;
    if (e.action == "forward") detail = PartnerName(pr, catalog, e.detail);
    if (const signals::ClosingReason* r = catalog.FindClosingReason(e.detail);
        e.action == "close" && r != nullptr) {
      detail = InLanguage(pr, r->name);
    }
    events.push_back({{"at", DutchDate(e.at)},
                      {"action", pr.T("signal.event." + e.action)},
                      {"to", StatusWord(pr, e.to_status)},
                      {"detail", detail.empty() ? json(nullptr) : json(detail)}});
  }
  d["events"] = events;
  AddMatchSection(site, call, pr, {"signal", f.id}, SignalHref(f.id), d);  // record linkage
  // Care cases: the case this signal was opened into, or "Zaak openen" when the coordinator
  // received it (assessed, or forwarded to the care coordinator) and may open cases.
  if (auto in_case = site.services().cases.CaseOfSignal(call.actor, f.id); in_case.ok()) {
    if (*in_case) {
      d["case"] = {{"href", "/zaken/" + (*in_case)->record.id},
                   {"reference", (*in_case)->reference}};
    } else if ((f.status == "assessed" ||
                (f.status == "forwarded" && f.forwarded_to == "care_coordinator")) &&
               app::Decide(
                   call.actor.principal, app::Action::kOpenCase,
                   {call.actor.principal.organisation, call.actor.principal.regions, {}, {}})
                   .allowed) {
      d["open_case"] = true;
    }
  }
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

// A triage step's refusal shown on the signal's page; `section` is the form's id for a refusal
// that belongs to no field.
void RenderRefusal(Site& site, Call& call, const PageRequest& pr, const Error& refusal,
                   const std::string& section) {
  if (refusal.code != ErrorCode::kInvalid && refusal.code != ErrorCode::kConflict) {
    return site.RenderError(call, pr, refusal);
  }
  auto view = site.services().signals.Get(call.actor, call.Param("id"));
  if (!view) return site.RenderError(call, pr, view.error());
  SignalFormError where = TriageFormErrorOf(refusal);
  if (where.field_id.empty()) where.field_id = section;
  RenderSignal(site, call, pr, *view, {{where.field_id, pr.T(where.text_key)}});
}

app::AssessmentInput AssessmentFromForm(const Call& call) {
  app::AssessmentInput in;
  in.act = {FormValue(call, "handeling"), FormValue(call, "handeling-toelichting")};
  in.means = {FormValue(call, "middel"), FormValue(call, "middel-toelichting")};
  in.purpose = {FormValue(call, "doel"), FormValue(call, "doel-toelichting")};
  const std::vector<std::string> smuggling = FormValues(call, "smokkel");
  auto has = [](const std::vector<std::string>& v, const char* x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  in.smuggling = {has(smuggling, "grens"), has(smuggling, "eigen-keuze")};
  const std::vector<std::string> labour = FormValues(call, "arbeid");
  in.labour = signals::LabourFacts{has(labour, "arbeidsrecht"), has(labour, "afhankelijkheid"),
                                   has(labour, "omstandigheden"), has(labour, "vrijheden")};
  return in;
}

void RegisterSignal(Router& router, Site& site) {
  site.Get(router, "/signalen/{id}", [&site](Call& call, const PageRequest& pr) {
    auto view = site.services().signals.Get(call.actor, call.Param("id"));
    if (!view) return site.RenderError(call, pr, view.error());
    if (view->facts.status == "draft") {
      return Site::SeeOther(call, "/signalen/concepten/" + view->facts.id);
    }
    RenderSignal(site, call, pr, *view, {});
  });
  site.Post(router, "/signalen/{id}/toets", [&site](Call& call, const PageRequest& pr) {
    auto done =
        site.services().signals.Assess(call.actor, call.Param("id"), AssessmentFromForm(call));
    if (!done) return RenderRefusal(site, call, pr, done.error(), "toets");
    Site::SeeOther(call, SignalHref(done->facts.id) + "#uitkomst");
  });
  site.Post(router, "/signalen/{id}/doorsturen", [&site](Call& call, const PageRequest& pr) {
    auto done =
        site.services().signals.Forward(call.actor, call.Param("id"), FormValue(call, "naar"));
    if (!done) return RenderRefusal(site, call, pr, done.error(), "doorsturen");
    Site::SeeOther(call, SignalHref(done->facts.id));
  });
  site.Post(router, "/signalen/{id}/afsluiten", [&site](Call& call, const PageRequest& pr) {
    auto done =
        site.services().signals.Close(call.actor, call.Param("id"), FormValue(call, "reden"));
    if (!done) return RenderRefusal(site, call, pr, done.error(), "afsluiten");
    Site::SeeOther(call, SignalHref(done->facts.id));
  });
}

}  // namespace

void RegisterSignalPages(Router& router, Site& site) {
  RegisterSignalFormPages(router, site);  // literal paths before /signalen/{id}
  RegisterMine(router, site);
  RegisterInbox(router, site);
  RegisterSignal(router, site);
  RegisterMatchPages(router, site);  // record linkage: confirm or reject a suggestion
}

}  // namespace schakel::http::pages
