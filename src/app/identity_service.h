// Identity use cases: the first administrator, login with password and second factor (TOTP),
// sessions, password changes, users and their roles, API tokens for partner systems.
//
// A login passes through stages (SessionStage). The password step opens a session that may only
// take the next step: change a one-time password, enrol TOTP (mandatory for admins and every role
// that sees personal data, policy.h SeesPersonalData), or enter a TOTP code. Only a kFull
// session acts for the user. Every step that moves a session forward issues a new session
// token (the old one stops working), so a token seen before login is worthless after it.
//
// Every authentication decision is an audit event (action login / totp / password_change /
// logout / session, result success or failure; for unknown user names the actor is
// "unknown"). Every management action is authorized by the policy and audited.
// Login failures (wrong password, wrong code, unknown user) all give the same message.
// Thread-safe: each call takes its own connection from the Database.
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "app/policy.h"
#include "domain/clock.h"
#include "security/key_file.h"
#include "security/login_throttle.h"
#include "security/password_hash.h"
#include "security/password_policy.h"
#include "security/session_token.h"
#include "store/db.h"

namespace schakel::app {

enum class SessionStage { kPasswordChange, kTotpEnrol, kTotp, kFull };
const char* SessionStageName(SessionStage stage);

struct IdentityOptions {
  security::Argon2Limits argon2 = security::Argon2Limits::Interactive();
  security::SessionLimits session;
  security::ThrottlePolicy throttle;
  std::string issuer_label = "Schakel";  // shown in authenticator apps
  // Until when a new API token is valid when the caller names no date.
  std::chrono::hours default_token_lifetime{24 * 90};
};

// A user as the rest of the system sees it: never the password hash or TOTP secret.
struct UserView {
  std::string id;
  std::string organisation;
  std::string organisation_name;
  std::string username;
  std::string display_name;
  std::set<Role> roles;
  bool must_change_password = false;
  bool totp_enrolled = false;
  bool totp_required = false;
  bool disabled = false;
  std::string created_at;
  std::string last_login_at;  // "" = never
};

// What a login step gives the browser: a new session token (for the cookie) and where the user
// stands. `token` is the only copy of the secret; the database stores its hash.
struct SessionGrant {
  std::string token;
  SessionStage stage = SessionStage::kFull;
};

// A valid session: the user, the stage and, only for kFull, the actor to pass to use cases.
struct SessionContext {
  UserView user;
  SessionStage stage = SessionStage::kFull;
  std::string csrf_token;  // for every state-changing form of this session
  Actor actor;             // principal empty unless stage == kFull
};

struct TotpEnrolment {
  std::string secret_base32;  // shown as text, for people who cannot scan
  std::string otpauth_uri;
  std::string qr_svg;  // inline SVG, safe under the strict CSP
};

struct NewUser {
  std::string organisation;
  std::string username;      // 3..64 of a-z 0-9 . _ - @
  std::string display_name;  // 1..120 characters
  std::set<Role> roles;      // at least one; admin not together with a personal-data role
};

// A one-time password: shown once to the admin who created or reset the account; the user must
// change it at first login.
struct IssuedPassword {
  UserView user;
  std::string one_time_password;
};

struct FirstAdmin {
  std::string username;
  std::string one_time_password;
  std::string organisation;
};

struct ApiTokenView {
  std::string id;
  std::string organisation;
  std::string label;
  std::set<Role> roles;
  std::set<Action> scopes;
  std::string created_at;
  std::string created_by;
  std::string expires_at;
  std::string revoked_at;    // "" = not revoked
  std::string last_used_at;  // "" = never
};

struct NewApiToken {
  std::string organisation;
  std::string label;
  std::set<Role> roles;                   // what the partner system acts as
  std::set<Action> scopes;                // at least one; only these actions, within the roles
  std::optional<std::string> expires_at;  // ISO date; default now + default_token_lifetime
};

struct IssuedApiToken {
  ApiTokenView token;
  std::string secret;  // "skl_…", shown once
};

class IdentityService {
 public:
  IdentityService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                  const security::KeyRing& keys, const security::CommonPasswords& common,
                  IdentityOptions options = {});

  // On a database without users: creates the organisation `organisation_code` (kind national,
  // when missing) and the user "admin" with roles {admin} and a random one-time password, and
  // returns it — the only time it exists in clear. Returns nullopt when any user exists.
  Result<std::optional<FirstAdmin>> EnsureFirstAdmin(std::string_view organisation_code,
                                                     std::string_view organisation_name);

  // --- Login steps (address: the client address, for throttling and audit) -----------------
  // Password step. Unknown user, wrong password, disabled account, throttled: kForbidden with
  // one generic message (throttled says when to try again, without saying whether the account
  // exists).
  Result<SessionGrant> Login(std::string_view username, std::string_view password,
                             std::string_view address);
  // Looks up a session token: checks timeouts (expired sessions are deleted), refreshes
  // last-seen. kForbidden when unknown or expired.
  Result<SessionContext> Authenticate(std::string_view token, std::string_view address,
                                      std::string_view correlation_id = {});
  // Stage kTotp: the code from the authenticator app (a code works once).
  Result<SessionGrant> VerifyTotp(std::string_view token, std::string_view code,
                                  std::string_view address);
  // Stage kTotpEnrol (or kFull, to re-enrol): a new secret, kept pending until confirmed.
  Result<TotpEnrolment> BeginTotpEnrolment(std::string_view token);
  // Confirms the pending secret with a code from the app; the secret becomes the user's.
  Result<SessionGrant> ConfirmTotpEnrolment(std::string_view token, std::string_view code,
                                            std::string_view address);
  // Stage kPasswordChange or kFull. Checks the current password and the policy of the new one;
  // ends every session of the user and returns a new one (next stage: totp enrol or full).
  Result<SessionGrant> ChangePassword(std::string_view token, std::string_view current_password,
                                      std::string_view new_password, std::string_view address);
  // Ends every session of the user (logout everywhere).
  Status Logout(std::string_view token, std::string_view address);

  // --- Users (kManageUsers on the user's organisation) ---------------------------------------
  // Whether the actor manages the accounts of `organisation` (a refusal is audited): for pages
  // that show a form before anything is submitted.
  Status MayManageUsers(const Actor& actor, std::string_view organisation);
  // Demo mode (docs/operations.md, "Demo mode"): an installation with only synthetic data where
  // demo accounts (user names "demo-…") sign in with a documented password and without a second
  // factor, and every page says so. It can be switched on only by the operator (system actor) on
  // an installation without users, persons and signals, and never off again (demo data stays
  // demo data). Audited as "demo_mode.enable".
  Result<bool> DemoMode();
  Status EnableDemoMode(const Actor& actor);
  // A demo account with a known password (no change at first login). Only in demo mode, only for
  // user names starting with "demo-"; the same role rules as CreateUser. Audited "user.create".
  Result<UserView> CreateDemoUser(const Actor& actor, const NewUser& request,
                                  std::string_view password);
  Result<IssuedPassword> CreateUser(const Actor& actor, const NewUser& user);
  Result<std::vector<UserView>> ListUsers(const Actor& actor, std::string_view organisation);
  Result<UserView> GetUser(const Actor& actor, std::string_view user_id);
  Result<UserView> FindUserByName(const Actor& actor, std::string_view username);
  Result<UserView> SetRoles(const Actor& actor, std::string_view user_id,
                            const std::set<Role>& roles);
  // New one-time password; ends the user's sessions.
  Result<IssuedPassword> ResetPassword(const Actor& actor, std::string_view user_id);
  // Removes the TOTP secret; the user enrols again at next login. Ends the user's sessions.
  Result<UserView> ResetTotp(const Actor& actor, std::string_view user_id);
  // Disabled users cannot log in; their sessions end. An admin cannot disable themselves.
  Result<UserView> SetDisabled(const Actor& actor, std::string_view user_id, bool disabled);

  // --- API tokens (kManageUsers on the token's organisation) ---------------------------------
  Result<IssuedApiToken> IssueApiToken(const Actor& actor, const NewApiToken& request);
  Result<std::vector<ApiTokenView>> ListApiTokens(const Actor& actor,
                                                  std::string_view organisation);
  Result<ApiTokenView> RevokeApiToken(const Actor& actor, std::string_view token_id);
  // "Authorization: Bearer skl_…": the actor of the partner system, with its roles and scopes.
  // kForbidden (generic) when unknown, expired or revoked; audited.
  Result<Actor> AuthenticateApiToken(std::string_view presented, std::string_view address,
                                     std::string_view correlation_id = {});

  const IdentityOptions& options() const { return options_; }

 private:
  struct Impl;
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  const security::KeyRing& keys_;
  const security::CommonPasswords& common_;
  IdentityOptions options_;
  security::SecretKey csrf_key_;
};

// Builds the principal of a user (or token) of `organisation` with `roles`, as of `date`
// (ISO): the organisation's kind and regions come from the database.
Result<Principal> PrincipalFor(store::Db& db, std::string_view user_id,
                               std::string_view organisation, const std::set<Role>& roles,
                               std::string_view date);

// Whether a role may be held by a user of an organisation of this kind (e.g. monitor only in a
// national organisation, partner only in a chain partner). Empty when allowed, else why not.
std::string RoleKindProblem(Role role, std::string_view organisation_kind);

}  // namespace schakel::app
