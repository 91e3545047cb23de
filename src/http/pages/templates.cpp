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

}  // namespace

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
