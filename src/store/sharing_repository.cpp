#include "store/sharing_repository.h"

#include <nlohmann/json.hpp>

namespace schakel::store {

namespace {

constexpr const char* kGrantColumns =
    "id, case_id, partner_organisation, purpose, legal_basis, field_groups, granted_on, "
    "expires_on, consent_recorded, override_reason, granted_by, granted_at, revoked_on, "
    "revoked_by, revoked_at, revoke_reason";
constexpr const char* kConferenceColumns =
    "id, region, held_on, title, minutes, created_by, created_at, updated_at";

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

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

GrantRecord GrantFrom(const Row& r) {
  GrantRecord g;
  g.id = r.Text(0);
  g.case_id = r.Text(1);
  g.partner_organisation = r.Text(2);
  g.purpose = r.Text(3);
  g.legal_basis = r.Text(4);
  g.field_groups = ListFrom(r.Text(5));
  g.granted_on = r.Text(6);
  g.expires_on = r.Text(7);
  g.consent_recorded = r.Int(8) != 0;
  g.override_reason = r.OptText(9);
  g.granted_by = r.Text(10);
  g.granted_at = r.Text(11);
  g.revoked_on = r.OptText(12);
  g.revoked_by = r.OptText(13);
  g.revoked_at = r.OptText(14);
  g.revoke_reason = r.OptText(15);
  return g;
}

Result<std::vector<GrantRecord>> Grants(Result<Rows> rows) {
  if (!rows) return rows.error();
  std::vector<GrantRecord> out;
  for (const Row& r : *rows) out.push_back(GrantFrom(r));
  return out;
}

ConferenceRecord ConferenceFrom(const Row& r) {
  ConferenceRecord c;
  c.id = r.Text(0);
  c.region = r.Text(1);
  c.held_on = r.Text(2);
  c.title = r.Text(3);
  c.minutes = r.OptText(4);
  c.created_by = r.Text(5);
  c.created_at = r.Text(6);
  c.updated_at = r.Text(7);
  return c;
}

}  // namespace

Status SharingRepository::Insert(const GrantRecord& g) {
  auto r =
      db_.Execute(std::string("INSERT INTO sharing_grants (") + kGrantColumns +
                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {Text(g.id), Text(g.case_id), Text(g.partner_organisation), Text(g.purpose),
                   Text(g.legal_basis), Text(ListJson(g.field_groups)), Text(g.granted_on),
                   Text(g.expires_on), Int(g.consent_recorded ? 1 : 0), OptText(g.override_reason),
                   Text(g.granted_by), Text(g.granted_at), OptText(g.revoked_on),
                   OptText(g.revoked_by), OptText(g.revoked_at), OptText(g.revoke_reason)});
  if (!r) return r.error();
  return {};
}

Result<std::optional<GrantRecord>> SharingRepository::Find(std::string_view id) {
  auto rows =
      db_.Query(std::string("SELECT ") + kGrantColumns + " FROM sharing_grants WHERE id = ?",
                {Text(std::string(id))});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<GrantRecord>();
  return std::optional<GrantRecord>(GrantFrom(rows->front()));
}

Result<std::vector<GrantRecord>> SharingRepository::ForCase(std::string_view case_id) {
  return Grants(db_.Query(std::string("SELECT ") + kGrantColumns +
                              " FROM sharing_grants WHERE case_id = ? ORDER BY granted_at DESC",
                          {Text(std::string(case_id))}));
}

Result<std::vector<GrantRecord>> SharingRepository::ForPartner(std::string_view organisation) {
  return Grants(
      db_.Query(std::string("SELECT ") + kGrantColumns +
                    " FROM sharing_grants WHERE partner_organisation = ? ORDER BY granted_at DESC",
                {Text(std::string(organisation))}));
}

Status SharingRepository::Revoke(std::string_view id, std::string_view revoked_on,
                                 std::string_view revoked_by, std::string_view revoked_at,
                                 const std::optional<std::string>& reason) {
  auto changed = db_.Execute(
      "UPDATE sharing_grants SET revoked_on = ?, revoked_by = ?, revoked_at = ?, "
      "revoke_reason = ? WHERE id = ? AND revoked_on IS NULL",
      {Text(std::string(revoked_on)), Text(std::string(revoked_by)), Text(std::string(revoked_at)),
       OptText(reason), Text(std::string(id))});
  if (!changed) return changed.error();
  if (*changed != 1) return Error::Conflict("the grant was already revoked");
  return {};
}

Status ConferenceRepository::Insert(const ConferenceRecord& c) {
  auto r =
      db_.Execute(std::string("INSERT INTO case_conferences (") + kConferenceColumns +
                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  {Text(c.id), Text(c.region), Text(c.held_on), Text(c.title), OptText(c.minutes),
                   Text(c.created_by), Text(c.created_at), Text(c.updated_at)});
  if (!r) return r.error();
  for (const std::string& org : c.participants) {
    auto p =
        db_.Execute("INSERT INTO conference_participants (conference, organisation) VALUES (?, ?)",
                    {Text(c.id), Text(org)});
    if (!p) return p.error();
  }
  for (size_t i = 0; i < c.agenda.size(); ++i) {
    auto a = db_.Execute(
        "INSERT INTO conference_agenda (conference, position, case_id) VALUES (?, ?, ?)",
        {Text(c.id), Int(static_cast<int64_t>(i)), Text(c.agenda[i])});
    if (!a) return a.error();
  }
  return {};
}

Result<ConferenceRecord> ConferenceRepository::WithMembers(ConferenceRecord c) {
  auto participants = db_.Query(
      "SELECT organisation FROM conference_participants WHERE conference = ? "
      "ORDER BY organisation",
      {Text(c.id)});
  if (!participants) return participants.error();
  for (const Row& r : *participants) c.participants.push_back(r.Text(0));
  auto agenda = db_.Query(
      "SELECT case_id FROM conference_agenda WHERE conference = ? ORDER BY position", {Text(c.id)});
  if (!agenda) return agenda.error();
  for (const Row& r : *agenda) c.agenda.push_back(r.Text(0));
  return c;
}

Result<std::optional<ConferenceRecord>> ConferenceRepository::Find(std::string_view id) {
  auto rows =
      db_.Query(std::string("SELECT ") + kConferenceColumns + " FROM case_conferences WHERE id = ?",
                {Text(std::string(id))});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<ConferenceRecord>();
  auto full = WithMembers(ConferenceFrom(rows->front()));
  if (!full) return full.error();
  return std::optional<ConferenceRecord>(std::move(full).value());
}

Result<std::vector<ConferenceRecord>> ConferenceRepository::List(
    const std::vector<std::string>& regions, const std::vector<std::string>& participants) {
  std::vector<ConferenceRecord> out;
  if (regions.empty() && participants.empty()) return out;
  std::string sql = std::string("SELECT ") + kConferenceColumns + " FROM case_conferences WHERE ";
  std::vector<Value> params;
  std::string region_clause = "region IN (" + Placeholders(regions.size()) + ")";
  std::string participant_clause =
      "id IN (SELECT conference FROM conference_participants WHERE organisation IN (" +
      Placeholders(participants.size()) + "))";
  if (!regions.empty() && !participants.empty()) {
    sql += "(" + region_clause + " OR " + participant_clause + ")";
  } else {
    sql += regions.empty() ? participant_clause : region_clause;
  }
  for (const auto& r : regions) params.push_back(Text(r));
  for (const auto& p : participants) params.push_back(Text(p));
  sql += " ORDER BY held_on DESC, created_at DESC";
  auto rows = db_.Query(sql, params);
  if (!rows) return rows.error();
  for (const Row& r : *rows) {
    auto full = WithMembers(ConferenceFrom(r));
    if (!full) return full.error();
    out.push_back(std::move(full).value());
  }
  return out;
}

Status ConferenceRepository::SetMinutes(std::string_view id,
                                        const std::optional<std::string>& minutes,
                                        std::string_view updated_at) {
  auto r = db_.Execute("UPDATE case_conferences SET minutes = ?, updated_at = ? WHERE id = ?",
                       {OptText(minutes), Text(std::string(updated_at)), Text(std::string(id))});
  if (!r) return r.error();
  if (*r != 1) return Error::NotFound("no case conference with this id");
  return {};
}

Status ConferenceRepository::AddDecision(const ConferenceDecisionRecord& d) {
  auto r = db_.Execute(
      "INSERT INTO conference_decisions (id, conference, case_id, text, domain, "
      "responsible_organisation, due_on, care_plan_item, decided_by, decided_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Text(d.id), Text(d.conference), Text(d.case_id), Text(d.text), Text(d.domain),
       Text(d.responsible_organisation), OptText(d.due_on), Text(d.care_plan_item),
       Text(d.decided_by), Text(d.decided_at)});
  if (!r) return r.error();
  return {};
}

Result<std::vector<ConferenceDecisionRecord>> ConferenceRepository::Decisions(
    std::string_view conference) {
  auto rows = db_.Query(
      "SELECT id, conference, case_id, text, domain, responsible_organisation, due_on, "
      "care_plan_item, decided_by, decided_at FROM conference_decisions WHERE conference = ? "
      "ORDER BY decided_at, id",
      {Text(std::string(conference))});
  if (!rows) return rows.error();
  std::vector<ConferenceDecisionRecord> out;
  for (const Row& r : *rows) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.OptText(6),
                   r.Text(7), r.Text(8), r.Text(9)});
  }
  return out;
}

}  // namespace schakel::store
