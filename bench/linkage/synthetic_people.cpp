#include "synthetic_people.h"

#include <algorithm>
#include <array>
#include <random>
#include <string>

namespace schakel::linkage::bench {
namespace {

constexpr std::array<const char*, 48> kSyllables = {
    "ba", "ko", "mi", "ra", "le", "an", "to", "si",  "na",  "el", "vo", "du",
    "ja", "ke", "lo", "ma", "ni", "pe", "ri", "sa",  "ta",  "ve", "zo", "ha",
    "fa", "gi", "bo", "de", "mu", "ol", "ru", "ye",  "ch",  "ek", "ir", "os",
    "ul", "am", "en", "in", "ad", "et", "ov", "ska", "tra", "ng", "al", "is"};
constexpr std::array<const char*, 20> kNationalities = {
    "NLD", "NGA", "ROU", "BGR", "POL", "UKR", "VNM", "CHN", "MAR", "TUR",
    "SYR", "ERI", "BRA", "IND", "HUN", "ALB", "DEU", "ESP", "THA", "XXA"};
constexpr std::array<const char*, 6> kParticles = {"van", "de", "van der", "ter", "el", "van den"};

std::string Word(std::mt19937_64& rng, int syllables) {
  std::string w;
  for (int i = 0; i < syllables; ++i) w += kSyllables[rng() % kSyllables.size()];
  w[0] = static_cast<char>(w[0] - 'a' + 'A');
  return w;
}

std::string Date(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

PersonRecord Person(std::mt19937_64& rng) {
  PersonRecord p;
  std::string family = Word(rng, 2 + static_cast<int>(rng() % 2));
  if (rng() % 8 == 0) family = std::string(kParticles[rng() % kParticles.size()]) + " " + family;
  int y = 1950 + static_cast<int>(rng() % 60), m = 1 + static_cast<int>(rng() % 12),
      d = 1 + static_cast<int>(rng() % 28);
  p.values = {Word(rng, 2 + static_cast<int>(rng() % 2)),
              family,
              rng() % 20 == 0 ? std::string() : Date(y, m, d),
              rng() % 2 ? "F" : "M",
              rng() % 10 == 0 ? "" : kNationalities[rng() % kNationalities.size()],
              rng() % 3 == 0 ? std::string() : Word(rng, 3)};
  return p;
}

void Typo(std::mt19937_64& rng, std::string& s) {
  if (s.size() < 2) return;
  std::size_t i = 1 + rng() % (s.size() - 1);
  s[i] = static_cast<char>('a' + rng() % 26);
}

PersonRecord Noisy(std::mt19937_64& rng, PersonRecord p) {
  int changes = 1 + static_cast<int>(rng() % 2);
  for (int c = 0; c < changes; ++c) {
    switch (rng() % 6) {
      case 0:
        Typo(rng, p.values[0]);
        break;
      case 1:
        Typo(rng, p.values[1]);
        break;
      case 2:  // day and month swapped
        if (p.values[2].size() == 10 && p.values[2].substr(8, 2) <= "12") {
          p.values[2] =
              p.values[2].substr(0, 5) + p.values[2].substr(8, 2) + "-" + p.values[2].substr(5, 2);
        }
        break;
      case 3:  // year off by one
        if (!p.values[2].empty()) {
          p.values[2] =
              std::to_string(std::stoi(p.values[2].substr(0, 4)) + 1) + p.values[2].substr(4);
        }
        break;
      case 4:
        p.values[5].clear();
        break;
      default:
        p.values[4].clear();
        break;
    }
  }
  return p;
}

// "p<person>-<copy>": the benchmark's ground truth.
std::string Id(std::size_t person, std::size_t copy) {
  std::string id(1, 'p');
  id.append(std::to_string(person)).append(1, '-').append(std::to_string(copy));
  return id;
}

}  // namespace

std::vector<PersonRecord> SyntheticPeople(std::size_t num_people, std::size_t num_duplicates,
                                          std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<PersonRecord> out;
  out.reserve(num_people + num_duplicates);
  for (std::size_t i = 0; i < num_people; ++i) {
    out.push_back(Person(rng));
    out.back().id = Id(i, 0);
  }
  for (std::size_t i = 0; i < num_duplicates; ++i) {
    std::size_t of = rng() % num_people;
    out.push_back(Noisy(rng, out[of]));
    out.back().id = Id(of, i + 1);
  }
  std::shuffle(out.begin(), out.end(), rng);
  return out;
}

}  // namespace schakel::linkage::bench
