// What a browser carries between requests besides its session: the chosen language and, before
// login, a random anti-forgery token, both in cookies.
//
// CSRF before login (double submit): every browser gets a random token in the cookie
// `schakel_csrf` (HttpOnly, SameSite=Strict, Path=/); the login form carries the same token in a
// hidden field `csrf`; a POST is accepted only when both are present and equal (constant-time
// compare). A page on another site can neither read the cookie nor (SameSite=Strict) send it.
// With a session, forms carry the session's own token instead (FormTokenMatches).
#pragma once

#include <httplib.h>

#include <optional>
#include <string>

namespace schakel::http::pages {

inline constexpr const char* kCsrfCookie = "schakel_csrf";
inline constexpr const char* kCsrfField = "csrf";
inline constexpr const char* kLanguageCookie = "schakel_lang";

// Value of one cookie of the request, if present.
std::optional<std::string> CookieValue(const httplib::Request& req, std::string_view name);

// The browser's CSRF token; when the request has none (or a malformed one), a new one is made and
// set as a cookie on the response.
std::string CsrfToken(const httplib::Request& req, httplib::Response& res);
// Does the POST carry the cookie token and the same token in the form field?
bool CsrfValid(const httplib::Request& req);
// Does the form field `csrf` equal `expected` (constant-time)? False when either is empty.
bool FormTokenMatches(const httplib::Request& req, std::string_view expected);
// 64 hex digits from the system's random source.
std::string NewToken();

// The page language: the language cookie when it names a supported language, else Dutch.
std::string LanguageOf(const httplib::Request& req);
// Remembers the language for a year.
void RememberLanguage(httplib::Response& res, const std::string& lang);

// A path on this site to return to ("/kader/…"), or "/" when `target` is empty, absolute, or
// otherwise not a plain local path (prevents open redirects).
std::string LocalPath(std::string_view target);

}  // namespace schakel::http::pages
