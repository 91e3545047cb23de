// The framework loader: the shipped framework is valid, and every kind of broken file is refused
// with an error that names the offending entry.
#include "kader/framework.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_framework.h"

namespace schakel::kader {
namespace {

using nlohmann::json;

TEST(FrameworkTest, ShippedConceptFrameworkHasFiveBlocksTimesThreeLevels) {
  auto f = LoadFrameworkFile(SCHAKEL_SOURCE_DIR "/data/kader/2021-concept.json");
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->id, "2021-concept");
  EXPECT_EQ(f->status, "provisional");
  ASSERT_EQ(f->blocks.size(), 5u);
  ASSERT_EQ(f->levels.size(), 3u);
  EXPECT_EQ(f->levels[0].id, "basis");
  EXPECT_EQ(f->levels[2].id, "plateau2");
  for (const Block& b : f->blocks) {
    for (const Level& l : f->levels) {
      EXPECT_FALSE(f->CriteriaOf(b.id, l.id).empty()) << b.id << "/" << l.id;
    }
  }
  // Cells without text in the source stay visibly marked as derived.
  const Criterion* derived = f->FindCriterion("awareness.plateau2.evaluated");
  ASSERT_NE(derived, nullptr);
  EXPECT_EQ(derived->provenance, Provenance::kDerived);
  EXPECT_EQ(f->goals.size(), 3u);
}

TEST(FrameworkTest, RoundTripsThroughJson) {
  auto f = ParseFramework(testing::SmallFrameworkJson());
  ASSERT_TRUE(f.ok()) << f.error().message;
  auto again = ParseFramework(FrameworkToJson(*f));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(FrameworkToJson(*again), FrameworkToJson(*f));
}

struct BrokenCase {
  const char* name;
  void (*mutate)(json&);
  const char* field;
  const char* message_part;
};

class BrokenFrameworkTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenFrameworkTest, IsRefusedNamingTheEntry) {
  json doc = testing::SmallFrameworkJson();
  GetParam().mutate(doc);
  auto f = ParseFramework(doc);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(f.error().field, GetParam().field);
  EXPECT_NE(f.error().message.find(GetParam().message_part), std::string::npos)
      << f.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Loader, BrokenFrameworkTest,
    ::testing::Values(
        BrokenCase{"UnknownLevel", [](json& d) { d["criteria"][2]["level"] = "plateau3"; },
                   "criteria[2].level", "unknown level 'plateau3'"},
        BrokenCase{"DuplicateCriterionId", [](json& d) { d["criteria"][1]["id"] = "a1"; },
                   "criteria[1].id", "duplicate criterion id 'a1'"},
        BrokenCase{"EmptyDutchText", [](json& d) { d["criteria"][3]["text"]["nl"] = "  "; },
                   "criteria[3].text.nl", "is empty"},
        BrokenCase{"MissingEnglishText", [](json& d) { d["blocks"][1]["name"].erase("en"); },
                   "blocks[1].name.en", "is missing"},
        BrokenCase{"CriterionInNoBlock", [](json& d) { d["criteria"][0].erase("block"); },
                   "criteria[0].block", "is in no block"},
        BrokenCase{"CriterionInUnknownBlock", [](json& d) { d["criteria"][0]["block"] = "z"; },
                   "criteria[0].block", "unknown block 'z'"},
        BrokenCase{"DuplicateLevelId", [](json& d) { d["levels"][1]["id"] = "basis"; },
                   "levels[1].id", "duplicate level id 'basis'"},
        BrokenCase{"DuplicateBlockNumber", [](json& d) { d["blocks"][1]["number"] = 1; },
                   "blocks[1].number", "duplicate block number 1"},
        BrokenCase{"LevelWithoutCriterion",
                   [](json& d) { d["criteria"].erase(d["criteria"].begin() + 6); }, "criteria",
                   "block 'b' has no criterion at level 'plateau2'"},
        BrokenCase{"BadProvenance", [](json& d) { d["criteria"][0]["provenance"] = "guess"; },
                   "criteria[0].provenance", "official, provisional or derived"},
        BrokenCase{"GoalOnUnknownCriterion", [](json& d) { d["goals"][1]["criterion"] = "zz"; },
                   "goals[1].criterion", "unknown criterion 'zz'"},
        BrokenCase{"WrongStatus", [](json& d) { d["status"] = "final"; }, "status",
                   "provisional or official"},
        BrokenCase{"CriteriaNotAList", [](json& d) { d["criteria"] = 3; }, "criteria",
                   "non-empty list"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(FrameworkTest, InvalidJsonFileReportsPosition) {
  const std::string path = ::testing::TempDir() + "/broken-framework.json";
  {
    FILE* f = fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    fputs("{\n  \"id\": \"x\",\n  \"levels\": [\n", f);
    fclose(f);
  }
  auto f = LoadFrameworkFile(path);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().message.find("line"), std::string::npos) << f.error().message;
}

TEST(FrameworkTest, MissingFileIsAnError) {
  auto f = LoadFrameworkFile("/nonexistent/kader.json");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().message.find("cannot read"), std::string::npos);
}

}  // namespace
}  // namespace schakel::kader
