// Demo mode in the pages: a demo installation says so on every page, the login page names the
// demo accounts and their password, and an ordinary installation shows neither.
#include "server_fixture.h"

namespace schakel::http {
namespace {

class DemoPagesTest : public testing::ServerFixture {
 protected:
  DemoPagesTest() { serve_pages_ = true; }
  std::string Page(const std::string& path) {
    auto r = client_->Get(path);
    EXPECT_TRUE(r);
    return r ? r->body : "";
  }
};

TEST_F(DemoPagesTest, ADemoInstallationSaysSoOnEveryPageAndNamesTheAccounts) {
  for (const char* path : {"/inloggen", "/melden"}) {
    EXPECT_EQ(Page(path).find("schakel-demo-banner"), std::string::npos) << path;
  }
  EXPECT_EQ(Page("/inloggen").find("demo-schakel"), std::string::npos);
  ASSERT_TRUE(identity_->EnableDemoMode(actor_).ok());
  for (const char* path : {"/inloggen", "/melden"}) {
    const std::string body = Page(path);
    EXPECT_NE(body.find("schakel-demo-banner"), std::string::npos) << path;
    EXPECT_NE(body.find("Demo-installatie"), std::string::npos) << path;
  }
  const std::string login = Page("/inloggen");
  EXPECT_NE(login.find("demo-schakel"), std::string::npos);
  EXPECT_NE(login.find("demo-zorg"), std::string::npos);
}

}  // namespace
}  // namespace schakel::http
