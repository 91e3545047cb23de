// Small Unicode text operations shared by the password policy and the blind index: UTF-8
// validation and code-point counting, full case folding, and NFKC case-folded normalisation (ICU).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace schakel::security {

// The number of code points, or nullopt when `text` is not valid UTF-8 (overlongs, surrogates and
// values above U+10FFFF are invalid).
std::optional<std::size_t> Utf8Length(std::string_view text);

// Unicode full case folding ("Straße" -> "strasse"). REQUIRES: valid UTF-8.
std::string FoldCase(std::string_view text);

// NFKC_Casefold, then surrounding whitespace trimmed and inner whitespace runs collapsed to one
// space. Makes "  Jan  de Vries" and "JAN DE VRIES" equal. REQUIRES: valid UTF-8.
std::string NormaliseForMatching(std::string_view text);

}  // namespace schakel::security
