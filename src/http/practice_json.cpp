#include "http/practice_json.h"

namespace schakel::http {

using nlohmann::json;

namespace {

json OptionalJson(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

json PlaceJson(const store::ScanPlaceRecord& p) {
  return {{"id", p.id},
          {"organisation", p.organisation},
          {"name", p.name},
          {"sector", p.sector},
          {"neighbourhood", p.neighbourhood},
          {"indicators", p.indicators},
          {"sources", p.sources},
          {"risk", p.risk},
          {"reasoning", p.reasoning},
          {"owner", p.owner},
          {"review_due", p.review_due},
          {"created_at", p.created_at}};
}

}  // namespace

json TrainingSessionJson(const store::TrainingSessionRecord& s) {
  json attendees = json::array();
  for (const auto& a : s.attendees) {
    attendees.push_back(
        {{"staff_name", a.staff_name}, {"staff_role", a.staff_role}, {"department", a.department}});
  }
  return {{"id", s.id},
          {"organisation", s.organisation},
          {"title", s.title},
          {"format", s.format},
          {"audience", s.audience},
          {"department", OptionalJson(s.department)},
          {"held_on", s.held_on},
          {"participants", s.participants},
          {"refresher_months", s.refresher_months ? json(*s.refresher_months) : json(nullptr)},
          {"attendees", attendees},
          {"created_at", s.created_at}};
}

json TrainingOverviewJson(const app::TrainingOverview& v) {
  json coverage = json::array();
  for (const auto& c : v.coverage) {
    coverage.push_back({{"department", c.department},
                        {"relevant_staff", c.relevant_staff},
                        {"trained", c.trained},
                        {"share", c.share}});
  }
  json refreshers = json::array();
  for (const auto& r : v.refreshers) {
    refreshers.push_back({{"department", r.department},
                          {"staff_name", r.staff_name},
                          {"last_training", r.last_training},
                          {"due", r.due},
                          {"overdue", r.overdue}});
  }
  json sessions = json::array();
  for (const auto& s : v.sessions) sessions.push_back(TrainingSessionJson(s));
  return {{"organisation", v.organisation}, {"date", v.today},
          {"coverage", coverage},           {"overall_share", v.overall_share},
          {"refreshers_due", refreshers},   {"sessions", sessions}};
}

json ScanPlaceJson(const app::ScanPlaceView& v) {
  json out = PlaceJson(v.place);
  json reviews = json::array();
  for (const auto& r : v.reviews) {
    reviews.push_back({{"id", r.id},
                       {"reviewed_on", r.reviewed_on},
                       {"reviewed_by", r.reviewed_by},
                       {"risk", r.risk},
                       {"reasoning", r.reasoning},
                       {"indicators", r.indicators},
                       {"review_due", r.review_due}});
  }
  out["reviews"] = reviews;
  return out;
}

json ScanOverviewJson(const app::ScanOverview& v) {
  json places = json::array();
  for (const auto& p : v.places) places.push_back(PlaceJson(p));
  json cells = json::array();
  for (const auto& c : v.cells) {
    cells.push_back({{"neighbourhood", c.neighbourhood},
                     {"sector", c.sector},
                     {"places", c.places},
                     {"highest_risk", c.highest_risk}});
  }
  json overdue = json::array();
  for (const auto& p : v.review_overdue) overdue.push_back(p.id);
  return {{"organisation", v.organisation},
          {"date", v.today},
          {"places", places},
          {"by_neighbourhood_and_sector", cells},
          {"review_overdue", overdue},
          {"last_review", v.last_review.empty() ? json(nullptr) : json(v.last_review)}};
}

json PracticeJson(const store::PracticeRecord& p) {
  return {{"id", p.id},
          {"organisation", p.organisation},
          {"title", p.title},
          {"problem", p.problem},
          {"approach", p.approach},
          {"partners", p.partners},
          {"result", p.result},
          {"requirements", p.requirements},
          {"contact", p.contact},
          {"forms", p.forms},
          {"blocks", p.blocks},
          {"themes", p.themes},
          {"publication", p.publication},
          {"published_at", OptionalJson(p.published_at)},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

json EvidenceJson(const app::EvidenceView& v) {
  json criteria = json::array();
  for (const auto& c : v.criteria) {
    json findings = json::array();
    for (const auto& f : c.findings) {
      json finding{{"kind", kader::EvidenceKindName(f.kind)},
                   {"state", kader::EvidenceStateName(f.state)},
                   {"values", f.values}};
      if (!f.record_id.empty()) finding["record"] = f.record_id;
      findings.push_back(finding);
    }
    const auto it = v.assessment.answers.find(c.criterion->id);
    criteria.push_back({{"criterion", c.criterion->id},
                        {"answer", it == v.assessment.answers.end()
                                       ? json(nullptr)
                                       : json(kader::AnswerStatusName(it->second.status))},
                        {"findings", findings}});
  }
  return {{"assessment", v.assessment.record.id},
          {"organisation", v.assessment.record.organisation},
          {"criteria", criteria}};
}

}  // namespace schakel::http
