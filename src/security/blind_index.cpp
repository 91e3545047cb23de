// HMAC-SHA256 (libsodium crypto_auth_hmacsha256) over "index name \0 normalised value".
#include "security/blind_index.h"

#include <sodium.h>

#include "security/encoding.h"
#include "security/text_fold.h"

namespace schakel::security {

std::string BlindIndex::Compute(std::string_view index_name, std::string_view value) const {
  EnsureSodium();
  std::string normalised = Utf8Length(value) ? NormaliseForMatching(value) : std::string(value);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key_.data(), SecretKey::kSize);
  crypto_auth_hmacsha256_update(&state, AsBytes(index_name).data(), index_name.size());
  const unsigned char separator = 0;
  crypto_auth_hmacsha256_update(&state, &separator, 1);
  crypto_auth_hmacsha256_update(&state, AsBytes(normalised).data(), normalised.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  Wipe(normalised);
  std::string out = HexEncode(std::span<const unsigned char>(mac, kBytes));
  sodium_memzero(mac, sizeof mac);
  return out;
}

}  // namespace schakel::security
