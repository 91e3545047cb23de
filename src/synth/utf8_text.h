// UTF-8 <-> code points and a coarse script classification, so that identity variation (typos,
// particle rewriting) works on characters rather than bytes for names in any script.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schakel::synth {

// Decodes UTF-8; invalid bytes become U+FFFD. The synthetic data is valid UTF-8 by construction.
std::u32string DecodeUtf8(std::string_view text);
void AppendUtf8(std::string& out, char32_t cp);
std::string EncodeUtf8(std::u32string_view text);

// True when `text` is valid UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view text);

enum class Script { kLatin, kCyrillic, kArabic, kHan, kOther };

// The script of a code point (spaces, hyphens and apostrophes count as Latin).
Script ScriptOf(char32_t cp);
// The script of the first letter of `text` that is not Latin, else Latin.
Script ScriptOfText(std::string_view text);
// True when every code point is ASCII.
bool IsAscii(std::string_view text);

// Simple case mapping for the Latin and Cyrillic letters our name lists use.
char32_t ToUpper(char32_t cp);
char32_t ToLower(char32_t cp);
bool IsUpper(char32_t cp);

}  // namespace schakel::synth
