// The Kader pages of a policy officer: start an assessment (municipality and period), see the
// standing (level matrix and table) and the action plan, answer one block at a time with
// evidence, submit with confirmation, print for the council, compare two periods.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "app/organisation_service.h"
#include "domain/period.h"
#include "http/json_io.h"
#include "http/pages/evidence_view.h"
#include "http/pages/kader_view.h"
#include "http/pages/site.h"

namespace schakel::http::pages {

using nlohmann::json;

namespace {

constexpr const char* kStatuses[] = {"met", "partly_met", "not_met", "not_applicable"};

std::string Param(const Call& call, const std::string& name) {
  return call.req.has_param(name.c_str()) ? call.req.get_param_value(name.c_str()) : "";
}

std::optional<int64_t> ParseId(const std::string& text) {
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int64_t id = std::stoll(text);
  return id > 0 ? std::optional<int64_t>(id) : std::nullopt;
}

std::string OrganisationName(Site& site, const std::string& code) {
  auto org = site.services().organisations.Get(code);
  return org ? org->name : code;
}

std::string CurrentQuarter() {
  const auto today = std::chrono::year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  return Period::QuarterOf(static_cast<int>(today.year()), static_cast<unsigned>(today.month()))
      .ToString();
}

// Sort key of a period text ("2026-Q4" → 2026·5+4); unparsable periods sort first.
int PeriodOrder(const std::string& text) {
  auto p = Period::Parse(text);
  return p ? p->year() * 5 + p->quarter() : 0;
}

// The assessment of the {id} in the path; `for_edit`: for a form that changes or submits it.
std::optional<app::AssessmentView> LoadAssessment(Site& site, Call& call, const PageRequest& pr,
                                                  bool for_edit = false) {
  auto id = ParseId(call.Param("id"));
  if (!id) {
    site.RenderMessage(call, pr, 404, pr.T("error.not_found_title"), pr.T("error.not_found"));
    return std::nullopt;
  }
  auto view = for_edit ? site.services().kader.GetForEdit(*id, call.actor)
                       : site.services().kader.Get(*id, call.actor);
  if (!view) {
    site.RenderError(call, pr, view.error());
    return std::nullopt;
  }
  return std::move(*view);
}

std::vector<Crumb> AssessmentCrumbs(const PageRequest& pr, const json& header) {
  return {{"/", pr.T("nav.home")},
          {"/kader", pr.T("nav.kader")},
          {header["href"].get<std::string>(),
           pr.F("kader.assessment_crumb",
                {{"organisation", header["organisation_name"]}, {"period", header["period"]}})}};
}

// ---- start: choose municipality and period -------------------------------------------------

void RenderStart(Site& site, Call& call, const PageRequest& pr, const std::string& chosen,
                 const std::string& period, std::vector<FieldError> errors) {
  Page page = MakePage("kader_start", pr.T("kader.start.title"), "kader");
  page.breadcrumbs = {{"/", pr.T("nav.home")}, {"", pr.T("nav.kader")}};
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  auto municipalities = site.services().organisations.List(
      store::OrganisationFilter{std::string("municipality"), std::nullopt, std::nullopt});
  json options = json::array();
  if (municipalities) {
    for (const auto& m : *municipalities) {
      if (m.valid_to) continue;  // merged away
      options.push_back({{"code", m.code}, {"name", m.name}, {"selected", m.code == chosen}});
    }
  }
  d["municipalities"] = options;
  d["period"] = period.empty() ? CurrentQuarter() : period;
  for (const auto& e : errors) d["error_" + e.field_id] = e.message;
  if (!chosen.empty() && app::IsMunicipalityCode(chosen)) {
    auto list = site.services().kader.List(chosen, call.actor);
    json items = json::array();
    if (list) {
      std::stable_sort(list->begin(), list->end(), [](const auto& a, const auto& b) {
        return PeriodOrder(a.period) < PeriodOrder(b.period);
      });
      for (auto it = list->rbegin(); it != list->rend(); ++it) {
        items.push_back({{"href", fmt::format("/kader/evaluaties/{}", it->id)},
                         {"period", it->period},
                         {"status", pr.T(it->status == "draft" ? "kader.status_draft"
                                                               : "kader.status_submitted")}});
      }
    }
    d["chosen_name"] = OrganisationName(site, chosen);
    d["assessments"] = items;
    d["has_assessments"] = !items.empty();
    d["show_assessments"] = true;
    page.organisation = d["chosen_name"];
  }
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

void RegisterStart(Router& router, Site& site) {
  site.Get(router, "/kader", [&site](Call& call, const PageRequest& pr) {
    RenderStart(site, call, pr, call.Query("gemeente"), "", {});
  });
  site.Post(router, "/kader/evaluaties", [&site](Call& call, const PageRequest& pr) {
    const std::string code = Param(call, "gemeente");
    const std::string period_text = Param(call, "periode");
    std::vector<FieldError> errors;
    if (code.empty()) {
      errors.push_back({"gemeente", pr.T("kader.start.error_no_municipality")});
    } else if (!app::IsMunicipalityCode(code) || !site.services().organisations.Get(code)) {
      errors.push_back({"gemeente", pr.T("kader.start.error_unknown_municipality")});
    }
    auto period = Period::Parse(period_text);
    if (!period) errors.push_back({"periode", pr.T("kader.start.error_period")});
    if (!errors.empty()) return RenderStart(site, call, pr, code, period_text, std::move(errors));
    auto existing = site.services().kader.FindByPeriod(code, period->ToString(), call.actor);
    if (!existing) return site.RenderError(call, pr, existing.error());  // e.g. not allowed
    if (*existing) {
      // Starting is for those who fill it in; readers open it from the list instead.
      auto editable = site.services().kader.GetForEdit((*existing)->record.id, call.actor);
      if (!editable) return site.RenderError(call, pr, editable.error());
      return Site::SeeOther(call, fmt::format("/kader/evaluaties/{}", (*existing)->record.id));
    }
    auto created =
        site.services().kader.Create(code, period->ToString(), "2021-concept", call.actor);
    if (!created && created.error().code != ErrorCode::kInvalid &&
        created.error().code != ErrorCode::kConflict) {
      return site.RenderError(call, pr, created.error());
    }
    if (!created) {
      return RenderStart(site, call, pr, code, period_text, {{"periode", created.error().message}});
    }
    Site::SeeOther(call, fmt::format("/kader/evaluaties/{}", created->record.id));
  });
}

// ---- the assessment: standing, chart, action plan ------------------------------------------

json OtherAssessments(Site& site, const Call& call, const app::AssessmentView& view) {
  json others = json::array();
  auto list = site.services().kader.List(view.record.organisation, call.actor);
  if (!list) return others;
  for (const auto& a : *list) {
    if (a.id != view.record.id) others.push_back({{"id", a.id}, {"period", a.period}});
  }
  return others;
}

void RegisterAssessment(Router& router, Site& site) {
  site.Get(router, "/kader/evaluaties/{id}", [&site](Call& call, const PageRequest& pr) {
    auto view = LoadAssessment(site, call, pr);
    if (!view) return;
    const std::string org = OrganisationName(site, view->record.organisation);
    json header = AssessmentHeader(*view, pr, org);
    Page page = MakePage(
        "assessment",
        pr.F("kader.assessment.title", {{"organisation", org}, {"period", view->record.period}}),
        "kader");
    page.breadcrumbs = AssessmentCrumbs(pr, header);
    page.breadcrumbs.back().href = "";
    page.organisation = org;
    json& d = page.data;
    d = header;
    d["matrix_svg"] = LevelMatrixSvg(MatrixOf(*view, pr, "matrix", pr.T("chart.matrix_title")));
    d["rows"] = StandingRows(*view, pr);
    d["plan"] = ActionPlan(*view, pr);
    d["has_plan"] = !d["plan"].empty();
    d["others"] = OtherAssessments(site, call, *view);
    d["has_others"] = !d["others"].empty();
    d["first_block_href"] = d["rows"][0]["href"];
    // What Schakel's own records say per criterion; the answer stays the policy officer's.
    auto evidence = site.services().evidence.ForAssessment(view->record.id, call.actor);
    if (!evidence) return site.RenderError(call, pr, evidence.error());
    d["evidence"] = EvidenceRows(*evidence, pr);
    d["has_evidence"] = !d["evidence"].empty();
    const std::string saved = call.Query("opgeslagen");
    if (const kader::BlockStanding* b = view->standing.Find(saved); b != nullptr) {
      d["notice"] = pr.F("kader.assessment.saved", {{"block", BlockLabel(*b->block, pr)},
                                                    {"level", LevelName(b->level, pr)}});
    } else if (call.Query("vastgesteld") == "1") {
      d["notice"] = pr.T("kader.assessment.submitted_notice");
    }
    site.Render(call, pr, std::move(page));
  });
}

// ---- answering one block -------------------------------------------------------------------

struct BlockForm {
  std::map<std::string, std::string> status;    // by criterion id, as posted
  std::map<std::string, std::string> evidence;  // by criterion id
};

void RenderBlock(Site& site, Call& call, const PageRequest& pr, const app::AssessmentView& view,
                 const kader::Block& block, const BlockForm* posted,
                 std::vector<FieldError> errors) {
  const std::string org = OrganisationName(site, view.record.organisation);
  json header = AssessmentHeader(view, pr, org);
  Page page =
      MakePage("block", pr.F("kader.block.title", {{"block", BlockLabel(block, pr)}}), "kader");
  page.breadcrumbs = AssessmentCrumbs(pr, header);
  page.breadcrumbs.push_back({"", BlockLabel(block, pr)});
  page.organisation = org;
  page.status = errors.empty() ? 200 : 422;
  json& d = page.data;
  d = header;
  d["block_label"] = BlockLabel(block, pr);
  const auto& blocks = view.framework->blocks;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].id != block.id) continue;
    d["step"] = pr.F("kader.block.step",
                     {{"n", std::to_string(i + 1)}, {"total", std::to_string(blocks.size())}});
    if (i > 0) {
      d["previous"] = {{"href", fmt::format("{}/bouwstenen/{}", header["href"].get<std::string>(),
                                            blocks[i - 1].id)},
                       {"label", BlockLabel(blocks[i - 1], pr)}};
    }
    if (i + 1 < blocks.size()) {
      d["next"] = {{"href", fmt::format("{}/bouwstenen/{}", header["href"].get<std::string>(),
                                        blocks[i + 1].id)},
                   {"label", BlockLabel(blocks[i + 1], pr)}};
    }
  }
  d["action"] = fmt::format("{}/bouwstenen/{}", header["href"].get<std::string>(), block.id);
  std::map<std::string, std::string> error_of;
  for (const auto& e : errors) error_of[e.field_id] = e.message;
  json levels = json::array();
  for (const kader::Level& level : view.framework->levels) {
    json criteria = json::array();
    for (const kader::Criterion* c : view.framework->CriteriaOf(block.id, level.id)) {
      auto answer = view.answers.find(c->id);
      std::string status =
          answer == view.answers.end() ? "" : kader::AnswerStatusName(answer->second.status);
      std::string evidence = answer == view.answers.end() ? "" : answer->second.evidence;
      if (posted != nullptr) {
        status = posted->status.count(c->id) ? posted->status.at(c->id) : "";
        evidence = posted->evidence.count(c->id) ? posted->evidence.at(c->id) : "";
      }
      const std::string id = HtmlId(c->id);
      json options = json::array();
      for (const char* s : kStatuses) {
        options.push_back({{"value", s},
                           {"label", pr.T(std::string("status.") + s)},
                           {"checked", status == s},
                           {"id", id + "-" + s}});
      }
      json item = {{"id", id},
                   {"criterion", c->id},
                   {"text", c->text.In(pr.lang)},
                   {"derived", c->provenance == kader::Provenance::kDerived},
                   {"options", options},
                   {"first_option_id", id + "-met"},
                   {"status_label",
                    StatusLabel(answer == view.answers.end() ? std::nullopt
                                                             : std::optional(answer->second.status),
                                pr)},
                   {"evidence", evidence},
                   {"has_evidence", !evidence.empty()},
                   {"status_name", "status-" + c->id},
                   {"evidence_name", "evidence-" + c->id},
                   {"evidence_id", id + "-evidence"}};
      if (error_of.count(id)) item["error"] = error_of[id];
      criteria.push_back(item);
    }
    if (!criteria.empty()) {
      levels.push_back({{"name", level.name.In(pr.lang)}, {"criteria", criteria}});
    }
  }
  d["levels"] = levels;
  // The summary links to the first radio button of a criterion with an error.
  for (auto& e : errors) {
    if (e.field_id.rfind("c-", 0) == 0) e.field_id += "-met";
  }
  page.errors = std::move(errors);
  site.Render(call, pr, std::move(page));
}

// The block named in the path; renders 404 and returns nullptr when the framework has none.
const kader::Block* FindBlock(Site& site, Call& call, const PageRequest& pr,
                              const app::AssessmentView& view) {
  const kader::Block* block = view.framework->FindBlock(call.Param("block"));
  if (block == nullptr) {
    site.RenderMessage(call, pr, 404, pr.T("error.not_found_title"), pr.T("error.not_found"));
  }
  return block;
}

void RegisterBlock(Router& router, Site& site) {
  site.Get(router, "/kader/evaluaties/{id}/bouwstenen/{block}",
           [&site](Call& call, const PageRequest& pr) {
             auto view = LoadAssessment(site, call, pr, true);
             if (!view) return;
             const kader::Block* block = FindBlock(site, call, pr, *view);
             if (block == nullptr) return;
             RenderBlock(site, call, pr, *view, *block, nullptr, {});
           });
  site.Post(router, "/kader/evaluaties/{id}/bouwstenen/{block}",
            [&site](Call& call, const PageRequest& pr) {
              auto view = LoadAssessment(site, call, pr, true);
              if (!view) return;
              const kader::Block* block = FindBlock(site, call, pr, *view);
              if (block == nullptr) return;
              if (view->record.status != "draft") {
                return site.RenderMessage(call, pr, 409, pr.T("kader.block.frozen_title"),
                                          pr.T("kader.block.frozen"));
              }
              BlockForm form;
              std::vector<FieldError> errors;
              std::vector<app::AnswerInput> inputs;
              for (const kader::Level& level : view->framework->levels) {
                for (const kader::Criterion* c : view->framework->CriteriaOf(block->id, level.id)) {
                  const std::string status = Param(call, "status-" + c->id);
                  const std::string evidence = Param(call, "evidence-" + c->id);
                  form.status[c->id] = status;
                  form.evidence[c->id] = evidence;
                  if (status.empty()) {
                    if (!evidence.empty())
                      errors.push_back({HtmlId(c->id), pr.T("kader.block.error_no_status")});
                    continue;
                  }
                  if (!kader::ParseAnswerStatus(status, "status")) {
                    errors.push_back({HtmlId(c->id), pr.T("kader.block.error_no_status")});
                    continue;
                  }
                  if (evidence.size() > 10000) {
                    errors.push_back({HtmlId(c->id), pr.T("kader.block.error_evidence_too_long")});
                    continue;
                  }
                  auto old = view->answers.find(c->id);
                  if (old != view->answers.end() &&
                      kader::AnswerStatusName(old->second.status) == status &&
                      old->second.evidence == evidence) {
                    continue;  // unchanged: keep who answered and when
                  }
                  inputs.push_back({c->id, status, evidence, HtmlId(c->id)});
                }
              }
              if (errors.empty() && !inputs.empty()) {
                auto r = site.services().kader.Answer(view->record.id, inputs, call.actor);
                if (!r) {
                  const std::string field = r.error().field;
                  const std::string id = field.substr(0, field.find('.'));
                  errors.push_back({id.rfind("c-", 0) == 0 ? id : "c-form", r.error().message});
                }
              }
              if (!errors.empty())
                return RenderBlock(site, call, pr, *view, *block, &form, std::move(errors));
              Site::SeeOther(call, fmt::format("/kader/evaluaties/{}?opgeslagen={}#stand",
                                               view->record.id, block->id));
            });
}

// ---- submit (freeze) -----------------------------------------------------------------------

void RegisterSubmit(Router& router, Site& site) {
  site.Get(router, "/kader/evaluaties/{id}/vaststellen",
           [&site](Call& call, const PageRequest& pr) {
             auto view = LoadAssessment(site, call, pr, true);
             if (!view) return;
             if (view->record.status != "draft") {
               return Site::SeeOther(call, fmt::format("/kader/evaluaties/{}", view->record.id));
             }
             const std::string org = OrganisationName(site, view->record.organisation);
             json header = AssessmentHeader(*view, pr, org);
             Page page = MakePage("submit", pr.T("kader.submit.title"), "kader");
             page.breadcrumbs = AssessmentCrumbs(pr, header);
             page.breadcrumbs.push_back({"", pr.T("kader.submit.title")});
             page.organisation = org;
             page.data = header;
             page.data["rows"] = StandingRows(*view, pr);
             page.data["incomplete"] = view->standing.answered < view->standing.total;
             site.Render(call, pr, std::move(page));
           });
  site.Post(router, "/kader/evaluaties/{id}/vaststellen",
            [&site](Call& call, const PageRequest& pr) {
              auto id = ParseId(call.Param("id"));
              if (!id) return site.RenderNotFound(call);
              auto r = site.services().kader.Submit(*id, call.actor);
              if (!r) return site.RenderError(call, pr, r.error());
              Site::SeeOther(call, fmt::format("/kader/evaluaties/{}?vastgesteld=1", *id));
            });
}

// ---- print view ----------------------------------------------------------------------------

void RegisterPrint(Router& router, Site& site) {
  site.Get(router, "/kader/evaluaties/{id}/afdrukken", [&site](Call& call, const PageRequest& pr) {
    auto view = LoadAssessment(site, call, pr);
    if (!view) return;
    const std::string org = OrganisationName(site, view->record.organisation);
    json header = AssessmentHeader(*view, pr, org);
    Page page = MakePage(
        "print",
        pr.F("kader.print.title", {{"organisation", org}, {"period", view->record.period}}),
        "kader");
    page.breadcrumbs = AssessmentCrumbs(pr, header);
    page.breadcrumbs.push_back({"", pr.T("kader.print.crumb")});
    page.organisation = org;
    json& d = page.data;
    d = header;
    d["matrix_svg"] =
        LevelMatrixSvg(MatrixOf(*view, pr, "print-matrix", pr.T("chart.matrix_title")));
    d["rows"] = StandingRows(*view, pr);
    d["plan"] = ActionPlan(*view, pr);
    d["has_plan"] = !d["plan"].empty();
    json blocks = json::array();
    for (const kader::BlockStanding& b : view->standing.blocks) {
      json criteria = json::array();
      for (const kader::Criterion& c : view->framework->criteria) {
        if (c.block != b.block->id) continue;
        auto a = view->answers.find(c.id);
        criteria.push_back(
            {{"text", c.text.In(pr.lang)},
             {"level", view->framework->FindLevel(c.level)->name.In(pr.lang)},
             {"status",
              StatusLabel(a == view->answers.end() ? std::nullopt : std::optional(a->second.status),
                          pr)},
             {"evidence", a == view->answers.end() ? "" : a->second.evidence},
             {"has_evidence", a != view->answers.end() && !a->second.evidence.empty()},
             {"derived", c.provenance == kader::Provenance::kDerived}});
      }
      blocks.push_back({{"label", BlockLabel(*b.block, pr)},
                        {"level", LevelName(b.level, pr)},
                        {"criteria", criteria}});
    }
    d["blocks"] = blocks;
    site.Render(call, pr, std::move(page));
  });
}

// ---- compare two periods -------------------------------------------------------------------

std::string Direction(int direction, const PageRequest& pr) {
  return pr.T(direction > 0   ? "kader.compare.up"
              : direction < 0 ? "kader.compare.down"
                              : "kader.compare.same");
}

void RegisterCompare(Router& router, Site& site) {
  site.Get(router, "/kader/vergelijken", [&site](Call& call, const PageRequest& pr) {
    auto from = ParseId(call.Query("van"));
    auto to = ParseId(call.Query("naar"));
    if (!to) {
      return site.RenderMessage(call, pr, 404, pr.T("error.not_found_title"),
                                pr.T("error.not_found"));
    }
    auto to_view = site.services().kader.Get(*to, call.actor);
    if (!to_view) return site.RenderError(call, pr, to_view.error());
    const std::string org = OrganisationName(site, to_view->record.organisation);
    json header = AssessmentHeader(*to_view, pr, org);
    Page page = MakePage("compare", pr.T("kader.compare.title"), "kader");
    page.breadcrumbs = AssessmentCrumbs(pr, header);
    page.breadcrumbs.push_back({"", pr.T("kader.compare.title")});
    page.organisation = org;
    json& d = page.data;
    d = header;
    json others = OtherAssessments(site, call, *to_view);
    for (auto& o : others) o["selected"] = from && o["id"].get<int64_t>() == *from;
    d["others"] = others;
    d["has_others"] = !others.empty();
    if (from) {
      // Always read as earlier → later, whichever way round the two were chosen.
      auto from_view = site.services().kader.Get(*from, call.actor);
      if (from_view &&
          PeriodOrder(from_view->record.period) > PeriodOrder(to_view->record.period)) {
        std::swap(*from, *to);
      }
      auto cmp = site.services().kader.Compare(*from, *to, call.actor);
      if (!cmp) {
        page.errors.push_back({"van", cmp.error().message});
        d["error_van"] = cmp.error().message;
        page.status = 422;
      } else {
        d["compared"] = true;
        d["from_period"] = cmp->from.record.period;
        d["to_period"] = cmp->to.record.period;
        d["from_svg"] = LevelMatrixSvg(
            MatrixOf(cmp->from, pr, "matrix-from",
                     pr.F("kader.compare.matrix_title", {{"period", cmp->from.record.period}})));
        d["to_svg"] = LevelMatrixSvg(
            MatrixOf(cmp->to, pr, "matrix-to",
                     pr.F("kader.compare.matrix_title", {{"period", cmp->to.record.period}})));
        json blocks = json::array();
        for (const kader::BlockChange& b : cmp->comparison.blocks) {
          blocks.push_back({{"label", BlockLabel(*b.block, pr)},
                            {"before", LevelName(b.before, pr)},
                            {"after", LevelName(b.after, pr)},
                            {"direction", Direction(b.direction, pr)}});
        }
        d["blocks"] = blocks;
        json criteria = json::array();
        for (const kader::CriterionChange& c : cmp->comparison.criteria) {
          criteria.push_back({{"text", c.criterion->text.In(pr.lang)},
                              {"before", StatusLabel(c.before, pr)},
                              {"after", StatusLabel(c.after, pr)}});
        }
        d["criteria"] = criteria;
        d["has_criteria"] = !criteria.empty();
      }
    }
    site.Render(call, pr, std::move(page));
  });
}

}  // namespace

void RegisterKaderPages(Router& router, Site& site) {
  RegisterStart(router, site);
  RegisterAssessment(router, site);
  RegisterBlock(router, site);
  RegisterSubmit(router, site);
  RegisterPrint(router, site);
  RegisterCompare(router, site);
}

}  // namespace schakel::http::pages
