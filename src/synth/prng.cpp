// xoshiro256** (Blackman and Vigna, public-domain algorithm description) written from the paper's
// definition, plus sampling routines that avoid <random> distributions for portability.
#include "synth/prng.h"

#include <algorithm>
#include <cassert>

namespace schakel::synth {

namespace {
std::uint64_t Rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}
}  // namespace

std::uint64_t SplitMix64(std::uint64_t* state) {
  *state += 0x9E3779B97F4A7C15ULL;
  std::uint64_t z = *state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t state = seed;
  for (auto& word : s_) word = SplitMix64(&state);
}

Rng Rng::ForStream(std::uint64_t seed, std::uint64_t stream) {
  // Mix the stream number through splitmix so that neighbouring streams are unrelated.
  std::uint64_t state = seed ^ (stream * 0xD1B54A32D192ED03ULL);
  std::uint64_t mixed = SplitMix64(&state);
  return Rng(mixed ^ SplitMix64(&state));
}

std::uint64_t Rng::Next() {
  const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

double Rng::UniformDouble() {
  return static_cast<double>(Next() >> 11) * 0x1.0p-53;
}

std::uint64_t Rng::Below(std::uint64_t n) {
  assert(n > 0);
  // Rejection sampling on the top of the range keeps the result exactly uniform.
  const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
  std::uint64_t x = Next();
  while (x >= limit) x = Next();
  return x % n;
}

int Rng::Between(int lo, int hi) {
  assert(lo <= hi);
  const auto span = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1);
  return static_cast<int>(static_cast<std::int64_t>(lo) + static_cast<std::int64_t>(Below(span)));
}

bool Rng::Chance(double p) {
  if (p <= 0.0) return false;
  if (p >= 1.0) return true;
  return UniformDouble() < p;
}

Categorical::Categorical(std::span<const double> weights) {
  double total = 0.0;
  for (double w : weights) {
    assert(w >= 0.0);
    total += w;
  }
  assert(total > 0.0);
  cumulative_.reserve(weights.size());
  double running = 0.0;
  for (double w : weights) {
    running += w;
    cumulative_.push_back(running / total);
  }
  // Pin the end to exactly 1 from the last index with weight, so rounding never gives a
  // zero-weight tail index a chance.
  std::size_t last = weights.size() - 1;
  while (last > 0 && weights[last] <= 0.0) --last;
  for (std::size_t i = last; i < cumulative_.size(); ++i) cumulative_[i] = 1.0;
}

std::size_t Categorical::Sample(Rng& rng) const {
  assert(!cumulative_.empty());
  const double u = rng.UniformDouble();
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
  const auto index = static_cast<std::size_t>(it - cumulative_.begin());
  return std::min(index, cumulative_.size() - 1);
}

double Categorical::Probability(std::size_t i) const {
  assert(i < cumulative_.size());
  return i == 0 ? cumulative_[0] : cumulative_[i] - cumulative_[i - 1];
}

}  // namespace schakel::synth
