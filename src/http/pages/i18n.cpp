#include "http/pages/i18n.h"

#include <fmt/format.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace schakel::http::pages {

using nlohmann::json;

const std::vector<std::string>& Languages() {
  static const std::vector<std::string> languages = {"nl", "en"};
  return languages;
}

std::string SupportedLanguage(std::string_view lang) {
  for (const auto& l : Languages()) {
    if (l == lang) return l;
  }
  return kDefaultLanguage;
}

Result<Catalog> Catalog::Load(const std::filesystem::path& dir) {
  std::map<std::string, json> docs;
  for (const auto& lang : Languages()) {
    const auto path = dir / (lang + ".json");
    std::ifstream in(path);
    if (!in) return Error::Unavailable(fmt::format("cannot read {}", path.string()));
    std::stringstream text;
    text << in.rdbuf();
    try {
      docs[lang] = json::parse(text.str());
    } catch (const json::parse_error& e) {
      return Error::Invalid("i18n", fmt::format("{}: {}", path.string(), e.what()));
    }
    if (!docs[lang].is_object()) {
      return Error::Invalid("i18n", fmt::format("{}: expected an object of texts", path.string()));
    }
  }
  return FromJson(std::move(docs));
}

Catalog Catalog::FromJson(std::map<std::string, json> docs) {
  Catalog c;
  for (auto& [lang, doc] : docs) c.docs_.emplace(lang, std::move(doc));
  return c;
}

const json& Catalog::Texts(std::string_view lang) const {
  static const json empty = json::object();
  auto it = docs_.find(lang);
  if (it == docs_.end()) it = docs_.find(std::string_view(kDefaultLanguage));
  return it == docs_.end() ? empty : it->second;
}

std::string Catalog::Text(std::string_view lang, std::string_view key) const {
  const json* node = &Texts(lang);
  size_t start = 0;
  while (start <= key.size()) {
    const size_t dot = std::min(key.find('.', start), key.size());
    const std::string part(key.substr(start, dot - start));
    if (!node->is_object() || !node->contains(part)) return std::string(key);
    node = &(*node)[part];
    start = dot + 1;
  }
  return node->is_string() ? node->get<std::string>() : std::string(key);
}

std::string Catalog::Format(std::string_view lang, std::string_view key,
                            const std::map<std::string, std::string>& values) const {
  std::string text = Text(lang, key);
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + name + "}";
    for (size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

namespace {
void Collect(const json& node, const std::string& prefix, std::set<std::string>& out) {
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object()) {
      Collect(*it, key, out);
    } else {
      out.insert(key);
    }
  }
}
}  // namespace

std::set<std::string> FlattenKeys(const json& doc) {
  std::set<std::string> keys;
  if (doc.is_object()) Collect(doc, "", keys);
  return keys;
}

std::set<std::string> TemplateKeys(std::string_view template_text) {
  static const std::regex tag(R"(\{\{\{?[#^/&]?\s*t\.([A-Za-z0-9_.]+)\s*\}?\}\})");
  std::set<std::string> keys;
  const std::string text(template_text);
  for (std::sregex_iterator it(text.begin(), text.end(), tag), end; it != end; ++it) {
    keys.insert((*it)[1].str());
  }
  return keys;
}

}  // namespace schakel::http::pages
