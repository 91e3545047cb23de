#include "store/signal_repository.h"

#include <nlohmann/json.hpp>

namespace schakel::store {

namespace {

constexpr const char* kColumns =
    "id, seq, organisation, created_by, created_at, reference_hash, status, channel, urgency, "
    "observed_on, observed_municipality, postal_area, forms, indicators, risk_factors, "
    "victim_age, victim_age_group, victim_gender, victim_nationality, victim_language, "
    "victim_living_at_home, description, victim_identity, perpetrators, assessment, "
    "assessment_notes, outcome, labour_position, forwarded_to, forwarded_region, "
    "closing_reason, updated_at, submitted_at";
constexpr const char* kMutableAssignments =
    "status = ?, channel = ?, urgency = ?, observed_on = ?, observed_municipality = ?, "
    "postal_area = ?, forms = ?, indicators = ?, risk_factors = ?, victim_age = ?, "
    "victim_age_group = ?, victim_gender = ?, victim_nationality = ?, victim_language = ?, "
    "victim_living_at_home = ?, description = ?, victim_identity = ?, perpetrators = ?, "
    "assessment = ?, assessment_notes = ?, outcome = ?, labour_position = ?, forwarded_to = ?, "
    "forwarded_region = ?, closing_reason = ?, updated_at = ?, submitted_at = ?";

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

std::vector<Value> MutableValues(const SignalRecord& s) {
  const SignalFacts& f = s.facts;
  const SignalContent& c = s.sealed;
  return {Text(f.status),
          OptText(f.channel),
          OptText(f.urgency),
          OptText(f.observed_on),
          OptText(f.observed_municipality),
          OptText(f.postal_area),
          Text(ListJson(f.forms)),
          Text(ListJson(f.indicators)),
          Text(ListJson(f.risk_factors)),
          f.victim_age ? Int(*f.victim_age) : Null(),
          Text(f.victim_age_group),
          OptText(f.victim_gender),
          OptText(f.victim_nationality),
          OptText(f.victim_language),
          Int(f.victim_living_at_home ? 1 : 0),
          OptText(c.description),
          OptText(c.victim_identity),
          OptText(c.perpetrators),
          OptText(f.assessment),
          OptText(c.assessment_notes),
          OptText(f.outcome),
          OptText(f.labour_position),
          OptText(f.forwarded_to),
          OptText(f.forwarded_region),
          OptText(f.closing_reason),
          Text(f.updated_at),
          OptText(f.submitted_at)};
}

SignalRecord FromRow(const Row& r) {
  SignalRecord s;
  SignalFacts& f = s.facts;
  SignalContent& c = s.sealed;
  f.id = r.Text(0);
  f.seq = r.Int(1);
  f.organisation = r.Text(2);
  f.created_by = r.Text(3);
  f.created_at = r.Text(4);
  s.reference_hash = r.OptText(5);
  f.status = r.Text(6);
  f.channel = r.OptText(7);
  f.urgency = r.OptText(8);
  f.observed_on = r.OptText(9);
  f.observed_municipality = r.OptText(10);
  f.postal_area = r.OptText(11);
  f.forms = ListFrom(r.Text(12));
  f.indicators = ListFrom(r.Text(13));
  f.risk_factors = ListFrom(r.Text(14));
  if (!r.IsNull(15)) f.victim_age = r.Int(15);
  f.victim_age_group = r.Text(16);
  f.victim_gender = r.OptText(17);
  f.victim_nationality = r.OptText(18);
  f.victim_language = r.OptText(19);
  f.victim_living_at_home = r.Int(20) != 0;
  c.description = r.OptText(21);
  c.victim_identity = r.OptText(22);
  c.perpetrators = r.OptText(23);
  f.assessment = r.OptText(24);
  c.assessment_notes = r.OptText(25);
  f.outcome = r.OptText(26);
  f.labour_position = r.OptText(27);
  f.forwarded_to = r.OptText(28);
  f.forwarded_region = r.OptText(29);
  f.closing_reason = r.OptText(30);
  f.updated_at = r.Text(31);
  f.submitted_at = r.OptText(32);
  return s;
}

Result<std::optional<SignalRecord>> FirstOf(Result<Rows> rows) {
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<SignalRecord>();
  return std::optional<SignalRecord>(FromRow(rows->front()));
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

}  // namespace

Result<int64_t> SignalRepository::NextSeq() {
  auto rows = db_.Query("SELECT COALESCE(MAX(seq), 0) + 1 FROM signals");
  if (!rows) return rows.error();
  return rows->front().Int(0);
}

Status SignalRepository::Insert(const SignalRecord& s) {
  std::vector<Value> values = {Text(s.facts.id),           Int(s.facts.seq),
                               Text(s.facts.organisation), Text(s.facts.created_by),
                               Text(s.facts.created_at),   OptText(s.reference_hash)};
  for (Value& v : MutableValues(s)) values.push_back(std::move(v));
  auto r = db_.Execute(std::string("INSERT INTO signals (") + kColumns + ") VALUES (" +
                           Placeholders(values.size()) + ")",
                       values);
  if (!r) return r.error();
  return {};
}

Status SignalRepository::Update(const SignalRecord& s) {
  std::vector<Value> values = MutableValues(s);
  values.push_back(Text(s.facts.id));
  auto r = db_.Execute(std::string("UPDATE signals SET ") + kMutableAssignments + " WHERE id = ?",
                       values);
  if (!r) return r.error();
  if (*r == 0) return Error::NotFound("no such signal");
  return {};
}

Result<std::optional<SignalRecord>> SignalRepository::Find(std::string_view id) {
  return FirstOf(db_.Query(std::string("SELECT ") + kColumns + " FROM signals WHERE id = ?",
                           {Text(std::string(id))}));
}

Result<std::optional<SignalRecord>> SignalRepository::FindBySeq(int64_t seq) {
  return FirstOf(
      db_.Query(std::string("SELECT ") + kColumns + " FROM signals WHERE seq = ?", {Int(seq)}));
}

Result<std::optional<SignalRecord>> SignalRepository::FindByReferenceHash(std::string_view hash) {
  return FirstOf(
      db_.Query(std::string("SELECT ") + kColumns + " FROM signals WHERE reference_hash = ?",
                {Text(std::string(hash))}));
}

Result<std::vector<SignalRecord>> SignalRepository::List(const SignalQuery& q) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM signals WHERE 1 = 1";
  std::vector<Value> params;
  if (!q.organisations.empty()) {
    sql += " AND organisation IN (" + Placeholders(q.organisations.size()) + ")";
    for (const auto& o : q.organisations) params.push_back(Text(o));
  }
  if (q.created_by) {
    sql += " AND created_by = ?";
    params.push_back(Text(*q.created_by));
  }
  if (!q.statuses.empty()) {
    sql += " AND status IN (" + Placeholders(q.statuses.size()) + ")";
    for (const auto& s : q.statuses) params.push_back(Text(s));
  }
  if (!q.include_drafts) sql += " AND status <> 'draft'";
  sql += " ORDER BY created_at DESC, seq DESC LIMIT ?";
  params.push_back(Int(q.limit));
  auto rows = db_.Query(sql, params);
  if (!rows) return rows.error();
  std::vector<SignalRecord> out;
  out.reserve(rows->size());
  for (const Row& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<std::vector<std::string>> SignalRepository::SubmittedDates(std::string_view organisation,
                                                                  std::string_view channel) {
  auto rows = db_.Query(
      "SELECT substr(submitted_at, 1, 10) FROM signals WHERE organisation = ? AND channel = ? "
      "AND submitted_at IS NOT NULL ORDER BY submitted_at",
      {Text(std::string(organisation)), Text(std::string(channel))});
  if (!rows) return rows.error();
  std::vector<std::string> out;
  for (const Row& r : *rows) out.push_back(r.Text(0));
  return out;
}

Status SignalRepository::AddEvent(const SignalEvent& e) {
  auto r = db_.Execute(
      "INSERT INTO signal_events (signal, at, actor, action, from_status, to_status, detail) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {Text(e.signal), Text(e.at), Text(e.actor), Text(e.action), Text(e.from_status),
       Text(e.to_status), Text(e.detail)});
  if (!r) return r.error();
  return {};
}

Result<std::vector<SignalEvent>> SignalRepository::Events(std::string_view signal) {
  auto rows = db_.Query(
      "SELECT signal, at, actor, action, from_status, to_status, detail FROM signal_events "
      "WHERE signal = ? ORDER BY id",
      {Text(std::string(signal))});
  if (!rows) return rows.error();
  std::vector<SignalEvent> out;
  for (const Row& r : *rows) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6)});
  }
  return out;
}

Status SignalRepository::AddAddition(const SignalAddition& a) {
  auto r =
      db_.Execute("INSERT INTO signal_additions (id, signal, added_at, text) VALUES (?, ?, ?, ?)",
                  {Text(a.id), Text(a.signal), Text(a.added_at), Text(a.text)});
  if (!r) return r.error();
  return {};
}

Result<std::vector<SignalAddition>> SignalRepository::Additions(std::string_view signal) {
  auto rows = db_.Query(
      "SELECT id, signal, added_at, text FROM signal_additions WHERE signal = ? ORDER BY added_at, "
      "id",
      {Text(std::string(signal))});
  if (!rows) return rows.error();
  std::vector<SignalAddition> out;
  for (const Row& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
  return out;
}

}  // namespace schakel::store
