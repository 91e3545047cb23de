// The staff signal form's wire: posted fields to a SignalInput, and a use case's error to the
// form field and the text that explains it in the page language.
#include "http/pages/signal_form.h"

#include <gtest/gtest.h>

#include "http/pages/i18n.h"

namespace schakel::http::pages {
namespace {

httplib::Request Posted(std::initializer_list<std::pair<std::string, std::string>> fields) {
  httplib::Request req;
  for (const auto& [name, value] : fields) req.params.emplace(name, value);
  return req;
}

TEST(SignalFormTest, ReadsEveryFieldAndEveryCheckedBox) {
  const auto in = SignalInputFromForm(Posted({{"gemeente", "GM0014"},
                                              {"urgentie", "acute"},
                                              {"datum", "31-03-2026"},
                                              {"vormen", "labour"},
                                              {"vormen", "sexual"},
                                              {"signalen", "ilo.deception"},
                                              {"voornamen", "Ana"},
                                              {"nationaliteit", "pol"},
                                              {"leeftijd", "16"},
                                              {"thuiswonend", "ja"},
                                              {"daders", "Man met busje"}}));
  EXPECT_EQ(in.organisation, "GM0014");
  EXPECT_EQ(in.urgency, "acute");
  EXPECT_EQ(in.observed_on, "31-03-2026");
  EXPECT_EQ(in.forms, (std::vector<std::string>{"labour", "sexual"}));
  EXPECT_EQ(in.indicators, (std::vector<std::string>{"ilo.deception"}));
  EXPECT_EQ(in.victim.identity.given_names, "Ana");
  EXPECT_EQ(in.victim.identity.family_name, std::nullopt);  // empty is not given
  EXPECT_EQ(in.victim.nationality, "pol");
  EXPECT_EQ(in.victim_age, "16");
  EXPECT_TRUE(in.victim_living_at_home);
  EXPECT_EQ(in.perpetrators, "Man met busje");
}

TEST(SignalFormTest, ListErrorsPointToTheirGroup) {
  const app::SignalInput in;
  const auto e = SignalFormErrorOf(Error::Invalid("indicators[1]", "x"), in);
  EXPECT_EQ(e.field_id, "signalen");
  EXPECT_EQ(e.text_key, "signal.error.indicators");
  EXPECT_EQ(SignalFormErrorOf(Error::Invalid("risk_factors[0]", "x"), in).field_id,
            "risicofactoren");
}

TEST(SignalFormTest, VictimErrorsPointToTheVictimField) {
  const auto e = SignalFormErrorOf(Error::Invalid("victim.date_of_birth", "x"), {});
  EXPECT_EQ(e.field_id, "geboortedatum");
  EXPECT_EQ(e.text_key, "signal.error.victim_date_of_birth");
  EXPECT_EQ(SignalFormErrorOf(Error::Invalid("victim.family_name", "x"), {}).text_key,
            "signal.error.victim_name");
}

TEST(SignalFormTest, ARequiredFieldLeftEmptyGetsItsOwnText) {
  app::SignalInput in;
  EXPECT_EQ(SignalFormErrorOf(Error::Invalid("observed_on", "x"), in).text_key,
            "signal.error.observed_on_missing");
  in.observed_on = "2099-01-01";
  EXPECT_EQ(SignalFormErrorOf(Error::Invalid("observed_on", "x"), in).text_key,
            "signal.error.observed_on");
  // A description is not missing when a form was chosen.
  in.forms = {"labour"};
  EXPECT_EQ(SignalFormErrorOf(Error::Invalid("description", "x"), in).text_key,
            "signal.error.description");
}

TEST(SignalFormTest, AnUnknownFieldGetsTheGeneralText) {
  const auto e = SignalFormErrorOf(Error::Invalid("something_new", "x"), {});
  EXPECT_EQ(e.field_id, "beschrijving");
  EXPECT_EQ(e.text_key, "signal.error.general");
}

TEST(SignalFormTest, TriageErrorsPointToTheirForms) {
  EXPECT_EQ(TriageFormErrorOf(Error::Invalid("means.state", "x")).field_id, "middel");
  EXPECT_EQ(TriageFormErrorOf(Error::Invalid("target", "x")).field_id, "naar");
  EXPECT_EQ(TriageFormErrorOf(Error::Invalid("closing_reason", "x")).field_id, "reden");
  const auto conflict = TriageFormErrorOf(Error::Conflict("forwarding cannot be undone"));
  EXPECT_EQ(conflict.field_id, "");
  EXPECT_EQ(conflict.text_key, "signal.error.conflict");
}

// Every text the mapping can name is in every language file.
TEST(SignalFormTest, EveryErrorTextExistsInEveryLanguage) {
  auto texts = Catalog::Load(std::filesystem::path(SCHAKEL_SOURCE_DIR) / "web" / "i18n");
  ASSERT_TRUE(texts.ok()) << texts.error().message;
  std::vector<std::string> keys;
  app::SignalInput filled;
  filled.organisation = filled.channel = filled.urgency = filled.observed_on = "x";
  filled.description = "x";
  for (const char* field : {"organisation",
                            "channel",
                            "urgency",
                            "observed_on",
                            "observed_municipality",
                            "postal_area",
                            "forms[0]",
                            "indicators[0]",
                            "risk_factors[0]",
                            "description",
                            "perpetrators",
                            "victim_age",
                            "victim_age_group",
                            "victim_language",
                            "victim.given_names",
                            "victim.family_name",
                            "victim.date_of_birth",
                            "victim.gender",
                            "victim.nationality",
                            "unknown"}) {
    keys.push_back(SignalFormErrorOf(Error::Invalid(field, "x"), {}).text_key);
    keys.push_back(SignalFormErrorOf(Error::Invalid(field, "x"), filled).text_key);
  }
  for (const char* field : {"act.state", "means", "purpose", "target", "closing_reason", "x"}) {
    keys.push_back(TriageFormErrorOf(Error::Invalid(field, "x")).text_key);
  }
  keys.push_back(TriageFormErrorOf(Error::Conflict("x")).text_key);
  for (const std::string& lang : Languages()) {
    const auto shipped = FlattenKeys(texts->Texts(lang));
    for (const std::string& key : keys) EXPECT_TRUE(shipped.count(key)) << key << " in " << lang;
  }
}

}  // namespace
}  // namespace schakel::http::pages
