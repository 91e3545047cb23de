// Static assets: the URL names the content, so it can be cached for a year.
#include "http/pages/static_assets.h"

#include <gtest/gtest.h>
#include <sodium.h>

namespace schakel::http::pages {
namespace {

TEST(StaticAssetsTest, UrlCarriesAContentHashThatChangesWithTheContent) {
  ASSERT_GE(sodium_init(), 0);
  StaticAssets assets;
  assets.AddText("app", "css", "body{}");
  const std::string first = assets.Url("app");
  EXPECT_EQ(first, "/static/app." + ContentHash("body{}") + ".css");
  EXPECT_EQ(ContentHash("body{}").size(), 16u);
  assets.AddText("app", "css", "body{color:red}");
  EXPECT_NE(assets.Url("app"), first);
}

TEST(StaticAssetsTest, FindsByFileNameWithTypeAndBody) {
  StaticAssets assets;
  assets.AddText("app", "css", "p{}");
  const std::string file = assets.Url("app").substr(8);
  const StaticAsset* a = assets.Find(file);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->body, "p{}");
  EXPECT_EQ(a->content_type, "text/css; charset=utf-8");
  EXPECT_EQ(assets.Find("app.css"), nullptr);
  EXPECT_EQ(assets.Url("missing"), "");
}

TEST(StaticAssetsTest, MissingFileIsAnError) {
  StaticAssets assets;
  EXPECT_FALSE(assets.Add("x", "/nonexistent/x.css").ok());
}

}  // namespace
}  // namespace schakel::http::pages
