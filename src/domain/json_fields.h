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

// The head every data file has: a stable `id` ("2026-1"), a `status` ("provisional" or
// "official") and a two-language `title`.
struct DataHeader {
  std::string id;
  std::string status;
  LocalizedText title;
};
// Reads the head of a data file; `what` names the document in the error ("a catalogue").
Result<DataHeader> ParseDataHeader(const nlohmann::json& doc, const char* what);

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

// An optional list of non-blank strings; absent means empty. Errors name the item ("forms[2]").
Result<std::vector<std::string>> OptionalStringList(const nlohmann::json& obj,
                                                    const std::string& where, const char* key);

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

// ParseEntries for a list whose entries have an `id` member, unique within the list: a second
// one is refused as "duplicate <kind> id '<id>'".
template <typename T, typename ParseOne>
Result<std::vector<T>> ParseIdEntries(const nlohmann::json& doc, const char* key, const char* kind,
                                      ParseOne parse_one) {
  return ParseEntries<T>(doc, key, fmt::format("{} id", kind).c_str(), "id", parse_one,
                         [](const T& e) { return e.id; });
}

// A T with the required `id` and two-language `name` every simple data entry has; the caller
// reads the rest of its members.
template <typename T>
Result<T> ParseIdAndName(const nlohmann::json& entry, const std::string& where) {
  auto id = RequiredString(entry, where, "id");
  if (!id) return id.error();
  auto name = RequiredText(entry, where, "name");
  if (!name) return name.error();
  T out{};
  out.id = std::move(*id);
  out.name = std::move(*name);
  return out;
}

// The entry of a parsed list with this `id`, or nullptr.
template <typename T>
const T* FindById(const std::vector<T>& entries, std::string_view id) {
  for (const T& e : entries) {
    if (e.id == id) return &e;
  }
  return nullptr;
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
