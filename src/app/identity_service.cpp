#include "app/identity_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/access.h"
#include "security/api_token.h"
#include "security/field_cipher.h"
#include "security/qr_svg.h"
#include "security/totp.h"
#include "store/identity_repository.h"
#include "store/organisation_repository.h"

namespace schakel::app {

using security::AuditResult;
using store::Db;
using store::IdentityRepository;
using store::UserRow;

namespace {

// Whatever went wrong at login, the user is told only this (no account enumeration).
constexpr const char* kLoginFailed = "the username or password is not correct";
constexpr const char* kSessionGone = "the session has ended; log in again";
constexpr const char* kTokenRefused = "the API token is not valid";
constexpr std::chrono::seconds kTouchEvery{30};

std::chrono::sys_seconds Seconds(std::chrono::system_clock::time_point t) {
  return std::chrono::floor<std::chrono::seconds>(t);
}

std::set<std::string> RoleNames(const std::set<Role>& roles) {
  std::set<std::string> out;
  for (Role r : roles) out.insert(RoleName(r));
  return out;
}

std::set<Role> RolesFrom(const std::set<std::string>& names) {
  std::set<Role> out;
  for (const auto& n : names) {
    Role r;
    if (ParseRole(n, &r)) out.insert(r);
  }
  return out;
}

constexpr const char* kDemoPrefix = "demo-";
constexpr const char* kDemoSetting = "demo_mode";

bool TotpRequired(const std::set<Role>& roles) {
  return std::any_of(roles.begin(), roles.end(),
                     [](Role r) { return r == Role::kAdmin || SeesPersonalData(r); });
}

bool ValidUsername(std::string_view u) {
  if (u.size() < 3 || u.size() > 64) return false;
  return std::all_of(u.begin(), u.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ||
           c == '@';
  });
}

bool ValidDisplayText(std::string_view t, size_t max) {
  if (t.empty() || t.size() > max) return false;
  return std::none_of(t.begin(), t.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// 16 characters from an alphabet without look-alikes (0/O, 1/l/I), in groups of four:
// 16 × log2(54) ≈ 92 bits.
std::string OneTimePassword() {
  static constexpr std::string_view kAlphabet =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string out;
  while (out.size() < 19) {
    if (out.size() % 5 == 4) {
      out += '-';
      continue;
    }
    unsigned char b = 0;
    do {
      security::SystemRandom()(std::span<unsigned char>(&b, 1));
    } while (b >= 256 - 256 % kAlphabet.size());  // no modulo bias
    out += kAlphabet[b % kAlphabet.size()];
  }
  return out;
}

security::FieldLocation TotpLocation(const std::string& user_id, const char* column) {
  return {"users", column, user_id};
}

Status Ok(const Result<int64_t>& r) {
  if (!r) return r.error();
  return {};
}

// One write beside a read (touching a session or token, dropping an expired session) in a write
// transaction of its own like any other, so it joins the group commit (store/db.h) instead of
// writing on the reading connection, where it waited in SQLite's busy handler for the writer.
Status WriteBeside(store::Database& database,
                   const std::function<Status(IdentityRepository&)>& write) {
  auto db = database.Acquire();
  auto r = store::InTransaction<bool>(*db, [&](store::Db& tx) -> Result<bool> {
    IdentityRepository repo(tx);
    if (Status st = write(repo); !st.ok()) return st.error();
    return true;
  });
  if (!r) return r.error();
  return {};
}

}  // namespace

const char* SessionStageName(SessionStage stage) {
  switch (stage) {
    case SessionStage::kPasswordChange:
      return "password_change";
    case SessionStage::kTotpEnrol:
      return "totp_enrol";
    case SessionStage::kTotp:
      return "totp";
    case SessionStage::kFull:
      return "full";
  }
  return "full";
}

namespace {

SessionStage StageFrom(std::string_view name) {
  if (name == "password_change") return SessionStage::kPasswordChange;
  if (name == "totp_enrol") return SessionStage::kTotpEnrol;
  if (name == "totp") return SessionStage::kTotp;
  return SessionStage::kFull;
}

}  // namespace

std::string RoleKindProblem(Role role, std::string_view kind) {
  auto in = [&](std::initializer_list<std::string_view> kinds) {
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
  };
  switch (role) {
    case Role::kAdmin:
    case Role::kAuditor:
      return {};
    case Role::kMonitor:
      return in({"national"}) ? "" : "the monitor role belongs to a national organisation";
    case Role::kPartner:
      return in({"partner"}) ? "" : "the partner role belongs to a chain-partner organisation";
    case Role::kCareCoordinator:
    case Role::kChainDirector:
      return in({"municipality", "region"})
                 ? ""
                 : fmt::format("the {} role belongs to a municipality or region", RoleName(role));
    case Role::kPolicyOfficer:
      return in({"municipality", "region", "national"})
                 ? ""
                 : "the policy_officer role belongs to a municipality, region or national body";
    case Role::kSignaller:
      return in({"municipality", "partner"})
                 ? ""
                 : "the signaller role belongs to a municipality or chain partner";
  }
  return "unknown role";
}

Result<Principal> PrincipalFor(Db& db, std::string_view user_id, std::string_view organisation,
                               const std::set<Role>& roles, std::string_view date) {
  auto org = store::OrganisationRepository(db).Find(organisation);
  if (!org) return org.error();
  if (!*org) return Error::NotFound(fmt::format("no organisation '{}'", organisation));
  auto regions = RegionsOfOrganisation(db, organisation, date);
  if (!regions) return regions.error();
  Principal p;
  p.user = std::string(user_id);
  p.organisation = std::string(organisation);
  p.organisation_kind = (*org)->kind;
  p.regions = std::move(regions).value();
  p.roles = roles;
  return p;
}

// The parts of the service that need the database inside one call.
struct IdentityService::Impl {
  IdentityService& s;

  std::string Now() const { return FormatUtc(s.clock_.Now()); }
  std::string Today() const { return Now().substr(0, 10); }

  security::AuditEvent Event(std::string actor, std::string organisation, std::string action,
                             std::string user_id, AuditResult result,
                             std::string_view address) const {
    security::AuditEvent e;
    e.actor = std::move(actor);
    e.organisation = std::move(organisation);
    e.action = std::move(action);
    e.object_type = "user";
    e.object_id = std::move(user_id);
    e.result = result;
    e.origin = security::AuditOrigin::kWeb;
    e.origin_address = std::string(address);
    return e;
  }

  // Records an authentication event in its own transaction.
  Status AuditAuth(const std::optional<UserRow>& user, std::string action, AuditResult result,
                   std::string_view address) const {
    return s.audit_.Record(s.database_,
                           Event(user ? user->id : "unknown", user ? user->organisation : "",
                                 std::move(action), user ? user->id : "", result, address));
  }

  UserView View(Db& db, const UserRow& u) const {
    UserView v;
    v.id = u.id;
    v.organisation = u.organisation;
    if (auto org = store::OrganisationRepository(db).Find(u.organisation); org && *org) {
      v.organisation_name = (*org)->name;
    }
    v.username = u.username;
    v.display_name = u.display_name;
    v.roles = RolesFrom(u.roles);
    v.must_change_password = u.must_change_password;
    v.totp_enrolled = u.totp_secret.has_value();
    v.totp_required = TotpRequired(v.roles);
    v.disabled = u.disabled_at.has_value();
    v.created_at = u.created_at;
    v.last_login_at = u.last_login_at.value_or("");
    return v;
  }

  // --- throttling ------------------------------------------------------------------------
  static std::string AccountKey(std::string_view username) {
    std::string k = "user:";
    for (char c : username) k += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return k;
  }
  static std::string AddressKey(std::string_view address) {
    return "addr:" + security::ThrottleAddressKey(address);
  }

  Result<security::FailureHistory> History(Db& db, const std::string& key,
                                           const security::ThrottlePolicy& policy) const {
    const auto since = Seconds(s.clock_.Now()) - policy.forget_after;
    auto f = IdentityRepository(db).Failures(key, FormatUtc(since));
    if (!f) return f.error();
    security::FailureHistory h;
    h.consecutive_failures = f->count;
    if (f->last) h.last_failure = ParseUtc(*f->last);
    return h;
  }

  // Whether an attempt for this account from this address may proceed now.
  Result<security::ThrottleDecision> Throttle(std::string_view username,
                                              std::string_view address) const {
    auto db = s.database_.Acquire();
    const auto account_policy = s.options_.throttle;
    const auto address_policy = security::ThrottlePolicy::PerAddress();
    auto account = History(*db, AccountKey(username), account_policy);
    if (!account) return account.error();
    auto by_address = History(*db, AddressKey(address), address_policy);
    if (!by_address) return by_address.error();
    const auto now = Seconds(s.clock_.Now());
    return security::Stricter(security::LoginThrottleDecision(*account, now, account_policy),
                              security::LoginThrottleDecision(*by_address, now, address_policy));
  }

  Error Throttled(const security::ThrottleDecision& d) const {
    const auto minutes = (d.retry_after.count() + 59) / 60;
    return Error{ErrorCode::kForbidden,
                 fmt::format("too many failed attempts; try again in {} minute{}", minutes,
                             minutes == 1 ? "" : "s"),
                 "throttled"};
  }

  // Counts a failure against the account and the address, and audits it.
  Status Fail(const std::optional<UserRow>& user, std::string_view username,
              std::string_view address, const std::string& action) const {
    auto db = s.database_.Acquire();
    const std::string now = Now();
    auto done = store::InTransaction<int>(*db, [&](Db& tx) -> Result<int> {
      IdentityRepository repo(tx);
      if (Status st = repo.AddFailure(AccountKey(username), now); !st.ok()) return st.error();
      if (Status st = repo.AddFailure(AddressKey(address), now); !st.ok()) return st.error();
      if (Status st = s.audit_.Record(
              tx, Event(user ? user->id : "unknown", user ? user->organisation : "", action,
                        user ? user->id : "", AuditResult::kFailure, address));
          !st.ok()) {
        return st.error();
      }
      return 0;
    });
    if (!done) return done.error();
    return {};
  }

  // --- sessions --------------------------------------------------------------------------
  // Ends every session of the user and opens a new one at `stage`, in `tx`.
  Result<SessionGrant> NewSession(Db& tx, const UserRow& user, SessionStage stage,
                                  std::string_view address, bool end_others) const {
    IdentityRepository repo(tx);
    if (end_others) {
      if (Status st = Ok(repo.DeleteSessionsOf(user.id)); !st.ok()) return st.error();
    }
    const security::NewSession session = security::GenerateSession(security::SystemRandom());
    const std::string now = Now();
    if (Status st = repo.InsertSession(
            {session.id_hash, user.id, SessionStageName(stage), now, now, std::string(address)});
        !st.ok()) {
      return st.error();
    }
    if (stage == SessionStage::kFull) {
      if (Status st = repo.SetLastLogin(user.id, now); !st.ok()) return st.error();
    }
    return SessionGrant{session.session_id, stage};
  }

  // Replaces the session `token` by a new one at `stage` (the old token stops working).
  Result<SessionGrant> Advance(Db& tx, std::string_view token, const UserRow& user,
                               SessionStage stage, std::string_view address) const {
    if (Status st = IdentityRepository(tx).DeleteSession(security::SessionIdHash(token));
        !st.ok()) {
      return st.error();
    }
    return NewSession(tx, user, stage, address, false);
  }

  struct Live {
    store::SessionRow session;
    UserRow user;
  };

  // The session behind a token, when it exists and has not expired (expired ones are deleted).
  Result<Live> Find(std::string_view token) const {
    auto db = s.database_.Acquire();
    IdentityRepository repo(*db);
    const std::string hash = security::SessionIdHash(token);
    auto session = repo.FindSession(hash);
    if (!session) return session.error();
    if (!*session) return Error::Forbidden(kSessionGone);
    auto created = ParseUtc((*session)->created_at);
    auto seen = ParseUtc((*session)->last_seen);
    const auto now = Seconds(s.clock_.Now());
    if (!created || !seen ||
        security::SessionStateAt(*created, *seen, now, s.options_.session) !=
            security::SessionState::kActive) {
      (void)WriteBeside(s.database_, [&](IdentityRepository& w) { return w.DeleteSession(hash); });
      return Error::Forbidden(kSessionGone);
    }
    auto user = repo.FindUser((*session)->user);
    if (!user) return user.error();
    if (!*user || (*user)->disabled_at) {
      (void)WriteBeside(s.database_, [&](IdentityRepository& w) { return w.DeleteSession(hash); });
      return Error::Forbidden(kSessionGone);
    }
    if (now - *seen >= kTouchEvery) {
      if (Status st = WriteBeside(
              s.database_,
              [&](IdentityRepository& w) { return w.TouchSession(hash, FormatUtc(now)); });
          !st.ok()) {
        return st.error();
      }
    }
    return Live{**session, **user};
  }

  // The session, which must be at one of `stages`.
  Result<Live> FindAt(std::string_view token, std::initializer_list<SessionStage> stages) const {
    auto live = Find(token);
    if (!live) return live.error();
    const SessionStage stage = StageFrom(live->session.stage);
    if (std::find(stages.begin(), stages.end(), stage) == stages.end()) {
      return Error::Conflict(
          fmt::format("this step is not possible now (session stage {})", SessionStageName(stage)));
    }
    return live;
  }

  // What comes after the password (step or change) for this user.
  // Demo accounts in demo mode skip the second factor (the pages say so on every screen).
  static bool DemoWaiver(Db& db, const UserRow& u) {
    if (u.username.rfind(kDemoPrefix, 0) != 0) return false;
    auto on = IdentityRepository(db).Setting(kDemoSetting);
    return on.ok() && on->has_value() && **on == "on";
  }

  static SessionStage AfterPassword(Db& db, const UserRow& u) {
    if (u.must_change_password) return SessionStage::kPasswordChange;
    if (DemoWaiver(db, u)) return SessionStage::kFull;
    if (u.totp_secret) return SessionStage::kTotp;
    if (TotpRequired(RolesFrom(u.roles))) return SessionStage::kTotpEnrol;
    return SessionStage::kFull;
  }

  // --- management ------------------------------------------------------------------------
  // Checks and stores a new account with `password` (audited as user.create).
  Result<UserView> AddUser(const Actor& actor, const NewUser& request, std::string_view password,
                           bool must_change_password) const {
    if (!ValidUsername(request.username)) {
      return Error::Invalid(
          "username", "use 3 to 64 characters: lower-case letters, digits, '.', '_', '-', '@'");
    }
    if (!ValidDisplayText(request.display_name, 120)) {
      return Error::Invalid("display_name", "give a name of 1 to 120 characters");
    }
    if (Status st = AuthorizeGrant(actor, request.organisation, request.roles); !st.ok()) {
      return st.error();
    }
    auto hash = security::HashPassword(password, s.options_.argon2);
    if (!hash) return hash.error();
    UserRow u;
    u.id = security::NewUuid(security::SystemRandom());
    u.organisation = request.organisation;
    u.username = request.username;
    u.display_name = request.display_name;
    u.password_hash = *hash;
    u.must_change_password = must_change_password;
    u.created_at = Now();
    u.created_by = actor.id;
    u.roles = RoleNames(request.roles);
    auto db = s.database_.Acquire();
    return store::InTransaction<UserView>(*db, [&](Db& tx) -> Result<UserView> {
      if (Status st = IdentityRepository(tx).InsertUser(u); !st.ok()) return st.error();
      if (Status st = s.audit_.Record(tx, actor.Event("user.create", "user", u.id)); !st.ok()) {
        return st.error();
      }
      return View(tx, u);
    });
  }

  Result<UserRow> UserFor(const Actor& actor, std::string_view user_id) const {
    auto user = [&] {
      auto db = s.database_.Acquire();
      return IdentityRepository(*db).FindUser(user_id);
    }();
    if (!user) return user.error();
    if (!*user) return Error::NotFound(fmt::format("no user '{}'", user_id));
    if (Status st = AuthorizeOn(actor, (*user)->organisation, "user", user_id); !st.ok()) {
      return st.error();
    }
    return **user;
  }

  Status AuthorizeOn(const Actor& actor, std::string_view organisation,
                     std::string_view object_type, std::string_view object_id) const {
    Resource resource;
    {
      auto db = s.database_.Acquire();
      auto r = OrganisationResource(*db, organisation, Today());
      if (!r) return r.error();
      resource = std::move(r).value();
    }
    return Authorize(s.database_, s.audit_, actor, Action::kManageUsers, resource, object_type,
                     object_id);
  }

  Result<std::string> OrganisationKind(std::string_view organisation) const {
    auto db = s.database_.Acquire();
    auto org = store::OrganisationRepository(*db).Find(organisation);
    if (!org) return org.error();
    if (!*org) {
      return Error::Invalid("organisation", fmt::format("no organisation '{}'", organisation));
    }
    return (*org)->kind;
  }

  Status CheckRoles(const std::set<Role>& roles, std::string_view kind, const char* field) const {
    if (roles.empty()) return Error::Invalid(field, "choose at least one role");
    const bool admin = roles.count(Role::kAdmin) > 0;
    for (Role r : roles) {
      if (admin && SeesPersonalData(r)) {
        return Error::Invalid(
            field, fmt::format("the admin role cannot be combined with {}: administrators never "
                               "see personal data; create a separate account",
                               RoleName(r)));
      }
      if (std::string problem = RoleKindProblem(r, kind); !problem.empty()) {
        return Error::Invalid(field, problem);
      }
    }
    return {};
  }

  // For giving `roles` to a new account or token of `organisation`: the organisation exists, the
  // actor manages its accounts (a refusal is audited), and the roles fit it.
  Status AuthorizeGrant(const Actor& actor, const std::string& organisation,
                        const std::set<Role>& roles) const {
    auto kind = OrganisationKind(organisation);
    if (!kind) return kind.error();
    if (Status st = AuthorizeOn(actor, organisation, "organisation", organisation); !st.ok()) {
      return st;
    }
    return CheckRoles(roles, *kind, "roles");
  }

  // Runs `change` on the user in a transaction with its audit event; returns the new view.
  Result<UserView> Change(const Actor& actor, const UserRow& user, const std::string& action,
                          const std::function<Status(IdentityRepository&)>& change) const {
    auto db = s.database_.Acquire();
    return store::InTransaction<UserView>(*db, [&](Db& tx) -> Result<UserView> {
      IdentityRepository repo(tx);
      if (Status st = change(repo); !st.ok()) return st.error();
      if (Status st = s.audit_.Record(tx, actor.Event(action, "user", user.id)); !st.ok()) {
        return st.error();
      }
      auto fresh = repo.FindUser(user.id);
      if (!fresh) return fresh.error();
      return View(tx, **fresh);
    });
  }
};

IdentityService::IdentityService(store::Database& database, const Clock& clock,
                                 const AuditTrail& audit, const security::KeyRing& keys,
                                 const security::CommonPasswords& common, IdentityOptions options)
    : database_(database),
      clock_(clock),
      audit_(audit),
      keys_(keys),
      common_(common),
      options_(std::move(options)),
      csrf_key_(keys.Derived(security::KeyPurpose::kCsrf)) {}

Result<std::optional<FirstAdmin>> IdentityService::EnsureFirstAdmin(
    std::string_view organisation_code, std::string_view organisation_name) {
  Impl impl{*this};
  const std::string password = OneTimePassword();
  auto hash = security::HashPassword(password, options_.argon2);
  if (!hash) return hash.error();
  auto db = database_.Acquire();
  return store::InTransaction<std::optional<FirstAdmin>>(
      *db, [&](Db& tx) -> Result<std::optional<FirstAdmin>> {
        IdentityRepository repo(tx);
        auto count = repo.CountUsers();
        if (!count) return count.error();
        if (*count > 0) return std::optional<FirstAdmin>();
        store::OrganisationRepository orgs(tx);
        auto org = orgs.Find(organisation_code);
        if (!org) return org.error();
        if (!*org) {
          if (Status st = orgs.Upsert({std::string(organisation_code), "national", std::nullopt,
                                       std::string(organisation_name), impl.Today(), std::nullopt,
                                       std::nullopt});
              !st.ok()) {
            return st.error();
          }
        }
        UserRow admin;
        admin.id = security::NewUuid(security::SystemRandom());
        admin.organisation = std::string(organisation_code);
        admin.username = "admin";
        admin.display_name = "Beheerder";
        admin.password_hash = *hash;
        admin.must_change_password = true;
        admin.created_at = impl.Now();
        admin.created_by = "system";
        admin.roles = {"admin"};
        if (Status st = repo.InsertUser(admin); !st.ok()) return st.error();
        auto event = impl.Event("system", admin.organisation, "user.create", admin.id,
                                AuditResult::kSuccess, "localhost");
        event.origin = security::AuditOrigin::kSystem;
        if (Status st = audit_.Record(tx, event); !st.ok()) return st.error();
        return std::optional<FirstAdmin>(FirstAdmin{admin.username, password, admin.organisation});
      });
}

Result<SessionGrant> IdentityService::Login(std::string_view username, std::string_view password,
                                            std::string_view address) {
  Impl impl{*this};
  if (username.empty() || username.size() > 200 || password.size() > 1024) {
    return Error::Forbidden(kLoginFailed);
  }
  auto decision = impl.Throttle(username, address);
  if (!decision) return decision.error();
  auto user = [&] {
    auto db = database_.Acquire();
    return IdentityRepository(*db).FindUserByName(username);
  }();
  if (!user) return user.error();
  if (!decision->allowed) {
    (void)impl.AuditAuth(*user, "login.throttled", AuditResult::kDeny, address);
    return impl.Throttled(*decision);
  }
  const bool match = security::VerifyPasswordOrDummy(
      *user ? std::optional<std::string>((*user)->password_hash) : std::nullopt, password,
      options_.argon2);
  if (!match || !*user || (*user)->disabled_at) {
    if (Status st = impl.Fail(*user, username, address, "login"); !st.ok()) return st.error();
    return Error::Forbidden(kLoginFailed);
  }
  const UserRow& u = **user;
  auto db = database_.Acquire();
  return store::InTransaction<SessionGrant>(*db, [&](Db& tx) -> Result<SessionGrant> {
    IdentityRepository repo(tx);
    if (Status st = repo.ClearFailures(Impl::AccountKey(username)); !st.ok()) return st.error();
    if (security::NeedsRehash(u.password_hash, options_.argon2)) {
      auto rehashed = security::HashPassword(password, options_.argon2);
      if (rehashed) {
        if (Status st =
                repo.SetPassword(u.id, *rehashed, u.must_change_password, u.password_changed_at);
            !st.ok()) {
          return st.error();
        }
      }
    }
    auto grant = impl.NewSession(tx, u, Impl::AfterPassword(tx, u), address, false);
    if (!grant) return grant.error();
    if (Status st = audit_.Record(
            tx, impl.Event(u.id, u.organisation, "login", u.id, AuditResult::kSuccess, address));
        !st.ok()) {
      return st.error();
    }
    return grant;
  });
}

Result<SessionContext> IdentityService::Authenticate(std::string_view token,
                                                     std::string_view address,
                                                     std::string_view correlation_id) {
  Impl impl{*this};
  auto live = impl.Find(token);
  if (!live) return live.error();
  auto db = database_.Acquire();
  SessionContext ctx;
  ctx.user = impl.View(*db, live->user);
  ctx.stage = StageFrom(live->session.stage);
  ctx.csrf_token = security::CsrfToken(csrf_key_, token);
  ctx.actor.name = live->user.display_name;
  ctx.actor.origin = "web";
  ctx.actor.id = live->user.id;
  ctx.actor.address = std::string(address);
  ctx.actor.correlation_id = std::string(correlation_id);
  if (ctx.stage == SessionStage::kFull) {
    auto principal =
        PrincipalFor(*db, live->user.id, live->user.organisation, ctx.user.roles, impl.Today());
    if (!principal) return principal.error();
    ctx.actor.principal = std::move(principal).value();
  } else {
    // Not yet logged in: audited under the user, but the policy allows nothing.
    ctx.actor.principal.organisation = live->user.organisation;
  }
  return ctx;
}

Result<SessionGrant> IdentityService::VerifyTotp(std::string_view token, std::string_view code,
                                                 std::string_view address) {
  Impl impl{*this};
  auto live = impl.FindAt(token, {SessionStage::kTotp});
  if (!live) return live.error();
  const UserRow& u = live->user;
  auto decision = impl.Throttle(u.username, address);
  if (!decision) return decision.error();
  if (!decision->allowed) {
    (void)impl.AuditAuth(u, "login.throttled", AuditResult::kDeny, address);
    return impl.Throttled(*decision);
  }
  if (!u.totp_secret) return Error::Conflict("no second factor is enrolled");
  auto secret = security::DecryptField(keys_, TotpLocation(u.id, "totp_secret"), *u.totp_secret);
  if (!secret) return Error::Internal("the second-factor secret cannot be read");
  auto step = security::VerifyTotp(*secret, code, Seconds(clock_.Now()), u.totp_last_step);
  security::Wipe(*secret);
  if (!step) {
    if (Status st = impl.Fail(u, u.username, address, "login.totp"); !st.ok()) return st.error();
    if (step.error().code == ErrorCode::kInvalid) {
      return Error::Invalid("code", "enter the 6 digits from the authenticator app");
    }
    return Error::Forbidden("the code is not correct or was already used");
  }
  auto db = database_.Acquire();
  return store::InTransaction<SessionGrant>(*db, [&](Db& tx) -> Result<SessionGrant> {
    IdentityRepository repo(tx);
    if (Status st = repo.SetTotp(u.id, u.totp_secret, u.totp_pending, *step); !st.ok()) {
      return st.error();
    }
    if (Status st = repo.ClearFailures(Impl::AccountKey(u.username)); !st.ok()) return st.error();
    auto grant = impl.Advance(tx, token, u, SessionStage::kFull, address);
    if (!grant) return grant.error();
    if (Status st = audit_.Record(tx, impl.Event(u.id, u.organisation, "login.totp", u.id,
                                                 AuditResult::kSuccess, address));
        !st.ok()) {
      return st.error();
    }
    return grant;
  });
}

Result<TotpEnrolment> IdentityService::BeginTotpEnrolment(std::string_view token) {
  Impl impl{*this};
  auto live = impl.FindAt(token, {SessionStage::kTotpEnrol, SessionStage::kFull});
  if (!live) return live.error();
  const UserRow& u = live->user;
  std::string secret;
  if (u.totp_pending) {  // a reload of the page shows the same secret
    auto pending =
        security::DecryptField(keys_, TotpLocation(u.id, "totp_pending"), *u.totp_pending);
    if (pending) secret = std::move(pending).value();
  }
  if (secret.empty()) {
    secret = security::GenerateTotpSecret(security::SystemRandom());
    const std::string stored = security::EncryptField(keys_, TotpLocation(u.id, "totp_pending"),
                                                      secret, security::SystemRandom());
    auto db = database_.Acquire();
    if (Status st = IdentityRepository(*db).SetTotp(u.id, u.totp_secret, stored, u.totp_last_step);
        !st.ok()) {
      return st.error();
    }
  }
  TotpEnrolment e;
  e.secret_base32 = secret;
  e.otpauth_uri = security::OtpauthUri(u.organisation, u.username, secret);
  security::QrSvgOptions qr;
  qr.title = "QR-code voor de authenticator-app";
  auto svg = security::QrSvgFor(e.otpauth_uri, qr);
  if (!svg) return svg.error();
  e.qr_svg = std::move(svg).value();
  return e;
}

Result<SessionGrant> IdentityService::ConfirmTotpEnrolment(std::string_view token,
                                                           std::string_view code,
                                                           std::string_view address) {
  Impl impl{*this};
  auto live = impl.FindAt(token, {SessionStage::kTotpEnrol, SessionStage::kFull});
  if (!live) return live.error();
  const UserRow& u = live->user;
  if (!u.totp_pending) return Error::Conflict("start the enrolment first");
  auto decision = impl.Throttle(u.username, address);
  if (!decision) return decision.error();
  if (!decision->allowed) return impl.Throttled(*decision);
  auto secret = security::DecryptField(keys_, TotpLocation(u.id, "totp_pending"), *u.totp_pending);
  if (!secret) return Error::Internal("the pending second-factor secret cannot be read");
  auto step = security::VerifyTotp(*secret, code, Seconds(clock_.Now()), std::nullopt);
  if (!step) {
    security::Wipe(*secret);
    if (Status st = impl.Fail(u, u.username, address, "totp.enrol"); !st.ok()) return st.error();
    if (step.error().code == ErrorCode::kInvalid) {
      return Error::Invalid("code", "enter the 6 digits from the authenticator app");
    }
    return Error::Invalid("code",
                          "the code does not match; check the time on your phone and try "
                          "the next code");
  }
  const std::string stored = security::EncryptField(keys_, TotpLocation(u.id, "totp_secret"),
                                                    *secret, security::SystemRandom());
  security::Wipe(*secret);
  auto db = database_.Acquire();
  return store::InTransaction<SessionGrant>(*db, [&](Db& tx) -> Result<SessionGrant> {
    IdentityRepository repo(tx);
    if (Status st = repo.SetTotp(u.id, stored, std::nullopt, *step); !st.ok()) return st.error();
    // A new factor is a privilege change: every other session ends.
    auto grant = impl.NewSession(tx, u, SessionStage::kFull, address, true);
    if (!grant) return grant.error();
    if (Status st = audit_.Record(tx, impl.Event(u.id, u.organisation, "totp.enrol", u.id,
                                                 AuditResult::kSuccess, address));
        !st.ok()) {
      return st.error();
    }
    return grant;
  });
}

Result<SessionGrant> IdentityService::ChangePassword(std::string_view token,
                                                     std::string_view current_password,
                                                     std::string_view new_password,
                                                     std::string_view address) {
  Impl impl{*this};
  auto live = impl.FindAt(token, {SessionStage::kPasswordChange, SessionStage::kFull});
  if (!live) return live.error();
  UserRow u = live->user;
  auto decision = impl.Throttle(u.username, address);
  if (!decision) return decision.error();
  if (!decision->allowed) return impl.Throttled(*decision);
  if (!security::VerifyPassword(u.password_hash, current_password)) {
    if (Status st = impl.Fail(u, u.username, address, "password.change"); !st.ok()) {
      return st.error();
    }
    return Error::Invalid("current_password", "the current password is not correct");
  }
  if (new_password == current_password) {
    return Error::Invalid("password", "choose a new password that differs from the current one");
  }
  if (Status st =
          security::PolicyStatus(security::CheckPassword(new_password, u.username, common_));
      !st.ok()) {
    return st.error();
  }
  auto hash = security::HashPassword(new_password, options_.argon2);
  if (!hash) return hash.error();
  const bool was_full = StageFrom(live->session.stage) == SessionStage::kFull;
  auto db = database_.Acquire();
  return store::InTransaction<SessionGrant>(*db, [&](Db& tx) -> Result<SessionGrant> {
    IdentityRepository repo(tx);
    const std::string now = impl.Now();
    if (Status st = repo.SetPassword(u.id, *hash, false, now); !st.ok()) return st.error();
    u.must_change_password = false;
    const SessionStage next = was_full ? SessionStage::kFull : Impl::AfterPassword(tx, u);
    auto grant = impl.NewSession(tx, u, next, address, true);  // ends every other session
    if (!grant) return grant.error();
    if (Status st = audit_.Record(tx, impl.Event(u.id, u.organisation, "password.change", u.id,
                                                 AuditResult::kSuccess, address));
        !st.ok()) {
      return st.error();
    }
    return grant;
  });
}

Status IdentityService::Logout(std::string_view token, std::string_view address) {
  Impl impl{*this};
  auto live = impl.Find(token);
  if (!live) return {};  // already gone: nothing to end
  auto db = database_.Acquire();
  auto done = store::InTransaction<int>(*db, [&](Db& tx) -> Result<int> {
    if (Status st = Ok(IdentityRepository(tx).DeleteSessionsOf(live->user.id)); !st.ok()) {
      return st.error();
    }
    if (Status st = audit_.Record(tx, impl.Event(live->user.id, live->user.organisation, "logout",
                                                 live->user.id, AuditResult::kSuccess, address));
        !st.ok()) {
      return st.error();
    }
    return 0;
  });
  if (!done) return done.error();
  return {};
}

Status IdentityService::MayManageUsers(const Actor& actor, std::string_view organisation) {
  Impl impl{*this};
  return impl.AuthorizeOn(actor, organisation, "organisation", organisation);
}

Result<bool> IdentityService::DemoMode() {
  auto db = database_.Acquire();
  auto value = IdentityRepository(*db).Setting(kDemoSetting);
  if (!value) return value.error();
  return value->has_value() && **value == "on";
}

Status IdentityService::EnableDemoMode(const Actor& actor) {
  if (!actor.principal.system) {
    return Error::Forbidden("only the operator on the server's command line switches demo mode on");
  }
  auto db = database_.Acquire();
  auto done = store::InTransaction<bool>(*db, [&](Db& tx) -> Result<bool> {
    IdentityRepository repo(tx);
    auto current = repo.Setting(kDemoSetting);
    if (!current) return current.error();
    if (current->has_value() && **current == "on") return false;
    auto users = repo.CountUsers();
    if (!users) return users.error();
    auto data = repo.HoldsCaseData();
    if (!data) return data.error();
    if (*users > 0 || *data) {
      return Error::Conflict(
          "demo mode needs an installation without users, persons and signals: this one holds "
          "real work, and demo accounts with known passwords must never reach it");
    }
    if (Status st = repo.SetSetting(kDemoSetting, "on"); !st.ok()) return st.error();
    if (Status st = audit_.Record(tx, actor.Event("demo_mode.enable", "setting", kDemoSetting));
        !st.ok()) {
      return st.error();
    }
    return true;
  });
  if (!done) return done.error();
  return {};
}

Result<UserView> IdentityService::CreateDemoUser(const Actor& actor, const NewUser& request,
                                                 std::string_view password) {
  Impl impl{*this};
  auto on = DemoMode();
  if (!on) return on.error();
  if (!*on) return Error::Conflict("demo accounts exist only in demo mode");
  if (request.username.rfind(kDemoPrefix, 0) != 0) {
    return Error::Invalid("username", "demo accounts are named demo-…");
  }
  return impl.AddUser(actor, request, password, false);
}

Result<IssuedPassword> IdentityService::CreateUser(const Actor& actor, const NewUser& request) {
  Impl impl{*this};
  const std::string password = OneTimePassword();
  auto view = impl.AddUser(actor, request, password, true);
  if (!view) return view.error();
  return IssuedPassword{std::move(view).value(), password};
}

Result<std::vector<UserView>> IdentityService::ListUsers(const Actor& actor,
                                                         std::string_view organisation) {
  Impl impl{*this};
  if (Status st = impl.AuthorizeOn(actor, organisation, "organisation", organisation); !st.ok()) {
    return st.error();
  }
  auto db = database_.Acquire();
  auto rows = IdentityRepository(*db).ListUsers(std::string(organisation));
  if (!rows) return rows.error();
  std::vector<UserView> out;
  for (const auto& u : *rows) out.push_back(impl.View(*db, u));
  return out;
}

Result<UserView> IdentityService::GetUser(const Actor& actor, std::string_view user_id) {
  Impl impl{*this};
  auto user = impl.UserFor(actor, user_id);
  if (!user) return user.error();
  auto db = database_.Acquire();
  return impl.View(*db, *user);
}

Result<UserView> IdentityService::FindUserByName(const Actor& actor, std::string_view username) {
  auto row = [&] {
    auto db = database_.Acquire();
    return IdentityRepository(*db).FindUserByName(username);
  }();
  if (!row) return row.error();
  if (!*row) return Error::NotFound(fmt::format("no user '{}'", username));
  return GetUser(actor, (*row)->id);
}

Result<UserView> IdentityService::SetRoles(const Actor& actor, std::string_view user_id,
                                           const std::set<Role>& roles) {
  Impl impl{*this};
  auto user = impl.UserFor(actor, user_id);
  if (!user) return user.error();
  auto kind = impl.OrganisationKind(user->organisation);
  if (!kind) return kind.error();
  if (Status st = impl.CheckRoles(roles, *kind, "roles"); !st.ok()) return st.error();
  if (user->id == actor.id && roles.count(Role::kAdmin) == 0) {
    return Error::Invalid("roles", "you cannot take away your own admin role; ask another admin");
  }
  return impl.Change(actor, *user, "user.roles", [&](IdentityRepository& repo) -> Status {
    if (Status st = repo.SetRoles(user->id, RoleNames(roles)); !st.ok()) return st;
    return Ok(repo.DeleteSessionsOf(user->id));  // privileges changed: log in again
  });
}

Result<IssuedPassword> IdentityService::ResetPassword(const Actor& actor,
                                                      std::string_view user_id) {
  Impl impl{*this};
  auto user = impl.UserFor(actor, user_id);
  if (!user) return user.error();
  const std::string password = OneTimePassword();
  auto hash = security::HashPassword(password, options_.argon2);
  if (!hash) return hash.error();
  auto view = impl.Change(actor, *user, "user.reset_password", [&](IdentityRepository& repo) {
    if (Status st = repo.SetPassword(user->id, *hash, true, std::nullopt); !st.ok()) return st;
    if (Status st = repo.ClearFailures(Impl::AccountKey(user->username)); !st.ok()) return st;
    return Ok(repo.DeleteSessionsOf(user->id));
  });
  if (!view) return view.error();
  return IssuedPassword{*view, password};
}

Result<UserView> IdentityService::ResetTotp(const Actor& actor, std::string_view user_id) {
  Impl impl{*this};
  auto user = impl.UserFor(actor, user_id);
  if (!user) return user.error();
  return impl.Change(actor, *user, "user.reset_totp", [&](IdentityRepository& repo) -> Status {
    if (Status st = repo.SetTotp(user->id, std::nullopt, std::nullopt, 0); !st.ok()) return st;
    return Ok(repo.DeleteSessionsOf(user->id));
  });
}

Result<UserView> IdentityService::SetDisabled(const Actor& actor, std::string_view user_id,
                                              bool disabled) {
  Impl impl{*this};
  auto user = impl.UserFor(actor, user_id);
  if (!user) return user.error();
  if (disabled && user->id == actor.id) {
    return Error::Invalid("disabled", "you cannot disable your own account");
  }
  const std::optional<std::string> at =
      disabled ? std::optional<std::string>(impl.Now()) : std::nullopt;
  return impl.Change(actor, *user, disabled ? "user.disable" : "user.enable",
                     [&](IdentityRepository& repo) -> Status {
                       if (Status st = repo.SetDisabled(user->id, at); !st.ok()) return st;
                       return disabled ? Ok(repo.DeleteSessionsOf(user->id)) : Status{};
                     });
}

namespace {

ApiTokenView TokenView(const store::ApiTokenRow& t) {
  ApiTokenView v;
  v.id = t.id;
  v.organisation = t.organisation;
  v.label = t.label;
  v.roles = RolesFrom(t.roles);
  for (Action a : AllActions()) {
    if (t.scopes.count(ActionName(a)) > 0) v.scopes.insert(a);
  }
  v.created_at = t.created_at;
  v.created_by = t.created_by;
  v.expires_at = t.expires_at;
  v.revoked_at = t.revoked_at.value_or("");
  v.last_used_at = t.last_used_at.value_or("");
  return v;
}

}  // namespace

Result<IssuedApiToken> IdentityService::IssueApiToken(const Actor& actor,
                                                      const NewApiToken& request) {
  Impl impl{*this};
  if (!ValidDisplayText(request.label, 120)) {
    return Error::Invalid("label", "give the token a label of 1 to 120 characters");
  }
  if (Status st = impl.AuthorizeGrant(actor, request.organisation, request.roles); !st.ok()) {
    return st.error();
  }
  if (request.roles.count(Role::kAdmin) > 0) {
    return Error::Invalid("roles", "an API token cannot have the admin role");
  }
  if (request.scopes.empty()) return Error::Invalid("scopes", "choose at least one action");
  const auto now = Seconds(clock_.Now());
  std::string expires = FormatUtc(now + options_.default_token_lifetime);
  if (request.expires_at) {
    auto parsed = ParseUtc(*request.expires_at);
    if (!parsed) return Error::Invalid("expires_at", "give a date like 2027-03-01");
    if (*parsed <= now)
      return Error::Invalid("expires_at", "the expiry date must be in the future");
    if (*parsed > now + std::chrono::days(366)) {
      return Error::Invalid("expires_at", "a token lives at most one year; issue a new one then");
    }
    expires = FormatUtc(*parsed);
  }
  const security::NewApiToken secret = security::GenerateApiToken(security::SystemRandom());
  store::ApiTokenRow row;
  row.id = security::NewUuid(security::SystemRandom());
  row.hash = secret.token_hash;
  row.organisation = request.organisation;
  row.label = request.label;
  row.roles = RoleNames(request.roles);
  for (Action a : request.scopes) row.scopes.insert(ActionName(a));
  row.created_at = FormatUtc(now);
  row.created_by = actor.id;
  row.expires_at = expires;
  auto db = database_.Acquire();
  return store::InTransaction<IssuedApiToken>(*db, [&](Db& tx) -> Result<IssuedApiToken> {
    if (Status st = IdentityRepository(tx).InsertToken(row); !st.ok()) return st.error();
    if (Status st = audit_.Record(tx, actor.Event("api_token.issue", "api_token", row.id));
        !st.ok()) {
      return st.error();
    }
    return IssuedApiToken{TokenView(row), secret.token};
  });
}

Result<std::vector<ApiTokenView>> IdentityService::ListApiTokens(const Actor& actor,
                                                                 std::string_view organisation) {
  Impl impl{*this};
  if (Status st = impl.AuthorizeOn(actor, organisation, "organisation", organisation); !st.ok()) {
    return st.error();
  }
  auto db = database_.Acquire();
  auto rows = IdentityRepository(*db).ListTokens(organisation);
  if (!rows) return rows.error();
  std::vector<ApiTokenView> out;
  for (const auto& t : *rows) out.push_back(TokenView(t));
  return out;
}

Result<ApiTokenView> IdentityService::RevokeApiToken(const Actor& actor,
                                                     std::string_view token_id) {
  Impl impl{*this};
  auto token = [&] {
    auto db = database_.Acquire();
    return IdentityRepository(*db).FindToken(token_id);
  }();
  if (!token) return token.error();
  if (!*token) return Error::NotFound(fmt::format("no API token '{}'", token_id));
  if (Status st = impl.AuthorizeOn(actor, (*token)->organisation, "api_token", token_id);
      !st.ok()) {
    return st.error();
  }
  auto db = database_.Acquire();
  return store::InTransaction<ApiTokenView>(*db, [&](Db& tx) -> Result<ApiTokenView> {
    IdentityRepository repo(tx);
    if (Status st = repo.RevokeToken(token_id, impl.Now()); !st.ok()) return st.error();
    if (Status st =
            audit_.Record(tx, actor.Event("api_token.revoke", "api_token", std::string(token_id)));
        !st.ok()) {
      return st.error();
    }
    auto fresh = repo.FindToken(token_id);
    if (!fresh) return fresh.error();
    return TokenView(**fresh);
  });
}

Result<Actor> IdentityService::AuthenticateApiToken(std::string_view presented,
                                                    std::string_view address,
                                                    std::string_view correlation_id) {
  Impl impl{*this};
  auto refuse = [&](const std::string& actor_id, const std::string& organisation) -> Error {
    security::AuditEvent e = impl.Event(actor_id, organisation, "api_token.authenticate", actor_id,
                                        AuditResult::kFailure, address);
    e.object_type = "api_token";
    e.origin = security::AuditOrigin::kApi;
    e.correlation_id = std::string(correlation_id);
    (void)audit_.Record(database_, e);
    return Error::Forbidden(kTokenRefused);
  };
  if (!security::LooksLikeApiToken(presented)) return refuse("unknown", "");
  auto db = database_.Acquire();
  IdentityRepository repo(*db);
  auto row = repo.FindTokenByHash(security::ApiTokenHash(presented));
  if (!row) return row.error();
  if (!*row) return refuse("unknown", "");
  const store::ApiTokenRow& t = **row;
  security::ApiTokenRecord record;
  record.token_hash = t.hash;
  record.organisation_id = t.organisation;
  record.scopes.assign(t.scopes.begin(), t.scopes.end());
  auto expires = ParseUtc(t.expires_at);
  record.expires_at = expires.value_or(std::chrono::sys_seconds{});
  if (t.revoked_at) record.revoked_at = ParseUtc(*t.revoked_at);
  const auto now = Seconds(clock_.Now());
  // Scope is decided per action by the policy (Principal::scopes); here: hash, expiry, revocation.
  const std::string any_scope = record.scopes.empty() ? "" : record.scopes.front();
  if (!security::CheckApiToken(record, presented, any_scope, now).ok()) {
    return refuse("token:" + t.id, t.organisation);
  }
  auto principal =
      PrincipalFor(*db, "token:" + t.id, t.organisation, RolesFrom(t.roles), impl.Today());
  if (!principal) return principal.error();
  std::set<Action> scopes = TokenView(t).scopes;
  principal->scopes = std::move(scopes);
  if (!t.last_used_at ||
      (ParseUtc(*t.last_used_at).value_or(now) + std::chrono::minutes(1) <= now)) {
    (void)WriteBeside(database_,
                      [&](IdentityRepository& w) { return w.TouchToken(t.id, FormatUtc(now)); });
  }
  Actor actor;
  actor.name = t.label;
  actor.origin = "api";
  actor.id = "token:" + t.id;
  actor.address = std::string(address);
  actor.correlation_id = std::string(correlation_id);
  actor.principal = std::move(principal).value();
  return actor;
}

}  // namespace schakel::app
