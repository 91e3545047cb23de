#include "http/pages/browser_state.h"

#include <fmt/format.h>
#include <sodium.h>

#include "http/pages/i18n.h"

namespace schakel::http::pages {

std::optional<std::string> CookieValue(const httplib::Request& req, std::string_view name) {
  for (auto [it, end] = req.headers.equal_range("Cookie"); it != end; ++it) {
    std::string_view header = it->second;
    while (!header.empty()) {
      const size_t semi = std::min(header.find(';'), header.size());
      std::string_view pair = header.substr(0, semi);
      header.remove_prefix(std::min(semi + 1, header.size()));
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const size_t eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
        return std::string(pair.substr(eq + 1));
      }
    }
  }
  return std::nullopt;
}

std::string NewToken() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  std::string hex;
  for (unsigned char b : bytes) hex += fmt::format("{:02x}", b);
  return hex;
}

namespace {
bool WellFormedToken(const std::string& token) {
  return token.size() == 64 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
}
}  // namespace

std::string CsrfToken(const httplib::Request& req, httplib::Response& res) {
  auto existing = CookieValue(req, kCsrfCookie);
  if (existing && WellFormedToken(*existing)) return *existing;
  std::string token = NewToken();
  res.set_header("Set-Cookie",
                 fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict", kCsrfCookie, token));
  return token;
}

bool CsrfValid(const httplib::Request& req) {
  auto cookie = CookieValue(req, kCsrfCookie);
  return cookie && WellFormedToken(*cookie) && FormTokenMatches(req, *cookie);
}

bool FormTokenMatches(const httplib::Request& req, std::string_view expected) {
  if (expected.empty() || !req.has_param(kCsrfField)) return false;
  const std::string field = req.get_param_value(kCsrfField);
  return field.size() == expected.size() &&
         sodium_memcmp(field.data(), expected.data(), field.size()) == 0;
}

std::string LanguageOf(const httplib::Request& req) {
  auto lang = CookieValue(req, kLanguageCookie);
  return SupportedLanguage(lang ? *lang : kDefaultLanguage);
}

void RememberLanguage(httplib::Response& res, const std::string& lang) {
  res.set_header("Set-Cookie",
                 fmt::format("{}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
                             kLanguageCookie, SupportedLanguage(lang)));
}

std::string LocalPath(std::string_view target) {
  if (target.empty() || target.front() != '/' || target.size() > 512) return "/";
  if (target.size() > 1 && (target[1] == '/' || target[1] == '\\')) return "/";
  for (char c : target) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '\\' || c == 0x7f) return "/";
  }
  return std::string(target);
}

}  // namespace schakel::http::pages
