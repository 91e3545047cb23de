// Evidence for a self-assessment: gathers the facts of the municipality from Schakel's own
// records (training registry, environment scan, published practices, roles of its users) and
// evaluates the evidence each criterion declares (kader/evidence.h). It never changes an answer:
// the policy officer confirms. A regional estimate counts when one is stored (insight_service.h)
// for a region the municipality belongs to.
// Reading needs what reading the assessment needs (kViewAssessment). Thread-safe.
#pragma once

#include <vector>

#include "app/actor.h"
#include "app/kader_service.h"
#include "kader/evidence.h"
#include "store/db.h"

namespace schakel::app {

struct EvidenceView {
  AssessmentView assessment;
  std::vector<kader::CriterionEvidence> criteria;  // point into *assessment.framework
};

class EvidenceService {
 public:
  EvidenceService(store::Database& database, const Clock& clock, KaderService& kader)
      : database_(database), clock_(clock), kader_(kader) {}

  Result<EvidenceView> ForAssessment(int64_t id, const Actor& actor);
  // The facts of one organisation on `today` (ISO). No authorization: for use cases that did.
  static Result<kader::EvidenceFacts> Gather(store::Db& db, std::string_view organisation,
                                             std::string_view today);

 private:
  store::Database& database_;
  const Clock& clock_;
  KaderService& kader_;
};

}  // namespace schakel::app
