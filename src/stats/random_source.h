// A small, portable pseudo-random source for the bootstrap and simulations: xoshiro256** seeded
// through splitmix64, plus Poisson and Bernoulli draws built on it. The same seed gives the same
// stream on every platform and standard library (std:: distributions do not promise that), so a
// bootstrap interval can be reproduced from its seed. Not for cryptography.
#pragma once

#include <cstdint>

namespace schakel::stats {

class RandomSource {
 public:
  explicit RandomSource(std::uint64_t seed);
  std::uint64_t Next();
  // Uniform on [0, 1) with 53 random bits.
  double Uniform();
  bool Bernoulli(double p) { return Uniform() < p; }
  // REQUIRES: mean >= 0. Multiplication method below 10, Hörmann's PTRS rejection above.
  std::int64_t Poisson(double mean);

 private:
  std::uint64_t s_[4];
};

// A seed for sub-stream `index` of `seed` (e.g. one per stratum), decorrelated by splitmix64.
std::uint64_t DeriveSeed(std::uint64_t seed, std::uint64_t index);

}  // namespace schakel::stats
