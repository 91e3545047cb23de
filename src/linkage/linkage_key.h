// The secret shared by the organisations that link their records. Whoever holds it can encode
// names and so test guesses; whoever does not learns nothing from an encoding by trying names.
// The key is any sequence of bytes of at least 32 bytes (256 bits), read verbatim from a file
// (a trailing newline is part of the key, so every party must use the very same file).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace schakel::linkage {

class LinkageKey {
 public:
  static constexpr std::size_t kMinBytes = 32;

  // Refuses keys shorter than kMinBytes with a message that says how to make a good one.
  static Result<LinkageKey> FromBytes(std::string_view bytes);

  const std::string& bytes() const { return bytes_; }

 private:
  explicit LinkageKey(std::string bytes) : bytes_(std::move(bytes)) {}
  std::string bytes_;
};

// Reads a key file. Missing/unreadable files are kUnavailable, short keys kInvalid; the message
// names the file and never contains key material.
Result<LinkageKey> LoadKeyFile(const std::string& path);

}  // namespace schakel::linkage
