// Reading required members of a JSON document with errors that name the offending entry: the
// loaders of the Kader framework and of the signals catalogue share these, so every data file
// is refused in the same words ("criteria[4].text.nl is empty") and with the same `field`.
#pragma once

#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace schakel {

// A text in both languages Schakel speaks.
struct LocalizedText {
  std::string nl;
  std::string en;
  const std::string& In(std::string_view lang) const { return lang == "en" ? en : nl; }
};

// The JSON path of member `key` inside the object at `where` ("" is the document itself).
std::string FieldPath(const std::string& where, std::string_view key);

// A required string member that is not blank.
Result<std::string> RequiredString(const nlohmann::json& obj, const std::string& where,
                                   const char* key);
// A required object member {"nl": …, "en": …}, both texts non-blank.
Result<LocalizedText> RequiredText(const nlohmann::json& obj, const std::string& where,
                                   const char* key);
// A required whole number of at least 1.
Result<int> RequiredPositiveInt(const nlohmann::json& obj, const std::string& where,
                                const char* key);

// An optional true/false member; `absent` when it is not there.
Result<bool> OptionalBool(const nlohmann::json& obj, const std::string& where, const char* key,
                          bool absent = false);

// Parses every entry of the non-empty list `key` with `parse_one(entry, where) -> Result<T>`
// (where is "key[i]") and refuses a second entry with the same `id_of(T)`, naming
// "key[i].<id_field>" and saying "duplicate <what> '<id>'". Each parser then checks only its own
// entry.
template <typename T, typename ParseOne, typename IdOf>
Result<std::vector<T>> ParseEntries(const nlohmann::json& doc, const char* key, const char* what,
                                    const char* id_field, ParseOne parse_one, IdOf id_of) {
  if (!doc.is_object() || !doc.contains(key) || !doc[key].is_array() || doc[key].empty()) {
    return Error::Invalid(key, fmt::format("'{}' must be a non-empty list", key));
  }
  std::vector<T> out;
  std::set<std::string> ids;
  for (size_t i = 0; i < doc[key].size(); ++i) {
    const std::string where = fmt::format("{}[{}]", key, i);
    Result<T> entry = parse_one(doc[key][i], where);
    if (!entry) return entry.error();
    if (!ids.insert(id_of(*entry)).second) {
      return Error::Invalid(FieldPath(where, id_field),
                            fmt::format("duplicate {} '{}'", what, id_of(*entry)));
    }
    out.push_back(std::move(*entry));
  }
  return out;
}

// Reads and parses a JSON file. A syntax error reports line and column; a missing file says so.
Result<nlohmann::json> ReadJsonFile(const std::filesystem::path& path);
// `error` with the file's name in front of its message, so the reader knows which file it is.
Error InFile(const std::filesystem::path& path, Error error);

// Reads a JSON file and builds a T from it with `parse(const json&) -> Result<T>`; the parser's
// errors get the file's name in front.
template <typename T, typename Parse>
Result<T> LoadJsonFile(const std::filesystem::path& path, Parse parse) {
  auto doc = ReadJsonFile(path);
  if (!doc) return doc.error();
  Result<T> built = parse(*doc);
  if (!built) return InFile(path, built.error());
  return built;
}

}  // namespace schakel
