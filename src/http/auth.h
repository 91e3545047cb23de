// Who is calling: the session cookie of the web pages and the bearer token of partner systems.
// The server authenticates every request once, before its handler (Router::SetAuthenticator);
// handlers and use cases then see Call::session and Call::actor.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

#include "app/identity_service.h"
#include "http/router.h"

namespace schakel::http {

inline constexpr char kSessionCookie[] = "schakel_session";

// Set-Cookie value for a session token: HttpOnly, SameSite=Strict, Path=/, and Secure when the
// browser reached us over TLS. No Max-Age: the cookie ends with the browser; the server's idle
// and absolute timeouts end the session itself.
std::string SessionCookieHeader(std::string_view token, bool secure);
std::string ClearSessionCookieHeader(bool secure);

// True when the browser talks TLS to us or to the reverse proxy in front of us
// (X-Forwarded-Proto: https), or when the operator declared a TLS proxy in front (serve
// --behind-tls, required for a non-loopback address).
bool SecureCookies(const httplib::Request& req, bool behind_tls);

// The value of one cookie of the request, or "".
std::string CookieValue(const httplib::Request& req, std::string_view name);

// The authenticator the server installs: a bearer token ("Authorization: Bearer skl_…") makes
// an API actor; otherwise the session cookie is looked up (any stage) and, for a full session,
// gives the user's actor. Origin is "api" for /api/ paths, "web" otherwise. Also sets
// Call::secure_cookies (`behind_tls`: the operator runs Schakel behind a TLS proxy).
void AuthenticateCall(app::IdentityService& identity, bool behind_tls, Call& call);

}  // namespace schakel::http
