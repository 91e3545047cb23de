// The external reporting form over real HTTP, without login: a honeypot post pretends success and
// leaves no trace, one address gets five posts per ten minutes (then a 429 page in its language),
// and a real report's code adds information to it.
#include "server_fixture.h"
#include "store/audit_repository.h"

namespace schakel::http {
namespace {

class ReportPagesTest : public testing::ServerFixture {
 protected:
  ReportPagesTest() { serve_pages_ = true; }

  // The browser's double-submit token, as the form page sets it.
  std::string CsrfCookie() {
    auto page = client_->Get("/melden");
    EXPECT_TRUE(page);
    const std::string cookie = page->get_header_value("Set-Cookie");
    const size_t start = cookie.find('=') + 1;
    return cookie.substr(start, cookie.find(';') - start);
  }

  httplib::Result PostForm(const std::string& path, const std::string& form,
                           const std::string& lang = "nl") {
    if (csrf_.empty()) csrf_ = CsrfCookie();
    httplib::Headers headers = {{"Cookie", "schakel_csrf=" + csrf_ + "; schakel_lang=" + lang}};
    return client_->Post(path, headers, form + "&csrf=" + csrf_,
                         "application/x-www-form-urlencoded");
  }

  size_t SignalsStored() {
    auto inbox = signals_->InboxOf(actor_, {});
    EXPECT_TRUE(inbox.ok());
    return inbox.ok() ? inbox->signals.size() : 0;
  }

  size_t AuditEvents(const std::string& action) {
    auto db = database_->Acquire();
    store::AuditQuery q;
    q.actions = {action};
    return store::AuditRepository(*db).Find(q)->size();
  }

  std::string csrf_;
};

TEST_F(ReportPagesTest, AFilledHoneypotPretendsSuccessAndLeavesNoTrace) {
  auto r = PostForm("/melden", "gemeente=GM0014&wat=Spam&website=http%3A%2F%2Fspam.example");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("id=\"meldcode\""), std::string::npos);
  EXPECT_EQ(SignalsStored(), 0u);
  EXPECT_EQ(AuditEvents("signal.external"), 0u);
}

TEST_F(ReportPagesTest, WithoutTheCookieTokenNothingIsStored) {
  auto r = client_->Post("/melden", "gemeente=GM0014&wat=Iets&csrf=abc",
                         "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(SignalsStored(), 0u);
}

TEST_F(ReportPagesTest, TheSixthPostFromOneAddressIsRefusedInTheVisitorsLanguage) {
  for (int i = 0; i < 5; ++i) {
    auto r = PostForm("/melden", "gemeente=GM0014&wat=Melding+" + std::to_string(i));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << i;
  }
  auto refused = PostForm("/melden", "gemeente=GM0014&wat=Nog+een", "en");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429);
  EXPECT_EQ(refused->get_header_value("Retry-After"), "600");
  EXPECT_NE(refused->body.find("Too many reports"), std::string::npos);
  EXPECT_EQ(SignalsStored(), 5u);
}

TEST_F(ReportPagesTest, TheCodeShownOnceAddsInformationAndAWrongCodeSaysSo) {
  auto r = PostForm("/melden", "gemeente=GM0014&wat=Busje+bij+de+loods&gevaar=ja");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("112"), std::string::npos);  // someone in danger: the guidance
  const size_t at = r->body.find("id=\"meldcode\">");
  ASSERT_NE(at, std::string::npos);
  const std::string code = r->body.substr(at + 14, 14);
  auto wrong = PostForm("/melden/aanvullen", "code=AAAA-BBBB-CCCC&aanvulling=Meer");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 422);
  EXPECT_NE(wrong->body.find("Deze meldcode kennen we niet"), std::string::npos);
  auto added = PostForm("/melden/aanvullen", "code=" + code + "&aanvulling=Pools+kenteken");
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 200);
  EXPECT_NE(added->body.find("id=\"aangevuld\""), std::string::npos);
  EXPECT_EQ(AuditEvents("signal.add_information"), 1u);
}

}  // namespace
}  // namespace schakel::http
