// Kader use cases: frameworks, assessments (create, answer, submit, compare), import of answers
// from CSV, the report of one municipality and the roll-up over a region or the country.
// Every operation validates fully before it writes and runs in one transaction. Every operation
// on an assessment or roll-up asks the policy (policy.h) for the actor first; frameworks are
// public reference data.
// Thread-safe: each call takes its own connection from the Database.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "domain/clock.h"
#include "domain/csv.h"
#include "kader/standing.h"
#include "store/assessment_repository.h"
#include "store/db.h"
#include "store/organisation_repository.h"

namespace schakel::app {

struct AssessmentView {
  store::AssessmentRecord record;
  std::shared_ptr<const kader::Framework> framework;
  kader::Answers answers;
  kader::Standing standing;  // points into *framework
};

struct AnswerInput {
  std::string criterion;
  std::string status;
  std::string evidence;
  std::string field;  // where this answer came from, for errors: "answers[2]" or "line 4"
};

struct ComparisonView {
  AssessmentView from;
  AssessmentView to;
  kader::Comparison comparison;
};

struct RollupView {
  std::shared_ptr<const kader::Framework> framework;
  std::optional<store::Organisation> region;  // nullopt: national
  std::string period;                         // "" = latest available
  std::vector<std::string> assessed;          // organisation codes with a submitted assessment
  kader::Rollup rollup;
};

struct FrameworkLoadResult {
  std::string id;
  std::string outcome;  // "loaded", "unchanged", "replaced", "kept (in use)"
};

class KaderService {
 public:
  // Every change is recorded in `audit` in the transaction that makes it.
  KaderService(store::Database& database, const Clock& clock, const AuditTrail& audit)
      : database_(database), clock_(clock), audit_(audit) {}

  // Stores a framework version. An unused version is replaced when its text changed; a version
  // that assessments already use is never changed (outcome "kept (in use)").
  Result<FrameworkLoadResult> LoadFramework(const kader::Framework& framework);
  Result<std::vector<std::shared_ptr<const kader::Framework>>> Frameworks();
  Result<std::shared_ptr<const kader::Framework>> Framework(std::string_view id);

  Result<AssessmentView> Create(std::string_view organisation, std::string_view period,
                                std::string_view framework_id, const Actor& actor);
  Result<AssessmentView> Get(int64_t id, const Actor& actor);
  // The assessment for a form that changes or submits it: only for those who may edit it, so a
  // reader never gets the form (nor a "saved" message for a form without changes).
  Result<AssessmentView> GetForEdit(int64_t id, const Actor& actor);
  Result<std::optional<AssessmentView>> FindByPeriod(std::string_view organisation,
                                                     std::string_view period, const Actor& actor);
  // The assessments the actor may see (of one organisation, or all).
  Result<std::vector<store::AssessmentRecord>> List(const std::optional<std::string>& organisation,
                                                    const Actor& actor);
  // Validates all answers first (criterion exists, status valid, no criterion twice, draft only),
  // then writes all of them or none.
  Result<AssessmentView> Answer(int64_t id, const std::vector<AnswerInput>& answers,
                                const Actor& actor);
  Result<AssessmentView> Submit(int64_t id, const Actor& actor);
  Result<ComparisonView> Compare(int64_t from, int64_t to, const Actor& actor);
  Result<RollupView> RollUp(const std::optional<std::string>& region,
                            const std::optional<std::string>& period, std::string_view framework_id,
                            const Actor& actor);

  // CSV with header criterion,status[,evidence]: every row validated, every bad row reported
  // (one error whose message lists them), nothing written on error. Creates the draft
  // assessment for the period when there is none.
  Result<AssessmentView> ImportAnswers(std::string_view organisation, std::string_view period,
                                       std::string_view framework_id, const CsvTable& csv,
                                       const Actor& actor);

 private:
  Result<AssessmentView> Load(store::Db& db, int64_t id);
  // Asks the policy about `action` on organisation `organisation` (audits a denial).
  // REQUIRES: no write transaction open on this thread.
  Status Authorize(const Actor& actor, Action action, std::string_view organisation,
                   std::string_view object_id);
  // Loads an assessment the actor may do `action` on.
  Result<AssessmentView> LoadFor(const Actor& actor, Action action, int64_t id);
  Result<std::shared_ptr<const kader::Framework>> CachedFramework(store::Db& db,
                                                                  std::string_view id);
  Status ValidateAnswers(const kader::Framework& f, const std::vector<AnswerInput>& answers);
  Result<int64_t> CreateIn(store::Db& db, std::string_view organisation, std::string_view period,
                           std::string_view framework_id, const Actor& actor);

  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  std::mutex cache_mu_;
  std::map<std::string, std::pair<std::string, std::shared_ptr<const kader::Framework>>,
           std::less<>>
      cache_;  // id → (content hash, parsed)
};

}  // namespace schakel::app
