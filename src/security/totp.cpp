// HOTP/TOTP. HMAC-SHA1 comes from OpenSSL because libsodium has no SHA-1.
#include "security/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cassert>
#include <stdexcept>

#include "security/encoding.h"

namespace schakel::security {
namespace {

constexpr std::size_t kSecretBytes = 20;

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string GenerateTotpSecret(const RandomFill& random) {
  Bytes secret = RandomBytes(random, kSecretBytes);
  std::string encoded = Base32Encode(secret);
  Wipe(secret);
  return encoded;
}

std::string Hotp(std::span<const unsigned char> key, std::uint64_t counter, int digits) {
  assert(digits >= 1 && digits <= 9);
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xFF);
    counter >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(),
           mac.data(), &mac_len) == nullptr ||
      mac_len != 20) {
    throw std::runtime_error("HMAC-SHA1 failed");
  }
  // Dynamic truncation (RFC 4226 §5.3).
  std::size_t offset = mac[19] & 0x0F;
  std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                         (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                         (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                         static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::int64_t TotpStep(UnixSeconds now, const TotpParams& params) {
  std::int64_t t = now.time_since_epoch().count();
  std::int64_t step = t / params.step_seconds;
  if (t < 0 && t % params.step_seconds != 0) --step;  // floor, not truncation
  return step;
}

Result<std::string> TotpCode(std::string_view secret_base32, UnixSeconds now,
                             const TotpParams& params) {
  Result<Bytes> key = Base32Decode(secret_base32);
  if (!key) return Error::Invalid("secret", "TOTP secret is not valid Base32");
  std::string code = Hotp(*key, static_cast<std::uint64_t>(TotpStep(now, params)), params.digits);
  Wipe(*key);
  return code;
}

Result<std::int64_t> VerifyTotp(std::string_view secret_base32, std::string_view code,
                                UnixSeconds now, std::optional<std::int64_t> last_accepted_step,
                                const TotpParams& params) {
  if (code.size() != static_cast<std::size_t>(params.digits) || !AllDigits(code)) {
    return Error::Invalid("code", "the code must be " + std::to_string(params.digits) + " digits");
  }
  Result<Bytes> key = Base32Decode(secret_base32);
  if (!key || key->empty()) return Error::Internal("stored TOTP secret is not valid Base32");
  std::int64_t current = TotpStep(now, params);
  std::optional<std::int64_t> accepted;
  bool replayed = false;
  // Check every step in the window (no early exit) so timing says nothing about which one matched.
  for (std::int64_t step = current - params.window; step <= current + params.window; ++step) {
    if (step < 0) continue;
    std::string expected = Hotp(*key, static_cast<std::uint64_t>(step), params.digits);
    if (!ConstantTimeEquals(expected, code)) continue;
    if (last_accepted_step && step <= *last_accepted_step) {
      replayed = true;
    } else if (!accepted) {
      accepted = step;
    }
  }
  Wipe(*key);
  if (accepted) return *accepted;
  if (replayed) return Error::Forbidden("this code has already been used");
  return Error::Forbidden("the code is wrong or has expired");
}

std::string OtpauthUri(std::string_view organisation, std::string_view user,
                       std::string_view secret_base32, const TotpParams& params) {
  std::string account = std::string(organisation) + ":" + std::string(user);
  return "otpauth://totp/Schakel:" + PercentEncode(account) +
         "?secret=" + std::string(secret_base32) + "&issuer=Schakel&algorithm=SHA1" +
         "&digits=" + std::to_string(params.digits) +
         "&period=" + std::to_string(params.step_seconds);
}

}  // namespace schakel::security
