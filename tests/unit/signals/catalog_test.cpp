// The catalogue loader: the shipped catalogue is valid and aligned with HTCDS 2.0, and every kind
// of broken entry is refused with an error that names it.
#include "signals/catalog.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "fixtures.h"

namespace schakel::signals {
namespace {

using nlohmann::json;
using testing::ShippedCatalog;
using testing::ShippedJson;

TEST(CatalogTest, ShippedCatalogueHasTheFourFormsWithIndicators) {
  const Catalog& c = ShippedCatalog();
  ASSERT_EQ(c.forms.size(), 4u);
  for (const char* form : {"sexual", "labour", "criminal", "organ"}) {
    ASSERT_NE(c.FindForm(form), nullptr) << form;
    EXPECT_FALSE(c.IndicatorsOf(form).empty()) << form;
  }
  EXPECT_EQ(c.FindForm("labour")->name.nl, "Arbeidsuitbuiting");
}

TEST(CatalogTest, ShippedCatalogueHasTheElevenIloIndicators) {
  int ilo = 0;
  for (const Indicator& i : ShippedCatalog().indicators) {
    if (i.source == "ilo-forced-labour") {
      ++ilo;
      EXPECT_EQ(i.wording, Wording::kQuoted) << i.id;
      EXPECT_NE(std::find(i.forms.begin(), i.forms.end(), "labour"), i.forms.end()) << i.id;
    }
  }
  EXPECT_EQ(ilo, 11);
}

TEST(CatalogTest, ShippedCatalogueListsChannelsUrgenciesPartnersAndReasons) {
  const Catalog& c = ShippedCatalog();
  std::vector<std::string> channels, urgencies, partners;
  for (const auto& ch : c.channels) channels.push_back(ch.id);
  for (const auto& u : c.urgencies) urgencies.push_back(u.id);
  for (const auto& p : c.partner_kinds) partners.push_back(p.id);
  EXPECT_EQ(channels, (std::vector<std::string>{"staff", "external_form", "partner", "anonymous"}));
  EXPECT_EQ(urgencies, (std::vector<std::string>{"acute", "urgent", "normal"}));
  EXPECT_EQ(partners, (std::vector<std::string>{"police", "kmar", "labour_inspectorate",
                                                "veilig_thuis", "comensha", "care_coordinator"}));
  EXPECT_NE(c.FindUrgency("acute")->guidance.nl.find("112"), std::string::npos);
  EXPECT_TRUE(c.FindClosingReason("duplicate")->without_assessment);
  EXPECT_FALSE(c.FindClosingReason("no_indication")->without_assessment);
}

// HTCDS 2.0 picklist values by field, read from the standard's field list.
std::map<std::string, std::set<std::string>> HtcdsPicklists() {
  std::ifstream in(SCHAKEL_SHARED_DATA_DIR "/standards/htcds2_fields.tsv");
  EXPECT_TRUE(in.good());
  std::map<std::string, std::set<std::string>> out;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // the file has CRLF endings
    std::vector<std::string> cols;
    std::stringstream row(line);
    for (std::string col; std::getline(row, col, '\t');) cols.push_back(col);
    if (cols.size() < 7) continue;
    std::stringstream values(cols[6]);
    for (std::string v; std::getline(values, v, ';');) {
      v.erase(0, v.find_first_not_of(' '));
      if (!v.empty()) out[cols[3]].insert(v);
    }
  }
  return out;
}

TEST(CatalogTest, HtcdsValuesAreFromTheStandardsPicklists) {
  const auto lists = HtcdsPicklists();
  const Catalog& c = ShippedCatalog();
  const auto check = [&](const std::string& field, const std::string& id,
                         const std::vector<std::string>& values) {
    for (const auto& v : values) {
      EXPECT_TRUE(lists.at(field).contains(v)) << id << ": " << v << " not in " << field;
    }
  };
  for (const auto& f : c.forms) check("vic_TypeOfExploitation", f.id, f.htcds);
  for (const auto& i : c.indicators) check("vic_MethodsOfControl", i.id, i.htcds);
  for (const auto& r : c.risk_factors) check("vic_Vulnerabilities", r.id, r.htcds);
  for (const auto& p : c.partner_kinds) check("org_Type", p.id, p.htcds);
}

TEST(CatalogTest, EveryRequiredTextExistsInBothLanguages) {
  for (const std::string& key : RequiredTextKeys()) {
    EXPECT_FALSE(ShippedCatalog().Text(key).nl.empty()) << key;
    EXPECT_FALSE(ShippedCatalog().Text(key).en.empty()) << key;
  }
}

using testing::BrokenCase;

class BrokenCatalogTest : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenCatalogTest, IsRefusedNamingTheEntry) {
  testing::ExpectRefusedNamingEntry("catalog.json", GetParam(),
                                    [](const json& d) { return ParseCatalog(d); });
}

// indicators[0] is ilo.abuse_of_vulnerability (forms labour, sexual, criminal); forms[0] sexual.
INSTANTIATE_TEST_SUITE_P(
    Loader, BrokenCatalogTest,
    ::testing::Values(
        BrokenCase{"UnknownFormOnIndicator",
                   [](json& d) { d["indicators"][2]["forms"][1] = "slavery"; },
                   "indicators[2].forms[1]",
                   "indicator 'ilo.restriction_of_movement' names unknown form 'slavery'"},
        BrokenCase{"IndicatorWithoutForm",
                   [](json& d) { d["indicators"][3]["forms"] = json::array(); },
                   "indicators[3].forms", "indicator 'ilo.isolation' names no form"},
        BrokenCase{"DuplicateIndicatorId",
                   [](json& d) { d["indicators"][4]["id"] = "ilo.deception"; }, "indicators[4].id",
                   "duplicate indicator id 'ilo.deception'"},
        BrokenCase{"EmptyDutchText", [](json& d) { d["indicators"][5]["text"]["nl"] = " "; },
                   "indicators[5].text.nl", "is empty"},
        BrokenCase{"MissingEnglishText", [](json& d) { d["forms"][1]["name"].erase("en"); },
                   "forms[1].name.en", "is missing"},
        BrokenCase{"MissingSource", [](json& d) { d["indicators"][6].erase("source"); },
                   "indicators[6].source", "'ilo.retention_of_identity_documents' cites no source"},
        BrokenCase{"UnknownSource", [](json& d) { d["indicators"][7]["source"] = "blog"; },
                   "indicators[7].source", "names unknown source 'blog'"},
        BrokenCase{"BadWording", [](json& d) { d["indicators"][8]["wording"] = "verbatim"; },
                   "indicators[8].wording", "quoted, paraphrased or derived"},
        BrokenCase{"UnknownGroup", [](json& d) { d["indicators"][11]["group"] = "misc"; },
                   "indicators[11].group", "names unknown group 'misc'"},
        BrokenCase{"RiskFactorWithoutSource", [](json& d) { d["risk_factors"][0].erase("source"); },
                   "risk_factors[0].source", "'lvb' cites no source"},
        BrokenCase{"DuplicateFormId", [](json& d) { d["forms"][3]["id"] = "sexual"; },
                   "forms[3].id", "duplicate form id 'sexual'"},
        BrokenCase{"FormWithoutIndicator",
                   [](json& d) {
                     d["forms"].push_back(
                         {{"id", "forced_marriage"}, {"name", {{"nl", "x"}, {"en", "x"}}}});
                   },
                   "indicators", "form 'forced_marriage' has no indicator"},
        BrokenCase{"DuplicateUrgencyRank", [](json& d) { d["urgencies"][2]["rank"] = 2; },
                   "urgencies", "share rank 2"},
        BrokenCase{"UrgencyWithoutRank", [](json& d) { d["urgencies"][1].erase("rank"); },
                   "urgencies[1].rank", "whole number of at least 1"},
        BrokenCase{"DuplicateChannel", [](json& d) { d["channels"][3]["id"] = "staff"; },
                   "channels[3].id", "duplicate channel id 'staff'"},
        BrokenCase{"WithoutAssessmentNotABool",
                   [](json& d) { d["closing_reasons"][0]["without_assessment"] = "yes"; },
                   "closing_reasons[0].without_assessment", "must be true or false"},
        BrokenCase{"HtcdsNotAList", [](json& d) { d["partner_kinds"][0]["htcds"] = "Police"; },
                   "partner_kinds[0].htcds", "must be a list of strings"},
        BrokenCase{"EmptyHtcdsValue", [](json& d) { d["forms"][0]["htcds"][0] = ""; },
                   "forms[0].htcds[0]", "must be a non-empty string"},
        BrokenCase{"MissingTextKey", [](json& d) { d["texts"].erase("outcome.smuggling"); },
                   "texts.outcome.smuggling", "must be an object with 'nl' and 'en' text"},
        BrokenCase{"UnknownTextKey",
                   [](json& d) {
                     d["texts"]["outcome.sure"] = {{"nl", "x"}, {"en", "x"}};
                   },
                   "texts.outcome.sure", "unknown text key 'outcome.sure'"},
        BrokenCase{"SectionNotAList", [](json& d) { d["partner_kinds"] = json::object(); },
                   "partner_kinds", "non-empty list"},
        BrokenCase{"WrongStatus", [](json& d) { d["status"] = "final"; }, "status",
                   "provisional or official"}),
    testing::BrokenCaseName);

TEST(CatalogTest, InvalidJsonFileReportsPosition) {
  const std::string path = ::testing::TempDir() + "/broken-catalog.json";
  std::ofstream(path) << "{\n  \"id\": \"x\",\n  \"forms\": [\n";
  auto c = LoadCatalogFile(path);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("line"), std::string::npos) << c.error().message;
}

TEST(CatalogTest, FileErrorsNameTheFile) {
  json doc = ShippedJson("catalog.json");
  doc["indicators"][0]["forms"][0] = "slavery";
  const std::string path = ::testing::TempDir() + "/bad-form-catalog.json";
  std::ofstream(path) << doc.dump();
  auto c = LoadCatalogFile(path);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().message.rfind("bad-form-catalog.json: ", 0), 0u) << c.error().message;
  EXPECT_EQ(c.error().field, "indicators[0].forms[0]");
}

TEST(CatalogTest, MissingFileIsAnError) {
  auto c = LoadCatalogFile("/nonexistent/catalog.json");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("cannot read"), std::string::npos);
}

// Whatever value replaces a member of an indicator, the loader either accepts the catalogue or
// names a field; it never throws.
RC_GTEST_PROP(CatalogProperty, AnyIndicatorMemberValueIsAcceptedOrNamed, ()) {
  static const json base = ShippedJson("catalog.json");
  json doc = base;
  const auto index = *rc::gen::inRange<size_t>(0, base["indicators"].size());
  using namespace std::string_literals;
  const auto key =
      *rc::gen::element("id"s, "forms"s, "text"s, "source"s, "wording"s, "group"s, "htcds"s);
  const auto value = *rc::gen::oneOf(
      rc::gen::map(rc::gen::arbitrary<std::string>(), [](std::string s) { return json(s); }),
      rc::gen::map(rc::gen::arbitrary<int>(), [](int i) { return json(i); }),
      rc::gen::just(json(nullptr)), rc::gen::just(json::array()), rc::gen::just(json::object()));
  doc["indicators"][index][key] = value;
  auto c = ParseCatalog(doc);
  if (!c) RC_ASSERT(!c.error().field.empty());
}

}  // namespace
}  // namespace schakel::signals
