// Cookies, the double-submit CSRF check, the language choice and safe return paths.
#include "http/pages/browser_state.h"

#include <gtest/gtest.h>

namespace schakel::http::pages {
namespace {

httplib::Request WithCookie(const std::string& cookie) {
  httplib::Request req;
  req.headers.emplace("Cookie", cookie);
  return req;
}

TEST(BrowserStateTest, ReadsCookiesAmongOthers) {
  const auto req = WithCookie("a=1; schakel_lang=en;b=2");
  EXPECT_EQ(CookieValue(req, "schakel_lang"), "en");
  EXPECT_EQ(CookieValue(req, "b"), "2");
  EXPECT_EQ(CookieValue(req, "c"), std::nullopt);
  EXPECT_EQ(CookieValue(httplib::Request(), "a"), std::nullopt);
}

TEST(BrowserStateTest, LanguageDefaultsToDutchAndIgnoresUnknownValues) {
  EXPECT_EQ(LanguageOf(httplib::Request()), "nl");
  EXPECT_EQ(LanguageOf(WithCookie("schakel_lang=en")), "en");
  EXPECT_EQ(LanguageOf(WithCookie("schakel_lang=<script>")), "nl");
}

TEST(BrowserStateTest, NewBrowserGetsAStrictHttpOnlyTokenCookie) {
  httplib::Request req;
  httplib::Response res;
  const std::string token = CsrfToken(req, res);
  EXPECT_EQ(token.size(), 64u);
  const std::string cookie = res.get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("schakel_csrf=" + token), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(NewToken(), NewToken());
}

TEST(BrowserStateTest, KnownBrowserKeepsItsToken) {
  const std::string token(64, 'a');
  auto req = WithCookie("schakel_csrf=" + token);
  httplib::Response res;
  EXPECT_EQ(CsrfToken(req, res), token);
  EXPECT_FALSE(res.has_header("Set-Cookie"));
}

TEST(BrowserStateTest, PostNeedsCookieAndEqualField) {
  const std::string token(64, 'b');
  auto good = WithCookie("schakel_csrf=" + token);
  good.params.emplace("csrf", token);
  EXPECT_TRUE(CsrfValid(good));

  auto wrong = WithCookie("schakel_csrf=" + token);
  wrong.params.emplace("csrf", std::string(64, 'c'));
  EXPECT_FALSE(CsrfValid(wrong));

  auto no_field = WithCookie("schakel_csrf=" + token);
  EXPECT_FALSE(CsrfValid(no_field));

  httplib::Request no_cookie;
  no_cookie.params.emplace("csrf", token);
  EXPECT_FALSE(CsrfValid(no_cookie));

  auto empty = WithCookie("schakel_csrf=");
  empty.params.emplace("csrf", "");
  EXPECT_FALSE(CsrfValid(empty));
}

TEST(BrowserStateTest, ReturnPathMustBeLocal) {
  EXPECT_EQ(LocalPath("/kader/evaluaties/3?x=1"), "/kader/evaluaties/3?x=1");
  EXPECT_EQ(LocalPath(""), "/");
  EXPECT_EQ(LocalPath("https://evil.example/"), "/");
  EXPECT_EQ(LocalPath("//evil.example/"), "/");
  EXPECT_EQ(LocalPath("/\\evil.example/"), "/");
  EXPECT_EQ(LocalPath("/a\r\nSet-Cookie: x=1"), "/");
}

}  // namespace
}  // namespace schakel::http::pages
