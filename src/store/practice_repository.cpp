#include "store/practice_repository.h"

namespace schakel::store {

namespace {

constexpr const char* kColumns =
    "SELECT id, organisation, title, problem, approach, partners, result, requirements, contact, "
    "forms, blocks, themes, publication, published_at, published_by, created_at, created_by, "
    "updated_at FROM practices ";

std::string Join(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& item : list) out += (out.empty() ? "" : ",") + item;
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Result<std::vector<PracticeRecord>> FromRows(Result<Rows> rows) {
  if (!rows) return rows.error();
  std::vector<PracticeRecord> out;
  for (const Row& r : *rows) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                   r.Text(7), r.Text(8), Split(r.Text(9)), Split(r.Text(10)), Split(r.Text(11)),
                   r.Text(12), r.OptText(13), r.OptText(14), r.Text(15), r.Text(16), r.Text(17)});
  }
  return out;
}

}  // namespace

Result<int64_t> PracticeRepository::Create(const PracticeRecord& p) {
  auto rows = db_.Query(
      "INSERT INTO practices (organisation, title, problem, approach, partners, result, "
      "requirements, contact, forms, blocks, themes, publication, created_at, created_by, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?) RETURNING id",
      {Text(p.organisation), Text(p.title), Text(p.problem), Text(p.approach), Text(p.partners),
       Text(p.result), Text(p.requirements), Text(p.contact), Text(Join(p.forms)),
       Text(Join(p.blocks)), Text(Join(p.themes)), Text(p.created_at), Text(p.created_by),
       Text(p.updated_at)});
  if (!rows) return rows.error();
  return rows->front().Int(0);
}

Status PracticeRepository::Update(const PracticeRecord& p) {
  auto r = db_.Execute(
      "UPDATE practices SET title = ?, problem = ?, approach = ?, partners = ?, result = ?, "
      "requirements = ?, contact = ?, forms = ?, blocks = ?, themes = ?, updated_at = ? "
      "WHERE id = ?",
      {Text(p.title), Text(p.problem), Text(p.approach), Text(p.partners), Text(p.result),
       Text(p.requirements), Text(p.contact), Text(Join(p.forms)), Text(Join(p.blocks)),
       Text(Join(p.themes)), Text(p.updated_at), Int(p.id)});
  if (!r) return r.error();
  return {};
}

Status PracticeRepository::Publish(int64_t id, std::string_view scope, std::string_view by,
                                   std::string_view at) {
  auto r = db_.Execute(
      "UPDATE practices SET publication = ?, published_at = ?, published_by = ? WHERE id = ?",
      {Text(std::string(scope)), Text(std::string(at)), Text(std::string(by)), Int(id)});
  if (!r) return r.error();
  return {};
}

Result<std::optional<PracticeRecord>> PracticeRepository::Find(int64_t id) {
  auto list = FromRows(db_.Query(std::string(kColumns) + "WHERE id = ?", {Int(id)}));
  if (!list) return list.error();
  if (list->empty()) return std::optional<PracticeRecord>();
  return std::optional<PracticeRecord>(std::move(list->front()));
}

Result<std::vector<PracticeRecord>> PracticeRepository::List(std::string_view organisation) {
  return FromRows(db_.Query(std::string(kColumns) + "WHERE organisation = ? ORDER BY id DESC",
                            {Text(std::string(organisation))}));
}

Result<std::vector<PracticeRecord>> PracticeRepository::Published() {
  return FromRows(db_.Query(std::string(kColumns) +
                            "WHERE publication <> 'draft' ORDER BY published_at DESC, id DESC"));
}

}  // namespace schakel::store
