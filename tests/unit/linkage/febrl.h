// Loading the FEBRL synthetic benchmarks (Christen, ANU) for linkage quality tests, and scoring
// a result against their ground truth (rec-N-org / rec-N-dup-K share the person N).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "linkage/record_encoder.h"
#include "linkage/schema.h"

namespace schakel::linkage::testing {

// given_name, surname, date_of_birth, then address fields with low weights.
Schema FebrlSchema();

// Records of one FEBRL file; dates that do not exist (after FEBRL's typos) are left empty.
std::vector<PersonRecord> LoadFebrl(const std::string& file_name);

// The person number in "rec-N-org" / "rec-N-dup-K".
std::string FebrlPerson(const std::string& record_id);

struct PairQuality {
  std::size_t true_positives = 0, false_positives = 0, false_negatives = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

// Pairwise quality of a clustering of records (cluster[i] per record).
PairQuality DedupQuality(const std::vector<PersonRecord>& records,
                         const std::vector<std::uint32_t>& cluster);

}  // namespace schakel::linkage::testing
