// Creating chain-partner organisations: only the installation's administrators may, codes and
// names are validated field by field, and every creation (and refusal) is in the audit trail.
#include <gtest/gtest.h>

#include "app_fixture.h"
#include "store/audit_repository.h"

namespace schakel::app {
namespace {

class OrganisationServiceTest : public testing::AppFixture {
 protected:
  // A user with `roles` in an organisation of `kind`.
  static Actor UserActor(std::set<Role> roles, std::string organisation, std::string kind) {
    Actor actor;
    actor.name = "tester";
    actor.origin = "web";
    actor.id = "user-1";
    actor.address = "127.0.0.1";
    actor.principal.user = "user-1";
    actor.principal.organisation = std::move(organisation);
    actor.principal.organisation_kind = std::move(kind);
    actor.principal.roles = std::move(roles);
    return actor;
  }

  std::vector<store::AuditRow> AuditRows() {
    auto db = database_->Acquire();
    auto rows = store::AuditRepository(*db).All();
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<store::AuditRow>{};
  }

  const Actor national_admin_ = UserActor({Role::kAdmin}, "SCHAKEL", "national");
};

TEST_F(OrganisationServiceTest, NationalAdminCreatesAPartnerAndItIsAudited) {
  auto created = orgs_->Create(national_admin_, {"POLITIE-AMS", "  Politie Amsterdam "});
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->kind, "partner");
  EXPECT_EQ(created->name, "Politie Amsterdam");
  auto found = orgs_->Get("POLITIE-AMS");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->name, "Politie Amsterdam");
  const auto rows = AuditRows();
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.back().action, "organisation.create");
  EXPECT_EQ(rows.back().object_id, "POLITIE-AMS");
  EXPECT_EQ(rows.back().result, "success");
  EXPECT_EQ(rows.back().actor, "user-1");
}

TEST_F(OrganisationServiceTest, MunicipalAdminIsRefusedAndTheRefusalAudited) {
  const Actor admin = UserActor({Role::kAdmin}, "GM0363", "municipality");
  auto created = orgs_->Create(admin, {"KMAR-NH", "Koninklijke Marechaussee"});
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kForbidden);
  EXPECT_FALSE(orgs_->Get("KMAR-NH").ok());
  const auto rows = AuditRows();
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.back().result, "deny");
}

TEST_F(OrganisationServiceTest, CodeAndNameErrorsNameTheirField) {
  struct Case {
    NewOrganisation input;
    std::string field;
  };
  const Case cases[] = {
      {{"p", "Politie"}, "code"},
      {{"politie-ams", "Politie"}, "code"},
      {{"POLITIE AMS", "Politie"}, "code"},
      {{"ABCDEFGHIJKLMNOPQ", "Politie"}, "code"},
      {{"POLITIE", ""}, "name"},
      {{"POLITIE", "   "}, "name"},
      {{"POLITIE", std::string(201, 'x')}, "name"},
      {{"POLITIE", "Politie\nAmsterdam"}, "name"},
  };
  for (const Case& c : cases) {
    auto created = orgs_->Create(national_admin_, c.input);
    ASSERT_FALSE(created.ok()) << c.input.code << " / " << c.input.name;
    EXPECT_EQ(created.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(created.error().field, c.field) << c.input.code << " / " << c.input.name;
  }
}

TEST_F(OrganisationServiceTest, AnExistingCodeIsAConflictAndChangesNothing) {
  auto created = orgs_->Create(national_admin_, {"GM0363", "Niet Amsterdam"});
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().code, ErrorCode::kConflict);
  auto amsterdam = orgs_->Get("GM0363");
  ASSERT_TRUE(amsterdam.ok());
  EXPECT_EQ(amsterdam->kind, "municipality");
  EXPECT_NE(amsterdam->name, "Niet Amsterdam");
}

}  // namespace
}  // namespace schakel::app
