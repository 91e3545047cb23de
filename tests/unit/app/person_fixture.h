// A migrated temporary database with two regions and three municipalities, a key ring, an audit
// trail and a PersonService, plus actors with the roles that matter for persons.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "app/person_service.h"
#include "security/key_file.h"
#include "store/audit_repository.h"
#include "store/organisation_repository.h"
#include "temp_database.h"

namespace schakel::app::testing {

// Synthetic values only: no real person has these names.
inline PersonInput SyntheticPerson(std::string organisation = "GM0599") {
  PersonInput in;
  in.organisation = std::move(organisation);
  in.identity.given_names = "Xanthippe-Quirina";
  in.identity.family_name = "Zwavelstok-Ybarra";
  in.identity.date_of_birth = "1987-03-14";
  in.identity.address = "Quokkasteeg 77, 9999 ZZ Nergenshuizen";
  in.identity.phone = "+31 6 9876 5432";
  in.identity.document_number = "NXQ4P7L29";
  in.identity.notes = "Spreekt Wolofzweeds; contact via tussenpersoon Ypsilonia";
  in.gender = "female";
  in.nationality = "QZX";
  return in;
}

inline Actor PersonActor(std::string user, std::string organisation,
                         std::vector<std::string> regions, Role role) {
  Principal p;
  p.user = user;
  p.organisation = std::move(organisation);
  p.organisation_kind = "municipality";
  p.regions = std::move(regions);
  p.roles = {role};
  return {"Test " + std::string(RoleName(role)), "api", user, "127.0.0.1", p, ""};
}

class PersonFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    // A named file in WAL mode, as in production, so tests can read its bytes.
    db_file_ = store::testing::FreshTempDir("schakel-persons") / "schakel.db";
    database_ = store::testing::OpenMigratedSqlite(db_file_);
    ASSERT_NE(database_, nullptr);
    auto db = database_->Acquire();
    store::OrganisationRepository orgs(*db);
    for (const char* region : {"VR17", "VR01"}) {
      ASSERT_TRUE(
          orgs.Upsert({region, "region", "safety_region", region, "2000-01-01", {}, {}}).ok());
    }
    for (auto [code, region] :
         {std::pair{"GM0599", "VR17"}, std::pair{"GM0606", "VR17"}, std::pair{"GM0014", "VR01"}}) {
      ASSERT_TRUE(orgs.Upsert({code, "municipality", {}, code, "2000-01-01", {}, {}}).ok());
      ASSERT_TRUE(orgs.AddMember(region, code, "2000-01-01", {}).ok());
    }
    persons_.emplace(*database_, clock_, audit_, keys_);
  }

  std::vector<store::AuditRow> AuditRows() {
    auto db = database_->Acquire();
    auto rows = store::AuditRepository(*db).All();
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<store::AuditRow>{};
  }
  // One column of the stored row, as it is on disk.
  std::optional<std::string> Stored(const std::string& id, const std::string& column) {
    auto db = database_->Acquire();
    auto rows = db->Query("SELECT " + column + " FROM persons WHERE id = ?", {store::Text(id)});
    EXPECT_TRUE(rows.ok() && rows->size() == 1);
    return rows.ok() && rows->size() == 1 ? rows->front().OptText(0) : std::nullopt;
  }

  FixedClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(1795000000))};
  std::filesystem::path db_file_;
  std::unique_ptr<store::Database> database_;
  AuditTrail audit_{security::SecretKey::Generate(security::SystemRandom()), clock_};
  security::KeyRing keys_ = security::KeyRing::Generate(security::SystemRandom());
  std::optional<PersonService> persons_;  // with keys_
  const Actor coordinator_ = PersonActor("u-care", "GM0599", {"VR17"}, Role::kCareCoordinator);
  const Actor neighbour_ = PersonActor("u-care2", "GM0606", {"VR17"}, Role::kCareCoordinator);
  const Actor far_away_ = PersonActor("u-care3", "GM0014", {"VR01"}, Role::kCareCoordinator);
  const Actor signaller_ = PersonActor("u-sig", "GM0599", {"VR17"}, Role::kSignaller);
  const Actor other_signaller_ = PersonActor("u-sig2", "GM0599", {"VR17"}, Role::kSignaller);
  const Actor policy_officer_ = PersonActor("u-pol", "GM0599", {"VR17"}, Role::kPolicyOfficer);
};

}  // namespace schakel::app::testing
