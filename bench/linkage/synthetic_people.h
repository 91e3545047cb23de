// Synthetic person records for the linkage benchmarks: invented names built from syllables (so
// that no real person is described), realistic field shapes, and duplicates carrying the errors
// seen in practice (typos, swapped day/month, missing fields, year off by one).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "linkage/record_encoder.h"

namespace schakel::linkage::bench {

// num_people distinct persons plus num_duplicates noisy copies of randomly chosen ones, shuffled.
// Deterministic for a given seed.
std::vector<PersonRecord> SyntheticPeople(std::size_t num_people, std::size_t num_duplicates,
                                          std::uint64_t seed);

}  // namespace schakel::linkage::bench
