// A migrated temporary database with the public municipality list and the shipped framework.
#pragma once

#include <gtest/gtest.h>

#include <optional>

#include "app/kader_service.h"
#include "app/organisation_service.h"
#include "kader/framework.h"
#include "store/migrations.h"
#include "temp_database.h"

namespace schakel::app::testing {

class AppFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = store::testing::OpenFreshSqlite();
    {
      auto db = database_->Acquire();
      ASSERT_TRUE(store::Migrate(*db, clock_).ok());
    }
    orgs_.emplace(*database_, clock_, audit_);
    kader_.emplace(*database_, clock_, audit_);
    auto regions = ReadCsvFile(SCHAKEL_SHARED_DATA_DIR "/nl/safety-regions.csv");
    ASSERT_TRUE(regions.ok()) << regions.error().message;
    ASSERT_TRUE(orgs_->ImportSafetyRegions(*regions, "2022-01-01").ok());
    auto municipalities = ReadCsvFile(SCHAKEL_SHARED_DATA_DIR "/nl/municipalities-2022.csv");
    ASSERT_TRUE(municipalities.ok());
    auto r = orgs_->ImportMunicipalities(*municipalities, "2022-01-01");
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto f = kader::LoadFrameworkFile(SCHAKEL_SOURCE_DIR "/data/kader/2021-concept.json");
    ASSERT_TRUE(f.ok());
    ASSERT_TRUE(kader_->LoadFramework(*f).ok());
  }

  FixedClock clock_{std::chrono::system_clock::time_point(std::chrono::seconds(1795000000))};
  std::unique_ptr<store::Database> database_;
  // A fixed chain key: tests may recompute hashes, production keys come from the key file.
  AuditTrail audit_{security::SecretKey::Generate(security::SystemRandom()), clock_};
  std::optional<OrganisationService> orgs_;
  std::optional<KaderService> kader_;
  // The command-line operator: allowed everything (policy tests cover the roles).
  const Actor actor_{"Test Beleidsadviseur", "api", "user-test", "127.0.0.1", Principal::System(),
                     ""};
};

}  // namespace schakel::app::testing
