#include "store/identity_repository.h"

#include <fmt/format.h>

namespace schakel::store {

namespace {

Value S(std::string_view s) {
  return Text(std::string(s));
}

constexpr const char* kUserColumns =
    "id, organisation, username, display_name, password_hash, must_change_password, "
    "totp_secret, totp_pending, totp_last_step, created_at, created_by, password_changed_at, "
    "last_login_at, disabled_at";

UserRow UserFrom(const Row& r) {
  UserRow u;
  u.id = r.Text(0);
  u.organisation = r.Text(1);
  u.username = r.Text(2);
  u.display_name = r.Text(3);
  u.password_hash = r.Text(4);
  u.must_change_password = r.Int(5) != 0;
  u.totp_secret = r.OptText(6);
  u.totp_pending = r.OptText(7);
  u.totp_last_step = r.Int(8);
  u.created_at = r.Text(9);
  u.created_by = r.Text(10);
  u.password_changed_at = r.OptText(11);
  u.last_login_at = r.OptText(12);
  u.disabled_at = r.OptText(13);
  return u;
}

constexpr const char* kTokenColumns =
    "id, hash, organisation, label, roles, scopes, created_at, created_by, expires_at, "
    "revoked_at, last_used_at";

ApiTokenRow TokenFrom(const Row& r) {
  return {
      r.Text(0), r.Text(1), r.Text(2), r.Text(3),    SplitWords(r.Text(4)), SplitWords(r.Text(5)),
      r.Text(6), r.Text(7), r.Text(8), r.OptText(9), r.OptText(10)};
}

Status Done(const Result<int64_t>& r) {
  if (!r) return r.error();
  return {};
}

}  // namespace

std::string JoinWords(const std::set<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::set<std::string> SplitWords(std::string_view text) {
  std::set<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    if (end > pos) out.emplace(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

Result<bool> IdentityRepository::HoldsCaseData() {
  auto rows = db_.Query("SELECT (SELECT COUNT(*) FROM persons) + (SELECT COUNT(*) FROM signals)");
  if (!rows) return rows.error();
  return rows->front().Int(0) > 0;
}

Result<int64_t> IdentityRepository::CountUsers() {
  auto rows = db_.Query("SELECT COUNT(*) FROM users");
  if (!rows) return rows.error();
  return rows->front().Int(0);
}

Status IdentityRepository::InsertUser(const UserRow& u) {
  auto r = db_.Execute(
      std::string("INSERT INTO users (") + kUserColumns +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {S(u.id), S(u.organisation), S(u.username), S(u.display_name), S(u.password_hash),
       Int(u.must_change_password ? 1 : 0), OptText(u.totp_secret), OptText(u.totp_pending),
       Int(u.totp_last_step), S(u.created_at), S(u.created_by), OptText(u.password_changed_at),
       OptText(u.last_login_at), OptText(u.disabled_at)});
  if (!r) {
    if (r.error().code == ErrorCode::kConflict) {
      return Error{ErrorCode::kConflict, fmt::format("the username '{}' is taken", u.username),
                   "username"};
    }
    return r.error();
  }
  return SetRoles(u.id, u.roles);
}

Result<std::optional<UserRow>> IdentityRepository::FindUser(std::string_view id) {
  auto rows =
      db_.Query(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?", {S(id)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<UserRow>();
  UserRow u = UserFrom(rows->front());
  auto roles = db_.Query("SELECT role FROM user_roles WHERE user = ? ORDER BY role", {S(id)});
  if (!roles) return roles.error();
  for (const auto& r : *roles) u.roles.insert(r.Text(0));
  return std::optional<UserRow>(std::move(u));
}

Result<std::optional<UserRow>> IdentityRepository::FindUserByName(std::string_view username) {
  auto rows = db_.Query("SELECT id FROM users WHERE username = ?", {S(username)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<UserRow>();
  return FindUser(rows->front().Text(0));
}

Result<std::vector<UserRow>> IdentityRepository::ListUsers(
    const std::optional<std::string>& organisation) {
  auto rows =
      db_.Query(organisation ? "SELECT id FROM users WHERE organisation = ? ORDER BY username"
                             : "SELECT id FROM users ORDER BY organisation, username",
                organisation ? std::vector<Value>{S(*organisation)} : std::vector<Value>{});
  if (!rows) return rows.error();
  std::vector<UserRow> out;
  for (const auto& r : *rows) {
    auto u = FindUser(r.Text(0));
    if (!u) return u.error();
    if (*u) out.push_back(std::move(**u));
  }
  return out;
}

Status IdentityRepository::SetRoles(std::string_view id, const std::set<std::string>& roles) {
  if (Status s = Done(db_.Execute("DELETE FROM user_roles WHERE user = ?", {S(id)})); !s.ok()) {
    return s;
  }
  for (const auto& role : roles) {
    if (Status s = Done(
            db_.Execute("INSERT INTO user_roles (user, role) VALUES (?, ?)", {S(id), S(role)}));
        !s.ok()) {
      return s;
    }
  }
  return {};
}

Status IdentityRepository::SetPassword(std::string_view id, std::string_view hash, bool must_change,
                                       const std::optional<std::string>& changed_at) {
  return Done(db_.Execute(
      "UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ? "
      "WHERE id = ?",
      {S(hash), Int(must_change ? 1 : 0), OptText(changed_at), S(id)}));
}

Status IdentityRepository::SetTotp(std::string_view id, const std::optional<std::string>& secret,
                                   const std::optional<std::string>& pending, int64_t last_step) {
  return Done(db_.Execute(
      "UPDATE users SET totp_secret = ?, totp_pending = ?, totp_last_step = ? WHERE id = ?",
      {OptText(secret), OptText(pending), Int(last_step), S(id)}));
}

Status IdentityRepository::SetLastLogin(std::string_view id, std::string_view at) {
  return Done(db_.Execute("UPDATE users SET last_login_at = ? WHERE id = ?", {S(at), S(id)}));
}

Status IdentityRepository::SetDisabled(std::string_view id, const std::optional<std::string>& at) {
  return Done(db_.Execute("UPDATE users SET disabled_at = ? WHERE id = ?", {OptText(at), S(id)}));
}

Status IdentityRepository::InsertSession(const SessionRow& s) {
  return Done(db_.Execute(
      "INSERT INTO sessions (id_hash, user, stage, created_at, last_seen, address) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {S(s.id_hash), S(s.user), S(s.stage), S(s.created_at), S(s.last_seen), S(s.address)}));
}

Result<std::optional<SessionRow>> IdentityRepository::FindSession(std::string_view id_hash) {
  auto rows = db_.Query(
      "SELECT id_hash, user, stage, created_at, last_seen, address FROM sessions "
      "WHERE id_hash = ?",
      {S(id_hash)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<SessionRow>();
  const Row& r = rows->front();
  return std::optional<SessionRow>(
      SessionRow{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
}

Status IdentityRepository::TouchSession(std::string_view id_hash, std::string_view at) {
  return Done(
      db_.Execute("UPDATE sessions SET last_seen = ? WHERE id_hash = ?", {S(at), S(id_hash)}));
}

Status IdentityRepository::DeleteSession(std::string_view id_hash) {
  return Done(db_.Execute("DELETE FROM sessions WHERE id_hash = ?", {S(id_hash)}));
}

Result<int64_t> IdentityRepository::DeleteSessionsOf(std::string_view user) {
  return db_.Execute("DELETE FROM sessions WHERE user = ?", {S(user)});
}

Result<FailureCount> IdentityRepository::Failures(std::string_view key, std::string_view since) {
  auto rows = db_.Query("SELECT COUNT(*), MAX(at) FROM login_failures WHERE key = ? AND at >= ?",
                        {S(key), S(since)});
  if (!rows) return rows.error();
  return FailureCount{static_cast<int>(rows->front().Int(0)), rows->front().OptText(1)};
}

Status IdentityRepository::AddFailure(std::string_view key, std::string_view at) {
  return Done(db_.Execute("INSERT INTO login_failures (key, at) VALUES (?, ?)", {S(key), S(at)}));
}

Status IdentityRepository::ClearFailures(std::string_view key) {
  return Done(db_.Execute("DELETE FROM login_failures WHERE key = ?", {S(key)}));
}

Status IdentityRepository::PurgeFailuresBefore(std::string_view at) {
  return Done(db_.Execute("DELETE FROM login_failures WHERE at < ?", {S(at)}));
}

Status IdentityRepository::InsertToken(const ApiTokenRow& t) {
  return Done(db_.Execute(std::string("INSERT INTO api_tokens (") + kTokenColumns +
                              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          {S(t.id), S(t.hash), S(t.organisation), S(t.label), S(JoinWords(t.roles)),
                           S(JoinWords(t.scopes)), S(t.created_at), S(t.created_by),
                           S(t.expires_at), OptText(t.revoked_at), OptText(t.last_used_at)}));
}

Result<std::optional<ApiTokenRow>> IdentityRepository::FindToken(std::string_view id) {
  auto rows =
      db_.Query(std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE id = ?", {S(id)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<ApiTokenRow>();
  return std::optional<ApiTokenRow>(TokenFrom(rows->front()));
}

Result<std::optional<ApiTokenRow>> IdentityRepository::FindTokenByHash(std::string_view hash) {
  auto rows = db_.Query(std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE hash = ?",
                        {S(hash)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<ApiTokenRow>();
  return std::optional<ApiTokenRow>(TokenFrom(rows->front()));
}

Result<std::vector<ApiTokenRow>> IdentityRepository::ListTokens(std::string_view organisation) {
  auto rows = db_.Query(std::string("SELECT ") + kTokenColumns +
                            " FROM api_tokens WHERE organisation = ? ORDER BY created_at DESC",
                        {S(organisation)});
  if (!rows) return rows.error();
  std::vector<ApiTokenRow> out;
  for (const auto& r : *rows) out.push_back(TokenFrom(r));
  return out;
}

Status IdentityRepository::RevokeToken(std::string_view id, std::string_view at) {
  return Done(db_.Execute(
      "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", {S(at), S(id)}));
}

Status IdentityRepository::TouchToken(std::string_view id, std::string_view at) {
  return Done(db_.Execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {S(at), S(id)}));
}

Result<std::optional<std::string>> IdentityRepository::Setting(std::string_view name) {
  auto rows = db_.Query("SELECT value FROM settings WHERE name = ?", {S(name)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->front().Text(0));
}

Status IdentityRepository::SetSetting(std::string_view name, std::string_view value) {
  return Done(
      db_.Execute("INSERT INTO settings (name, value) VALUES (?, ?) "
                  "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                  {S(name), S(value)}));
}

}  // namespace schakel::store
