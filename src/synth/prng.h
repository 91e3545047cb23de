// Rng: the synthetic world's own pseudo-random generator (xoshiro256** seeded through splitmix64)
// and the few sampling routines the generator needs. We do not use <random>'s distributions
// because their output differs between standard libraries; everything here is integer arithmetic
// or exact double operations, so a seed gives byte-identical worlds on every machine.
// Not thread-safe: give each thread (or each person) its own Rng, e.g. via Rng::ForStream.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace schakel::synth {

// One step of splitmix64: advances *state and returns a well-mixed 64-bit value.
std::uint64_t SplitMix64(std::uint64_t* state);

class Rng {
 public:
  explicit Rng(std::uint64_t seed);

  // An independent stream for (seed, stream): e.g. one per person, so that a person's attributes
  // do not depend on how many draws earlier persons took.
  static Rng ForStream(std::uint64_t seed, std::uint64_t stream);

  std::uint64_t Next();
  // Uniform in [0, 1) with 53 random bits.
  double UniformDouble();
  // Uniform integer in [0, n). REQUIRES: n > 0.
  std::uint64_t Below(std::uint64_t n);
  // Uniform integer in [lo, hi]. REQUIRES: lo <= hi.
  int Between(int lo, int hi);
  // True with probability p (p <= 0 never, p >= 1 always).
  bool Chance(double p);

 private:
  std::uint64_t s_[4];
};

// A discrete distribution over indices 0..n-1, sampled by binary search on cumulative weights.
class Categorical {
 public:
  Categorical() = default;
  // REQUIRES: weights non-negative with a positive sum.
  explicit Categorical(std::span<const double> weights);

  std::size_t Sample(Rng& rng) const;
  std::size_t size() const { return cumulative_.size(); }
  // The normalised probability of index i.
  double Probability(std::size_t i) const;

 private:
  std::vector<double> cumulative_;  // normalised, last element exactly 1
};

}  // namespace schakel::synth
