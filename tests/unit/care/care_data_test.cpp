// The care data loader: the shipped file is complete, and every kind of broken entry is refused
// with an error that names it.
#include "care/care_data.h"

#include <gtest/gtest.h>

#include <set>

#include "fixtures.h"

namespace schakel::care {
namespace {

using nlohmann::json;
using testing::ShippedCareData;
using testing::ShippedCareJson;

TEST(CareDataTest, ShippedDataHasTheTenCarePlanDomains) {
  std::vector<std::string> ids;
  for (const CareDomain& d : ShippedCareData().domains) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"safety", "shelter", "medical", "psychological",
                                           "legal_aid", "income", "housing", "residence_status",
                                           "education_work", "aftercare"}));
  EXPECT_EQ(ShippedCareData().FindDomain("aftercare")->name.nl, "Nazorg");
}

TEST(CareDataTest, ShippedDataHasTheShelterTypesOfTheDomainNotes) {
  const CareData& d = ShippedCareData();
  for (const char* id : {"cosm", "omm", "womens", "mens", "social", "youth", "protected_minors"}) {
    EXPECT_NE(d.FindShelterType(id), nullptr) << id;
  }
  EXPECT_EQ(d.FindShelterType("cosm")->placed_by, "comensha");
  EXPECT_EQ(d.FindShelterType("youth")->accepts, Accepts::kMinors);
  EXPECT_EQ(d.FindShelterType("social")->accepts, Accepts::kAdults);
}

TEST(CareDataTest, EveryCaseFieldIsInOneGroupAndIdentityIsIdentifying) {
  const CareData& d = ShippedCareData();
  EXPECT_EQ(d.GroupOfField("full_name")->id, "identity");
  EXPECT_TRUE(d.FindFieldGroup("identity")->identifying);
  EXPECT_TRUE(d.FindFieldGroup("contact")->identifying);
  EXPECT_FALSE(d.FindFieldGroup("case_facts")->identifying);
  EXPECT_EQ(d.GroupOfField("no_such_field"), nullptr);
  EXPECT_NE(d.FindRetention("case"), nullptr);
  EXPECT_NE(d.FindClosingReason("care_completed"), nullptr);
}

struct BrokenCase {
  const char* name;
  void (*mutate)(json&);
  const char* field;
  const char* message_part;
};

class BrokenCareDataTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenCareDataTest, IsRefusedNamingTheEntry) {
  json doc = ShippedCareJson();
  GetParam().mutate(doc);
  auto parsed = ParseCareData(doc);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(parsed.error().field, GetParam().field);
  EXPECT_NE(parsed.error().message.find(GetParam().message_part), std::string::npos)
      << parsed.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    EveryCheck, BrokenCareDataTest,
    ::testing::Values(
        BrokenCase{"NotAnObject", [](json& d) { d = json::array(); }, "", "must be a JSON object"},
        BrokenCase{"BadStatus", [](json& d) { d["status"] = "draft"; }, "status",
                   "provisional or official"},
        BrokenCase{"NoDomains", [](json& d) { d.erase("domains"); }, "domains",
                   "must be a non-empty list"},
        BrokenCase{"DuplicateDomain", [](json& d) { d["domains"][1]["id"] = "safety"; },
                   "domains[1].id", "duplicate domain id 'safety'"},
        BrokenCase{"BlankDomainName", [](json& d) { d["domains"][2]["name"]["en"] = " "; },
                   "domains[2].name.en", "is empty"},
        BrokenCase{"ReasonWithoutName", [](json& d) { d["closing_reasons"][0].erase("name"); },
                   "closing_reasons[0].name", "'nl' and 'en'"},
        BrokenCase{"ShelterAcceptsNobody",
                   [](json& d) { d["shelter_types"][3]["accepts"] = "pets"; },
                   "shelter_types[3].accepts", "adults or minors"},
        BrokenCase{"ShelterPlacedByBlank", [](json& d) { d["shelter_types"][0]["placed_by"] = ""; },
                   "shelter_types[0].placed_by", "is empty"},
        BrokenCase{"GroupWithoutFields",
                   [](json& d) { d["field_groups"][1]["fields"] = json::array(); },
                   "field_groups[1].fields", "lists no field"},
        BrokenCase{"FieldInTwoGroups",
                   [](json& d) { d["field_groups"][1]["fields"].push_back("full_name"); },
                   "field_groups[1].fields[5]", "'full_name' is already in group 'identity'"},
        BrokenCase{"IdentifyingNotBoolean",
                   [](json& d) { d["field_groups"][0]["identifying"] = "yes"; },
                   "field_groups[0].identifying", "true or false"},
        BrokenCase{"RetentionZeroMonths", [](json& d) { d["retention"][0]["months"] = 0; },
                   "retention[0].months", "at least 1"},
        BrokenCase{"NoRetentionForCases", [](json& d) { d["retention"][0]["id"] = "archive"; },
                   "retention", "no period for record type 'case'"}),
    testing::ParamName());

TEST(CareDataTest, MissingFileIsRefusedNamingIt) {
  auto loaded = LoadCareDataFile("/nonexistent/care.json");
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("cannot read"), std::string::npos);
}

}  // namespace
}  // namespace schakel::care
