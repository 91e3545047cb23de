#include "kader/evidence.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace schakel::kader {

const char* EvidenceStateName(EvidenceState state) {
  switch (state) {
    case EvidenceState::kFound:
      return "found";
    case EvidenceState::kNotFound:
      return "not_found";
    case EvidenceState::kNotAvailable:
      return "not_available";
  }
  return "not_available";
}

namespace {

std::string Percent(double share) {
  return fmt::format("{}", static_cast<int>(std::floor(share * 100 + 1e-9)));
}

// The most recent record on or after `since`, or null.
const DatedRecord* LatestSince(const std::vector<DatedRecord>& records, const std::string& since,
                               const std::string& today) {
  const DatedRecord* best = nullptr;
  for (const DatedRecord& r : records) {
    if (r.date < since || r.date > today) continue;
    if (best == nullptr || r.date > best->date) best = &r;
  }
  return best;
}

EvidenceFinding Recent(EvidenceFinding f, const std::vector<DatedRecord>& records,
                       const EvidenceRule& rule, const EvidenceFacts& facts) {
  const std::string since = AddMonths(facts.today, -rule.within_months);
  f.values["since"] = since;
  f.values["months"] = std::to_string(rule.within_months);
  const DatedRecord* latest = LatestSince(records, since, facts.today);
  if (latest == nullptr) {
    f.state = EvidenceState::kNotFound;
    return f;
  }
  f.state = EvidenceState::kFound;
  f.values["date"] = latest->date;
  f.values["title"] = latest->title;
  f.record_id = latest->id;
  f.values["count"] =
      std::to_string(std::count_if(records.begin(), records.end(), [&](const DatedRecord& r) {
        return r.date >= since && r.date <= facts.today;
      }));
  return f;
}

}  // namespace

EvidenceFinding EvaluateRule(const EvidenceRule& rule, const EvidenceFacts& facts) {
  EvidenceFinding f;
  f.kind = rule.kind;
  switch (rule.kind) {
    case EvidenceKind::kTrainingCoverage: {
      const std::string since = AddMonths(facts.today, -rule.within_months);
      const double share =
          OverallShare(Coverage(facts.departments, facts.attendance, facts.today, since));
      f.values = {{"share", Percent(share)},
                  {"min_share", Percent(rule.min_share)},
                  {"months", std::to_string(rule.within_months)},
                  {"departments", std::to_string(facts.departments.size())}};
      // Compared in whole percent, as shown: 79.9% is not 80%.
      f.state = !facts.departments.empty() &&
                        std::stoi(Percent(share)) >= std::stoi(Percent(rule.min_share))
                    ? EvidenceState::kFound
                    : EvidenceState::kNotFound;
      return f;
    }
    case EvidenceKind::kAwarenessBeyondStaff:
      return Recent(f, facts.outreach_sessions, rule, facts);
    case EvidenceKind::kEnvironmentScanReviewed:
      return Recent(f, facts.scan_reviews, rule, facts);
    case EvidenceKind::kPublishedPractice: {
      f.values["count"] = std::to_string(facts.published_practices.size());
      if (facts.published_practices.empty()) {
        f.state = EvidenceState::kNotFound;
        return f;
      }
      f.state = EvidenceState::kFound;
      f.values["title"] = facts.published_practices.front().title;
      f.record_id = facts.published_practices.front().id;
      return f;
    }
    case EvidenceKind::kRoleHeld:
      f.values["role"] = rule.role;
      f.state =
          facts.roles_held.count(rule.role) > 0 ? EvidenceState::kFound : EvidenceState::kNotFound;
      return f;
    case EvidenceKind::kExternalReportingSignals:
      f.values["months"] = std::to_string(rule.within_months);
      {
        if (!facts.external_signal_dates) return f;  // not available
        const std::string since = AddMonths(facts.today, -rule.within_months);
        const auto count =
            std::count_if(facts.external_signal_dates->begin(), facts.external_signal_dates->end(),
                          [&](const std::string& d) { return d >= since && d <= facts.today; });
        f.values["count"] = std::to_string(count);
        f.state = count > 0 ? EvidenceState::kFound : EvidenceState::kNotFound;
        return f;
      }
    case EvidenceKind::kRegionalEstimate:
      if (!facts.regional_estimate) return f;  // not available
      f.state = *facts.regional_estimate ? EvidenceState::kFound : EvidenceState::kNotFound;
      return f;
  }
  return f;
}

std::vector<CriterionEvidence> EvaluateEvidence(const Framework& framework,
                                                const EvidenceFacts& facts) {
  std::vector<CriterionEvidence> out;
  for (const Criterion& c : framework.criteria) {
    if (c.evidence.empty()) continue;
    CriterionEvidence ce{&c, {}};
    for (const EvidenceRule& rule : c.evidence) ce.findings.push_back(EvaluateRule(rule, facts));
    out.push_back(std::move(ce));
  }
  return out;
}

}  // namespace schakel::kader
