// The care coordinator's case pages: the dashboard (/zaken: acute cases, reflection-period
// warnings, overdue and this week's deadlines, my cases, all cases of the region), opening a case
// directly (/zaken/nieuw) or from a signal (POST /signalen/{id}/zaak), and one case (/zaken/{id}):
// the person, the state with each next step (or why it is not possible yet), consent, the care
// plan, the B8 reflection period with its warning, the CoMensha registration and the history.
// The case service decides who may; the pages only show what it returns.
#include <map>

#include "http/pages/forms.h"
#include "http/pages/match_section.h"
#include "http/pages/placement_pages.h"
#include "http/pages/sharing_pages.h"
// Referrals and transfers with consent.
#include "http/pages/referral_pages.h"
#include "http/pages/signal_view.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

std::string CaseHref(const std::string& id) {
  return "/zaken/" + id;
}

std::string DateText(const care::Date& d) {
  return DutchDate(care::FormatDate(d));
}

// The HTML id of the form field a service error's field belongs to.
std::string FieldIdOf(const std::string& field) {
  static const std::map<std::string, std::string> kIds = {
      {"consent", "toestemming"},
      {"override_reason", "toestemming-reden"},
      {"care_plan", "overgang"},
      {"closing_reason", "reden"},
      {"placements", "overgang"},
      {"reflection_outcome", "uitkomst"},
      {"reflection_outcome_on", "uitkomst"},
      {"transfer", "overgang"},
      {"coordinator", "overgang"},
      {"transition", "overgang"},
      {"domain", "domein"},
      {"responsible_organisation", "organisatie"},
      {"due_on", "deadline"},
      {"description", "omschrijving"},
      {"status", "zorgplan"},
      {"reflection_start", "bedenktijd-start"},
      {"registered_on", "registratie"},
      {"region", "regio"},
      {"opened_directly_because", "reden-direct"},
      {"age", "leeftijd"},
  };
  auto it = kIds.find(field);
  return it == kIds.end() ? "" : it->second;
}

// A refusal in the page language: by the field it names, else by its code.
std::string RefusalText(const PageRequest& pr, const Error& e) {
  if (!e.field.empty()) return pr.T("case.error." + e.field);
  return pr.T(e.code == ErrorCode::kConflict ? "case.error.state" : "case.error.other");
}

std::string StateWord(const PageRequest& pr, const std::string& state) {
  return pr.T("case.state." + state);
}

std::string DomainName(Site& site, const PageRequest& pr, const std::string& id) {
  const care::CareDomain* d = site.services().cases.care_data().FindDomain(id);
  return d ? InLanguage(pr, d->name) : id;
}

json DeadlineRows(Site& site, const PageRequest& pr, const std::vector<care::DashboardDeadline>& ds,
                  const std::map<std::string, std::string>& refs) {
  json out = json::array();
  for (const auto& d : ds) {
    auto ref = refs.find(d.case_id);
    out.push_back({{"href", CaseHref(d.case_id)},
                   {"reference", ref == refs.end() ? d.case_id : ref->second},
                   {"kind", pr.T("case.deadline." + d.kind)},
                   {"due", DateText(d.due)}});
  }
  (void)site;
  return out;
}

void RegisterDashboard(Router& router, Site& site) {
  site.Get(router, "/zaken", [&site](Call& call, const PageRequest& pr) {
    auto overview = site.services().cases.Overview(call.actor);
    if (!overview) return site.RenderError(call, pr, overview.error());
    Page page = MakePage("cases", pr.T("case.dashboard.title"), "cases");
    page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("case.dashboard.title")}};
    json& d = page.data;
    std::map<std::string, std::string> refs;
    json rows = json::array();
    for (const auto& c : overview->cases) {
      refs[c.record.id] = c.reference;
      rows.push_back(
          {{"href", CaseHref(c.record.id)},
           {"reference", c.reference},
           {"state", StateWord(pr, c.record.state)},
           {"acute", c.record.acute},
           {"municipality", c.record.municipality ? OrganisationLabel(site, *c.record.municipality)
                                                  : std::string()},
           {"opened", DutchDate(c.record.created_at)}});
    }
    const care::Dashboard& dash = overview->dashboard;
    auto ref_list = [&](const std::vector<std::string>& ids) {
      json out = json::array();
      for (const auto& id : ids) out.push_back({{"href", CaseHref(id)}, {"reference", refs[id]}});
      return out;
    };
    d["cases"] = rows;
    d["has_cases"] = !rows.empty();
    d["my_cases"] = ref_list(dash.my_cases);
    d["has_my_cases"] = !dash.my_cases.empty();
    d["acute"] = ref_list(dash.acute);
    d["has_acute"] = !dash.acute.empty();
    json warnings = json::array();
    for (const auto& w : dash.reflection_warnings) {
      warnings.push_back(
          {{"href", CaseHref(w.case_id)},
           {"reference", refs[w.case_id]},
           {"text", pr.F("case.reflection.warning", {{"days", std::to_string(w.days_left)},
                                                     {"last_day", DateText(w.last_day)}})}});
    }
    d["warnings"] = warnings;
    d["has_warnings"] = !warnings.empty();
    d["overdue"] = DeadlineRows(site, pr, dash.overdue, refs);
    d["has_overdue"] = !dash.overdue.empty();
    d["due_this_week"] = DeadlineRows(site, pr, dash.due_this_week, refs);
    d["has_due_this_week"] = !dash.due_this_week.empty();
    d["deadlines"] = DeadlineRows(site, pr, dash.deadlines, refs);
    d["has_deadlines"] = !dash.deadlines.empty();
    site.Render(call, pr, std::move(page));
  });
}

// ---- opening a case directly -------------------------------------------------------------

void RenderNewCase(Site& site, Call& call, const PageRequest& pr, std::vector<FieldError> errors) {
  Page page = MakePage("case_new", pr.T("case.new.title"), "cases");
  page.breadcrumbs = {{"/", pr.T("nav.home")},
                      {"/zaken", pr.T("case.dashboard.title")},
                      {"", pr.T("case.new.title")}};
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  std::vector<Choice> regions;
  for (const std::string& r : call.actor.principal.regions) {
    regions.push_back({r, OrganisationLabel(site, r)});
  }
  d["region"] = SelectField("regio", pr.T("case.field.region"), "", regions,
                            FormValue(call, "regio"), errors);
  d["reason"] = TextAreaData("reden-direct", pr.T("case.field.opened_directly_because"),
                             FormValue(call, "reden-direct"), pr.T("case.new.reason_hint"), errors);
  d["given_names"] = FieldData(
      {"voornamen", pr.T("case.field.given_names"), FormValue(call, "voornamen")}, errors);
  d["family_name"] = FieldData(
      {"achternaam", pr.T("case.field.family_name"), FormValue(call, "achternaam")}, errors);
  d["date_of_birth"] =
      FieldData({"geboortedatum", pr.T("case.field.date_of_birth"),
                 FormValue(call, "geboortedatum"), "text", pr.T("case.field.date_hint")},
                errors);
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

void RegisterNewCase(Router& router, Site& site) {
  site.Get(router, "/zaken/nieuw", [&site](Call& call, const PageRequest& pr) {
    if (Status st = site.services().cases.MayOpen(call.actor); !st.ok()) {
      return site.RenderError(call, pr, st.error());
    }
    RenderNewCase(site, call, pr, {});
  });
  site.Post(router, "/zaken/nieuw", [&site](Call& call, const PageRequest& pr) {
    app::OpenCaseInput in;
    in.region = FormValue(call, "regio");
    in.opened_directly_because = FormValue(call, "reden-direct");
    for (const auto& [field, slot] :
         {std::pair<const char*, std::optional<std::string> store::PersonIdentity::*>{
              "voornamen", &store::PersonIdentity::given_names},
          {"achternaam", &store::PersonIdentity::family_name},
          {"geboortedatum", &store::PersonIdentity::date_of_birth}}) {
      const std::string value = FormValue(call, field);
      if (!value.empty()) in.identity.*slot = value;
    }
    auto opened = site.services().cases.Open(call.actor, in);
    if (!opened) {
      const Error& e = opened.error();
      if (e.code != ErrorCode::kInvalid) return site.RenderError(call, pr, e);
      std::string id = FieldIdOf(e.field);
      if (e.field == "given_names") id = "voornamen";
      if (e.field == "family_name") id = "achternaam";
      if (e.field == "date_of_birth") id = "geboortedatum";
      return RenderNewCase(site, call, pr,
                           {{id.empty() ? "reden-direct" : id, pr.T("case.error." + e.field)}});
    }
    Site::SeeOther(call, CaseHref(opened->record.id));
  });
  // "Zaak openen" on a signal's page.
  site.Post(router, "/signalen/{id}/zaak", [&site](Call& call, const PageRequest& pr) {
    app::OpenCaseInput in;
    in.signals = {call.Param("id")};
    auto opened = site.services().cases.Open(call.actor, in);
    if (!opened) {
      const Error& e = opened.error();
      if (e.code == ErrorCode::kInvalid) {
        return site.RenderMessage(call, pr, 422, pr.T("case.open_from_signal.refused"),
                                  RefusalText(pr, e));
      }
      return site.RenderError(call, pr, e);
    }
    Site::SeeOther(call, CaseHref(opened->record.id));
  });
}

// ---- one case ----------------------------------------------------------------------------------

json PersonRows(const PageRequest& pr, const app::CaseView& v) {
  json rows = json::array();
  auto add = [&](const std::string& key, const std::string& value) {
    if (!value.empty()) rows.push_back({{"label", pr.T("case.field." + key)}, {"value", value}});
  };
  if (v.person) {
    const store::PersonIdentity& id = v.person->identity;
    add("given_names", id.given_names.value_or(""));
    add("family_name", id.family_name.value_or(""));
    add("date_of_birth", DutchDate(id.date_of_birth));
    add("phone", id.phone.value_or(""));
  }
  const store::CaseRecord& c = v.record;
  add("age", c.age ? std::to_string(*c.age) : "");
  add("gender", c.gender ? pr.T("signal.gender." + *c.gender) : "");
  add("nationality", c.nationality.value_or(""));
  add("opened_directly_because", v.opened_directly_because);
  std::string signals;
  for (const auto& r : v.signal_references) signals += (signals.empty() ? "" : ", ") + r;
  add("signals", signals);
  return rows;
}

void RenderCase(Site& site, Call& call, const PageRequest& pr, const app::CaseView& v,
                std::vector<FieldError> errors) {
  const store::CaseRecord& c = v.record;
  const care::CareData& data = site.services().cases.care_data();
  Page page = MakePage("case", pr.F("case.view.title", {{"reference", v.reference}}), "cases");
  page.breadcrumbs = {
      {"/", pr.T("nav.home")}, {"/zaken", pr.T("case.dashboard.title")}, {"", v.reference}};
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  d["action_base"] = CaseHref(c.id);
  d["state"] = StateWord(pr, c.state);
  d["acute"] = c.acute;
  d["person"] = PersonRows(pr, v);
  const bool active = c.state != "closed" && c.state != "transferred";
  // Next steps: allowed ones as buttons, the others with the reason.
  json steps = json::array();
  json blocked = json::array();
  bool can_close = false;
  for (const auto& t : v.transitions) {
    const std::string name = care::CaseTransitionName(t.transition);
    if (t.transition == care::CaseTransition::kClose) {
      can_close = t.allowed;
      if (!t.allowed) {
        blocked.push_back(
            {{"step", pr.T("case.transition." + name)},
             {"why", t.field.empty() ? pr.T("case.why.state") : pr.T("case.error." + t.field)}});
      }
      continue;
    }
    if (t.allowed) {
      steps.push_back({{"value", name}, {"label", pr.T("case.transition." + name)}});
    } else if (!t.field.empty()) {
      // A step the state allows but a guard holds back: say what is missing.
      blocked.push_back(
          {{"step", pr.T("case.transition." + name)}, {"why", pr.T("case.error." + t.field)}});
    }
  }
  d["steps"] = steps;
  d["has_steps"] = !steps.empty();
  d["blocked"] = blocked;
  d["has_blocked"] = !blocked.empty();
  d["transition_error"] = ErrorOf(errors, "overgang");
  if (can_close) {
    std::vector<Choice> reasons;
    for (const auto& r : data.closing_reasons) reasons.push_back({r.id, InLanguage(pr, r.name)});
    d["close"] = SelectField("reden", pr.T("case.field.closing_reason"), pr.T("case.choose"),
                             reasons, "", errors);
  }
  if (c.state == "closed" && c.closing_reason) {
    const care::CaseClosingReason* r = data.FindClosingReason(*c.closing_reason);
    d["closed"] = pr.F("case.view.closed", {{"date", DutchDate(c.closed_on)},
                                            {"reason", r ? InLanguage(pr, r->name) : ""}});
  }
  // Retention: the identifying data were erased; say so, or the empty person would puzzle.
  if (v.erasure) {
    std::string erased =
        pr.F("retention.case_erased", {{"date", DutchDate(v.erasure->erased_on)},
                                       {"months", std::to_string(v.erasure->retention_months)}});
    if (v.erasure->person_kept) erased += " " + pr.T("retention.person_kept");
    d["erased"] = erased;
  }
  // Consent.
  d["consent_text"] = c.consent_recorded            ? pr.T("case.consent.recorded")
                      : !v.consent_override.empty() ? pr.T("case.consent.overridden")
                                                    : pr.T("case.consent.none");
  d["consent_override"] = v.consent_override;
  if (active && !c.consent_recorded) {
    d["consent_form"] = {
        {"recorded",
         ChoiceGroup("toestemming", "toestemming", "checkbox", pr.T("case.consent.legend"),
                     {{"ja", pr.T("case.consent.given")}}, {}, errors)},
        {"reason", TextAreaData("toestemming-reden", pr.T("case.consent.override_reason"), "",
                                pr.T("case.consent.override_hint"), errors)}};
  }
  // Care plan.
  json plan = json::array();
  for (const auto& item : v.plan) {
    json row = {{"domain", DomainName(site, pr, item.row.domain)},
                {"organisation", item.row.responsible_organisation},
                {"status", pr.T("case.item_status." + item.row.status)},
                {"due", DutchDate(item.row.due_on)},
                {"description", item.description},
                {"action", CaseHref(c.id) + "/zorgplan/" + item.row.id}};
    json next = json::array();
    if (active) {
      for (const char* s : {"in_progress", "done", "cancelled"}) {
        auto to = care::ChangeItemStatus(
            care::ParseItemStatus(item.row.status).value_or(care::ItemStatus::kOpen),
            *care::ParseItemStatus(s));
        if (to.ok())
          next.push_back({{"value", s}, {"label", pr.T(std::string("case.item_action.") + s)}});
      }
    }
    row["next"] = next;
    row["has_next"] = !next.empty();
    plan.push_back(std::move(row));
  }
  d["plan"] = plan;
  d["has_plan"] = !plan.empty();
  d["plan_error"] = ErrorOf(errors, "zorgplan");
  if (active) {
    std::vector<Choice> domains;
    for (const auto& dm : data.domains) domains.push_back({dm.id, InLanguage(pr, dm.name)});
    d["plan_form"] = {
        {"domain", SelectField("domein", pr.T("case.field.domain"), pr.T("case.choose"), domains,
                               "", errors)},
        {"organisation",
         FieldData({"organisatie", pr.T("case.field.responsible_organisation")}, errors)},
        {"due", FieldData({"deadline", pr.T("case.field.due_on"), "", "text",
                           pr.T("case.field.date_hint")},
                          errors)},
        {"description",
         TextAreaData("omschrijving", pr.T("case.field.description"), "", "", errors)}};
  }
  // Reflection period.
  if (v.reflection) {
    const care::ReflectionPeriod& p = *v.reflection;
    json r = {{"start", DateText(p.start)}, {"last_day", DateText(p.last_day)}};
    if (p.outcome) {
      r["outcome"] =
          pr.T(std::string("case.reflection.outcome.") + care::ReflectionOutcomeName(*p.outcome));
      r["outcome_on"] = p.outcome_on ? DateText(*p.outcome_on) : "";
    }
    if (v.reflection_warning && v.reflection_days_left) {
      r["warning"] = pr.F(
          "case.reflection.warning",
          {{"days", std::to_string(*v.reflection_days_left)}, {"last_day", DateText(p.last_day)}});
    }
    if (!p.outcome) {
      std::vector<Choice> outcomes;
      for (const char* o : {"reported_crime", "cooperates", "cannot_cooperate", "none"}) {
        outcomes.push_back({o, pr.T(std::string("case.reflection.outcome.") + o)});
      }
      r["outcome_form"] = ChoiceGroup("uitkomst", "uitkomst", "radio",
                                      pr.T("case.reflection.outcome_legend"), outcomes, {}, errors);
    }
    d["reflection"] = r;
  } else if (active) {
    d["reflection_form"] = FieldData({"bedenktijd-start", pr.T("case.reflection.start"), "", "text",
                                      pr.T("case.field.date_hint")},
                                     errors);
  }
  // Registration with CoMensha.
  d["registered"] = c.registered_on
                        ? pr.F("case.registration.recorded", {{"date", DutchDate(c.registered_on)}})
                        : pr.T("case.registration.not_yet");
  d["can_register"] = !c.registered_on.has_value();
  d["registration_error"] = ErrorOf(errors, "registratie");
  d["registration_csv"] = "/api/v1/cases/" + c.id + "/registration?format=csv";
  // History.
  json events = json::array();
  for (const auto& e : v.events) {
    // "erase" is written by the retention job (its text lives in the retention block).
    const std::string action =
        e.action == "erase" ? pr.T("retention.case_event") : pr.T("case.event." + e.action);
    events.push_back(
        {{"at", DutchDate(e.at)},
         {"action", action},
         {"to", StateWord(pr, e.to_state)},
         {"refused", e.result == "refused"},
         {"why", e.result == "refused"
                     ? (e.field.empty() ? pr.T("case.why.state") : pr.T("case.error." + e.field))
                     : std::string()}});
  }
  d["events"] = events;
  // Shelter placements: the stays, placing and ending a stay (placement_pages.cpp).
  d["placements"] = CasePlacementsSection(site, call, pr, c.id);
  // Sharing with chain partners: the grants in force and the way to share (sharing_pages.cpp).
  d["sharing"] = CaseSharingSection(site, call, pr, c.id);
  // Referrals and transfers: the case's list and the form to refer (referral_pages.cpp).
  d["referrals"] = CaseReferralsSection(site, call, pr, c.id);
  // "Possibly the same person": suggestions for the case's person (match_section.h).
  if (c.person) AddMatchSection(site, call, pr, {"person", *c.person}, "/zaken/" + c.id, d);
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

// A use case's refusal shown on the case page next to the field it names.
void RenderCaseRefusal(Site& site, Call& call, const PageRequest& pr, const Error& refusal,
                       const std::string& section) {
  if (refusal.code != ErrorCode::kInvalid && refusal.code != ErrorCode::kConflict) {
    return site.RenderError(call, pr, refusal);
  }
  auto view = site.services().cases.Get(call.actor, call.Param("id"));
  if (!view) return site.RenderError(call, pr, view.error());
  std::string id = FieldIdOf(refusal.field);
  if (id.empty() || refusal.code == ErrorCode::kConflict) id = section;
  RenderCase(site, call, pr, *view, {{id, RefusalText(pr, refusal)}});
}

void RegisterCase(Router& router, Site& site) {
  site.Get(router, "/zaken/{id}", [&site](Call& call, const PageRequest& pr) {
    auto view = site.services().cases.Get(call.actor, call.Param("id"));
    if (!view) return site.RenderError(call, pr, view.error());
    RenderCase(site, call, pr, *view, {});
  });
  auto done = [&site](Call& call, const PageRequest& pr, const Result<app::CaseView>& r,
                      const std::string& section) {
    if (!r) return RenderCaseRefusal(site, call, pr, r.error(), section);
    Site::SeeOther(call, CaseHref(r->record.id) + "#" + section);
  };
  site.Post(router, "/zaken/{id}/overgang", [&site, done](Call& call, const PageRequest& pr) {
    done(call, pr,
         site.services().cases.Transition(call.actor, call.Param("id"),
                                          {FormValue(call, "overgang"), FormValue(call, "reden")}),
         "overgang");
  });
  site.Post(router, "/zaken/{id}/toestemming", [&site, done](Call& call, const PageRequest& pr) {
    done(call, pr,
         site.services().cases.RecordConsent(
             call.actor, call.Param("id"),
             {FormValue(call, "toestemming") == "ja", FormValue(call, "toestemming-reden")}),
         "toestemming");
  });
  site.Post(router, "/zaken/{id}/zorgplan", [&site, done](Call& call, const PageRequest& pr) {
    done(call, pr,
         site.services().cases.AddPlanItem(
             call.actor, call.Param("id"),
             {FormValue(call, "domein"), FormValue(call, "organisatie"),
              FormValue(call, "deadline"), FormValue(call, "omschrijving")}),
         "zorgplan");
  });
  site.Post(router, "/zaken/{id}/zorgplan/{item}",
            [&site, done](Call& call, const PageRequest& pr) {
              app::PlanItemChange change;
              change.status = FormValue(call, "status");
              done(call, pr,
                   site.services().cases.ChangePlanItem(call.actor, call.Param("id"),
                                                        call.Param("item"), change),
                   "zorgplan");
            });
  site.Post(router, "/zaken/{id}/bedenktijd", [&site, done](Call& call, const PageRequest& pr) {
    done(call, pr,
         site.services().cases.StartReflection(call.actor, call.Param("id"),
                                               FormValue(call, "bedenktijd-start")),
         "bedenktijd");
  });
  site.Post(router, "/zaken/{id}/bedenktijd/uitkomst",
            [&site, done](Call& call, const PageRequest& pr) {
              done(call, pr,
                   site.services().cases.RecordReflectionOutcome(call.actor, call.Param("id"),
                                                                 FormValue(call, "uitkomst"), ""),
                   "bedenktijd");
            });
  site.Post(router, "/zaken/{id}/registratie", [&site, done](Call& call, const PageRequest& pr) {
    done(call, pr, site.services().cases.RecordRegistration(call.actor, call.Param("id"), ""),
         "registratie");
  });
}

}  // namespace

void RegisterCasePages(Router& router, Site& site) {
  RegisterNewCase(router, site);  // literal /zaken/nieuw before /zaken/{id}
  RegisterDashboard(router, site);
  RegisterCase(router, site);
}

}  // namespace schakel::http::pages
