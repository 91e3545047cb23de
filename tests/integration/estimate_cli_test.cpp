// `schakel estimate FILE.csv --store --region CODE --period YYYY` as an operator runs it: the
// report is printed and the estimate stored for the region with its audit event; without a
// region or with a bad year nothing is stored and the exit code says invalid input.
#include <gtest/gtest.h>

#include "cli_runner.h"
#include "store/sqlite_db.h"
#include "temp_database.h"

namespace schakel {
namespace {

class EstimateCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::testing::FreshTempDir("schakel-estimate-cli");
    data_dir_ = dir_ / "var";
    ASSERT_TRUE(testing::ImportReferenceLists(data_dir_));
  }

  testing::RunResult Run(const std::string& args) { return testing::RunSchakel(data_dir_, args); }

  int64_t Count(const std::string& sql) {
    auto database = store::OpenSqlite(data_dir_ / "schakel.db");
    EXPECT_TRUE(database.ok());
    auto db = (*database)->Acquire();
    auto rows = db->Query(sql);
    return rows.ok() ? rows->front().Int(0) : -1;
  }

  std::filesystem::path dir_;
  std::filesystem::path data_dir_;
};

constexpr const char* kUk = SCHAKEL_SHARED_DATA_DIR "/mse/UKdat_5.csv";

TEST_F(EstimateCliTest, StoreKeepsTheEstimateForTheRegionAndAuditsIt) {
  const auto r = Run(std::string("estimate ") + kUk + " --store --region VR17 --period 2026");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Estimate: 11313.0 people"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Stored as estimate 1 for VR17 2026"), std::string::npos) << r.output;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM estimates WHERE region = 'VR17' AND period = '2026' AND "
                  "observed = 2744 AND method = 'stepwise' AND abs(total - 11313.0) < 0.5"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'estimate.store'"), 1);
  // The same with AIC: a second estimate, the method recorded.
  ASSERT_EQ(
      Run(std::string("estimate ") + kUk + " --method aic --store --region VR17 --period 2026")
          .exit_code,
      0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM estimates WHERE method = 'aic'"), 1);
}

TEST_F(EstimateCliTest, BadRegionOrYearStoresNothing) {
  auto r = Run(std::string("estimate ") + kUk + " --store --region VR17 --period 26");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("periode"), std::string::npos) << r.output;
  r = Run(std::string("estimate ") + kUk + " --store --region GM0014 --period 2026");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("not a safety region"), std::string::npos) << r.output;
  r = Run(std::string("estimate ") + kUk + " --store --period 2026");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM estimates"), 0);
  // Without --store the database is not needed and nothing is written.
  EXPECT_EQ(Run(std::string("estimate ") + kUk).exit_code, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM estimates"), 0);
}

}  // namespace
}  // namespace schakel
