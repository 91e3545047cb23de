#include "http/pages/evidence_view.h"

#include <fmt/format.h>

namespace schakel::http::pages {

using nlohmann::json;

namespace {

std::string LinkOf(const kader::EvidenceFinding& f, const std::string& organisation) {
  switch (f.kind) {
    case kader::EvidenceKind::kTrainingCoverage:
      return "/kader/training#dekking";
    case kader::EvidenceKind::kAwarenessBeyondStaff:
      return "/kader/training#sessies";
    case kader::EvidenceKind::kEnvironmentScanReviewed:
      return f.record_id.empty() ? "/kader/omgevingsscan?gemeente=" + organisation
                                 : "/kader/omgevingsscan/plekken/" + f.record_id;
    case kader::EvidenceKind::kPublishedPractice:
      return f.record_id.empty() ? "/praktijken" : "/praktijken/" + f.record_id;
    case kader::EvidenceKind::kRoleHeld:
    case kader::EvidenceKind::kExternalReportingSignals:
    case kader::EvidenceKind::kRegionalEstimate:
      return "";
  }
  return "";
}

}  // namespace

json EvidenceRows(const app::EvidenceView& view, const PageRequest& pr) {
  const bool en = pr.lang == "en";
  json rows = json::array();
  for (const auto& c : view.criteria) {
    json findings = json::array();
    for (const auto& f : c.findings) {
      std::map<std::string, std::string> values(f.values.begin(), f.values.end());
      if (auto it = values.find("role"); it != values.end()) {
        it->second = pr.T("role." + it->second);
      }
      const std::string kind = kader::EvidenceKindName(f.kind);
      const std::string state = kader::EvidenceStateName(f.state);
      const std::string href = f.state == kader::EvidenceState::kNotAvailable
                                   ? ""
                                   : LinkOf(f, view.assessment.record.organisation);
      findings.push_back({{"state", state},
                          {"state_label", pr.T("evidence.state." + state)},
                          {"text", pr.F("evidence." + kind + "." + state, values)},
                          {"href", href.empty() ? json(nullptr) : json(href)},
                          {"link_label", href.empty() ? "" : pr.T("evidence.link." + kind)}});
    }
    const auto answer = view.assessment.answers.find(c.criterion->id);
    rows.push_back({{"criterion", c.criterion->id},
                    {"text", en ? c.criterion->text.en : c.criterion->text.nl},
                    {"answer", answer == view.assessment.answers.end()
                                   ? pr.T("status.unanswered")
                                   : pr.T(std::string("status.") +
                                          kader::AnswerStatusName(answer->second.status))},
                    {"findings", findings}});
  }
  return rows;
}

}  // namespace schakel::http::pages
