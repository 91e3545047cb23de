// Base32 is our own (libsodium has none); Base64 and hex use libsodium's constant-time codecs.
#include "security/encoding.h"

#include <sodium.h>

#include <cstdint>

#include "security/secret.h"

namespace schakel::security {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int Base32Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

std::string SodiumBase64(std::span<const unsigned char> data, int variant) {
  EnsureSodium();
  std::string out(sodium_base64_encoded_len(data.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), data.data(), data.size(), variant);
  out.resize(out.size() - 1);  // drop the terminating NUL written by libsodium
  return out;
}

Result<Bytes> SodiumBase64Decode(std::string_view text, int variant, const char* name) {
  EnsureSodium();
  Bytes out(text.size() / 4 * 3 + 3);
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                        variant) != 0 ||
      end != text.data() + text.size()) {
    return Error::Invalid("", std::string("not valid ") + name);
  }
  out.resize(len);
  return out;
}

}  // namespace

std::string Base32Encode(std::span<const unsigned char> data) {
  std::string out;
  out.reserve((data.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char byte : data) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kBase32Alphabet[(buffer >> bits) & 0x1F]);
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1F]);
  return out;
}

Result<Bytes> Base32Decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  Bytes out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == ' ') continue;
    int v = Base32Value(c);
    if (v < 0) return Error::Invalid("", "not valid Base32: unexpected character");
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<unsigned char>((buffer >> bits) & 0xFF));
    }
  }
  // Left-over bits must be padding zeros, and fewer than 5 of them; otherwise the text was cut.
  if (bits >= 5 || (buffer & ((1u << bits) - 1)) != 0) {
    return Error::Invalid("", "not valid Base32: truncated or non-canonical");
  }
  return out;
}

std::string Base64UrlEncode(std::span<const unsigned char> data) {
  return SodiumBase64(data, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}
Result<Bytes> Base64UrlDecode(std::string_view text) {
  return SodiumBase64Decode(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING, "Base64url");
}
std::string Base64Encode(std::span<const unsigned char> data) {
  return SodiumBase64(data, sodium_base64_VARIANT_ORIGINAL);
}
Result<Bytes> Base64Decode(std::string_view text) {
  return SodiumBase64Decode(text, sodium_base64_VARIANT_ORIGINAL, "Base64");
}

std::string HexEncode(std::span<const unsigned char> data) {
  EnsureSodium();
  std::string out(data.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data.data(), data.size());
  out.resize(data.size() * 2);
  return out;
}

Result<Bytes> HexDecode(std::string_view text) {
  EnsureSodium();
  if (text.size() % 2 != 0) return Error::Invalid("", "not valid hex: odd length");
  Bytes out(text.size() / 2);
  std::size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end) != 0 ||
      end != text.data() + text.size()) {
    return Error::Invalid("", "not valid hex");
  }
  out.resize(len);
  return out;
}

std::string PercentEncode(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                      u == '-' || u == '.' || u == '_' || u == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0x0F]);
    }
  }
  return out;
}

}  // namespace schakel::security
