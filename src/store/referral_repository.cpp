#include "store/referral_repository.h"

#include <nlohmann/json.hpp>

namespace schakel::store {

namespace {

constexpr const char* kColumns =
    "id, case_id, kind, to_organisation, to_region, field_groups, consent_recorded, "
    "consent_override, state, reason, created_by, created_at, updated_by, updated_at";

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

ReferralRecord RecordFrom(const Row& r) {
  ReferralRecord out;
  out.id = r.Text(0);
  out.case_id = r.Text(1);
  out.kind = r.Text(2);
  out.to_organisation = r.Text(3);
  out.to_region = r.OptText(4);
  out.field_groups = ListFrom(r.Text(5));
  out.consent_recorded = r.Int(6) != 0;
  out.consent_override = r.OptText(7);
  out.state = r.Text(8);
  out.reason = r.OptText(9);
  out.created_by = r.Text(10);
  out.created_at = r.Text(11);
  out.updated_by = r.Text(12);
  out.updated_at = r.Text(13);
  return out;
}

Result<std::vector<ReferralRecord>> Records(Result<Rows> rows) {
  if (!rows) return rows.error();
  std::vector<ReferralRecord> out;
  for (const Row& r : *rows) out.push_back(RecordFrom(r));
  return out;
}

}  // namespace

Status ReferralRepository::Insert(const ReferralRecord& r) {
  auto n = db_.Execute(
      std::string("INSERT INTO referrals (") + kColumns +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Text(r.id), Text(r.case_id), Text(r.kind), Text(r.to_organisation), OptText(r.to_region),
       Text(ListJson(r.field_groups)), Int(r.consent_recorded ? 1 : 0), OptText(r.consent_override),
       Text(r.state), OptText(r.reason), Text(r.created_by), Text(r.created_at), Text(r.updated_by),
       Text(r.updated_at)});
  if (!n) return n.error();
  return {};
}

Status ReferralRepository::UpdateState(const ReferralRecord& r, std::string_view from_state) {
  auto n = db_.Execute(
      "UPDATE referrals SET state = ?, reason = ?, updated_by = ?, updated_at = ? "
      "WHERE id = ? AND state = ?",
      {Text(r.state), OptText(r.reason), Text(r.updated_by), Text(r.updated_at), Text(r.id),
       Text(std::string(from_state))});
  if (!n) return n.error();
  if (*n != 1) return Error::Conflict("the referral was changed in the meantime; reload it");
  return {};
}

Result<std::optional<ReferralRecord>> ReferralRepository::Find(std::string_view id) {
  auto list = Records(db_.Query(std::string("SELECT ") + kColumns + " FROM referrals WHERE id = ?",
                                {Text(std::string(id))}));
  if (!list) return list.error();
  if (list->empty()) return std::optional<ReferralRecord>();
  return std::optional<ReferralRecord>(std::move(list->front()));
}

Result<std::vector<ReferralRecord>> ReferralRepository::OfCase(std::string_view case_id) {
  return Records(db_.Query(std::string("SELECT ") + kColumns +
                               " FROM referrals WHERE case_id = ? ORDER BY created_at DESC, id",
                           {Text(std::string(case_id))}));
}

Result<std::vector<ReferralRecord>> ReferralRepository::To(
    const std::vector<std::string>& organisations) {
  std::vector<ReferralRecord> out;
  if (organisations.empty()) return out;
  std::string in;
  std::vector<Value> params;
  for (const auto& o : organisations) {
    in += in.empty() ? "?" : ", ?";
    params.push_back(Text(o));
  }
  return Records(db_.Query(std::string("SELECT ") + kColumns +
                               " FROM referrals WHERE to_organisation IN (" + in +
                               ") ORDER BY created_at DESC, id",
                           params));
}

}  // namespace schakel::store
