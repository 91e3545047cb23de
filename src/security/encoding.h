// Text encodings of binary data used by the security primitives: Base32 (RFC 4648, no padding, for
// TOTP secrets), Base64 and Base64url without padding (for ciphertexts and tokens), lowercase hex
// (for stored hashes) and URI percent-encoding (RFC 3986, for otpauth:// URIs).
// All functions are pure. Decoders return an Error for malformed input instead of guessing.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace schakel::security {

using Bytes = std::vector<unsigned char>;

// RFC 4648 Base32, upper-case alphabet, no padding.
std::string Base32Encode(std::span<const unsigned char> data);
// Accepts upper or lower case, ignores spaces and trailing '=' padding.
Result<Bytes> Base32Decode(std::string_view text);

// Base64url (RFC 4648 §5) without padding.
std::string Base64UrlEncode(std::span<const unsigned char> data);
Result<Bytes> Base64UrlDecode(std::string_view text);

// Standard Base64 with padding.
std::string Base64Encode(std::span<const unsigned char> data);
Result<Bytes> Base64Decode(std::string_view text);

std::string HexEncode(std::span<const unsigned char> data);
Result<Bytes> HexDecode(std::string_view text);

// Percent-encodes everything except RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~), as UTF-8.
std::string PercentEncode(std::string_view text);

// The bytes of a string, for passing text to functions that take bytes.
inline std::span<const unsigned char> AsBytes(std::string_view s) {
  return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

}  // namespace schakel::security
