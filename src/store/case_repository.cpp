#include "store/case_repository.h"

#include <nlohmann/json.hpp>

namespace schakel::store {

namespace {

constexpr const char* kColumns =
    "id, seq, region, created_by, created_at, municipality, coordinator, state, person, acute, "
    "opened_directly_because, forms, age, age_group, gender, nationality, consent_recorded, "
    "consent_override, reflection_start, reflection_last_day, reflection_outcome, "
    "reflection_outcome_on, registered_on, registered_by, closed_on, closing_reason, updated_at";
constexpr const char* kMutableAssignments =
    "municipality = ?, coordinator = ?, state = ?, person = ?, acute = ?, "
    "opened_directly_because = ?, forms = ?, age = ?, age_group = ?, gender = ?, "
    "nationality = ?, consent_recorded = ?, consent_override = ?, reflection_start = ?, "
    "reflection_last_day = ?, reflection_outcome = ?, reflection_outcome_on = ?, "
    "registered_on = ?, registered_by = ?, closed_on = ?, closing_reason = ?, updated_at = ?";
constexpr const char* kItemColumns =
    "id, case_id, domain, responsible_organisation, status, due_on, description, created_by, "
    "created_at, updated_at";

std::string ListJson(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump();
}

std::vector<std::string> ListFrom(const std::string& text) {
  std::vector<std::string> out;
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (!doc.is_array()) return out;
  for (const auto& item : doc) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

Value OptInt(const std::optional<int64_t>& i) {
  return i ? Int(*i) : Null();
}

std::vector<Value> MutableValues(const CaseRecord& c) {
  return {OptText(c.municipality),
          OptText(c.coordinator),
          Text(c.state),
          OptText(c.person),
          Int(c.acute ? 1 : 0),
          OptText(c.sealed.opened_directly_because),
          Text(ListJson(c.forms)),
          OptInt(c.age),
          Text(c.age_group),
          OptText(c.gender),
          OptText(c.nationality),
          Int(c.consent_recorded ? 1 : 0),
          OptText(c.sealed.consent_override),
          OptText(c.reflection_start),
          OptText(c.reflection_last_day),
          OptText(c.reflection_outcome),
          OptText(c.reflection_outcome_on),
          OptText(c.registered_on),
          OptText(c.registered_by),
          OptText(c.closed_on),
          OptText(c.closing_reason),
          Text(c.updated_at)};
}

CaseRecord FromRow(const Row& r) {
  CaseRecord c;
  c.id = r.Text(0);
  c.seq = r.Int(1);
  c.region = r.Text(2);
  c.created_by = r.Text(3);
  c.created_at = r.Text(4);
  c.municipality = r.OptText(5);
  c.coordinator = r.OptText(6);
  c.state = r.Text(7);
  c.person = r.OptText(8);
  c.acute = r.Int(9) != 0;
  c.sealed.opened_directly_because = r.OptText(10);
  c.forms = ListFrom(r.Text(11));
  if (!r.IsNull(12)) c.age = r.Int(12);
  c.age_group = r.Text(13);
  c.gender = r.OptText(14);
  c.nationality = r.OptText(15);
  c.consent_recorded = r.Int(16) != 0;
  c.sealed.consent_override = r.OptText(17);
  c.reflection_start = r.OptText(18);
  c.reflection_last_day = r.OptText(19);
  c.reflection_outcome = r.OptText(20);
  c.reflection_outcome_on = r.OptText(21);
  c.registered_on = r.OptText(22);
  c.registered_by = r.OptText(23);
  c.closed_on = r.OptText(24);
  c.closing_reason = r.OptText(25);
  c.updated_at = r.Text(26);
  return c;
}

CarePlanItemRow ItemFromRow(const Row& r) {
  CarePlanItemRow i;
  i.id = r.Text(0);
  i.case_id = r.Text(1);
  i.domain = r.Text(2);
  i.responsible_organisation = r.Text(3);
  i.status = r.Text(4);
  i.due_on = r.OptText(5);
  i.description = r.OptText(6);
  i.created_by = r.Text(7);
  i.created_at = r.Text(8);
  i.updated_at = r.Text(9);
  return i;
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

Status Done(const Result<int64_t>& r) {
  if (!r) return r.error();
  return {};
}

}  // namespace

Result<int64_t> CaseRepository::NextSeq() {
  auto rows = db_.Query("SELECT COALESCE(MAX(seq), 0) + 1 FROM cases");
  if (!rows) return rows.error();
  return rows->front().Int(0);
}

Status CaseRepository::Insert(const CaseRecord& c) {
  std::vector<Value> values = {Text(c.id), Int(c.seq), Text(c.region), Text(c.created_by),
                               Text(c.created_at)};
  for (Value& v : MutableValues(c)) values.push_back(std::move(v));
  return Done(db_.Execute(std::string("INSERT INTO cases (") + kColumns + ") VALUES (" +
                              Placeholders(values.size()) + ")",
                          values));
}

Status CaseRepository::Update(const CaseRecord& c) {
  std::vector<Value> values = MutableValues(c);
  values.push_back(Text(c.id));
  auto r =
      db_.Execute(std::string("UPDATE cases SET ") + kMutableAssignments + " WHERE id = ?", values);
  if (!r) return r.error();
  if (*r == 0) return Error::NotFound("no such case");
  return {};
}

Result<std::optional<CaseRecord>> CaseRepository::Find(std::string_view id) {
  auto rows = db_.Query(std::string("SELECT ") + kColumns + " FROM cases WHERE id = ?",
                        {Text(std::string(id))});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<CaseRecord>();
  return std::optional<CaseRecord>(FromRow(rows->front()));
}

Result<std::vector<CaseRecord>> CaseRepository::List(const CaseQuery& q) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM cases WHERE 1 = 1";
  std::vector<Value> params;
  if (!q.regions.empty()) {
    sql += " AND region IN (" + Placeholders(q.regions.size()) + ")";
    for (const auto& r : q.regions) params.push_back(Text(r));
  }
  if (q.coordinator) {
    sql += " AND coordinator = ?";
    params.push_back(Text(*q.coordinator));
  }
  if (!q.states.empty()) {
    sql += " AND state IN (" + Placeholders(q.states.size()) + ")";
    for (const auto& s : q.states) params.push_back(Text(s));
  }
  sql += " ORDER BY created_at DESC, seq DESC LIMIT ?";
  params.push_back(Int(q.limit));
  auto rows = db_.Query(sql, params);
  if (!rows) return rows.error();
  std::vector<CaseRecord> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) out.push_back(FromRow(r));
  return out;
}

Status CaseRepository::LinkSignal(std::string_view case_id, std::string_view signal) {
  auto existing = CaseOfSignal(signal);
  if (!existing) return existing.error();
  if (*existing) return Error::Conflict("the signal is already part of a case");
  return Done(db_.Execute("INSERT INTO case_signals (case_id, signal) VALUES (?, ?)",
                          {Text(std::string(case_id)), Text(std::string(signal))}));
}

Result<std::vector<std::string>> CaseRepository::SignalsOf(std::string_view case_id) {
  auto rows = db_.Query("SELECT signal FROM case_signals WHERE case_id = ? ORDER BY rowid",
                        {Text(std::string(case_id))});
  if (!rows) return rows.error();
  std::vector<std::string> out;
  for (const Row& r : *rows) out.push_back(r.Text(0));
  return out;
}

Result<std::optional<std::string>> CaseRepository::CaseOfSignal(std::string_view signal) {
  auto rows =
      db_.Query("SELECT case_id FROM case_signals WHERE signal = ?", {Text(std::string(signal))});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front().Text(0));
}

Result<std::optional<std::string>> CaseRepository::CaseOfPerson(std::string_view person) {
  auto rows = db_.Query("SELECT id FROM cases WHERE person = ? ORDER BY seq LIMIT 1",
                        {Text(std::string(person))});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front().Text(0));
}

Status CaseRepository::AddEvent(const CaseEvent& e) {
  return Done(db_.Execute(
      "INSERT INTO case_events (case_id, at, actor, action, from_state, to_state, result, field, "
      "detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Text(e.case_id), Text(e.at), Text(e.actor), Text(e.action), Text(e.from_state),
       Text(e.to_state), Text(e.result), Text(e.field), Text(e.detail)}));
}

Result<std::vector<CaseEvent>> CaseRepository::Events(std::string_view case_id) {
  auto rows = db_.Query(
      "SELECT case_id, at, actor, action, from_state, to_state, result, field, detail "
      "FROM case_events WHERE case_id = ? ORDER BY id",
      {Text(std::string(case_id))});
  if (!rows) return rows.error();
  std::vector<CaseEvent> out;
  for (const Row& r : *rows) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                   r.Text(7), r.Text(8)});
  }
  return out;
}

Status CaseRepository::InsertItem(const CarePlanItemRow& i) {
  return Done(
      db_.Execute(std::string("INSERT INTO care_plan_items (") + kItemColumns +
                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {Text(i.id), Text(i.case_id), Text(i.domain), Text(i.responsible_organisation),
                   Text(i.status), OptText(i.due_on), OptText(i.description), Text(i.created_by),
                   Text(i.created_at), Text(i.updated_at)}));
}

Status CaseRepository::UpdateItem(const CarePlanItemRow& i) {
  auto r = db_.Execute(
      "UPDATE care_plan_items SET responsible_organisation = ?, status = ?, due_on = ?, "
      "description = ?, updated_at = ? WHERE id = ?",
      {Text(i.responsible_organisation), Text(i.status), OptText(i.due_on), OptText(i.description),
       Text(i.updated_at), Text(i.id)});
  if (!r) return r.error();
  if (*r == 0) return Error::NotFound("no such care-plan item");
  return {};
}

Result<std::optional<CarePlanItemRow>> CaseRepository::FindItem(std::string_view id) {
  auto rows =
      db_.Query(std::string("SELECT ") + kItemColumns + " FROM care_plan_items WHERE id = ?",
                {Text(std::string(id))});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<CarePlanItemRow>();
  return std::optional<CarePlanItemRow>(ItemFromRow(rows->front()));
}

Result<std::vector<CarePlanItemRow>> CaseRepository::ItemsOf(
    const std::vector<std::string>& case_ids) {
  std::vector<CarePlanItemRow> out;
  if (case_ids.empty()) return out;
  std::vector<Value> params;
  for (const auto& id : case_ids) params.push_back(Text(id));
  auto rows =
      db_.Query(std::string("SELECT ") + kItemColumns + " FROM care_plan_items WHERE case_id IN (" +
                    Placeholders(case_ids.size()) + ") ORDER BY created_at, rowid",
                params);
  if (!rows) return rows.error();
  for (const Row& r : *rows) out.push_back(ItemFromRow(r));
  return out;
}

Result<std::optional<CaseErasure>> CaseRepository::ErasureOf(std::string_view case_id) {
  auto rows = db_.Query(
      "SELECT erased_on, closed_on, retention_months, person_kept FROM case_erasures "
      "WHERE case_id = ?",
      {Text(std::string(case_id))});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<CaseErasure>();
  const Row& r = rows->front();
  return std::optional<CaseErasure>(CaseErasure{r.Text(0), r.Text(1), r.Int(2), r.Int(3) != 0});
}

}  // namespace schakel::store
