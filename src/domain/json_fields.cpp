#include "domain/json_fields.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace schakel {

using nlohmann::json;

std::string FieldPath(const std::string& where, std::string_view key) {
  return where.empty() ? std::string(key) : fmt::format("{}.{}", where, key);
}

Result<std::string> RequiredString(const json& obj, const std::string& where, const char* key) {
  const std::string field = FieldPath(where, key);
  if (!obj.is_object() || !obj.contains(key)) {
    return Error::Invalid(field, fmt::format("'{}' is missing", field));
  }
  const json& v = obj.at(key);
  if (!v.is_string()) return Error::Invalid(field, fmt::format("'{}' must be a string", field));
  std::string s = v.get<std::string>();
  if (s.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error::Invalid(field, fmt::format("'{}' is empty", field));
  }
  return s;
}

Result<LocalizedText> RequiredText(const json& obj, const std::string& where, const char* key) {
  const std::string field = FieldPath(where, key);
  if (!obj.is_object() || !obj.contains(key) || !obj.at(key).is_object()) {
    return Error::Invalid(field,
                          fmt::format("'{}' must be an object with 'nl' and 'en' text", field));
  }
  auto nl = RequiredString(obj.at(key), field, "nl");
  if (!nl) return nl.error();
  auto en = RequiredString(obj.at(key), field, "en");
  if (!en) return en.error();
  return LocalizedText{*nl, *en};
}

Result<int> RequiredPositiveInt(const json& obj, const std::string& where, const char* key) {
  const std::string field = FieldPath(where, key);
  if (!obj.is_object() || !obj.contains(key) || !obj.at(key).is_number_integer() ||
      obj.at(key).get<int>() < 1) {
    return Error::Invalid(field, fmt::format("'{}' must be a whole number of at least 1", field));
  }
  return obj.at(key).get<int>();
}

Result<std::vector<std::string>> OptionalStringList(const json& obj, const std::string& where,
                                                    const char* key) {
  std::vector<std::string> out;
  if (!obj.is_object() || !obj.contains(key)) return out;
  const std::string field = FieldPath(where, key);
  if (!obj.at(key).is_array()) {
    return Error::Invalid(field, fmt::format("'{}' must be a list of strings", field));
  }
  for (size_t i = 0; i < obj.at(key).size(); ++i) {
    const json& v = obj.at(key)[i];
    if (!v.is_string() || v.get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos) {
      const std::string item = fmt::format("{}[{}]", field, i);
      return Error::Invalid(item, fmt::format("'{}' must be a non-empty string", item));
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

Result<bool> OptionalBool(const json& obj, const std::string& where, const char* key, bool absent) {
  if (!obj.is_object() || !obj.contains(key)) return absent;
  if (!obj.at(key).is_boolean()) {
    const std::string field = FieldPath(where, key);
    return Error::Invalid(field, fmt::format("'{}' must be true or false", field));
  }
  return obj.at(key).get<bool>();
}

Result<DataHeader> ParseDataHeader(const json& doc, const char* what) {
  if (!doc.is_object()) return Error::Invalid("", fmt::format("{} must be a JSON object", what));
  auto id = RequiredString(doc, "", "id");
  if (!id) return id.error();
  auto status = RequiredString(doc, "", "status");
  if (!status) return status.error();
  if (*status != "provisional" && *status != "official") {
    return Error::Invalid("status", "'status' must be provisional or official");
  }
  auto title = RequiredText(doc, "", "title");
  if (!title) return title.error();
  return DataHeader{*id, *status, *title};
}

Result<json> ReadJsonFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error::Invalid("file", fmt::format("cannot read {}", path.string()));
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    return json::parse(buffer.str());
  } catch (const json::parse_error& e) {
    // The parser's message carries line and column.
    return Error::Invalid("file", fmt::format("{} is not valid JSON: {}", path.string(), e.what()));
  }
}

Error InFile(const std::filesystem::path& path, Error error) {
  error.message = fmt::format("{}: {}", path.filename().string(), error.message);
  return error;
}

}  // namespace schakel
