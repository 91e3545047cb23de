// Catalog: the user-facing texts of the web pages, one JSON file per language under
// web/i18n/<lang>.json (nested objects of strings). Dutch is the default language; English the
// second. Keys are dotted paths ("kader.start.title"); templates read them as
// {{t.kader.start.title}}. Immutable after Load(), so safe to share between request threads.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "domain/result.h"

namespace schakel::http::pages {

inline constexpr const char* kDefaultLanguage = "nl";
// The languages the pages are offered in, default first.
const std::vector<std::string>& Languages();
// `lang` if it is one of Languages(), else the default.
std::string SupportedLanguage(std::string_view lang);

class Catalog {
 public:
  // Reads <dir>/<lang>.json for every language. Errors name the file (and JSON line/column).
  static Result<Catalog> Load(const std::filesystem::path& dir);
  // Builds a catalog from parsed documents (tests).
  static Catalog FromJson(std::map<std::string, nlohmann::json> docs);

  // The nested texts of one language, for template data (`t`).
  const nlohmann::json& Texts(std::string_view lang) const;
  // One text by dotted key; the key itself when missing (visible, never empty).
  std::string Text(std::string_view lang, std::string_view key) const;
  // Text with {name} placeholders replaced by the given values (not escaped; templates escape).
  std::string Format(std::string_view lang, std::string_view key,
                     const std::map<std::string, std::string>& values) const;

 private:
  std::map<std::string, nlohmann::json, std::less<>> docs_;
};

// Every dotted key of the string leaves of a nested JSON object.
std::set<std::string> FlattenKeys(const nlohmann::json& doc);
// Dotted keys used as {{t.…}} (or {{{t.…}}}, {{#t.…}}) in a template text.
std::set<std::string> TemplateKeys(std::string_view template_text);

}  // namespace schakel::http::pages
