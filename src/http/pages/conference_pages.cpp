// The case-conference pages (casusoverleg): /casusoverleg (the conferences the user may see and
// "plan a conference"), /casusoverleg/nieuw (date, title, region, participating organisations,
// agenda of case references) and /casusoverleg/{id} (participants, agenda, and for those who may
// read them the minutes and decisions, with the forms to write the minutes and to record a
// decision that becomes a care-plan item).
#include <fmt/format.h>

#include <sstream>

#include "http/pages/forms.h"
#include "http/pages/sharing_pages.h"
#include "http/pages/signal_view.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

std::string ConferenceHref(const std::string& id) {
  return "/casusoverleg/" + id;
}

// Case references or ids separated by commas, spaces or line breaks.
std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text + " ") {
    if (c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ';') {
      if (!word.empty()) out.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return out;
}

struct NewForm {
  app::ConferenceInput input;
  std::string agenda_text;
  std::vector<FieldError> errors;
};

void RenderNew(Site& site, Call& call, const PageRequest& pr, const NewForm& form) {
  Page page = MakePage("conference_new", pr.T("conference.new.title"), "conferences");
  page.breadcrumbs = {{"/", pr.T("nav.home")},
                      {"/casusoverleg", pr.T("conference.list.title")},
                      {"", pr.T("conference.new.title")}};
  page.status = form.errors.empty() ? 200 : 422;
  const app::ConferenceInput& in = form.input;
  std::vector<Choice> regions;
  for (const auto& r : call.actor.principal.regions)
    regions.push_back({r, OrganisationLabel(site, r)});
  std::vector<Choice> orgs;
  auto partners =
      site.services().organisations.List({std::string("partner"), std::nullopt, std::nullopt});
  if (partners) {
    for (const auto& o : *partners) orgs.push_back({o.code, o.name});
  }
  const std::string own = call.actor.principal.organisation;
  if (!own.empty()) orgs.insert(orgs.begin(), {own, OrganisationLabel(site, own)});
  std::set<std::string> checked(in.participants.begin(), in.participants.end());
  if (checked.empty() && !own.empty()) checked.insert(own);
  page.data["form"] = {
      {"region",
       SelectField("region", pr.T("conference.field.region"), "", regions, in.region, form.errors)},
      {"held_on", FieldData({"held_on", pr.T("conference.field.held_on"), in.held_on, "text",
                             pr.T("sharing.hint.date"), "off", true},
                            form.errors)},
      {"title_field", FieldData({"title", pr.T("conference.field.title"), in.title}, form.errors)},
      {"participants",
       ChoiceGroup("participants", "participants", "checkbox",
                   pr.T("conference.field.participants"), orgs, checked, form.errors)},
      {"agenda", TextAreaData("agenda", pr.T("conference.field.agenda"), form.agenda_text,
                              pr.T("conference.hint.agenda"), form.errors)}};
  page.errors = form.errors;
  site.Render(call, pr, std::move(page));
}

struct DecisionForm {
  app::DecisionInput input;
  std::string minutes;
  bool minutes_posted = false;
  std::vector<FieldError> errors;
};

void RenderConference(Site& site, Call& call, const PageRequest& pr, const app::ConferenceView& v,
                      const DecisionForm& form) {
  Page page = MakePage("conference", v.summary.title, "conferences");
  page.breadcrumbs = {{"/", pr.T("nav.home")},
                      {"/casusoverleg", pr.T("conference.list.title")},
                      {"", v.summary.title}};
  page.status = form.errors.empty() ? 200 : 422;
  json& d = page.data;
  d["held_on"] = DutchDate(v.summary.held_on);
  d["region"] = OrganisationLabel(site, v.summary.region);
  json participants = json::array();
  for (const auto& p : v.participants) participants.push_back(p.name);
  d["participants"] = participants;
  json agenda = json::array();
  std::vector<Choice> agenda_choices;
  for (const auto& a : v.agenda) {
    agenda.push_back({{"reference", a.reference}});
    agenda_choices.push_back({a.case_id, a.reference});
  }
  d["agenda"] = agenda;
  d["has_agenda"] = !agenda.empty();
  d["action_base"] = ConferenceHref(v.summary.id);
  d["may_read_minutes"] = v.may_read_minutes;
  if (v.may_read_minutes) {
    d["minutes"] = v.minutes;
    d["has_minutes"] = !v.minutes.empty();
    const care::CareData& data = site.services().conferences.data();
    json decisions = json::array();
    for (const auto& dec : v.decisions) {
      std::string domain = dec.record.domain;
      if (const care::CareDomain* dom = data.FindDomain(domain)) domain = InLanguage(pr, dom->name);
      decisions.push_back(
          {{"reference", dec.reference},
           {"text", dec.text},
           {"domain", domain},
           {"responsible", OrganisationLabel(site, dec.record.responsible_organisation)},
           {"due_on", DutchDate(dec.record.due_on)}});
    }
    d["decisions"] = decisions;
    d["has_decisions"] = !decisions.empty();
    if (v.may_manage) {
      d["minutes_form"] =
          TextAreaData("minutes", pr.T("conference.field.minutes"),
                       form.minutes_posted ? form.minutes : v.minutes, "", form.errors);
      std::vector<Choice> domains;
      for (const auto& dom : data.domains) domains.push_back({dom.id, InLanguage(pr, dom.name)});
      const app::DecisionInput& in = form.input;
      if (!agenda_choices.empty()) {
        d["decision_form"] = {
            {"case", SelectField("case_id", pr.T("conference.field.case"), pr.T("sharing.choose"),
                                 agenda_choices, in.case_id, form.errors)},
            {"text",
             TextAreaData("text", pr.T("conference.field.decision"), in.text, "", form.errors)},
            {"domain", SelectField("domain", pr.T("conference.field.domain"),
                                   pr.T("sharing.choose"), domains, in.domain, form.errors)},
            {"responsible",
             FieldData({"responsible_organisation", pr.T("conference.field.responsible"),
                        in.responsible_organisation, "text", pr.T("conference.hint.responsible")},
                       form.errors)},
            {"due_on", FieldData({"due_on", pr.T("conference.field.due_on"), in.due_on, "text",
                                  pr.T("sharing.hint.date"), "off", true},
                                 form.errors)}};
      }
    }
  }
  page.errors = form.errors;
  site.Render(call, pr, std::move(page));
}

void RenderDecisionRefusal(Site& site, Call& call, const PageRequest& pr, const Error& refusal,
                           DecisionForm form) {
  if (refusal.code != ErrorCode::kInvalid) return site.RenderError(call, pr, refusal);
  auto v = site.services().conferences.Get(call.actor, call.Param("id"));
  if (!v) return site.RenderError(call, pr, v.error());
  FieldError e = FormErrorOf(pr, refusal, "conference.error");
  if (e.field_id == "description") e.field_id = "text";
  form.errors = {e};
  RenderConference(site, call, pr, *v, form);
}

}  // namespace

void RegisterConferencePages(Router& router, Site& site) {
  site.Get(router, "/casusoverleg", [&site](Call& call, const PageRequest& pr) {
    auto list = site.services().conferences.List(call.actor);
    if (!list) return site.RenderError(call, pr, list.error());
    Page page = MakePage("conferences", pr.T("conference.list.title"), "conferences");
    page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("conference.list.title")}};
    json rows = json::array();
    for (const auto& c : *list) {
      rows.push_back({{"href", ConferenceHref(c.id)},
                      {"title", c.title},
                      {"held_on", DutchDate(c.held_on)},
                      {"region", OrganisationLabel(site, c.region)},
                      {"agenda_size", c.agenda_size}});
    }
    page.data["conferences"] = rows;
    page.data["has_conferences"] = !rows.empty();
    page.data["may_plan"] = site.services().conferences.MayPlan(call.actor);
    site.Render(call, pr, std::move(page));
  });
  site.Get(router, "/casusoverleg/nieuw", [&site](Call& call, const PageRequest& pr) {
    if (Status st = site.services().conferences.CheckMayPlan(call.actor); !st.ok()) {
      return site.RenderError(call, pr, st.error());
    }
    NewForm form;
    if (!call.actor.principal.regions.empty()) {
      form.input.region = call.actor.principal.regions.front();
    }
    RenderNew(site, call, pr, form);
  });
  site.Post(router, "/casusoverleg/nieuw", [&site](Call& call, const PageRequest& pr) {
    NewForm form;
    form.input.region = FormValue(call, "region");
    form.input.held_on = FormValue(call, "held_on");
    form.input.title = FormValue(call, "title");
    form.input.participants = FormValues(call, "participants");
    form.agenda_text = FormValue(call, "agenda");
    form.input.agenda = Words(form.agenda_text);
    auto done = site.services().conferences.Create(call.actor, form.input);
    if (done) return Site::SeeOther(call, ConferenceHref(done->summary.id));
    if (done.error().code != ErrorCode::kInvalid) return site.RenderError(call, pr, done.error());
    form.errors = {FormErrorOf(pr, done.error(), "conference.error")};
    RenderNew(site, call, pr, form);
  });
  site.Get(router, "/casusoverleg/{id}", [&site](Call& call, const PageRequest& pr) {
    auto v = site.services().conferences.Get(call.actor, call.Param("id"));
    if (!v) return site.RenderError(call, pr, v.error());
    RenderConference(site, call, pr, *v, {});
  });
  site.Post(router, "/casusoverleg/{id}/verslag", [&site](Call& call, const PageRequest& pr) {
    DecisionForm form;
    form.minutes = FormValue(call, "minutes");
    form.minutes_posted = true;
    auto done = site.services().conferences.SaveMinutes(call.actor, call.Param("id"), form.minutes);
    if (done) return Site::SeeOther(call, ConferenceHref(done->summary.id) + "#verslag");
    RenderDecisionRefusal(site, call, pr, done.error(), form);
  });
  site.Post(router, "/casusoverleg/{id}/besluiten", [&site](Call& call, const PageRequest& pr) {
    DecisionForm form;
    form.input = {FormValue(call, "case_id"), FormValue(call, "text"), FormValue(call, "domain"),
                  FormValue(call, "responsible_organisation"), FormValue(call, "due_on")};
    auto done =
        site.services().conferences.RecordDecision(call.actor, call.Param("id"), form.input);
    if (done) return Site::SeeOther(call, ConferenceHref(done->summary.id) + "#besluiten");
    RenderDecisionRefusal(site, call, pr, done.error(), form);
  });
}

}  // namespace schakel::http::pages
