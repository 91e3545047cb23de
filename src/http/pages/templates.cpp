#include "http/pages/templates.h"

#include <fmt/format.h>

#include <fstream>
#include <kainjow/mustache.hpp>
#include <sstream>

#include "domain/markup.h"

namespace schakel::http::pages {

namespace mustache = kainjow::mustache;
using nlohmann::json;

namespace {

mustache::data ToData(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      mustache::data d{mustache::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), ToData(*it));
      return d;
    }
    case json::value_t::array: {
      mustache::data d{mustache::data::type::list};
      for (const auto& item : j) d.push_back(ToData(item));
      return d;
    }
    case json::value_t::string:
      return mustache::data{j.get<std::string>()};
    case json::value_t::boolean:
      return mustache::data{j.get<bool>() ? mustache::data::type::bool_true
                                          : mustache::data::type::bool_false};
    case json::value_t::null:
      return mustache::data{mustache::data::type::bool_false};
    default:
      return mustache::data{j.dump()};  // numbers
  }
}

// The text at a dotted path ("case.title") of a language's texts, when there is one.
const json* TextAt(const json& texts, std::string_view path) {
  const json* at = &texts;
  while (true) {
    const size_t dot = path.find('.');
    const std::string part(path.substr(0, dot));
    if (!at->is_object()) return nullptr;
    auto it = at->find(part);
    if (it == at->end()) return nullptr;
    at = &*it;
    if (dot == std::string_view::npos) return at->is_string() ? at : nullptr;
    path.remove_prefix(dot + 1);
  }
}

std::string_view Trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// One template with its {{t.…}} tags replaced; see TemplateSet::Localised.
Result<std::string> Localise(const std::string& name, const std::string& text, const json& texts) {
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  while (true) {
    const size_t open = text.find("{{", at);
    if (open == std::string::npos) break;
    const bool triple = text.compare(open, 3, "{{{") == 0;
    const size_t close = text.find(triple ? "}}}" : "}}", open);
    if (close == std::string::npos) break;  // the parser reports it
    const size_t end = close + (triple ? 3 : 2);
    std::string_view inner(text.data() + open + (triple ? 3 : 2), close - open - (triple ? 3 : 2));
    inner = Trimmed(inner);
    bool raw = triple;
    char sigil = inner.empty() ? '\0' : inner.front();
    if (sigil == '&') {
      raw = true;
      inner = Trimmed(inner.substr(1));
      sigil = '\0';
    }
    out.append(text, at, open - at);
    at = end;
    if (sigil == '#' || sigil == '^' || sigil == '/') {
      if (Trimmed(inner.substr(1)).rfind("t.", 0) == 0) {
        return Error::Invalid("templates", fmt::format("template {}: a section on a text ({}) "
                                                       "cannot be filled in at start",
                                                       name, std::string(inner)));
      }
    } else if (inner.rfind("t.", 0) == 0) {
      if (const json* value = TextAt(texts, inner.substr(2))) {
        const std::string& v = value->get_ref<const std::string&>();
        if (v.find("{{") != std::string::npos) {
          return Error::Invalid("templates", fmt::format("the text {} holds '{{{{', which the "
                                                         "template {} would read as a tag",
                                                         std::string(inner), name));
        }
        out += raw ? v : EscapeMarkup(v);
        continue;
      }
    }
    out.append(text, open, end - open);
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace

Result<TemplateSet> TemplateSet::Localised(const json& texts) const {
  std::map<std::string, std::string> localised;
  for (const auto& [name, text] : texts_) {
    auto filled = Localise(name, text, texts);
    if (!filled) return filled.error();
    localised.emplace(name, std::move(filled).value());
  }
  return FromTexts(std::move(localised));
}

Result<TemplateSet> TemplateSet::FromTexts(std::map<std::string, std::string> texts) {
  for (const auto& [name, text] : texts) {
    mustache::mustache parsed{text};
    if (!parsed.is_valid()) {
      return Error::Invalid("templates",
                            fmt::format("template {}: {}", name, parsed.error_message()));
    }
  }
  TemplateSet set;
  set.texts_ = std::move(texts);
  return set;
}

Result<TemplateSet> TemplateSet::Load(const std::filesystem::path& dir) {
  std::error_code ec;
  std::map<std::string, std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    texts[entry.path().stem().string()] = text.str();
  }
  if (ec) return Error::Unavailable(fmt::format("cannot read templates in {}", dir.string()));
  if (texts.empty()) return Error::Unavailable(fmt::format("no templates in {}", dir.string()));
  return FromTexts(std::move(texts));
}

std::string TemplateSet::Render(const std::string& name, const json& data) const {
  mustache::mustache tmpl{texts_.at(name)};
  tmpl.set_custom_escape([](const std::string& s) { return EscapeMarkup(s); });
  mustache::data d = ToData(data);
  for (const auto& [partial, text] : texts_) {
    if (!partial.empty() && partial[0] == '_') {
      const std::string body = text;
      d.set(partial, mustache::partial{[body] { return body; }});
    }
  }
  std::string out = tmpl.render(d);
  if (!tmpl.is_valid()) throw std::runtime_error("template " + name + ": " + tmpl.error_message());
  return out;
}

}  // namespace schakel::http::pages
