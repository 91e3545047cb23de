// The staff form for a new signal (/signalen/nieuw) and its drafts (/signalen/concepten/{id}):
// a signaller or care coordinator records what they observed. The most urgent questions come
// first and little is required, so it can be filled in within two minutes. Every save keeps a
// server-side draft ("Opslaan als concept"); "Versturen" saves and then submits. Choosing acute
// danger shows the catalogue's 112 guidance on the next page the server renders.
#include <fmt/format.h>

#include <chrono>

#include "http/json_io.h"
#include "http/pages/forms.h"
#include "http/pages/signal_form.h"
#include "http/pages/signal_view.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

std::string Today() {
  const auto today = std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(today.year()),
                     static_cast<unsigned>(today.month()), static_cast<unsigned>(today.day()));
}

// One message per field, in the page language, in the order found.
std::vector<FieldError> FormErrors(const PageRequest& pr, const std::vector<Error>& problems,
                                   const app::SignalInput& posted) {
  std::vector<FieldError> out;
  for (const Error& e : problems) {
    const SignalFormError where = SignalFormErrorOf(e, posted);
    if (!ErrorOf(out, where.field_id).is_null()) continue;
    out.push_back({where.field_id, pr.T(where.text_key)});
  }
  return out;
}

// Every problem of the input at `completeness`, and the service's own error (which may come from
// a check the pure validation cannot make, such as an unknown municipality).
std::vector<FieldError> ProblemsOf(Site& site, const PageRequest& pr, const app::SignalInput& in,
                                   app::Completeness completeness, const Error& refusal) {
  auto v = app::ValidateSignal(in, site.services().signals.catalog(), Today(), completeness);
  std::vector<Error> problems = std::move(v.problems);
  problems.push_back(refusal);
  return FormErrors(pr, problems, in);
}

std::string Opt(const std::optional<std::string>& v) {
  return v.value_or("");
}

// A stored draft back as form input.
app::SignalInput InputOf(const app::SignalView& v) {
  app::SignalInput in;
  const store::SignalFacts& f = v.facts;
  in.organisation = f.organisation;
  in.channel = Opt(f.channel);
  in.urgency = Opt(f.urgency);
  in.observed_on = DutchDate(f.observed_on);  // as people write it; the form reads both
  in.observed_municipality = Opt(f.observed_municipality);
  in.postal_area = Opt(f.postal_area);
  in.forms = f.forms;
  in.indicators = f.indicators;
  in.risk_factors = f.risk_factors;
  in.description = v.description;
  in.perpetrators = v.perpetrators;
  in.victim.identity = v.victim;
  if (v.victim.date_of_birth) in.victim.identity.date_of_birth = DutchDate(v.victim.date_of_birth);
  in.victim.gender = f.victim_gender;
  in.victim.nationality = f.victim_nationality;
  in.victim_age = f.victim_age ? std::to_string(*f.victim_age) : "";
  in.victim_age_group = f.victim_age_group == "unknown" ? "" : f.victim_age_group;
  in.victim_language = Opt(f.victim_language);
  in.victim_living_at_home = f.victim_living_at_home;
  return in;
}

std::set<std::string> SetOf(const std::vector<std::string>& v) {
  return {v.begin(), v.end()};
}

// Indicators that apply to several forms first, then each form's own, with a tag for wording
// that is ours rather than the source's.
json IndicatorGroups(const PageRequest& pr, const signals::Catalog& catalog,
                     const app::SignalInput& in, const std::vector<FieldError>& errors) {
  auto choice = [&](const signals::Indicator& i) {
    std::string hint;
    if (i.wording != signals::Wording::kQuoted) {
      hint = pr.T(std::string("signal.wording.") + signals::WordingName(i.wording));
    }
    return Choice{i.id, InLanguage(pr, i.text), hint};
  };
  json groups = json::array();
  std::vector<Choice> shared;
  for (const auto& i : catalog.indicators) {
    if (i.forms.size() > 1) shared.push_back(choice(i));
  }
  const std::set<std::string> checked = SetOf(in.indicators);
  groups.push_back(ChoiceGroup(kIndicatorsField, kIndicatorsField, "checkbox",
                               pr.T("signal.form.indicators_shared"), shared, checked, errors));
  for (const auto& form : catalog.forms) {
    std::vector<Choice> own;
    for (const signals::Indicator* i : catalog.IndicatorsOf(form.id)) {
      if (i->forms.size() == 1) own.push_back(choice(*i));
    }
    if (own.empty()) continue;
    groups.push_back(ChoiceGroup(std::string(kIndicatorsField) + "-" + form.id, kIndicatorsField,
                                 "checkbox", InLanguage(pr, form.name), own, checked, {}));
  }
  return groups;
}

json TextData(const std::string& id, const std::string& label, const std::string& value,
              const std::vector<FieldError>& errors, const std::string& hint = "",
              const std::string& type = "text", bool short_input = false) {
  TextField f{id, label, value, type, hint};
  f.short_input = short_input;
  return FieldData(f, errors);
}

void RenderForm(Site& site, Call& call, const PageRequest& pr, const std::string& draft_id,
                const app::SignalInput& in, std::vector<FieldError> errors,
                const std::string& notice = "") {
  const signals::Catalog& catalog = site.services().signals.catalog();
  Page page = MakePage("signal_form", pr.T("signal.form.title"), "signals_new");
  page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("signal.form.title")}};
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  d["action"] = draft_id.empty() ? "/signalen/nieuw" : "/signalen/concepten/" + draft_id;
  d["notice"] = notice.empty() ? json(nullptr) : json(notice);
  d["draft_id"] = draft_id;
  // The 112 guidance is on the page either way: shown when the chosen urgency has guidance,
  // hidden otherwise for the script to show as soon as that urgency is chosen.
  const signals::Urgency& most_urgent = catalog.urgencies.front();
  d["guidance"] = InLanguage(pr, most_urgent.guidance);
  d["guidance_urgency"] = most_urgent.id;
  const signals::Urgency* urgency = catalog.FindUrgency(in.urgency);
  d["guidance_shown"] = urgency != nullptr && !urgency->guidance.nl.empty();
  page.scripts = {"signal_form"};
  d["urgency"] = ChoiceGroup("urgentie", "urgentie", "radio", pr.T("signal.form.urgency"),
                             UrgencyChoices(pr, catalog), {in.urgency}, errors);
  d["observed_on"] = TextData("datum", pr.T("signal.form.observed_on"), in.observed_on, errors,
                              pr.T("signal.form.date_hint"), "text", true);
  const std::vector<Choice> municipalities = MunicipalityChoices(site);
  d["receiving"] = SelectField("gemeente", pr.T("signal.form.organisation"), "", municipalities,
                               in.organisation, errors);
  std::vector<Choice> channels;
  for (const auto& c : catalog.channels) channels.push_back({c.id, InLanguage(pr, c.name)});
  d["channel"] =
      SelectField("kanaal", pr.T("signal.form.channel"), "", channels, in.channel, errors);
  d["place"] = SelectField("plaats", pr.T("signal.form.place"), pr.T("signal.form.not_known"),
                           municipalities, in.observed_municipality, errors);
  d["postal_area"] = TextData("postcode", pr.T("signal.form.postal_area"), in.postal_area, errors,
                              pr.T("signal.form.postal_area_hint"), "text", true);
  d["description"] = TextData("beschrijving", pr.T("signal.form.description"), in.description,
                              errors, pr.T("signal.form.description_hint"));
  d["forms"] = ChoiceGroup(kFormsField, kFormsField, "checkbox", pr.T("signal.form.forms"),
                           FormChoices(pr, catalog), SetOf(in.forms), errors);
  d["indicator_groups"] = IndicatorGroups(pr, catalog, in, errors);
  std::vector<Choice> risks;
  for (const auto& r : catalog.risk_factors) risks.push_back({r.id, InLanguage(pr, r.name)});
  d["risk_factors"] =
      ChoiceGroup(kRiskFactorsField, kRiskFactorsField, "checkbox",
                  pr.T("signal.form.risk_factors"), risks, SetOf(in.risk_factors), errors);
  const store::PersonIdentity& who = in.victim.identity;
  d["victim_fields"] = json::array(
      {TextData("voornamen", pr.T("signal.form.given_names"), Opt(who.given_names), errors),
       TextData("achternaam", pr.T("signal.form.family_name"), Opt(who.family_name), errors),
       TextData("geboortedatum", pr.T("signal.form.date_of_birth"), Opt(who.date_of_birth), errors,
                pr.T("signal.form.date_hint"), "text", true),
       TextData("leeftijd", pr.T("signal.form.age"), in.victim_age, errors, "", "text", true),
       TextData("nationaliteit", pr.T("signal.form.nationality"), Opt(in.victim.nationality),
                errors, pr.T("signal.form.nationality_hint"), "text", true),
       TextData("taal", pr.T("signal.form.language"), in.victim_language, errors)});
  d["age_group"] =
      ChoiceGroup("leeftijdsgroep", "leeftijdsgroep", "radio", pr.T("signal.form.age_group"),
                  {{"minor", pr.T("signal.age_group.minor")},
                   {"adult", pr.T("signal.age_group.adult")},
                   {"unknown", pr.T("signal.age_group.unknown")}},
                  {in.victim_age_group}, errors);
  d["gender"] = ChoiceGroup("geslacht", "geslacht", "radio", pr.T("signal.form.gender"),
                            {{"female", pr.T("signal.gender.female")},
                             {"male", pr.T("signal.gender.male")},
                             {"x", pr.T("signal.gender.x")},
                             {"unknown", pr.T("signal.gender.unknown")}},
                            {in.victim.gender.value_or("")}, errors);
  d["living_at_home"] = in.victim_living_at_home;
  d["perpetrators"] = TextData("daders", pr.T("signal.form.perpetrators"), in.perpetrators, errors,
                               pr.T("signal.form.perpetrators_hint"));
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

// Saves the posted form as the draft `id` ("" for a new one) and, for "Versturen", submits it.
void SaveOrSubmit(Site& site, Call& call, const PageRequest& pr, const std::string& id) {
  app::SignalService& signals = site.services().signals;
  app::SignalInput in = SignalInputFromForm(call.req);
  if (in.organisation.empty()) in.organisation = call.actor.principal.organisation;
  auto draft = signals.SaveDraft(call.actor, id, in);
  if (!draft) {
    if (draft.error().code != ErrorCode::kInvalid) return site.RenderError(call, pr, draft.error());
    return RenderForm(site, call, pr, id, in,
                      ProblemsOf(site, pr, in, app::Completeness::kDraft, draft.error()));
  }
  const std::string saved_id = draft->facts.id;
  if (FormValue(call, "actie") != "versturen") {
    return Site::SeeOther(call, "/signalen/concepten/" + saved_id + "?opgeslagen=1");
  }
  auto submitted = signals.Submit(call.actor, saved_id);
  if (!submitted) {
    if (submitted.error().code != ErrorCode::kInvalid) {
      return site.RenderError(call, pr, submitted.error());
    }
    return RenderForm(site, call, pr, saved_id, in,
                      ProblemsOf(site, pr, in, app::Completeness::kComplete, submitted.error()),
                      pr.T("signal.form.saved_not_sent"));
  }
  Site::SeeOther(call, "/signalen/mijn?verstuurd=" + submitted->reference);
}

}  // namespace

void RegisterSignalFormPages(Router& router, Site& site) {
  site.Get(router, "/signalen/nieuw", [&site](Call& call, const PageRequest& pr) {
    const std::string own = call.actor.principal.organisation;
    if (Status s = site.services().signals.MayFile(call.actor, own); !s.ok()) {
      return site.RenderError(call, pr, s.error());
    }
    app::SignalInput in;
    in.organisation = own;
    in.channel = "staff";
    in.observed_on = DutchDate(Today());  // most signals are recorded the day they are seen
    RenderForm(site, call, pr, "", in, {});
  });
  site.Post(router, "/signalen/nieuw",
            [&site](Call& call, const PageRequest& pr) { SaveOrSubmit(site, call, pr, ""); });
  // The script's autosave: the same save as the button, answered in JSON.
  site.Post(router, "/signalen/concepten-opslaan", [&site](Call& call, const PageRequest&) {
    app::SignalInput in = SignalInputFromForm(call.req);
    if (in.organisation.empty()) in.organisation = call.actor.principal.organisation;
    auto draft = site.services().signals.SaveDraft(call.actor, FormValue(call, "concept"), in);
    json answer = {{"saved", draft.ok()}};
    if (draft.ok()) {
      answer["id"] = draft->facts.id;
      answer["action"] = "/signalen/concepten/" + draft->facts.id;
    }
    // Incomplete or mistyped input is normal while typing: "not saved yet", not a failure.
    const bool typing = !draft.ok() && draft.error().code == ErrorCode::kInvalid;
    call.res.status = draft.ok() || typing ? 200 : StatusFor(draft.error().code);
    call.res.set_content(answer.dump(), "application/json");
  });
  site.Get(router, "/signalen/concepten/{id}", [&site](Call& call, const PageRequest& pr) {
    auto view = site.services().signals.Get(call.actor, call.Param("id"));
    if (!view) return site.RenderError(call, pr, view.error());
    if (view->facts.status != "draft") return Site::SeeOther(call, "/signalen/mijn");
    RenderForm(site, call, pr, view->facts.id, InputOf(*view), {},
               call.Query("opgeslagen") == "1"
                   ? pr.F("signal.form.saved", {{"reference", view->reference}})
                   : "");
  });
  site.Post(router, "/signalen/concepten/{id}", [&site](Call& call, const PageRequest& pr) {
    SaveOrSubmit(site, call, pr, call.Param("id"));
  });
}

}  // namespace schakel::http::pages
