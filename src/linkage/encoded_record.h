// What a person record becomes after keyed encoding, and all that matching ever sees: a 1024-bit
// cryptographic long-term key (CLK, Schnell/Bachteler/Reiher 2009), a small per-field sketch used
// only to explain a match, and keyed blocking keys. None of it can be turned back into a name
// without the linkage key.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace schakel::linkage {

inline constexpr int kClkBits = 1024;
inline constexpr int kClkWords = kClkBits / 64;

// 64-byte aligned so that one CLK is exactly two cache lines / two AVX-512 registers.
struct alignas(64) Clk {
  std::array<std::uint64_t, kClkWords> words{};
  friend bool operator==(const Clk&, const Clk&) = default;
};

// 128-bit Bloom filter of one field's tokens, one bit per token: for the per-field explanation
// of a match and for field evidence (pair_score.h). One bit, because chance collisions inflate
// the sketch Dice by about (bits set)/128. Dates keep the year tokens in words[0] and the day
// and month tokens in words[1] (none for 1 January, the usual placeholder for "year only");
// names their spelling bigrams in words[0] and their romanisation skeleton's in words[1].
struct FieldSketch {
  std::array<std::uint64_t, 2> words{};
  friend bool operator==(const FieldSketch&, const FieldSketch&) = default;
};

struct EncodedRecord {
  std::string id;
  Clk clk;
  std::uint32_t popcount = 0;                // bits set in clk
  std::uint32_t present = 0;                 // bit i set when schema field i was non-empty
  std::vector<FieldSketch> sketches;         // one per schema field
  std::vector<std::uint64_t> blocking_keys;  // keyed; records sharing one are compared

  friend bool operator==(const EncodedRecord&, const EncodedRecord&) = default;
};

}  // namespace schakel::linkage
