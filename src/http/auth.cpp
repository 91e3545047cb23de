#include "http/auth.h"

#include <fmt/format.h>

namespace schakel::http {

std::string SessionCookieHeader(std::string_view token, bool secure) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}", kSessionCookie, token,
                     secure ? "; Secure" : "");
}

std::string ClearSessionCookieHeader(bool secure) {
  return fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}", kSessionCookie,
                     secure ? "; Secure" : "");
}

bool SecureCookies(const httplib::Request& req, bool behind_tls) {
  return behind_tls || req.get_header_value("X-Forwarded-Proto") == "https";
}

std::string CookieValue(const httplib::Request& req, std::string_view name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    const size_t eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    pos = end + 1;
  }
  return {};
}

void AuthenticateCall(app::IdentityService& identity, bool behind_tls, Call& call) {
  call.secure_cookies = SecureCookies(call.req, behind_tls);
  const bool api = call.req.path.rfind("/api/", 0) == 0;
  const std::string correlation = call.res.get_header_value("X-Correlation-Id");
  call.actor.origin = api ? "api" : "web";
  call.actor.address = call.req.remote_addr;
  call.actor.correlation_id = correlation;
  call.actor.id = "anonymous";
  call.actor.name = "anonymous";

  const std::string authorization = call.req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.rfind(kBearer, 0) == 0) {
    auto actor = identity.AuthenticateApiToken(
        std::string_view(authorization).substr(kBearer.size()), call.req.remote_addr, correlation);
    if (actor) call.actor = std::move(actor).value();
    return;  // a presented but invalid token never falls back to a cookie
  }
  const std::string token = CookieValue(call.req, kSessionCookie);
  if (token.empty()) return;
  auto session = identity.Authenticate(token, call.req.remote_addr, correlation);
  if (!session) return;
  call.actor = session->actor;
  call.actor.origin = api ? "api" : "web";
  call.session = std::move(session).value();
}

}  // namespace schakel::http
