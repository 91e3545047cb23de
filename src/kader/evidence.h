// Evidence for the self-assessment: per criterion, what Schakel's own records say about the
// evidence kinds the framework declares for it (framework.h, EvidenceRule). Evidence suggests;
// the policy officer decides — nothing here sets an answer.
// Pure: the app layer gathers EvidenceFacts from storage; facts Schakel cannot know yet (signals,
// estimates) stay nullopt and are reported as "not available", never guessed.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kader/framework.h"
#include "kader/training.h"

namespace schakel::kader {

// A dated entry that can serve as evidence (a session beyond staff, a scan review).
struct DatedRecord {
  std::string date;  // ISO date
  std::string title;
  std::string id;  // of the record, for a link
};

struct EvidenceFacts {
  std::string today;  // ISO date the evidence is judged on
  std::vector<DepartmentStaff> departments;
  std::vector<TrainingAttendance> attendance;
  std::vector<DatedRecord> outreach_sessions;  // awareness sessions for audiences beyond staff
  std::vector<DatedRecord> scan_reviews;       // reviews of environment-scan places
  std::vector<DatedRecord> published_practices;
  std::set<std::string> roles_held;  // roles held by active users of the organisation
  // Dates (ISO) the external reporting form received a signal; nullopt: "not available".
  std::optional<std::vector<std::string>> external_signal_dates;
  // Whether an estimate is stored for one of the organisation's regions; nullopt: not available.
  std::optional<bool> regional_estimate;
};

enum class EvidenceState {
  kFound,         // the records support the criterion
  kNotFound,      // the records exist but do not (yet) support it
  kNotAvailable,  // Schakel cannot know this yet
};
const char* EvidenceStateName(EvidenceState state);

struct EvidenceFinding {
  EvidenceKind kind = EvidenceKind::kTrainingCoverage;
  EvidenceState state = EvidenceState::kNotAvailable;
  // Figures behind the finding, for the page text and the API ("share": "85", "since": …).
  std::map<std::string, std::string> values;
  std::string record_id;  // the record that supports it, when one does
};

struct CriterionEvidence {
  const Criterion* criterion = nullptr;  // points into the framework
  std::vector<EvidenceFinding> findings;
};

// Findings for every criterion that declares evidence, in framework order.
std::vector<CriterionEvidence> EvaluateEvidence(const Framework& framework,
                                                const EvidenceFacts& facts);
EvidenceFinding EvaluateRule(const EvidenceRule& rule, const EvidenceFacts& facts);

}  // namespace schakel::kader
