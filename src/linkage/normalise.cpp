#include "linkage/normalise.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <utility>

namespace schakel::linkage {
namespace {

// One transliterator per thread: ICU transliterators are not safe for concurrent use, and
// building one costs about a millisecond, so it is built once and reused.
icu::Transliterator& ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
        "NFKD; Any-Latin; NFKD; [:Nonspacing Mark:] Remove; Latin-ASCII; NFC", UTRANS_FORWARD,
        status));
    if (U_FAILURE(status) || !made) {
      // ICU data missing is a broken installation, not an expected failure.
      throw std::runtime_error(std::string("ICU transliterator unavailable: ") +
                               u_errorName(status));
    }
    return made;
  }();
  return *t;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Maps ASCII text to the normalised alphabet, collapsing separators to single spaces.
std::string CleanAscii(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char raw : s) {
    char c = raw;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(c);
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '.' ||
               c == ',' || c == '_' || c == '/') {
      pending_space = true;
    }
    // Apostrophes, quotes and other marks are dropped: "O'Brien" -> "obrien".
  }
  return out;
}

constexpr std::array<std::string_view, 27> kParticles = {
    "van", "de", "der",   "den", "het",   "t",   "ter", "ten", "te",
    "op",  "in", "onder", "von", "vom",   "zu",  "la",  "le",  "du",
    "des", "da", "di",    "del", "della", "dos", "el",  "al",  "bin"};

bool IsParticle(std::string_view word) {
  for (std::string_view p : kParticles) {
    if (p == word) return true;
  }
  return word == "ibn" || word == "ben" || word == "vd" || word == "v";
}

// "vanderberg" -> "berg": particles written as one word with the name.
std::string_view StripJoinedParticle(std::string_view word) {
  for (std::string_view prefix : {"vander", "vanden", "vande", "vant"}) {
    if (word.size() >= prefix.size() + 3 && word.substr(0, prefix.size()) == prefix) {
      return word.substr(prefix.size());
    }
  }
  return word;
}

std::vector<std::string> Words(const std::string& normalised) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < normalised.size()) {
    std::size_t end = normalised.find(' ', start);
    if (end == std::string::npos) end = normalised.size();
    if (end > start) words.emplace_back(normalised.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

}  // namespace

std::string NormaliseText(std::string_view utf8) {
  if (IsAscii(utf8)) return CleanAscii(utf8);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  text.foldCase();
  ThreadTransliterator().transliterate(text);
  text.foldCase();
  std::string ascii;
  text.toUTF8String(ascii);
  // Anything the transliterator could not map to ASCII is dropped by CleanAscii.
  return CleanAscii(ascii);
}

FamilyName SplitFamilyName(std::string_view utf8) {
  std::vector<std::string> words = Words(NormaliseText(utf8));
  FamilyName out;
  for (const std::string& w : words) {
    if (IsParticle(w)) {
      if (!out.particles.empty()) out.particles.push_back(' ');
      out.particles += w;
    } else {
      out.core += StripJoinedParticle(w);
    }
  }
  if (out.core.empty()) {  // "De", "Van": the particle is the name.
    for (const std::string& w : words) out.core += w;
    out.particles.clear();
  }
  return out;
}

std::vector<std::string> SplitGivenNames(std::string_view utf8) {
  return Words(NormaliseText(utf8));
}

namespace {

// Soundex consonant classes; '0' marks vowels and h/w/y which separate but do not code.
char SoundClass(char c) {
  switch (c) {
    case 'b':
    case 'f':
    case 'p':
    case 'v':
      return '1';
    case 'c':
    case 'g':
    case 'j':
    case 'k':
    case 'q':
    case 's':
    case 'x':
    case 'z':
      return '2';
    case 'd':
    case 't':
      return '3';
    case 'l':
      return '4';
    case 'm':
    case 'n':
      return '5';
    case 'r':
      return '6';
    default:
      return '0';
  }
}

std::string FoldSpelling(std::string_view w) {
  std::string s;
  s.reserve(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) {
    std::string_view rest = w.substr(i);
    if (rest.starts_with("sch")) {
      s += 's';
      i += 2;
      continue;
    }
    if (rest.starts_with("ij")) {
      s += 'y';
      i += 1;
      continue;
    }
    if (rest.starts_with("ch")) {
      s += 'g';
      i += 1;
      continue;
    }
    if (rest.starts_with("ph")) {
      s += 'f';
      i += 1;
      continue;
    }
    if (rest.starts_with("ck")) {
      s += 'k';
      i += 1;
      continue;
    }
    if (rest.starts_with("dt")) {
      s += 't';
      i += 1;
      continue;
    }
    if (w[i] == 'z') {
      s += 's';
      continue;
    }
    if (w[i] == 'c' && i + 1 < w.size() && (w[i + 1] == 'e' || w[i + 1] == 'i')) {
      s += 's';
      continue;
    }
    if (w[i] == ' ') continue;
    s += w[i];
  }
  return s;
}

}  // namespace

std::string PhoneticCode(std::string_view normalised_word) {
  std::string s = FoldSpelling(normalised_word);
  if (s.empty()) return {};
  std::string code(1, s[0]);
  char last = SoundClass(s[0]);
  for (std::size_t i = 1; i < s.size() && code.size() < 6; ++i) {
    char cls = SoundClass(s[i]);
    if (cls != '0' && cls != last) code.push_back(cls);
    if (s[i] != 'h' && s[i] != 'w') last = cls;
  }
  return code;
}

std::string RomanisationSkeleton(std::string_view w) {
  // Longest spellings first; each maps to one letter (or none).
  static constexpr std::pair<std::string_view, char> kFolds[] = {
      {"tsch", 's'}, {"dzh", 'j'}, {"tsj", 's'}, {"sch", 's'}, {"tch", 's'}, {"sh", 's'},
      {"sj", 's'},   {"ch", 's'},  {"cz", 's'},  {"cs", 's'},  {"sz", 's'},  {"zh", 's'},
      {"zs", 's'},   {"ts", 's'},  {"kh", 'h'},  {"ph", 'f'},  {"th", 't'},  {"dh", 'd'},
      {"gh", 'g'},   {"dj", 'j'},  {"ck", 'k'},  {"z", 's'},   {"c", 's'},   {"q", 'k'},
      {"w", 'v'},    {"x", 's'}};
  std::string folded;
  for (std::size_t i = 0; i < w.size();) {
    bool matched = false;
    for (const auto& [from, to] : kFolds) {
      if (w.substr(i).starts_with(from)) {
        folded.push_back(to);
        i += from.size();
        matched = true;
        break;
      }
    }
    if (!matched) folded.push_back(w[i++]);
  }
  std::string out;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    char c = folded[i];
    if (i == 0) {
      out.push_back(c == 'j' ? 'y' : c);
      continue;
    }
    if (std::string_view("aeiouyjh").find(c) != std::string_view::npos) continue;
    if (c == out.back()) continue;
    out.push_back(c);
  }
  return out;
}

}  // namespace schakel::linkage
