// Parsing of the synthetic name lists (see name_book.h).
#include "synth/name_book.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>

#include "synth/csv.h"

namespace schakel::synth {

std::size_t NationalityNames::FamilyCount(bool female) const {
  return family.size() + (female ? family_female.size() : family_male.size());
}

const NameEntry& NationalityNames::Family(bool female, std::size_t index) const {
  if (index < family.size()) return family[index];
  const auto& gendered = female ? family_female : family_male;
  assert(index - family.size() < gendered.size());
  return gendered[index - family.size()];
}

namespace {

Result<NameKind> ParseKind(std::string_view kind) {
  if (kind == "given_f") return NameKind::kGivenFemale;
  if (kind == "given_m") return NameKind::kGivenMale;
  if (kind == "family") return NameKind::kFamily;
  if (kind == "family_f") return NameKind::kFamilyFemale;
  if (kind == "family_m") return NameKind::kFamilyMale;
  if (kind == "place") return NameKind::kPlace;
  return Error::Invalid("kind", fmt::format("unknown name kind '{}'", kind));
}

std::vector<std::string> SplitBar(std::string_view text) {
  std::vector<std::string> parts;
  if (text.empty()) return parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t bar = text.find('|', start);
    parts.emplace_back(text.substr(start, bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return parts;
}

std::vector<NameEntry>& ListFor(NationalityNames& names, NameKind kind) {
  switch (kind) {
    case NameKind::kGivenFemale:
      return names.given_female;
    case NameKind::kGivenMale:
      return names.given_male;
    case NameKind::kFamily:
      return names.family;
    case NameKind::kFamilyFemale:
      return names.family_female;
    case NameKind::kFamilyMale:
      return names.family_male;
    case NameKind::kPlace:
      return names.places;
  }
  return names.places;
}

bool IsAlpha3(std::string_view code) {
  return code.size() == 3 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

Result<NameBook> NameBook::Parse(std::string_view csv_text) {
  auto table = ParseCsv(csv_text, "names.csv");
  if (!table.ok()) return table.error();
  const int nat_col = table->Column("nationality");
  const int kind_col = table->Column("kind");
  const int native_col = table->Column("native");
  const int latin_col = table->Column("latin");
  if (nat_col < 0 || kind_col < 0 || native_col < 0 || latin_col < 0) {
    return Error::Invalid("names.csv", "names.csv needs columns nationality,kind,native,latin");
  }
  NameBook book;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const CsvRow& row = table->rows[r];
    const int line = table->line_numbers[r];
    const std::string& code = row[static_cast<std::size_t>(nat_col)];
    if (!IsAlpha3(code)) {
      return Error::Invalid("nationality", fmt::format("names.csv line {}: '{}' is not an "
                                                       "ISO 3166 alpha-3 code",
                                                       line, code));
    }
    auto kind = ParseKind(row[static_cast<std::size_t>(kind_col)]);
    if (!kind.ok())
      return Error::Invalid("kind",
                            fmt::format("names.csv line {}: {}", line, kind.error().message));
    NameEntry entry;
    entry.native = row[static_cast<std::size_t>(native_col)];
    entry.latin = SplitBar(row[static_cast<std::size_t>(latin_col)]);
    if (entry.native.empty() || !IsValidUtf8(entry.native)) {
      return Error::Invalid("native",
                            fmt::format("names.csv line {}: empty or invalid name", line));
    }
    entry.script = ScriptOfText(entry.native);
    if (entry.script != Script::kLatin && entry.latin.empty()) {
      return Error::Invalid("latin", fmt::format("names.csv line {}: a name in a non-Latin "
                                                 "script needs a Latin spelling",
                                                 line));
    }
    for (const std::string& spelling : entry.latin) {
      if (spelling.empty() || ScriptOfText(spelling) != Script::kLatin) {
        return Error::Invalid("latin", fmt::format("names.csv line {}: bad Latin spelling", line));
      }
    }
    auto it = std::find_if(book.nationalities_.begin(), book.nationalities_.end(),
                           [&](const NationalityNames& n) { return n.code == code; });
    if (it == book.nationalities_.end()) {
      book.nationalities_.emplace_back();
      book.nationalities_.back().code = code;
      it = book.nationalities_.end() - 1;
    }
    for (char32_t cp : DecodeUtf8(entry.native)) {
      const Script script = ScriptOf(cp);
      if (script == Script::kLatin || cp == U' ') continue;
      auto& alphabet = book.alphabets_[static_cast<int>(script)];
      const char32_t lower = ToLower(cp);
      if (alphabet.find(lower) == std::u32string::npos) alphabet.push_back(lower);
    }
    ListFor(*it, *kind).push_back(std::move(entry));
  }
  for (char32_t c = U'a'; c <= U'z'; ++c) book.alphabets_[0].push_back(c);
  for (auto& alphabet : book.alphabets_) std::sort(alphabet.begin(), alphabet.end());
  for (const NationalityNames& n : book.nationalities_) {
    if (n.given_female.empty() || n.given_male.empty() || n.FamilyCount(true) == 0 ||
        n.FamilyCount(false) == 0 || n.places.empty()) {
      return Error::Invalid("names.csv", fmt::format("names.csv: nationality {} needs female and "
                                                     "male given names, family names and places",
                                                     n.code));
    }
  }
  return book;
}

const NationalityNames* NameBook::Find(std::string_view code) const {
  for (const NationalityNames& n : nationalities_) {
    if (n.code == code) return &n;
  }
  return nullptr;
}

const std::u32string& NameBook::Alphabet(Script script) const {
  return alphabets_[static_cast<int>(script)];
}

}  // namespace schakel::synth
