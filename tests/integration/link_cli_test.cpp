// `schakel link reindex` and `schakel link capture-histories` as an operator runs them on an
// installation: imported signals are linkable, reindex re-encodes them after the encodings were
// lost, and the capture histories of a region come out as the CSV `schakel estimate` reads.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli_runner.h"
#include "store/sqlite_db.h"
#include "temp_database.h"

namespace schakel {
namespace {

class LinkCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::testing::FreshTempDir("schakel-link-cli");
    data_dir_ = dir_ / "var";
    ASSERT_TRUE(testing::ImportReferenceLists(data_dir_));
  }

  testing::RunResult Run(const std::string& args) { return testing::RunSchakel(data_dir_, args); }

  std::string Write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

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

// Synthetic people: Quokka twice (staff and partner, spelt differently), Wervel once (staff),
// Ysbrand once (partner); a signal without a name.
constexpr const char* kSignals =
    "organisation,channel,urgency,observed_on,forms,description,victim_given_names,"
    "victim_family_name,victim_date_of_birth,victim_gender,victim_nationality\n"
    "GM0014,staff,normal,2026-10-01,labour,Loods,Quokka,Zwavelstok,1990-01-02,female,POL\n"
    "GM0014,partner,normal,2026-10-02,labour,Kas,Kwokka,Zwavelstok,1990-01-02,female,POL\n"
    "GM0014,staff,normal,2026-10-03,sexual,Salon,Wervel,Ambergris,1985-05-06,female,NLD\n"
    "GM0014,partner,normal,2026-10-04,criminal,Koerier,Ysbrand,Quackel,1979-09-10,male,ROU\n"
    "GM0014,partner,normal,2026-10-05,labour,Zonder naam,,,,,\n";

TEST_F(LinkCliTest, ReindexAndCaptureHistoriesOfARegion) {
  const auto imported = Run("signal import " + Write("signals.csv", kSignals));
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM linkage_encodings"), 4) << "encoded on import";
  {
    auto database = store::OpenSqlite(data_dir_ / "schakel.db");
    ASSERT_TRUE(database.ok());
    auto db = (*database)->Acquire();
    ASSERT_TRUE(db->Execute("DELETE FROM linkage_blocking_keys").ok());
    ASSERT_TRUE(db->Execute("DELETE FROM linkage_encodings").ok());
  }
  const auto reindexed = Run("link reindex");
  ASSERT_EQ(reindexed.exit_code, 0) << reindexed.output;
  EXPECT_NE(reindexed.output.find("encoded 4 signal(s) and 0 person(s)"), std::string::npos)
      << reindexed.output;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM linkage_encodings"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'linkage.reindex'"), 1);

  const std::string out = (dir_ / "histories.csv").string();
  const auto histories =
      Run("link capture-histories --region VR01 --from 2020-01-01 --to 2099-12-31 --out " + out);
  ASSERT_EQ(histories.exit_code, 0) << histories.output;
  std::ifstream in(out);
  std::stringstream csv;
  csv << in.rdbuf();
  // partner only (Ysbrand), staff only (Wervel), both (Quokka).
  EXPECT_EQ(csv.str(), "partner,staff,count\n1,0,1\n0,1,1\n1,1,1\n");

  const auto bad = Run("link capture-histories --region VR01 --from 2026-02-30 --to 2026-12-31");
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("from"), std::string::npos) << bad.output;
  const auto not_region =
      Run("link capture-histories --region GM0014 --from 2026-01-01 --to 2026-12-31");
  EXPECT_EQ(not_region.exit_code, 2) << not_region.output;
}

}  // namespace
}  // namespace schakel
