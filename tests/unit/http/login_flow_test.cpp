// The login steps' redirects: each stage has its page, `terug` travels along, and only local
// paths are ever returned to (no open redirect).
#include "http/pages/login_flow.h"

#include <gtest/gtest.h>

namespace schakel::http::pages {
namespace {

using app::SessionStage;

TEST(LoginFlowTest, EachStageHasItsPage) {
  EXPECT_EQ(StagePath(SessionStage::kPasswordChange), "/inloggen/wachtwoord");
  EXPECT_EQ(StagePath(SessionStage::kTotpEnrol), "/account/tweede-factor");
  EXPECT_EQ(StagePath(SessionStage::kTotp), "/inloggen/code");
  EXPECT_EQ(StagePath(SessionStage::kFull), "/");
}

TEST(LoginFlowTest, TheReturnPathTravelsAlongTheSteps) {
  EXPECT_EQ(NextStep(SessionStage::kTotp, "/kader?gemeente=GM0363"),
            "/inloggen/code?terug=%2Fkader%3Fgemeente%3DGM0363");
  EXPECT_EQ(NextStep(SessionStage::kFull, "/kader?gemeente=GM0363"), "/kader?gemeente=GM0363");
  EXPECT_EQ(NextStep(SessionStage::kTotp, ""), "/inloggen/code");
  EXPECT_EQ(NextStep(SessionStage::kTotp, "/"), "/inloggen/code");
  EXPECT_EQ(WithReturn("/inloggen", "/audit"), "/inloggen?terug=%2Faudit");
}

TEST(LoginFlowTest, OnlyLocalPathsAreReturnedTo) {
  for (const char* target : {"//evil.example/", "https://evil.example/", "/\\evil.example",
                             "evil.example", "javascript:alert(1)", "/a\r\nSet-Cookie: x=1"}) {
    EXPECT_EQ(NextStep(SessionStage::kFull, target), "/") << target;
    EXPECT_EQ(WithReturn("/inloggen", target), "/inloggen") << target;
  }
}

}  // namespace
}  // namespace schakel::http::pages
