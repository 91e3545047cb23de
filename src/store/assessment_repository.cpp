#include "store/assessment_repository.h"

namespace schakel::store {

Status FrameworkRepository::Upsert(const StoredFramework& f) {
  auto r = db_.Execute(
      "INSERT INTO frameworks (id, status, content, content_hash, loaded_at) VALUES (?, ?, ?, ?, "
      "?) "
      "ON CONFLICT (id) DO UPDATE SET status = excluded.status, content = excluded.content, "
      "content_hash = excluded.content_hash, loaded_at = excluded.loaded_at",
      {Text(f.id), Text(f.status), Text(f.content), Text(f.content_hash), Text(f.loaded_at)});
  if (!r) return r.error();
  return {};
}

Result<std::optional<StoredFramework>> FrameworkRepository::Find(std::string_view id) {
  auto rows =
      db_.Query("SELECT id, status, content, content_hash, loaded_at FROM frameworks WHERE id = ?",
                {Text(std::string(id))});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<StoredFramework>();
  const Row& r = rows->front();
  return std::optional<StoredFramework>(
      StoredFramework{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
}

Result<std::vector<StoredFramework>> FrameworkRepository::List() {
  auto rows =
      db_.Query("SELECT id, status, content, content_hash, loaded_at FROM frameworks ORDER BY id");
  if (!rows) return rows.error();
  std::vector<StoredFramework> out;
  for (const Row& r : *rows) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  }
  return out;
}

Result<int64_t> FrameworkRepository::UseCount(std::string_view id) {
  auto rows =
      db_.Query("SELECT COUNT(*) FROM assessments WHERE framework = ?", {Text(std::string(id))});
  if (!rows) return rows.error();
  return rows->front().Int(0);
}

namespace {

constexpr const char* kAssessmentColumns =
    "id, organisation, period, framework, status, created_at, created_by, submitted_at, "
    "submitted_by";

AssessmentRecord AssessmentFromRow(const Row& r) {
  return {r.Int(0),  r.Text(1), r.Text(2),    r.Text(3),   r.Text(4),
          r.Text(5), r.Text(6), r.OptText(7), r.OptText(8)};
}

Result<std::optional<AssessmentRecord>> First(Result<Rows> rows) {
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<AssessmentRecord>();
  return std::optional<AssessmentRecord>(AssessmentFromRow(rows->front()));
}

}  // namespace

Result<int64_t> AssessmentRepository::Create(const AssessmentRecord& a) {
  auto rows = db_.Query(
      "INSERT INTO assessments (organisation, period, framework, status, created_at, created_by) "
      "VALUES (?, ?, ?, 'draft', ?, ?) RETURNING id",
      {Text(a.organisation), Text(a.period), Text(a.framework), Text(a.created_at),
       Text(a.created_by)});
  if (!rows) return rows.error();
  return rows->front().Int(0);
}

Result<std::optional<AssessmentRecord>> AssessmentRepository::Find(int64_t id) {
  return First(db_.Query(
      std::string("SELECT ") + kAssessmentColumns + " FROM assessments WHERE id = ?", {Int(id)}));
}

Result<std::optional<AssessmentRecord>> AssessmentRepository::FindByPeriod(
    std::string_view organisation, std::string_view period) {
  return First(db_.Query(std::string("SELECT ") + kAssessmentColumns +
                             " FROM assessments WHERE organisation = ? AND period = ?",
                         {Text(std::string(organisation)), Text(std::string(period))}));
}

Result<std::vector<AssessmentRecord>> AssessmentRepository::List(
    const std::optional<std::string>& organisation) {
  std::string sql = std::string("SELECT ") + kAssessmentColumns + " FROM assessments";
  std::vector<Value> params;
  if (organisation) {
    sql += " WHERE organisation = ?";
    params.push_back(Text(*organisation));
  }
  sql += " ORDER BY period DESC, organisation";
  auto rows = db_.Query(sql, params);
  if (!rows) return rows.error();
  std::vector<AssessmentRecord> out;
  for (const Row& r : *rows) out.push_back(AssessmentFromRow(r));
  return out;
}

Result<std::vector<AnswerRecord>> AssessmentRepository::Answers(int64_t assessment) {
  auto rows = db_.Query(
      "SELECT criterion, status, evidence, answered_by, answered_at FROM assessment_answers "
      "WHERE assessment = ? ORDER BY criterion",
      {Int(assessment)});
  if (!rows) return rows.error();
  std::vector<AnswerRecord> out;
  for (const Row& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
  return out;
}

Status AssessmentRepository::SetAnswer(int64_t assessment, const AnswerRecord& a) {
  const std::vector<Value> params = {Int(assessment),  Text(a.criterion),   Text(a.status),
                                     Text(a.evidence), Text(a.answered_by), Text(a.answered_at)};
  auto r = db_.Execute(
      "INSERT INTO assessment_answers (assessment, criterion, status, evidence, answered_by, "
      "answered_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (assessment, criterion) DO UPDATE SET "
      "status = excluded.status, evidence = excluded.evidence, answered_by = excluded.answered_by, "
      "answered_at = excluded.answered_at",
      params);
  if (!r) return r.error();
  auto h = db_.Execute(
      "INSERT INTO assessment_answer_history (assessment, criterion, status, evidence, "
      "answered_by, answered_at) VALUES (?, ?, ?, ?, ?, ?)",
      params);
  if (!h) return h.error();
  return {};
}

Status AssessmentRepository::MarkSubmitted(int64_t assessment, std::string_view by,
                                           std::string_view at) {
  auto r = db_.Execute(
      "UPDATE assessments SET status = 'submitted', submitted_by = ?, submitted_at = ? "
      "WHERE id = ? AND status = 'draft'",
      {Text(std::string(by)), Text(std::string(at)), Int(assessment)});
  if (!r) return r.error();
  if (*r != 1) return Error::Conflict("the assessment was already submitted");
  return {};
}

Result<std::vector<AssessmentRecord>> AssessmentRepository::LatestSubmitted(
    std::string_view framework, std::string_view up_to) {
  auto rows = db_.Query(
      std::string("SELECT ") + kAssessmentColumns +
          " FROM assessments a WHERE status = 'submitted' AND framework = ? "
          "AND (? = '' OR period <= ?) AND period = (SELECT MAX(b.period) FROM assessments b "
          "WHERE b.organisation = a.organisation AND b.status = 'submitted' "
          "AND b.framework = a.framework AND (? = '' OR b.period <= ?)) ORDER BY organisation",
      {Text(std::string(framework)), Text(std::string(up_to)), Text(std::string(up_to)),
       Text(std::string(up_to)), Text(std::string(up_to))});
  if (!rows) return rows.error();
  std::vector<AssessmentRecord> out;
  for (const Row& r : *rows) out.push_back(AssessmentFromRow(r));
  return out;
}

}  // namespace schakel::store
