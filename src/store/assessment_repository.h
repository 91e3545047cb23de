// Frameworks (stored as the validated JSON they were loaded from) and Kader assessments with their
// answers and answer history. Rows only: the rules live in src/kader and are applied by src/app.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace schakel::store {

struct StoredFramework {
  std::string id;
  std::string status;
  std::string content;       // JSON
  std::string content_hash;  // hex SHA-256 of content
  std::string loaded_at;
};

class FrameworkRepository {
 public:
  explicit FrameworkRepository(Db& db) : db_(db) {}
  Status Upsert(const StoredFramework& f);
  Result<std::optional<StoredFramework>> Find(std::string_view id);
  Result<std::vector<StoredFramework>> List();
  // Number of assessments that use the framework (a used framework is never replaced).
  Result<int64_t> UseCount(std::string_view id);

 private:
  Db& db_;
};

struct AssessmentRecord {
  int64_t id = 0;
  std::string organisation;
  std::string period;
  std::string framework;
  std::string status;  // draft | submitted
  std::string created_at;
  std::string created_by;
  std::optional<std::string> submitted_at;
  std::optional<std::string> submitted_by;
};

struct AnswerRecord {
  std::string criterion;
  std::string status;
  std::string evidence;
  std::string answered_by;
  std::string answered_at;
};

class AssessmentRepository {
 public:
  explicit AssessmentRepository(Db& db) : db_(db) {}
  // Inserts and returns the new id; kConflict when the organisation has one for the period.
  Result<int64_t> Create(const AssessmentRecord& a);
  Result<std::optional<AssessmentRecord>> Find(int64_t id);
  Result<std::optional<AssessmentRecord>> FindByPeriod(std::string_view organisation,
                                                       std::string_view period);
  // Assessments, optionally of one organisation, newest period first.
  Result<std::vector<AssessmentRecord>> List(const std::optional<std::string>& organisation);
  Result<std::vector<AnswerRecord>> Answers(int64_t assessment);
  // Sets the current answer and appends it to the history.
  Status SetAnswer(int64_t assessment, const AnswerRecord& answer);
  Status MarkSubmitted(int64_t assessment, std::string_view by, std::string_view at);
  // For each organisation, its latest submitted assessment with period <= `up_to` (all periods
  // when empty) that uses `framework`.
  Result<std::vector<AssessmentRecord>> LatestSubmitted(std::string_view framework,
                                                        std::string_view up_to);

 private:
  Db& db_;
};

}  // namespace schakel::store
