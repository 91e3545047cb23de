#include "http/pages/login_flow.h"

#include <httplib.h>

#include "http/pages/browser_state.h"

namespace schakel::http::pages {

std::string StagePath(app::SessionStage stage) {
  switch (stage) {
    case app::SessionStage::kPasswordChange:
      return "/inloggen/wachtwoord";
    case app::SessionStage::kTotpEnrol:
      return "/account/tweede-factor";
    case app::SessionStage::kTotp:
      return "/inloggen/code";
    case app::SessionStage::kFull:
      break;
  }
  return "/";
}

std::string WithReturn(std::string_view path, std::string_view back) {
  const std::string local = LocalPath(back);
  if (local == "/") return std::string(path);
  return std::string(path) + "?terug=" + httplib::detail::encode_query_param(local);
}

std::string NextStep(app::SessionStage stage, std::string_view back) {
  if (stage == app::SessionStage::kFull) return LocalPath(back);
  return WithReturn(StagePath(stage), back);
}

}  // namespace schakel::http::pages
