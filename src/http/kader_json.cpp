#include "http/kader_json.h"

#include <cmath>

namespace schakel::http {

using nlohmann::json;

namespace {

json Text(const kader::LocalizedText& t) {
  return {{"nl", t.nl}, {"en", t.en}};
}
json LevelId(const kader::Level* l) {
  return l == nullptr ? json(nullptr) : json(l->id);
}
json OptString(const std::optional<std::string>& s) {
  return s ? json(*s) : json(nullptr);
}
double Round4(double x) {
  return std::round(x * 10000.0) / 10000.0;
}

json StatusJson(const std::optional<kader::AnswerStatus>& s) {
  return s ? json(kader::AnswerStatusName(*s)) : json(nullptr);
}

}  // namespace

json OrganisationJson(const store::Organisation& o) {
  return {{"code", o.code},
          {"kind", o.kind},
          {"region_kind", OptString(o.region_kind)},
          {"name", o.name},
          {"valid_from", o.valid_from},
          {"valid_to", OptString(o.valid_to)},
          {"successor", OptString(o.successor)}};
}

json AssessmentSummaryJson(const store::AssessmentRecord& r) {
  return {{"id", r.id},
          {"organisation", r.organisation},
          {"period", r.period},
          {"framework", r.framework},
          {"status", r.status},
          {"created_at", r.created_at},
          {"created_by", r.created_by},
          {"submitted_at", OptString(r.submitted_at)},
          {"submitted_by", OptString(r.submitted_by)}};
}

json AssessmentJson(const app::AssessmentView& v) {
  json out = AssessmentSummaryJson(v.record);
  json answers = json::array();
  for (const auto& [criterion, a] : v.answers) {
    answers.push_back({{"criterion", criterion},
                       {"status", kader::AnswerStatusName(a.status)},
                       {"evidence", a.evidence},
                       {"answered_by", a.answered_by},
                       {"answered_at", a.answered_at}});
  }
  json blocks = json::array();
  for (const kader::BlockStanding& b : v.standing.blocks) {
    json gaps = json::array();
    for (const kader::Gap& g : b.gaps) {
      gaps.push_back({{"criterion", g.criterion->id},
                      {"status", StatusJson(g.status)},
                      {"text", Text(g.criterion->text)},
                      {"provenance", kader::ProvenanceName(g.criterion->provenance)}});
    }
    blocks.push_back({{"id", b.block->id},
                      {"number", b.block->number},
                      {"name", Text(b.block->name)},
                      {"level", LevelId(b.level)},
                      {"next_level", LevelId(b.next_level)},
                      {"met", b.met},
                      {"applicable", b.applicable},
                      {"answered", b.answered},
                      {"total", b.total},
                      {"progress", Round4(b.progress())},
                      {"gaps", gaps}});
  }
  out["answers"] = answers;
  out["blocks"] = blocks;
  out["answered"] = v.standing.answered;
  out["total"] = v.standing.total;
  return out;
}

json ComparisonJson(const app::ComparisonView& v) {
  json blocks = json::array();
  for (const kader::BlockChange& b : v.comparison.blocks) {
    blocks.push_back({{"id", b.block->id},
                      {"before", LevelId(b.before)},
                      {"after", LevelId(b.after)},
                      {"direction", b.direction > 0 ? "up" : (b.direction < 0 ? "down" : "same")}});
  }
  json criteria = json::array();
  for (const kader::CriterionChange& c : v.comparison.criteria) {
    criteria.push_back({{"criterion", c.criterion->id},
                        {"block", c.criterion->block},
                        {"before", StatusJson(c.before)},
                        {"after", StatusJson(c.after)}});
  }
  return {{"from", AssessmentSummaryJson(v.from.record)},
          {"to", AssessmentSummaryJson(v.to.record)},
          {"blocks", blocks},
          {"criteria", criteria}};
}

json RollupJson(const app::RollupView& v) {
  const kader::Rollup& r = v.rollup;
  const auto share = [&](int n) {
    return r.municipalities == 0 ? 0.0 : Round4(static_cast<double>(n) / r.municipalities);
  };
  json blocks = json::array();
  for (const kader::BlockRollup& b : r.blocks) {
    json levels = json::array();
    for (size_t i = 0; i < b.reached.size(); ++i) {
      levels.push_back({{"level", v.framework->levels[i].id},
                        {"reached", b.reached[i]},
                        {"share", share(b.reached[i])}});
    }
    blocks.push_back({{"id", b.block->id}, {"name", Text(b.block->name)}, {"levels", levels}});
  }
  json goals = json::array();
  for (const kader::GoalRollup& g : r.goals) {
    goals.push_back({{"id", g.goal->id},
                     {"name", Text(g.goal->name)},
                     {"met", g.met},
                     {"share", share(g.met)}});
  }
  return {{"framework", v.framework->id},
          {"scope", v.region ? json(OrganisationJson(*v.region)) : json("national")},
          {"period", v.period.empty() ? json(nullptr) : json(v.period)},
          {"municipalities", r.municipalities},
          {"assessed", r.assessed},
          {"assessed_organisations", v.assessed},
          {"blocks", blocks},
          {"goals", goals}};
}

}  // namespace schakel::http
