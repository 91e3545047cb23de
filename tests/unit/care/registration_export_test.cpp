// The CoMensha registration export: the record's checks naming the field, and the CSV and JSON
// forms (checked against the documented column list and parsed back).
#include "care/registration_export.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "domain/csv.h"
#include "fixtures.h"

namespace schakel::care {
namespace {

using testing::D;

const std::vector<std::string> kForms = {"sexual", "labour", "criminal", "organ"};

RegistrationRecord Record() {
  return {"SCH-2026-0042",
          D("2026-03-05"),
          {"labour", "criminal"},
          "PL",
          19,
          "male",
          "Zorg- en Veiligheidshuis Amsterdam, \"team MH\"",
          "care_coordinator"};
}

using InvalidRow = testing::InvalidCase<RegistrationRecord>;

class InvalidRecordTest : public ::testing::TestWithParam<InvalidRow> {};

TEST_P(InvalidRecordTest, IsRefusedNamingTheField) {
  testing::ExpectRefusedNamingField(Record(), GetParam(), [](const RegistrationRecord& r) {
    return ValidateRegistration(r, kForms);
  });
}

INSTANTIATE_TEST_SUITE_P(
    EveryCheck, InvalidRecordTest,
    ::testing::Values(
        InvalidRow{"NoReference", [](auto& r) { r.case_reference = ""; }, "case_reference"},
        InvalidRow{"BadDate",
                   [](auto& r) {
                     r.registered_on =
                         Date{std::chrono::year{2027}, std::chrono::February, std::chrono::day{30}};
                   },
                   "registered_on"},
        InvalidRow{"NoForms", [](auto& r) { r.forms.clear(); }, "forms"},
        InvalidRow{"UnknownForm", [](auto& r) { r.forms.push_back("begging"); }, "forms[2]"},
        InvalidRow{"LowercaseCountry", [](auto& r) { r.nationality = "pl"; }, "nationality"},
        InvalidRow{"Alpha3Country", [](auto& r) { r.nationality = "POL"; }, "nationality"},
        InvalidRow{"NegativeAge", [](auto& r) { r.age = -1; }, "age"},
        InvalidRow{"UnknownGender", [](auto& r) { r.gender = "f"; }, "gender"},
        InvalidRow{"NoReporter", [](auto& r) { r.reporting_organisation = " "; },
                   "reporting_organisation"},
        InvalidRow{"NoReporterKind", [](auto& r) { r.reporting_organisation_kind = ""; },
                   "reporting_organisation_kind"}),
    testing::ParamName());

TEST(RegistrationExportTest, AgeCountsWholeYearsAndLeapDayBirthdays) {
  EXPECT_EQ(AgeOn(D("2008-03-05"), D("2026-03-04")), 17);
  EXPECT_EQ(AgeOn(D("2008-03-05"), D("2026-03-05")), 18);
  EXPECT_EQ(AgeOn(D("2008-02-29"), D("2026-02-28")), 17);
  EXPECT_EQ(AgeOn(D("2008-02-29"), D("2026-03-01")), 18);
  EXPECT_EQ(AgeOn(D("2008-02-29"), D("2028-02-29")), 20);
  EXPECT_EQ(AgeOn(D("2026-03-05"), D("2026-03-05")), 0);
}

TEST(RegistrationExportTest, UnknownNationalityAndAgeAreAllowed) {
  RegistrationRecord r = Record();
  r.nationality.clear();
  r.age.reset();
  EXPECT_TRUE(ValidateRegistration(r, kForms));
  EXPECT_STREQ(AgeGroupOf(r), "unknown");
  r.age = 17;
  EXPECT_STREQ(AgeGroupOf(r), "minor");
}

TEST(RegistrationExportTest, CsvHasTheDocumentedColumnsAndParsesBack) {
  RegistrationRecord unknown = Record();
  unknown.case_reference = "SCH-2026-0043";
  unknown.nationality.clear();
  unknown.age.reset();
  const std::string csv = RegistrationCsv({Record(), unknown});
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "case_reference,registered_on,victim_status,forms,nationality,age,age_group,gender,"
            "reporting_organisation,reporting_organisation_kind");
  auto table = ParseCsv(csv);
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(
      table->rows[0].fields,
      (std::vector<std::string>{
          "SCH-2026-0042", "2026-03-05", "possible_victim", "labour;criminal", "PL", "19", "adult",
          "male", "Zorg- en Veiligheidshuis Amsterdam, \"team MH\"", "care_coordinator"}));
  EXPECT_EQ(table->rows[1].fields[4], "");
  EXPECT_EQ(table->rows[1].fields[5], "");
  EXPECT_EQ(table->rows[1].fields[6], "unknown");
}

TEST(RegistrationExportTest, JsonHasTheSameMembersWithNullForUnknown) {
  RegistrationRecord unknown = Record();
  unknown.nationality.clear();
  unknown.age.reset();
  const nlohmann::json doc = RegistrationJson({Record(), unknown});
  EXPECT_EQ(doc["format"], "schakel.comensha-registration");
  EXPECT_EQ(doc["version"], 1);
  ASSERT_EQ(doc["records"].size(), 2u);
  const nlohmann::json& first = doc["records"][0];
  ASSERT_EQ(first.size(), RegistrationColumns().size());
  for (const RegistrationColumn& c : RegistrationColumns()) {
    EXPECT_TRUE(first.contains(c.name)) << c.name;
  }
  EXPECT_EQ(first["forms"], nlohmann::json({"labour", "criminal"}));
  EXPECT_EQ(first["age"], 19);
  EXPECT_EQ(first["victim_status"], "possible_victim");
  EXPECT_TRUE(doc["records"][1]["nationality"].is_null());
  EXPECT_TRUE(doc["records"][1]["age"].is_null());
}

// docs/care.md lists every export column, so the documentation cannot fall behind the code.
TEST(RegistrationExportTest, EveryColumnIsDocumented) {
  std::ifstream in(SCHAKEL_SOURCE_DIR "/docs/care.md");
  ASSERT_TRUE(in.good());
  std::stringstream doc;
  doc << in.rdbuf();
  for (const RegistrationColumn& c : RegistrationColumns()) {
    EXPECT_NE(doc.str().find(std::string("| `") + c.name + "` |"), std::string::npos) << c.name;
  }
}

}  // namespace
}  // namespace schakel::care
