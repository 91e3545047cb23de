// Users, their roles, sessions, failed-login counters and API tokens. Secrets arrive here
// already hashed (passwords, session ids, API tokens) or encrypted (TOTP secrets); this
// repository never sees them in clear.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/db.h"

namespace schakel::store {

struct UserRow {
  std::string id;
  std::string organisation;
  std::string username;
  std::string display_name;
  std::string password_hash;
  bool must_change_password = true;
  std::optional<std::string> totp_secret;   // encrypted
  std::optional<std::string> totp_pending;  // encrypted, during enrolment
  int64_t totp_last_step = 0;
  std::string created_at;
  std::string created_by;
  std::optional<std::string> password_changed_at;
  std::optional<std::string> last_login_at;
  std::optional<std::string> disabled_at;
  std::set<std::string> roles;
};

struct SessionRow {
  std::string id_hash;
  std::string user;
  std::string stage;
  std::string created_at;
  std::string last_seen;
  std::string address;
};

struct ApiTokenRow {
  std::string id;
  std::string hash;
  std::string organisation;
  std::string label;
  std::set<std::string> roles;
  std::set<std::string> scopes;
  std::string created_at;
  std::string created_by;
  std::string expires_at;
  std::optional<std::string> revoked_at;
  std::optional<std::string> last_used_at;
};

struct FailureCount {
  int count = 0;
  std::optional<std::string> last;  // timestamp of the newest failure
};

class IdentityRepository {
 public:
  explicit IdentityRepository(Db& db) : db_(db) {}

  Result<int64_t> CountUsers();
  // Inserts the user with its roles. kConflict when the username is taken.
  Status InsertUser(const UserRow& user);
  Result<std::optional<UserRow>> FindUser(std::string_view id);
  Result<std::optional<UserRow>> FindUserByName(std::string_view username);
  // Users of one organisation (or all), by username.
  Result<std::vector<UserRow>> ListUsers(const std::optional<std::string>& organisation);
  Status SetRoles(std::string_view id, const std::set<std::string>& roles);
  Status SetPassword(std::string_view id, std::string_view hash, bool must_change,
                     const std::optional<std::string>& changed_at);
  Status SetTotp(std::string_view id, const std::optional<std::string>& secret,
                 const std::optional<std::string>& pending, int64_t last_step);
  Status SetLastLogin(std::string_view id, std::string_view at);
  Status SetDisabled(std::string_view id, const std::optional<std::string>& at);

  Status InsertSession(const SessionRow& session);
  Result<std::optional<SessionRow>> FindSession(std::string_view id_hash);
  Status TouchSession(std::string_view id_hash, std::string_view at);
  Status DeleteSession(std::string_view id_hash);
  // Returns how many sessions ended.
  Result<int64_t> DeleteSessionsOf(std::string_view user);

  // Failures under `key` at or after `since`.
  Result<FailureCount> Failures(std::string_view key, std::string_view since);
  Status AddFailure(std::string_view key, std::string_view at);
  Status ClearFailures(std::string_view key);
  Status PurgeFailuresBefore(std::string_view at);

  Status InsertToken(const ApiTokenRow& token);
  Result<std::optional<ApiTokenRow>> FindToken(std::string_view id);
  Result<std::optional<ApiTokenRow>> FindTokenByHash(std::string_view hash);
  Result<std::vector<ApiTokenRow>> ListTokens(std::string_view organisation);
  Status RevokeToken(std::string_view id, std::string_view at);
  Status TouchToken(std::string_view id, std::string_view at);

  Result<std::optional<std::string>> Setting(std::string_view name);
  // Whether any person or signal is stored (demo mode may only start on an empty installation).
  Result<bool> HoldsCaseData();
  Status SetSetting(std::string_view name, std::string_view value);

 private:
  Db& db_;
};

// "a b c" ↔ {"a", "b", "c"}: how role and scope sets are stored in one column.
std::string JoinWords(const std::set<std::string>& words);
std::set<std::string> SplitWords(std::string_view text);

}  // namespace schakel::store
