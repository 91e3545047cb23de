// UTF-8 coding and script classification (see utf8_text.h).
#include "synth/utf8_text.h"

namespace schakel::synth {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Length of the sequence starting with `lead`, or 0 when it is not a valid lead byte.
int SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Decodes one code point at text[*i], advancing *i; returns kReplacement when invalid.
char32_t DecodeOne(std::string_view text, std::size_t* i, bool* valid) {
  const auto lead = static_cast<unsigned char>(text[*i]);
  const int length = SequenceLength(lead);
  if (length == 0 || *i + static_cast<std::size_t>(length) > text.size()) {
    *valid = false;
    ++*i;
    return kReplacement;
  }
  if (length == 1) {
    ++*i;
    return lead;
  }
  char32_t cp = lead & (0x7Fu >> length);
  for (int k = 1; k < length; ++k) {
    const auto byte = static_cast<unsigned char>(text[*i + static_cast<std::size_t>(k)]);
    if ((byte & 0xC0) != 0x80) {
      *valid = false;
      ++*i;
      return kReplacement;
    }
    cp = (cp << 6) | (byte & 0x3Fu);
  }
  const bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *valid = false;
    ++*i;
    return kReplacement;
  }
  *i += static_cast<std::size_t>(length);
  return cp;
}

}  // namespace

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  bool valid = true;
  for (std::size_t i = 0; i < text.size();) out.push_back(DecodeOne(text, &i, &valid));
  return out;
}

bool IsValidUtf8(std::string_view text) {
  bool valid = true;
  for (std::size_t i = 0; i < text.size() && valid;) DecodeOne(text, &i, &valid);
  return valid;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : text) AppendUtf8(out, cp);
  return out;
}

Script ScriptOf(char32_t cp) {
  if (cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF)) return Script::kLatin;
  if (cp >= 0x400 && cp <= 0x52F) return Script::kCyrillic;
  if (cp >= 0x600 && cp <= 0x6FF) return Script::kArabic;
  if (cp >= 0x4E00 && cp <= 0x9FFF) return Script::kHan;
  return Script::kOther;
}

Script ScriptOfText(std::string_view text) {
  for (char32_t cp : DecodeUtf8(text)) {
    const Script script = ScriptOf(cp);
    if (script != Script::kLatin) return script;
  }
  return Script::kLatin;
}

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

char32_t ToUpper(char32_t cp) {
  if (cp >= U'a' && cp <= U'z') return cp - 32;
  if (cp >= 0x430 && cp <= 0x44F) return cp - 32;  // Cyrillic а..я
  if (cp >= 0x450 && cp <= 0x45F) return cp - 80;  // Cyrillic ѐ..џ (incl. і, ї)
  return cp;
}

char32_t ToLower(char32_t cp) {
  if (cp >= U'A' && cp <= U'Z') return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

bool IsUpper(char32_t cp) {
  return ToLower(cp) != cp;
}

}  // namespace schakel::synth
