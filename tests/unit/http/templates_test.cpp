// Templates: values are escaped (also quotes, for attributes); only {{{…}}} is raw; partials work;
// every shipped template parses.
#include "http/pages/templates.h"

#include <gtest/gtest.h>

namespace schakel::http::pages {
namespace {

TEST(TemplatesTest, ValuesAreEscapedIncludingQuotes) {
  auto set = TemplateSet::FromTexts({{"p", R"(<a title="{{v}}">{{v}}</a>)"}});
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(
      set->Render("p", {{"v", R"(<script>"x" & 'y')"}}),
      R"(<a title="&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;">&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;</a>)");
}

TEST(TemplatesTest, TripleMustacheIsRaw) {
  auto set = TemplateSet::FromTexts({{"p", "{{{svg}}}"}});
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->Render("p", {{"svg", "<svg></svg>"}}), "<svg></svg>");
}

TEST(TemplatesTest, PartialsSectionsAndNumbers) {
  auto set = TemplateSet::FromTexts(
      {{"p", "{{#items}}{{> _item}}{{/items}}{{^items}}none{{/items}}"}, {"_item", "[{{n}}]"}});
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->Render("p", {{"items", {{{"n", 1}}, {{"n", 2}}}}}), "[1][2]");
  EXPECT_EQ(set->Render("p", {{"items", nlohmann::json::array()}}), "none");
}

TEST(TemplatesTest, NullAndFalseAreFalse) {
  auto set = TemplateSet::FromTexts({{"p", "{{#a}}A{{/a}}{{#b}}B{{/b}}{{#c}}C{{/c}}"}});
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->Render("p", {{"a", nullptr}, {"b", false}, {"c", true}}), "C");
}

TEST(TemplatesTest, SyntaxErrorNamesTheTemplate) {
  auto set = TemplateSet::FromTexts({{"broken", "{{#open}} never closed"}});
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.error().message.find("broken"), std::string::npos);
}

// The texts of a language are filled in once at start, rendering as the catalogue under `t` did.
TEST(TemplatesTest, LocalisedTemplatesRenderTheTextsAsTheCatalogueDid) {
  const nlohmann::json texts = {{"a", {{"b", "Zaak <b> & 'x'"}}}, {"c", "<em>ok</em>"}};
  const std::string text =
      "<h1 title=\"{{t.a.b}}\">{{ t.a.b }}</h1>{{{t.c}}}{{&t.c}}[{{t.a.missing}}]{{#v}}{{t.c}}{{/v}}"
      "{{> _p}}";
  auto set = TemplateSet::FromTexts({{"p", text}, {"_p", "<p>{{t.a.b}} {{n}}</p>"}});
  ASSERT_TRUE(set.ok());
  const nlohmann::json data = {{"v", true}, {"n", 3}};
  nlohmann::json with_texts = data;
  with_texts["t"] = texts;
  auto localised = set->Localised(texts);
  ASSERT_TRUE(localised.ok()) << localised.error().message;
  EXPECT_EQ(localised->Render("p", data), set->Render("p", with_texts));
  EXPECT_EQ(localised->Render("p", data),
            "<h1 title=\"Zaak &lt;b&gt; &amp; &#39;x&#39;\">Zaak &lt;b&gt; &amp; &#39;x&#39;</h1>"
            "<em>ok</em><em>ok</em>[]&lt;em&gt;ok&lt;/em&gt;<p>Zaak &lt;b&gt; &amp; &#39;x&#39; "
            "3</p>");
  EXPECT_EQ(localised->texts().at("p").find("t.a.b"), std::string::npos);
}

TEST(TemplatesTest, ASectionOnATextOrATextThatLooksLikeATagIsRefusedAtStart) {
  auto sections = TemplateSet::FromTexts({{"sections", "{{#t.a}}x{{/t.a}}"}});
  ASSERT_TRUE(sections.ok());
  auto refused = sections->Localised({{"a", "tekst"}});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("sections"), std::string::npos);
  auto tag = TemplateSet::FromTexts({{"p", "{{t.a}}"}});
  ASSERT_TRUE(tag.ok());
  auto looks = tag->Localised({{"a", "{{geheim}}"}});
  ASSERT_FALSE(looks.ok());
  EXPECT_NE(looks.error().message.find("t.a"), std::string::npos) << looks.error().message;
}

// A script element only loads one of our static files (the CSP allows no inline script).
bool OnlyExternalScripts(const std::string& text) {
  for (size_t at = text.find("<script"); at != std::string::npos;
       at = text.find("<script", at + 1)) {
    const size_t open_end = text.find('>', at);
    if (text.compare(at, 13, "<script src=\"") != 0 || open_end == std::string::npos ||
        text.compare(open_end + 1, 9, "</script>") != 0) {
      return false;
    }
  }
  return true;
}

TEST(TemplatesTest, ShippedTemplatesParseAndHaveNoInlineStyleOrScript) {
  auto set = TemplateSet::Load(std::filesystem::path(SCHAKEL_SOURCE_DIR) / "web" / "templates");
  ASSERT_TRUE(set.ok()) << set.error().message;
  EXPECT_TRUE(set->Has("layout"));
  for (const auto& [name, text] : set->texts()) {
    EXPECT_EQ(text.find("style="), std::string::npos) << name << " has an inline style";
    EXPECT_EQ(text.find("<style"), std::string::npos) << name << " has a style element";
    EXPECT_TRUE(OnlyExternalScripts(text)) << name << " has an inline script";
  }
}

}  // namespace
}  // namespace schakel::http::pages
