// Tests of the model files: the repository's data parse and validation rejects bad input.
#include "synth/world_model.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_world.h"

namespace schakel::synth {
namespace {

using testing::RepositoryModel;

TEST(WorldModel, RepositoryDataLoads) {
  const WorldModel& m = RepositoryModel();
  EXPECT_EQ(m.municipalities.municipalities.size(), 342u);
  EXPECT_EQ(m.municipalities.regions.size(), 25u);
  EXPECT_EQ(m.distributions.sources.size(), 7u);
  EXPECT_EQ(m.distributions.forms.size(), 4u);
  EXPECT_GE(m.names.nationalities().size(), 10u);
  EXPECT_DOUBLE_EQ(m.distributions.RegisteredIn(2020), 1013);
  EXPECT_DOUBLE_EQ(m.distributions.RegisteredIn(2030), 944);  // nearest year
  EXPECT_DOUBLE_EQ(m.distributions.RegisteredIn(2010), 1372);
}

TEST(WorldModel, AmsterdamWeighsMoreThanADefaultMunicipality) {
  const auto& list = RepositoryModel().municipalities.municipalities;
  auto find = [&](const char* code) {
    return std::find_if(list.begin(), list.end(),
                        [&](const Municipality& m) { return m.cbs_code == code; });
  };
  ASSERT_NE(find("GM0363"), list.end());
  ASSERT_NE(find("GM0037"), list.end());
  EXPECT_GT(find("GM0363")->weight, 10 * find("GM0037")->weight);
}

TEST(WorldModel, NamesCoverEveryScriptTheIssueAsksFor) {
  const NameBook& names = RepositoryModel().names;
  auto has_script = [&](const char* code, Script script) {
    const NationalityNames* n = names.Find(code);
    if (n == nullptr) return false;
    return std::any_of(n->family.begin(), n->family.end(),
                       [&](const NameEntry& e) { return e.script == script; }) ||
           std::any_of(n->family_female.begin(), n->family_female.end(),
                       [&](const NameEntry& e) { return e.script == script; });
  };
  EXPECT_TRUE(has_script("UKR", Script::kCyrillic));
  EXPECT_TRUE(has_script("BGR", Script::kCyrillic));
  EXPECT_TRUE(has_script("SYR", Script::kArabic));
  EXPECT_TRUE(has_script("MAR", Script::kArabic));
  EXPECT_TRUE(has_script("CHN", Script::kHan));
  EXPECT_TRUE(has_script("VNM", Script::kLatin));
  for (const char* code : {"POL", "NGA", "NLD", "ROU", "ERI"}) {
    EXPECT_NE(names.Find(code), nullptr) << code;
  }
}

TEST(WorldModel, PolishWomenGetFeminineFamilyNames) {
  const NationalityNames* pl = RepositoryModel().names.Find("POL");
  ASSERT_NE(pl, nullptr);
  bool saw_ska = false;
  for (std::size_t i = 0; i < pl->FamilyCount(true); ++i) {
    const std::string& name = pl->Family(true, i).PrimaryLatin();
    EXPECT_FALSE(name.ends_with("ski")) << name;
    saw_ska = saw_ska || name.ends_with("ska");
  }
  EXPECT_TRUE(saw_ska);
}

constexpr const char* kMinimal =
    "table,key,value,source\n"
    "registered_per_year,2020,100,s\n"
    "hidden_multiplier,all,4,s\n"
    "form,sexual,1,s\n"
    "sex.sexual,F,0.9,s\n"
    "age.sexual,18-22,1,s\n"
    "nationality.sexual,NLD,1,s\n"
    "source,police,1,s\n"
    "capture.police,sexual,0.2,s\n"
    "visibility,1.0,1,s\n";

TEST(ParseDistributions, AcceptsAMinimalModel) {
  auto d = ParseDistributions(kMinimal);
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(d->forms[0].capture[0], 0.2);
  EXPECT_EQ(d->age_bands[0].low, 18);
}

TEST(ParseDistributions, RejectsAProbabilityAboveOne) {
  auto d = ParseDistributions(std::string(kMinimal) + "capture.police,sexual,1.5,s\n");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("line 11"), std::string::npos) << d.error().message;
}

TEST(ParseDistributions, RejectsAFigureWithoutSourceNote) {
  EXPECT_FALSE(ParseDistributions(std::string(kMinimal) + "variation,typo_given,0.1,\n").ok());
}

TEST(ParseDistributions, RejectsUnknownTablesAndVariations) {
  EXPECT_FALSE(ParseDistributions(std::string(kMinimal) + "colour,red,1,s\n").ok());
  EXPECT_FALSE(ParseDistributions(std::string(kMinimal) + "variation,typo_nick,0.1,s\n").ok());
}

TEST(ParseDistributions, RejectsAMissingCaptureProbability) {
  auto d = ParseDistributions(std::string(kMinimal) + "source,kmar,1,s\n");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.error().message.find("capture.kmar"), std::string::npos) << d.error().message;
}

TEST(ParseDistributions, RejectsBackwardDependence) {
  auto d = ParseDistributions(std::string(kMinimal) +
                              "source,care,1,s\ncapture.care,sexual,0.1,s\n"
                              "dependence,care>police,2,s\n");
  EXPECT_FALSE(d.ok());
}

TEST(ParseMunicipalities, UsesTheDefaultSizeForUnlistedMunicipalities) {
  auto t = ParseMunicipalities("cbs_code,name,safety_region\nGM1,A,VR02\nGM2,B,VR01\n",
                               "cbs_code,population_k,source\n*,20,s\nGM1,100,s\n");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->municipalities[0].weight, 100);
  EXPECT_EQ(t->municipalities[1].weight, 20);
  EXPECT_EQ(t->regions, (std::vector<std::string>{"VR01", "VR02"}));
  EXPECT_EQ(t->municipalities[0].region, 1u);
}

TEST(ParseMunicipalities, RejectsAListWithoutTheExpectedHeader) {
  EXPECT_FALSE(ParseMunicipalities("code,name\nGM1,A\n", "cbs_code,population_k\n").ok());
}

TEST(LoadWorldModel, ReportsAMissingFolder) {
  auto m = LoadWorldModel("/nonexistent/synth", testing::MunicipalitiesCsv());
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, ErrorCode::kUnavailable);
}

TEST(NameBook, RejectsANonLatinNameWithoutLatinSpelling) {
  EXPECT_FALSE(NameBook::Parse("nationality,kind,native,latin\nUKR,given_f,Олена,\n").ok());
  EXPECT_FALSE(NameBook::Parse("nationality,kind,native,latin\nUK,given_f,Anna,\n").ok());
}

}  // namespace
}  // namespace schakel::synth
