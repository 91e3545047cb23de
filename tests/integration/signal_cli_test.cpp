// `schakel signal import FILE.csv` as an operator runs it: every bad cell is reported with its
// line and column and nothing is written; a clean file is written completely.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_runner.h"
#include "store/sqlite_db.h"
#include "temp_database.h"

namespace schakel {
namespace {

class SignalCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::testing::FreshTempDir("schakel-signal-cli");
    data_dir_ = dir_ / "var";
    ASSERT_TRUE(testing::ImportReferenceLists(data_dir_));
  }

  testing::RunResult Run(const std::string& args) { return testing::RunSchakel(data_dir_, args); }

  std::string Write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  int64_t Signals() {
    auto database = store::OpenSqlite(data_dir_ / "schakel.db");
    EXPECT_TRUE(database.ok());
    auto db = (*database)->Acquire();
    auto rows = db->Query("SELECT COUNT(*) FROM signals");
    return rows.ok() ? rows->front().Int(0) : -1;
  }

  std::filesystem::path dir_;
  std::filesystem::path data_dir_;
};

// Synthetic rows only.
constexpr const char* kHeader =
    "organisation,channel,urgency,observed_on,forms,indicators,description,victim_family_name,"
    "victim_date_of_birth,victim_living_at_home\n";

TEST_F(SignalCliTest, BadRowsAreNamedByLineAndColumnAndNothingIsWritten) {
  const std::string file =
      Write("bad.csv", std::string(kHeader) +
                           "GM0014,partner,normal,2026-10-01,labour,ilo.deception,\"Loods, "
                           "nachtwerk\",Qwertyman,1990-01-02,\n"
                           "GM0014,partner,whenever,2026-10-02,sexual,,Escortadvertentie,,,\n"
                           "GM0014,partner,urgent,2026-10-03,labour;slavery,,x,,31-02-1990,\n");
  const auto r = Run("signal import " + file);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("line 3, column urgency"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("line 4, column forms"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("line 4, column victim_date_of_birth"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("nothing was imported"), std::string::npos) << r.output;
  EXPECT_EQ(Signals(), 0);
}

TEST_F(SignalCliTest, UnknownColumnsAndBadYesNoCellsAreRefused) {
  auto r = Run("signal import " + Write("cols.csv",
                                        "organisation,channel,urgency,observed_on,"
                                        "favourite_colour\nGM0014,staff,normal,"
                                        "2026-10-01,blue\n"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("unknown column 'favourite_colour'"), std::string::npos) << r.output;
  r = Run("signal import " +
          Write("yn.csv", std::string(kHeader) + "GM0014,staff,normal,2026-10-01,,,iets,,,soms\n"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("line 2, column victim_living_at_home"), std::string::npos) << r.output;
  EXPECT_EQ(Signals(), 0);
}

TEST_F(SignalCliTest, ACleanFileIsImportedCompletely) {
  const std::string file =
      Write("good.csv", std::string(kHeader) +
                            "GM0014,partner,normal,2026-10-01,labour,ilo.deception,\"Loods, "
                            "nachtwerk\",Qwertyman,1990-01-02,\n"
                            "GM0363,partner,acute,02-10-2026,sexual,,Escortadvertentie,,,ja\n");
  const auto r = Run("signal import " + file);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("imported 2 signal(s)"), std::string::npos) << r.output;
  EXPECT_EQ(Signals(), 2);
}

}  // namespace
}  // namespace schakel
