// Deterministic RandomFill for tests: a counter-based byte stream, so test runs are repeatable.
#pragma once

#include <cstdint>
#include <memory>

#include "security/secret.h"

namespace schakel::security::testing {

inline RandomFill CountingRandom(std::uint8_t seed = 1) {
  auto state = std::make_shared<std::uint8_t>(seed);
  return [state](std::span<unsigned char> out) {
    for (auto& b : out) b = (*state)++;
  };
}

}  // namespace schakel::security::testing
