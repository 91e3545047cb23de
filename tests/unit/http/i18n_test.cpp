// The texts of the pages: every key in every language, every key a template uses exists, and
// placeholders agree between languages.
#include "http/pages/i18n.h"

#include <gtest/gtest.h>

#include <regex>

#include "http/pages/templates.h"

namespace schakel::http::pages {
namespace {

const std::filesystem::path kWeb = std::filesystem::path(SCHAKEL_SOURCE_DIR) / "web";

Catalog Shipped() {
  auto c = Catalog::Load(kWeb / "i18n");
  EXPECT_TRUE(c.ok()) << c.error().message;
  return c.ok() ? *c : Catalog();
}

std::set<std::string> Placeholders(const std::string& text) {
  static const std::regex re(R"(\{([a-z_]+)\})");
  std::set<std::string> names;
  for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
    names.insert((*it)[1].str());
  }
  return names;
}

TEST(I18nTest, EveryKeyExistsInEveryLanguage) {
  const Catalog c = Shipped();
  const auto nl = FlattenKeys(c.Texts("nl"));
  ASSERT_FALSE(nl.empty());
  for (const auto& lang : Languages()) {
    const auto keys = FlattenKeys(c.Texts(lang));
    for (const auto& k : nl)
      EXPECT_TRUE(keys.count(k)) << k << " is missing from " << lang << ".json";
    for (const auto& k : keys) EXPECT_TRUE(nl.count(k)) << k << " is only in " << lang << ".json";
  }
}

TEST(I18nTest, EveryTextIsANonEmptyString) {
  const Catalog c = Shipped();
  for (const auto& lang : Languages()) {
    for (const auto& k : FlattenKeys(c.Texts(lang))) {
      EXPECT_NE(c.Text(lang, k), k) << lang << ": " << k << " is not a string";
      EXPECT_FALSE(c.Text(lang, k).empty()) << lang << ": " << k;
    }
  }
}

TEST(I18nTest, PlaceholdersAgreeBetweenLanguages) {
  const Catalog c = Shipped();
  for (const auto& k : FlattenKeys(c.Texts("nl"))) {
    EXPECT_EQ(Placeholders(c.Text("nl", k)), Placeholders(c.Text("en", k))) << k;
  }
}

TEST(I18nTest, EveryKeyATemplateUsesExists) {
  const Catalog c = Shipped();
  const auto keys = FlattenKeys(c.Texts("nl"));
  auto templates = TemplateSet::Load(kWeb / "templates");
  ASSERT_TRUE(templates.ok()) << templates.error().message;
  int used = 0;
  for (const auto& [name, text] : templates->texts()) {
    for (const auto& k : TemplateKeys(text)) {
      ++used;
      EXPECT_TRUE(keys.count(k)) << "template " << name << " uses t." << k
                                 << ", which is in no language file";
    }
  }
  EXPECT_GT(used, 50);
}

TEST(I18nTest, TemplateKeysFindsEveryTagForm) {
  EXPECT_EQ(TemplateKeys("{{t.a.b}} {{{t.c}}} {{#t.d}}x{{/t.d}} {{ t.e }} {{x.t.f}}"),
            (std::set<std::string>{"a.b", "c", "d", "e"}));
}

TEST(I18nTest, MissingKeyShowsTheKeyAndUnknownLanguageFallsBackToDutch) {
  const Catalog c = Catalog::FromJson(
      {{"nl", {{"a", {{"b", "Hallo {naam}"}}}}}, {"en", {{"a", {{"b", "Hello {naam}"}}}}}});
  EXPECT_EQ(c.Text("en", "a.b"), "Hello {naam}");
  EXPECT_EQ(c.Text("fr", "a.b"), "Hallo {naam}");
  EXPECT_EQ(c.Text("nl", "a.x"), "a.x");
  EXPECT_EQ(c.Text("nl", "a"), "a");
  EXPECT_EQ(c.Format("nl", "a.b", {{"naam", "Groningen"}}), "Hallo Groningen");
  EXPECT_EQ(SupportedLanguage("en"), "en");
  EXPECT_EQ(SupportedLanguage("de"), "nl");
}

}  // namespace
}  // namespace schakel::http::pages
