// Identity: the first administrator, the staged login, sessions, throttling, account management
// and API tokens — as a user of the login pages or a partner system would notice them.
#include "app/identity_service.h"

#include <gtest/gtest.h>

#include "app_fixture.h"
#include "security/totp.h"
#include "store/audit_repository.h"

namespace schakel::app {
namespace {

using namespace std::chrono_literals;

// An identity service on a fresh installation (no users yet).
class IdentityBase : public testing::AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    IdentityOptions options;
    options.argon2 = security::Argon2Limits::MinimumForTests();
    identity_.emplace(*database_, clock_, audit_, keys_, common_, options);
  }
  security::KeyRing keys_ = security::KeyRing::Generate(security::SystemRandom());
  security::CommonPasswords common_{{"welkom2026!!", "wachtwoord123"}};
  std::optional<IdentityService> identity_;
};

class IdentityTest : public IdentityBase {
 protected:
  void SetUp() override {
    IdentityBase::SetUp();
    auto first = identity_->EnsureFirstAdmin("SCHAKEL", "Beheer Schakel");
    ASSERT_TRUE(first.ok()) << first.error().message;
    ASSERT_TRUE(first->has_value());
    admin_password_ = (*first)->one_time_password;
  }

  std::chrono::sys_seconds Now() const {
    return std::chrono::floor<std::chrono::seconds>(clock_.Now());
  }

  // Logs in with the one-time password, sets `password`, enrols TOTP when asked; returns the
  // token of a full session and the TOTP secret ("" when none was needed).
  std::pair<std::string, std::string> Onboard(const std::string& username,
                                              const std::string& one_time,
                                              const std::string& password) {
    auto grant = identity_->Login(username, one_time, "10.0.0.1");
    EXPECT_TRUE(grant.ok()) << grant.error().message;
    EXPECT_EQ(grant->stage, SessionStage::kPasswordChange);
    auto changed = identity_->ChangePassword(grant->token, one_time, password, "10.0.0.1");
    EXPECT_TRUE(changed.ok()) << changed.error().message;
    if (changed->stage == SessionStage::kFull) return {changed->token, ""};
    EXPECT_EQ(changed->stage, SessionStage::kTotpEnrol);
    auto enrolment = identity_->BeginTotpEnrolment(changed->token);
    EXPECT_TRUE(enrolment.ok());
    auto code = security::TotpCode(enrolment->secret_base32, Now());
    auto full = identity_->ConfirmTotpEnrolment(changed->token, *code, "10.0.0.1");
    EXPECT_TRUE(full.ok()) << full.error().message;
    EXPECT_EQ(full->stage, SessionStage::kFull);
    return {full->token, enrolment->secret_base32};
  }

  Actor AdminActor() {
    if (admin_token_.empty()) {
      admin_token_ = Onboard("admin", admin_password_, "Lange-zin met 7 woorden!").first;
    }
    auto ctx = identity_->Authenticate(admin_token_, "10.0.0.1");
    EXPECT_TRUE(ctx.ok());
    return ctx->actor;
  }

  std::vector<store::AuditRow> Events(const std::string& action) {
    auto db = database_->Acquire();
    store::AuditQuery q;
    q.actions = {action};
    return *store::AuditRepository(*db).Find(q);
  }

  std::string admin_password_;
  std::string admin_token_;
};

TEST_F(IdentityTest, FirstAdminIsCreatedOnceWithAOneTimePassword) {
  auto again = identity_->EnsureFirstAdmin("SCHAKEL", "Beheer Schakel");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());
  EXPECT_EQ(admin_password_.size(), 19u);
  EXPECT_EQ(orgs_->Get("SCHAKEL")->kind, "national");
}

TEST_F(IdentityTest, NewcomerChangesPasswordEnrolsTotpAndGetsTheAdminPrincipal) {
  const Actor admin = AdminActor();
  EXPECT_TRUE(admin.principal.Has(Role::kAdmin));
  EXPECT_EQ(admin.principal.organisation_kind, "national");
  EXPECT_EQ(Events("totp.enrol").size(), 1u);
  EXPECT_EQ(Events("password.change").size(), 1u);
}

TEST_F(IdentityTest, NotYetFullSessionsCannotAct) {
  auto grant = identity_->Login("admin", admin_password_, "10.0.0.1");
  ASSERT_TRUE(grant.ok());
  auto ctx = identity_->Authenticate(grant->token, "10.0.0.1");
  ASSERT_TRUE(ctx.ok());
  EXPECT_EQ(ctx->stage, SessionStage::kPasswordChange);
  EXPECT_FALSE(ctx->actor.principal.authenticated());
  // The TOTP step is not reachable before the password change.
  EXPECT_EQ(identity_->VerifyTotp(grant->token, "123456", "10.0.0.1").error().code,
            ErrorCode::kConflict);
}

TEST_F(IdentityTest, WeakNewPasswordsAreRefusedWithTheRuleThatFailed) {
  auto grant = identity_->Login("admin", admin_password_, "10.0.0.1");
  auto short_one = identity_->ChangePassword(grant->token, admin_password_, "kort", "10.0.0.1");
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().field, "password");
  EXPECT_NE(short_one.error().message.find("too_short"), std::string::npos);
  auto common =
      identity_->ChangePassword(grant->token, admin_password_, "Welkom2026!!", "10.0.0.1");
  ASSERT_FALSE(common.ok());
  EXPECT_NE(common.error().message.find("common"), std::string::npos);
  auto wrong = identity_->ChangePassword(grant->token, "not-it-at-all", "Een goed lang wachtwoord",
                                         "10.0.0.1");
  EXPECT_EQ(wrong.error().field, "current_password");
}

TEST_F(IdentityTest, UnknownUserAndWrongPasswordLookTheSameAndAreAudited) {
  auto unknown = identity_->Login("nobody", "whatever-password", "10.0.0.2");
  auto wrong = identity_->Login("admin", "whatever-password", "10.0.0.2");
  ASSERT_FALSE(unknown.ok());
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(unknown.error().message, wrong.error().message);
  const auto failures = Events("login");
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].actor, "unknown");
  EXPECT_EQ(failures[0].result, "failure");
  EXPECT_EQ(failures[1].result, "failure");
  for (const auto& e : failures) {  // no password or typed name in the trail
    EXPECT_EQ(e.object_id.find("nobody"), std::string::npos);
    EXPECT_EQ(e.actor.find("nobody"), std::string::npos);
  }
}

TEST_F(IdentityTest, RepeatedFailuresThrottleTheAccountEvenForTheRightPassword) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(identity_->Login("admin", "fout-wachtwoord", "10.0.0.3").ok());
  }
  auto refused = identity_->Login("admin", admin_password_, "10.0.0.3");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "throttled");
  EXPECT_NE(refused.error().message.find("try again in 1 minute"), std::string::npos);
  clock_.Advance(30s);
  EXPECT_TRUE(identity_->Login("admin", admin_password_, "10.0.0.3").ok());
}

TEST_F(IdentityTest, ATotpCodeWorksOnceAndWrongCodesCount) {
  auto [token, secret] = Onboard("admin", admin_password_, "Lange-zin met 7 woorden!");
  ASSERT_FALSE(secret.empty());
  clock_.Advance(60s);
  auto login = [&] {
    auto g = identity_->Login("admin", "Lange-zin met 7 woorden!", "10.0.0.4");
    EXPECT_TRUE(g.ok());
    EXPECT_EQ(g->stage, SessionStage::kTotp);
    return g->token;
  };
  const std::string code = *security::TotpCode(secret, Now());
  EXPECT_EQ(identity_->VerifyTotp(login(), "000000" == code ? "111111" : "000000", "10.0.0.4")
                .error()
                .code,
            ErrorCode::kForbidden);
  auto ok = identity_->VerifyTotp(login(), code, "10.0.0.4");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->stage, SessionStage::kFull);
  auto replay = identity_->VerifyTotp(login(), code, "10.0.0.4");
  EXPECT_EQ(replay.error().code, ErrorCode::kForbidden);
}

TEST_F(IdentityTest, SessionsExpireWhenIdleAndAfterTheAbsoluteLimit) {
  const Actor admin = AdminActor();
  clock_.Advance(14min);
  EXPECT_TRUE(identity_->Authenticate(admin_token_, "10.0.0.1").ok());  // refreshes last seen
  clock_.Advance(14min);
  EXPECT_TRUE(identity_->Authenticate(admin_token_, "10.0.0.1").ok());
  clock_.Advance(15min);
  EXPECT_EQ(identity_->Authenticate(admin_token_, "10.0.0.1").error().code, ErrorCode::kForbidden);

  admin_token_.clear();
  auto grant = identity_->Login("admin", "Lange-zin met 7 woorden!", "10.0.0.1");
  ASSERT_TRUE(grant.ok());
  for (int i = 0; i < 40; ++i) {  // active all the time, but 8 hours is the limit
    clock_.Advance(12min);
    if (!identity_->Authenticate(grant->token, "10.0.0.1").ok()) {
      EXPECT_GE(i, 39);
      return;
    }
  }
  ADD_FAILURE() << "the session outlived the absolute limit";
}

TEST_F(IdentityTest, LogoutAndPasswordChangeEndEverySession) {
  AdminActor();
  const std::string first = admin_token_;
  auto second = identity_->Login("admin", "Lange-zin met 7 woorden!", "10.0.0.5");
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(identity_->Logout(first, "10.0.0.1").ok());
  EXPECT_FALSE(identity_->Authenticate(first, "10.0.0.1").ok());
  EXPECT_FALSE(identity_->Authenticate(second->token, "10.0.0.5").ok());
  EXPECT_EQ(Events("logout").size(), 1u);
}

TEST_F(IdentityTest, AdminCreatesUsersWhoseRolesFitTheOrganisation) {
  const Actor admin = AdminActor();
  auto officer = identity_->CreateUser(
      admin, {"GM0014", "p.officer", "Beleidsadviseur Groningen", {Role::kPolicyOfficer}});
  ASSERT_TRUE(officer.ok()) << officer.error().message;
  EXPECT_TRUE(officer->user.must_change_password);
  EXPECT_FALSE(officer->user.totp_required);  // no personal data: second factor optional
  EXPECT_EQ(Onboard("p.officer", officer->one_time_password, "Groninger koek is lekker").second,
            "");

  auto mixed = identity_->CreateUser(
      admin, {"GM0014", "mixed", "Gemengd", {Role::kAdmin, Role::kCareCoordinator}});
  EXPECT_EQ(mixed.error().field, "roles");
  auto monitor = identity_->CreateUser(admin, {"GM0014", "mon", "Monitor", {Role::kMonitor}});
  EXPECT_EQ(monitor.error().field, "roles");
  auto duplicate =
      identity_->CreateUser(admin, {"GM0014", "p.officer", "Nog een", {Role::kPolicyOfficer}});
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  auto bad_name = identity_->CreateUser(admin, {"GM0014", "P Officer", "X", {Role::kAuditor}});
  EXPECT_EQ(bad_name.error().field, "username");
}

TEST_F(IdentityTest, AMunicipalAdminManagesOnlyItsOwnOrganisation) {
  const Actor admin = AdminActor();
  auto local = identity_->CreateUser(admin, {"GM0014", "beheer.gr", "Beheer", {Role::kAdmin}});
  ASSERT_TRUE(local.ok());
  auto [token, secret] = Onboard("beheer.gr", local->one_time_password, "Martinitoren 97 meter");
  const Actor local_admin = identity_->Authenticate(token, "10.0.0.1")->actor;
  EXPECT_TRUE(
      identity_->CreateUser(local_admin, {"GM0014", "sig.gr", "Signaleerder", {Role::kSignaller}})
          .ok());
  auto foreign = identity_->CreateUser(local_admin,
                                       {"GM0363", "sig.adam", "Signaleerder", {Role::kSignaller}});
  EXPECT_EQ(foreign.error().code, ErrorCode::kForbidden);
  auto admin_list = identity_->ListUsers(local_admin, "SCHAKEL");
  EXPECT_EQ(admin_list.error().code, ErrorCode::kForbidden);
  auto denials = Events("manage_users");
  ASSERT_EQ(denials.size(), 2u);
  EXPECT_EQ(denials[0].result, "deny");
  EXPECT_EQ(denials[0].actor, local_admin.id);
}

TEST_F(IdentityTest, AdminsCannotLockThemselvesOut) {
  const Actor admin = AdminActor();
  EXPECT_EQ(identity_->SetRoles(admin, admin.id, {Role::kAuditor}).error().field, "roles");
  EXPECT_EQ(identity_->SetDisabled(admin, admin.id, true).error().field, "disabled");
}

TEST_F(IdentityTest, DisabledUsersCannotLogInAndResetsEndSessions) {
  const Actor admin = AdminActor();
  auto user = identity_->CreateUser(admin, {"GM0014", "aud", "Auditor", {Role::kAuditor}});
  auto [token, secret] = Onboard("aud", user->one_time_password, "Controle is een vak apart");
  ASSERT_TRUE(identity_->SetDisabled(admin, user->user.id, true).ok());
  EXPECT_FALSE(identity_->Authenticate(token, "10.0.0.1").ok());
  EXPECT_FALSE(identity_->Login("aud", "Controle is een vak apart", "10.0.0.6").ok());
  ASSERT_TRUE(identity_->SetDisabled(admin, user->user.id, false).ok());
  auto reset = identity_->ResetPassword(admin, user->user.id);
  ASSERT_TRUE(reset.ok());
  auto again = identity_->Login("aud", reset->one_time_password, "10.0.0.7");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->stage, SessionStage::kPasswordChange);
  ASSERT_TRUE(identity_->ResetTotp(admin, user->user.id).ok());
  EXPECT_FALSE(identity_->GetUser(admin, user->user.id)->totp_enrolled);
}

TEST_F(IdentityTest, ApiTokensAreScopedExpiringAndRevocable) {
  const Actor admin = AdminActor();
  auto partner = orgs_->Get("GM0014");  // a municipality's system reading its assessments
  ASSERT_TRUE(partner.ok());
  NewApiToken request{"GM0014",
                      "Koppeling BI",
                      {Role::kPolicyOfficer},
                      {Action::kViewAssessment},
                      std::string("2027-01-01")};
  auto issued = identity_->IssueApiToken(admin, request);
  ASSERT_TRUE(issued.ok()) << issued.error().message;
  EXPECT_EQ(issued->secret.rfind("skl_", 0), 0u);

  auto actor = identity_->AuthenticateApiToken(issued->secret, "192.0.2.1");
  ASSERT_TRUE(actor.ok()) << actor.error().message;
  Resource own{"GM0014", {"VR01"}, "", {}};
  EXPECT_TRUE(Decide(actor->principal, Action::kViewAssessment, own).allowed);
  EXPECT_FALSE(Decide(actor->principal, Action::kEditAssessment, own).allowed);  // not scoped

  EXPECT_FALSE(identity_->AuthenticateApiToken(issued->secret + "x", "192.0.2.1").ok());
  ASSERT_TRUE(identity_->RevokeApiToken(admin, issued->token.id).ok());
  EXPECT_FALSE(identity_->AuthenticateApiToken(issued->secret, "192.0.2.1").ok());

  auto short_lived = identity_->IssueApiToken(
      admin, {"GM0014", "Kort", {Role::kPolicyOfficer}, {Action::kViewAssessment}, std::nullopt});
  ASSERT_TRUE(short_lived.ok());
  clock_.Advance(std::chrono::hours(24 * 91));
  EXPECT_FALSE(identity_->AuthenticateApiToken(short_lived->secret, "192.0.2.1").ok());

  EXPECT_EQ(
      identity_
          ->IssueApiToken(
              admin, {"GM0014", "Beheer", {Role::kAdmin}, {Action::kManageUsers}, std::nullopt})
          .error()
          .field,
      "roles");
  EXPECT_EQ(identity_->IssueApiToken(admin, {"GM0014", "Leeg", {Role::kPolicyOfficer}, {}, {}})
                .error()
                .field,
            "scopes");
}

}  // namespace
}  // namespace schakel::app

namespace schakel::app {
namespace {

// Demo mode: only on an empty installation, only by the operator; demo accounts sign in with the
// documented password and without a second factor; other accounts keep theirs.
using DemoModeTest = IdentityBase;

TEST_F(DemoModeTest, DemoAccountsSignInWithoutSecondFactorOnlyInDemoMode) {
  const NewUser coordinator{"GM0014", "demo-zorg", "Demo Zorg", {Role::kCareCoordinator}};
  auto refused = identity_->CreateDemoUser(actor_, coordinator, "demo-schakel");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(*identity_->DemoMode());

  Actor web = actor_;
  web.principal = Principal{};
  web.principal.user = "someone";
  EXPECT_EQ(identity_->EnableDemoMode(web).error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(identity_->EnableDemoMode(actor_).ok());
  ASSERT_TRUE(identity_->EnableDemoMode(actor_).ok());  // already on: nothing changes
  EXPECT_TRUE(*identity_->DemoMode());

  EXPECT_EQ(identity_
                ->CreateDemoUser(actor_, {"GM0014", "zorg", "Zorg", {Role::kCareCoordinator}},
                                 "demo-schakel")
                .error()
                .field,
            "username");
  ASSERT_TRUE(identity_->CreateDemoUser(actor_, coordinator, "demo-schakel").ok());
  auto grant = identity_->Login("demo-zorg", "demo-schakel", "10.0.0.1");
  ASSERT_TRUE(grant.ok()) << grant.error().message;
  EXPECT_EQ(grant->stage, SessionStage::kFull);  // no password change, no second factor

  // An ordinary account in a demo installation still needs its second factor.
  auto issued =
      identity_->CreateUser(actor_, {"GM0014", "echte-zorg", "Zorg", {Role::kCareCoordinator}});
  ASSERT_TRUE(issued.ok());
  auto first = identity_->Login("echte-zorg", issued->one_time_password, "10.0.0.1");
  auto changed = identity_->ChangePassword(first->token, issued->one_time_password,
                                           "Een lang en eigen wachtwoord 2026", "10.0.0.1");
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(changed->stage, SessionStage::kTotpEnrol);
}

TEST_F(DemoModeTest, AnInstallationWithUsersNeverBecomesADemo) {
  ASSERT_TRUE(identity_->EnsureFirstAdmin("SCHAKEL", "Beheer Schakel").ok());
  auto refused = identity_->EnableDemoMode(actor_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(*identity_->DemoMode());
}

}  // namespace
}  // namespace schakel::app
