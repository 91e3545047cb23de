// `schakel demo setup` as the README's run command uses it, with the synthetic world's options:
// --years reaches further back, the same seed gives the same signals, and an installation that
// is not empty is left alone.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "domain/clock.h"
#include "store/sqlite_db.h"
#include "temp_database.h"

namespace schakel {
namespace {

constexpr const char* kMunicipalities =
    " --municipalities " SCHAKEL_SHARED_DATA_DIR "/nl/municipalities-2022.csv";

class DemoCliTest : public ::testing::Test {
 protected:
  std::filesystem::path Installation(const std::string& name) {
    const auto dir = store::testing::FreshTempDir("schakel-demo-cli-" + name) / "var";
    EXPECT_TRUE(testing::ImportReferenceLists(dir));
    return dir;
  }

  // The signals' observation dates (not identifying; stored in the clear), oldest first.
  static std::vector<std::string> ObservedOn(const std::filesystem::path& data_dir) {
    auto database = store::OpenSqlite(data_dir / "schakel.db");
    EXPECT_TRUE(database.ok());
    if (!database.ok()) return {};
    auto db = (*database)->Acquire();
    auto rows = db->Query("SELECT observed_on FROM signals ORDER BY observed_on, seq");
    EXPECT_TRUE(rows.ok());
    std::vector<std::string> out;
    if (rows.ok()) {
      for (const auto& r : *rows) out.push_back(r.Text(0));
    }
    return out;
  }

  // The date `days` ago, as the signals store it.
  static std::string DaysAgo(int days) {
    return FormatUtc(std::chrono::system_clock::now() - std::chrono::hours(24 * days))
        .substr(0, 10);
  }
};

TEST_F(DemoCliTest, YearsReachesFurtherBackAndTheSameSeedGivesTheSameSignals) {
  const auto one = Installation("one");
  auto r = testing::RunSchakel(
      one, std::string("demo setup --seed 11 --scale 0.05 --max 100000") + kMunicipalities);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto last_year = ObservedOn(one);
  ASSERT_GT(last_year.size(), 20u) << r.output;
  EXPECT_GE(last_year.front(), DaysAgo(367));  // the default: the last twelve months
  EXPECT_LE(last_year.back(), DaysAgo(-1));

  const auto three = Installation("three");
  r = testing::RunSchakel(
      three,
      std::string("demo setup --seed 11 --scale 0.05 --max 100000 --years 3") + kMunicipalities);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("of the last 3 years"), std::string::npos) << r.output;
  const auto three_years = ObservedOn(three);
  EXPECT_GT(three_years.size(), last_year.size() * 2);
  EXPECT_LT(three_years.front(), DaysAgo(2 * 365));  // reaches into the third year back
  EXPECT_GE(three_years.front(), DaysAgo(3 * 366 + 1));

  const auto again = Installation("again");
  r = testing::RunSchakel(
      again, std::string("demo setup --seed 11 --scale 0.05 --max 100000") + kMunicipalities);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(ObservedOn(again), last_year);

  // A second run leaves the populated installation alone.
  r = testing::RunSchakel(one, std::string("demo setup --seed 12") + kMunicipalities);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(ObservedOn(one), last_year);
}

TEST_F(DemoCliTest, OptionsOutsideTheirRangeAreRefusedWithTheOptionNamed) {
  const auto dir = Installation("bad");
  for (const char* bad : {"--years 0", "--years 11", "--scale 0", "--max 0"}) {
    const auto r = testing::RunSchakel(dir, std::string("demo setup ") + bad + kMunicipalities);
    EXPECT_NE(r.exit_code, 0) << bad;
    EXPECT_NE(r.output.find(std::string(bad).substr(0, std::string(bad).find(' '))),
              std::string::npos)
        << bad << ": " << r.output;
  }
  EXPECT_TRUE(ObservedOn(dir).empty());
}

}  // namespace
}  // namespace schakel
