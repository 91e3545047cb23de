// TemplateSet: the HTML templates of the web pages (web/templates/*.mustache), parsed once at
// start and rendered with kainjow mustache. Every {{value}} is HTML-escaped (including quotes);
// {{{raw}}} is used only for HTML we generated ourselves (the page body inside the layout, SVG
// charts). Files whose name starts with '_' are partials ({{> _error_summary}}).
// Immutable after Load(); Render() is safe to call from many threads.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/result.h"

namespace schakel::http::pages {

class TemplateSet {
 public:
  // Reads and parses every *.mustache file in `dir`; a syntax error names the file.
  static Result<TemplateSet> Load(const std::filesystem::path& dir);
  // From texts by name (tests).
  static Result<TemplateSet> FromTexts(std::map<std::string, std::string> texts);

  bool Has(const std::string& name) const { return texts_.count(name) > 0; }
  // Renders template `name` with `data` (JSON objects, arrays, strings, numbers, booleans;
  // null and false are false). REQUIRES: Has(name).
  std::string Render(const std::string& name, const nlohmann::json& data) const;
  const std::map<std::string, std::string>& texts() const { return texts_; }
  // The same templates with every {{t.key}} (and {{{t.key}}}, {{&t.key}}) replaced by the text
  // of `texts` (one language of the catalogue), escaped as {{…}} would: a page then need not hand
  // the whole catalogue to each render, which had been most of a case page's time (two deep
  // copies of some 1,500 texts per page). A key not in `texts` is left and renders empty, as it
  // did. A section on a text ({{#t.key}}) is refused: it would need the catalogue at render time.
  Result<TemplateSet> Localised(const nlohmann::json& texts) const;

 private:
  std::map<std::string, std::string> texts_;
};

}  // namespace schakel::http::pages
