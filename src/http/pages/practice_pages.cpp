// The good-practice library: search the practices published to the user's region or nationally
// (by form of exploitation, building block, theme and words), the municipality's own practices
// with their state, a form to write one up, and per practice the publication step — a
// deliberate choice of region or the whole country by a policy officer.
#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "app/practice_input.h"
#include "http/pages/forms.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

constexpr const char* kTextParts[] = {"problem", "approach", "partners", "result", "requirements"};

std::vector<std::string> BlockIds(Site& site) {
  std::vector<std::string> ids;
  auto f = site.services().kader.Framework("2021-concept");
  if (f) {
    for (const auto& b : (*f)->blocks) ids.push_back(b.id);
  }
  return ids;
}

json Checkboxes(const PageRequest& pr, const std::string& name,
                const std::vector<std::string>& values, const std::string& label_prefix,
                const std::vector<std::string>& checked) {
  json out = json::array();
  for (const auto& v : values) {
    out.push_back({{"name", name},
                   {"value", v},
                   {"id", name + "-" + v},
                   {"label", pr.T(label_prefix + "." + v)},
                   {"checked", std::find(checked.begin(), checked.end(), v) != checked.end()}});
  }
  return out;
}

std::string Labels(const PageRequest& pr, const std::vector<std::string>& values,
                   const std::string& prefix) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + pr.T(prefix + "." + v);
  return out;
}

std::string Join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

std::vector<std::string> SplitThemes(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const size_t a = item.find_first_not_of(" \t");
    const size_t b = item.find_last_not_of(" \t");
    if (a != std::string::npos) out.push_back(item.substr(a, b - a + 1));
  }
  return out;
}

json Summary(Site& site, const PageRequest& pr, const store::PracticeRecord& p) {
  return {{"href", fmt::format("/praktijken/{}", p.id)},
          {"title", p.title},
          {"organisation", OrganisationLabel(site, p.organisation)},
          {"state", pr.T("practices.state." + p.publication)},
          {"blocks", Labels(pr, p.blocks, "practices.block")},
          {"forms", Labels(pr, p.forms, "practice.vocab.form")}};
}

void RenderLibrary(Site& site, Call& call, const PageRequest& pr) {
  Page page = MakePage("practices", pr.T("practices.title"), "practices");
  page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("practices.title")}};
  json& d = page.data;
  const app::PracticeSearch q{call.Query("vorm"), call.Query("bouwsteen"), call.Query("thema"),
                              call.Query("zoek")};
  auto found = site.services().practices.Search(q, call.actor);
  if (!found && found.error().code != ErrorCode::kInvalid) {
    return site.RenderError(call, pr, found.error());
  }
  json results = json::array();
  if (found) {
    for (const auto& p : *found) results.push_back(Summary(site, pr, p));
  }
  d["results"] = results;
  d["has_results"] = !results.empty();
  d["searched"] = !q.form.empty() || !q.block.empty() || !q.theme.empty() || !q.text.empty();
  d["form_select"] = SelectData(pr, "vorm", pr.T("practices.field.form"), app::ExploitationForms(),
                                "practice.vocab.form", q.form, {}, pr.T("practices.any"));
  d["block_select"] = SelectData(pr, "bouwsteen", pr.T("practices.field.block"), BlockIds(site),
                                 "practices.block", q.block, {}, pr.T("practices.any"));
  d["theme"] = q.theme;
  d["text"] = q.text;
  const std::string org = call.actor.principal.organisation;
  const bool may_edit = app::Decide(call.actor.principal, app::Action::kEditPractice,
                                    {org, call.actor.principal.regions, {}, {}})
                            .allowed;
  d["may_edit"] = may_edit;
  if (may_edit) {
    auto own = site.services().practices.Own(org, call.actor);
    if (!own) return site.RenderError(call, pr, own.error());
    json rows = json::array();
    for (const auto& p : *own) rows.push_back(Summary(site, pr, p));
    d["own"] = rows;
    d["has_own"] = !rows.empty();
  }
  site.Render(call, pr, std::move(page));
}

// The write-up form: for a new practice (`id` 0) or to change practice `id`.
void RenderForm(Site& site, Call& call, const PageRequest& pr, int64_t id,
                const app::PracticeInput& in, const std::string& themes,
                std::vector<FieldError> errors) {
  const std::string title = pr.T(id == 0 ? "practices.new_title" : "practices.edit_title");
  Page page = MakePage("practice_new", title, "practices");
  page.breadcrumbs = {{"/", pr.T("nav.home")}, {"/praktijken", pr.T("practices.title")}};
  if (id != 0) page.breadcrumbs.push_back({fmt::format("/praktijken/{}", id), in.title});
  page.breadcrumbs.push_back({"", title});
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  d["heading"] = title;
  d["action"] = id == 0 ? "/praktijken" : fmt::format("/praktijken/{}/bewerken", id);
  json fields = json::array();
  fields.push_back(FieldData({"title", pr.T("practices.field.title"), in.title}, errors));
  const std::string* values[] = {&in.problem, &in.approach, &in.partners, &in.result,
                                 &in.requirements};
  for (size_t i = 0; i < std::size(kTextParts); ++i) {
    const std::string part = kTextParts[i];
    fields.push_back(TextAreaData(part, pr.T("practices.field." + part), *values[i],
                                  pr.T("practices.field." + part + "_hint"), errors));
  }
  fields.push_back(FieldData({"contact", pr.T("practices.field.contact"), in.contact, "text",
                              pr.T("practices.field.contact_hint")},
                             errors));
  fields.push_back(FieldData({"themes", pr.T("practices.field.themes"), themes, "text",
                              pr.T("practices.field.themes_hint")},
                             errors));
  d["fields"] = fields;
  d["forms"] = Checkboxes(pr, "forms", app::ExploitationForms(), "practice.vocab.form", in.forms);
  d["blocks"] = Checkboxes(pr, "blocks", BlockIds(site), "practices.block", in.blocks);
  d["error_forms"] = ErrorOf(errors, "forms");
  d["error_blocks"] = ErrorOf(errors, "blocks");
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

void RenderPractice(Site& site, Call& call, const PageRequest& pr, int64_t id,
                    std::vector<FieldError> errors) {
  auto p = site.services().practices.Get(id, call.actor);
  if (!p) return site.RenderError(call, pr, p.error());
  Page page = MakePage("practice", p->title, "practices");
  page.breadcrumbs = {
      {"/", pr.T("nav.home")}, {"/praktijken", pr.T("practices.title")}, {"", p->title}};
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  d = Summary(site, pr, *p);
  json parts = json::array();
  const std::string* values[] = {&p->problem, &p->approach, &p->partners, &p->result,
                                 &p->requirements};
  for (size_t i = 0; i < std::size(kTextParts); ++i) {
    parts.push_back({{"label", pr.T(std::string("practices.field.") + kTextParts[i])},
                     {"text", values[i]->empty() ? pr.T("practices.not_written") : *values[i]}});
  }
  d["parts"] = parts;
  d["contact"] = p->contact;
  d["themes"] = Join(p->themes);
  d["published_at"] = p->published_at.value_or("").substr(0, 10);
  d["is_published"] = p->publication != "draft";
  d["may_edit"] = app::Decide(call.actor.principal, app::Action::kEditPractice,
                              {p->organisation, call.actor.principal.regions, {}, {}})
                      .allowed &&
                  p->organisation == call.actor.principal.organisation;
  d["edit_href"] = fmt::format("/praktijken/{}/bewerken", id);
  const bool may_publish = p->publication != "national" &&
                           app::Decide(call.actor.principal, app::Action::kPublishPractice,
                                       {p->organisation, call.actor.principal.regions, {}, {}})
                               .allowed &&
                           p->organisation == call.actor.principal.organisation;
  d["may_publish"] = may_publish;
  json scopes = json::array();
  for (const auto& s : app::PublicationScopes()) {
    if (s == p->publication) continue;
    scopes.push_back({{"value", s},
                      {"id", "scope-" + s},
                      {"label", pr.T("practices.scope." + s)},
                      {"checked", false}});
  }
  d["scopes"] = scopes;
  d["action"] = fmt::format("/praktijken/{}/publiceren", id);
  d["error_scope"] = ErrorOf(errors, "scope");
  const std::string notice = call.Query("melding");
  if (notice == "opgeslagen") d["notice"] = pr.T("practices.saved");
  if (notice == "gepubliceerd") d["notice"] = pr.T("practices.published");
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

app::PracticeInput PostedPractice(const Call& call) {
  app::PracticeInput in;
  in.organisation = call.actor.principal.organisation;
  in.title = FormValue(call, "title");
  in.problem = FormValue(call, "problem");
  in.approach = FormValue(call, "approach");
  in.partners = FormValue(call, "partners");
  in.result = FormValue(call, "result");
  in.requirements = FormValue(call, "requirements");
  in.contact = FormValue(call, "contact");
  in.forms = FormValues(call, "forms");
  in.blocks = FormValues(call, "blocks");
  in.themes = SplitThemes(FormValue(call, "themes"));
  return in;
}

}  // namespace

void RegisterPracticePages(Router& router, Site& site) {
  site.Get(router, "/praktijken",
           [&site](Call& call, const PageRequest& pr) { RenderLibrary(site, call, pr); });
  site.Get(router, "/praktijken/nieuw", [&site](Call& call, const PageRequest& pr) {
    // The form only for those who may write one (the refusal is audited).
    auto own = site.services().practices.Own(call.actor.principal.organisation, call.actor);
    if (!own) return site.RenderError(call, pr, own.error());
    RenderForm(site, call, pr, 0, {}, "", {});
  });
  site.Post(router, "/praktijken", [&site](Call& call, const PageRequest& pr) {
    const app::PracticeInput in = PostedPractice(call);
    const std::string themes = FormValue(call, "themes");
    auto created = site.services().practices.Create(in, call.actor);
    if (created) {
      return Site::SeeOther(call, fmt::format("/praktijken/{}?melding=opgeslagen", created->id));
    }
    if (created.error().code != ErrorCode::kInvalid) {
      return site.RenderError(call, pr, created.error());
    }
    RenderForm(site, call, pr, 0, in, themes,
               {FormErrorOf(pr, created.error(), "practices.error")});
  });
  site.Get(router, "/praktijken/{id}/bewerken", [&site](Call& call, const PageRequest& pr) {
    auto id = PathId(call);
    if (!id) return site.RenderError(call, pr, Error::NotFound("no such practice"));
    auto p = site.services().practices.Get(*id, call.actor);
    if (!p) return site.RenderError(call, pr, p.error());
    // The form only for those who may change it (the refusal is audited).
    auto own = site.services().practices.Own(p->organisation, call.actor);
    if (!own) return site.RenderError(call, pr, own.error());
    const app::PracticeInput in{p->organisation, p->title,  p->problem,      p->approach,
                                p->partners,     p->result, p->requirements, p->contact,
                                p->forms,        p->blocks, p->themes};
    RenderForm(site, call, pr, *id, in, Join(p->themes), {});
  });
  site.Post(router, "/praktijken/{id}/bewerken", [&site](Call& call, const PageRequest& pr) {
    auto id = PathId(call);
    if (!id) return site.RenderError(call, pr, Error::NotFound("no such practice"));
    const app::PracticeInput in = PostedPractice(call);
    auto updated = site.services().practices.Update(*id, in, call.actor);
    if (updated) {
      return Site::SeeOther(call, fmt::format("/praktijken/{}?melding=opgeslagen", *id));
    }
    if (updated.error().code != ErrorCode::kInvalid) {
      return site.RenderError(call, pr, updated.error());
    }
    RenderForm(site, call, pr, *id, in, FormValue(call, "themes"),
               {FormErrorOf(pr, updated.error(), "practices.error")});
  });
  site.Get(router, "/praktijken/{id}", [&site](Call& call, const PageRequest& pr) {
    auto id = PathId(call);
    if (!id) return site.RenderError(call, pr, Error::NotFound("no such practice"));
    RenderPractice(site, call, pr, *id, {});
  });
  site.Post(router, "/praktijken/{id}/publiceren", [&site](Call& call, const PageRequest& pr) {
    auto id = PathId(call);
    if (!id) return site.RenderError(call, pr, Error::NotFound("no such practice"));
    auto published = site.services().practices.Publish(*id, FormValue(call, "scope"), call.actor);
    if (published) {
      return Site::SeeOther(call, fmt::format("/praktijken/{}?melding=gepubliceerd", *id));
    }
    if (published.error().code != ErrorCode::kInvalid) {
      return site.RenderError(call, pr, published.error());
    }
    FieldError e = FormErrorOf(pr, published.error(), "practices.error");
    if (e.field_id != "scope")
      e = {"scope", pr.F("practices.error.incomplete", {{"part", e.message}})};
    RenderPractice(site, call, pr, *id, {e});
  });
}

}  // namespace schakel::http::pages
