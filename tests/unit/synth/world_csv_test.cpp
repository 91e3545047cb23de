// Tests of the export: the linkage input format, ground truth that adds up, and the MSE format.
#include "synth/world_csv.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <bit>
#include <filesystem>
#include <set>

#include "synth/csv.h"
#include "synth/demo_export.h"
#include "synth/utf8_text.h"
#include "test_world.h"

namespace schakel::synth {
namespace {

using testing::RepositoryModel;

const World& MediumWorld() {
  static const World world = [] {
    WorldParams params;
    params.seed = 31;
    params.scale = 1;
    return GenerateWorld(RepositoryModel(), params).value();
  }();
  return world;
}

bool IsIsoDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  const CivilDate date{static_cast<std::int16_t>(std::stoi(text.substr(0, 4))),
                       static_cast<std::uint8_t>(std::stoi(text.substr(5, 2))),
                       static_cast<std::uint8_t>(std::stoi(text.substr(8, 2)))};
  return IsValidDate(date) && FormatIsoDate(date) == text;
}

TEST(RecordsCsv, EveryRowPassesTheLinkageInputFormat) {
  std::string text;
  AppendRecordsCsv(MediumWorld(), text);
  auto table = ParseCsv(text, "records.csv");
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(text.substr(0, text.find('\n')), kRecordsHeader);
  ASSERT_EQ(table->rows.size(), MediumWorld().records.size());
  std::set<std::string> ids;
  for (const CsvRow& row : table->rows) {
    ASSERT_FALSE(row[0].empty());
    ASSERT_TRUE(ids.insert(row[0]).second) << "duplicate id " << row[0];
    for (const std::string& field : row) {
      ASSERT_TRUE(IsValidUtf8(field)) << row[0];
      ASSERT_EQ(field.find_first_of("\r\n"), std::string::npos) << row[0];
    }
    ASSERT_TRUE(row[3].empty() || IsIsoDate(row[3])) << row[0] << " dob " << row[3];
    ASSERT_TRUE(row[4].empty() || row[4] == "F" || row[4] == "M") << row[0];
    ASSERT_TRUE(row[5].empty() ||
                (row[5].size() == 3 && std::all_of(row[5].begin(), row[5].end(),
                                                   [](char c) { return c >= 'A' && c <= 'Z'; })))
        << row[0] << " nationality " << row[5];
  }
}

RC_GTEST_PROP(GenerateWorld, AnySeedGivesWellFormedRecordsThatMapToTheirPersons,
              (std::uint64_t seed)) {
  WorldParams params;
  params.seed = seed;
  params.years = 1;
  params.scale = 0.03;
  const World w = GenerateWorld(RepositoryModel(), params).value();
  for (const Record& r : w.records) {
    RC_ASSERT(r.person < w.persons.size());
    RC_ASSERT((w.persons[r.person].captured & (1u << r.source)) != 0u);
    RC_ASSERT(!r.date_of_birth.known() || IsValidDate(r.date_of_birth));
    RC_ASSERT(IsValidUtf8(r.given_names));
    RC_ASSERT(IsValidUtf8(r.family_name));
    RC_ASSERT(IsValidUtf8(r.place_of_birth));
  }
  RC_ASSERT(w.RegisteredSize(StratumFilter::All()) == w.persons.size());
}

TEST(TruthCsv, EveryRecordMapsToACapturedPersonOfItsSource) {
  const World& w = MediumWorld();
  std::set<std::uint64_t> ids;
  for (const Person& p : w.persons) ids.insert(p.id);
  EXPECT_EQ(ids.size(), w.persons.size());
  std::vector<int> records_per_person(w.persons.size());
  for (const Record& r : w.records) {
    ASSERT_LT(r.person, w.persons.size());
    EXPECT_NE(w.persons[r.person].captured & (1u << r.source), 0u);
    ++records_per_person[r.person];
  }
  for (std::size_t i = 0; i < w.persons.size(); ++i) {
    EXPECT_GE(records_per_person[i], std::popcount(w.persons[i].captured));
  }
  for (const Record& r : w.records) {
    ASSERT_TRUE(IsValidDate(r.reported_on));
    ASSERT_EQ(r.reported_on.year, w.persons[r.person].year);
  }
  std::string truth;
  AppendTruthCsv(w, truth);
  auto table = ParseCsv(truth, "truth.csv");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header, (CsvRow{"record_id", "person_id", "variations"}));
  EXPECT_EQ(table->rows.size(), w.records.size());
}

TEST(PopulationCsv, CountsAddUpToTheTruePopulationAndTheRegisteredPersons) {
  const World& w = MediumWorld();
  const Distributions& d = RepositoryModel().distributions;
  std::string text;
  AppendPopulationCsv(w, RepositoryModel(), text);
  auto table = ParseCsv(text, "population.csv");
  ASSERT_TRUE(table.ok());
  std::uint64_t true_total = 0, registered_total = 0;
  const auto true_col = static_cast<std::size_t>(table->Column("true_size"));
  const auto registered_col = static_cast<std::size_t>(table->Column("registered"));
  ASSERT_EQ(table->header.size(), 6u);
  for (const CsvRow& row : table->rows) {
    true_total += std::stoull(row[true_col]);
    registered_total += std::stoull(row[registered_col]);
  }
  std::uint64_t expected = 0;
  for (int y = 0; y < w.params.years; ++y) expected += TruePopulationOf(d, 2019 + y, 1);
  EXPECT_EQ(true_total, expected);
  EXPECT_EQ(registered_total, w.persons.size());
}

TEST(CaptureHistoriesCsv, IsTheMseFormatWithEveryObservableHistory) {
  const World& w = MediumWorld();
  const auto& sources = RepositoryModel().distributions.sources;
  std::string text;
  AppendCaptureHistoriesCsv(sources, w.CaptureHistories(StratumFilter::All()), text);
  auto table = ParseCsv(text, "mse");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->header.size(), sources.size() + 1);
  EXPECT_EQ(table->header.back(), "count");
  EXPECT_EQ(table->header.front(), sources.front());
  EXPECT_EQ(table->rows.size(), (std::size_t{1} << sources.size()) - 1);
  std::uint64_t total = 0;
  std::set<std::string> patterns;
  for (const CsvRow& row : table->rows) {
    std::string pattern;
    for (std::size_t j = 0; j < sources.size(); ++j) {
      ASSERT_TRUE(row[j] == "0" || row[j] == "1");
      pattern += row[j];
    }
    EXPECT_NE(pattern, std::string(sources.size(), '0'));
    EXPECT_TRUE(patterns.insert(pattern).second);
    total += std::stoull(row.back());
  }
  EXPECT_EQ(total, w.persons.size());
}

TEST(CaptureHistoriesCsv, PutsTheFirstSourceInTheFirstColumn) {
  std::string text;
  AppendCaptureHistoriesCsv({"A", "B"}, {0, 5, 7, 2}, text);  // mask bit 0 = A
  EXPECT_EQ(text, "A,B,count\n0,1,7\n1,0,5\n1,1,2\n");
}

TEST(WriteWorldCsv, WritesAllFilesIntoTheFolder) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "schakel_synth_world_csv_test";
  fs::remove_all(dir);
  WorldParams params;
  params.years = 2;
  params.scale = 0.2;
  const World w = GenerateWorld(RepositoryModel(), params).value();
  ASSERT_TRUE(WriteWorldCsv(w, RepositoryModel(), dir.string()).ok());
  for (const char* name :
       {"records.csv", "records_meta.csv", "truth.csv", "persons.csv", "population.csv",
        "capture_histories.csv", "capture_strata.csv", "capture_histories_year_2020.csv",
        "capture_histories_form_labour.csv", "capture_histories_region_VR13.csv",
        "capture_histories_age_12-17.csv"}) {
    EXPECT_TRUE(fs::exists(dir / name)) << name;
  }
  auto meta = ParseCsv(ReadTextFile((dir / "records_meta.csv").string()).value(), "meta");
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(meta->rows.size(), w.records.size());
  EXPECT_EQ(meta->header[1], "source");
  fs::remove_all(dir);
}

TEST(WriteWorldCsv, ReportsAnUnwritableFolder) {
  WorldParams params;
  params.years = 1;
  params.scale = 0.05;
  const World w = GenerateWorld(RepositoryModel(), params).value();
  const Status s = WriteWorldCsv(w, RepositoryModel(), "/proc/schakel-cannot-write-here");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace schakel::synth

namespace schakel::synth {
namespace {

TEST(ExportDemoWorld, WritesTheFolderAndSummarisesTheWorld) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "schakel_synth_demo_export_test";
  fs::remove_all(dir);
  DemoExportOptions options;
  options.data_dir = DefaultSynthDataDir();
  options.municipalities_csv = testing::MunicipalitiesCsv();
  options.out_dir = dir.string();
  options.params.years = 1;
  options.params.scale = 0.1;
  auto summary = ExportDemoWorld(options);
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_GT(summary->records, 0u);
  EXPECT_LT(summary->registered, summary->true_size);
  EXPECT_TRUE(fs::exists(dir / "records.csv"));
  fs::remove_all(dir);
}

TEST(ExportDemoWorld, RejectsAMissingOutputFolderOption) {
  DemoExportOptions options;
  options.data_dir = DefaultSynthDataDir();
  options.municipalities_csv = testing::MunicipalitiesCsv();
  auto summary = ExportDemoWorld(options);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().field, "out");
}

}  // namespace
}  // namespace schakel::synth
