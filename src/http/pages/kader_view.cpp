#include "http/pages/kader_view.h"

#include <fmt/format.h>

namespace schakel::http::pages {

using nlohmann::json;

std::string HtmlId(std::string_view criterion_id) {
  std::string id = "c-";
  for (char c : criterion_id) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    id += plain ? c : '-';
  }
  return id;
}

std::string LevelName(const kader::Level* level, const PageRequest& pr) {
  return level == nullptr ? pr.T("kader.no_level") : level->name.In(pr.lang);
}

std::string StatusLabel(const std::optional<kader::AnswerStatus>& status, const PageRequest& pr) {
  if (!status) return pr.T("status.unanswered");
  return pr.T(std::string("status.") + kader::AnswerStatusName(*status));
}

std::string BlockLabel(const kader::Block& block, const PageRequest& pr) {
  return fmt::format("{} {}", block.number, block.name.In(pr.lang));
}

LevelMatrix MatrixOf(const app::AssessmentView& view, const PageRequest& pr, const std::string& id,
                     const std::string& title) {
  LevelMatrix m;
  m.id = id;
  m.title = title;
  m.description = pr.T("chart.matrix_description");
  for (const auto& level : view.framework->levels) m.levels.push_back(level.name.In(pr.lang));
  for (const kader::BlockStanding& b : view.standing.blocks) {
    LevelMatrix::Row row{BlockLabel(*b.block, pr), {}};
    for (int i = 0; i < static_cast<int>(view.framework->levels.size()); ++i) {
      if (i <= b.level_index) {
        row.cells.push_back(LevelMatrix::Cell::kReached);
      } else if (i == b.level_index + 1) {
        row.cells.push_back(LevelMatrix::Cell::kNext);
      } else {
        row.cells.push_back(LevelMatrix::Cell::kOpen);
      }
    }
    m.rows.push_back(std::move(row));
  }
  m.legend_reached = pr.T("chart.legend_reached");
  m.legend_next = pr.T("chart.legend_next");
  m.legend_open = pr.T("chart.legend_open");
  return m;
}

json StandingRows(const app::AssessmentView& view, const PageRequest& pr) {
  json rows = json::array();
  for (const kader::BlockStanding& b : view.standing.blocks) {
    rows.push_back(
        {{"id", b.block->id},
         {"label", BlockLabel(*b.block, pr)},
         {"level", LevelName(b.level, pr)},
         {"next_level",
          b.next_level == nullptr ? pr.T("kader.top_reached") : b.next_level->name.In(pr.lang)},
         {"met", pr.F("kader.met_of", {{"met", std::to_string(b.met)},
                                       {"applicable", std::to_string(b.applicable)}})},
         {"answered", pr.F("kader.answered_of", {{"answered", std::to_string(b.answered)},
                                                 {"total", std::to_string(b.total)}})},
         {"href", fmt::format("/kader/evaluaties/{}/bouwstenen/{}", view.record.id, b.block->id)}});
  }
  return rows;
}

json ActionPlan(const app::AssessmentView& view, const PageRequest& pr) {
  json plan = json::array();
  for (const kader::BlockStanding& b : view.standing.blocks) {
    if (b.next_level == nullptr || b.gaps.empty()) continue;
    json gaps = json::array();
    for (const kader::Gap& g : b.gaps) {
      gaps.push_back({{"text", g.criterion->text.In(pr.lang)},
                      {"status", StatusLabel(g.status, pr)},
                      {"derived", g.criterion->provenance == kader::Provenance::kDerived}});
    }
    plan.push_back(
        {{"label", BlockLabel(*b.block, pr)},
         {"heading", pr.F("kader.plan_block", {{"block", BlockLabel(*b.block, pr)},
                                               {"level", b.next_level->name.In(pr.lang)}})},
         {"gaps", gaps},
         {"href", fmt::format("/kader/evaluaties/{}/bouwstenen/{}", view.record.id, b.block->id)}});
  }
  return plan;
}

json AssessmentHeader(const app::AssessmentView& view, const PageRequest& pr,
                      const std::string& organisation_name) {
  const bool draft = view.record.status == "draft";
  json header = {
      {"id", view.record.id},
      {"organisation_name", organisation_name},
      {"organisation_code", view.record.organisation},
      {"period", view.record.period},
      {"is_draft", draft},
      {"status_label", pr.T(draft ? "kader.status_draft" : "kader.status_submitted")},
      {"framework_title", view.framework->title.In(pr.lang)},
      {"framework_id", view.framework->id},
      {"provisional", view.framework->status != "official"},
      {"answered", pr.F("kader.answered_of", {{"answered", std::to_string(view.standing.answered)},
                                              {"total", std::to_string(view.standing.total)}})},
      {"href", fmt::format("/kader/evaluaties/{}", view.record.id)}};
  // Only present when submitted: an empty string would count as "true" in a template section.
  if (view.record.submitted_at) header["submitted_on"] = view.record.submitted_at->substr(0, 10);
  return header;
}

}  // namespace schakel::http::pages
