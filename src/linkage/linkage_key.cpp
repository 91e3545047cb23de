#include "linkage/linkage_key.h"

#include <fstream>

namespace schakel::linkage {

Result<LinkageKey> LinkageKey::FromBytes(std::string_view bytes) {
  if (bytes.size() < kMinBytes) {
    return Error::Invalid(
        "key-file", "the linkage key is " + std::to_string(bytes.size()) +
                        " bytes; at least 32 random bytes are required (for example: "
                        "head -c 32 /dev/urandom > linkage.key), shared by all linking parties");
  }
  return LinkageKey(std::string(bytes));
}

Result<LinkageKey> LoadKeyFile(const std::string& path) {
  if (path.empty()) {
    return Error::Invalid("key-file",
                          "no key file given: pass --key-file FILE with the shared "
                          "linkage secret (at least 32 bytes)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Unavailable("cannot read key file '" + path + "'");
  std::string bytes;
  for (char buf[65536]; in.read(buf, sizeof buf) || in.gcount() > 0;) {
    bytes.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return Error::Unavailable("error while reading key file '" + path + "'");
  Result<LinkageKey> key = LinkageKey::FromBytes(bytes);
  if (!key.ok()) {
    return Error::Invalid("key-file", "key file '" + path + "': " + key.error().message);
  }
  return key;
}

}  // namespace schakel::linkage
