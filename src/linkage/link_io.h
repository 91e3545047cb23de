// The work behind `schakel link encode|match|dedup`: reading person CSV (plaintext or already
// encoded), running encoding, linkage or deduplication, and writing CSV. Kept apart from the
// command-line wiring so that it can be tested without a process. Functions taking text return
// the output text; the file variants write the output only when everything succeeded (via a
// temporary file renamed into place), so an error never leaves a half-written file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "linkage/linkage_key.h"
#include "linkage/matching.h"
#include "linkage/record_encoder.h"

namespace schakel::linkage {

// Plaintext person CSV: header record_id,given_names,family_name,date_of_birth,sex,nationality,
// place_of_birth (any column order). Every value is validated; errors carry the line number and
// the column name, e.g. "line 7, column 4 (date_of_birth): date of birth '1990-13-01' ...".
Result<std::vector<PersonRecord>> ReadPersonCsv(std::string_view text);

// Encoded CSV, as written by `link encode`: record_id,clk,present,sketches,blocking_keys (hex).
bool IsEncodedCsv(std::string_view text);
Result<std::vector<EncodedRecord>> ReadEncodedCsv(std::string_view text);
std::string WriteEncodedCsv(const std::vector<EncodedRecord>& records);

// Plaintext or encoded input to encoded records. A key is needed only for plaintext.
Result<std::vector<EncodedRecord>> LoadRecords(std::string_view text,
                                               const std::optional<LinkageKey>& key, int threads);

Result<std::string> RunEncode(std::string_view person_csv, const LinkageKey& key, int threads);
// Output: record_id,cluster_id,score (score: mean Dice to the other records of the cluster, empty
// for a record alone). Rows in input order; cluster_id numbers from 1 in order of first record.
Result<std::string> RunDedup(std::string_view csv, const std::optional<LinkageKey>& key,
                             const MatchOptions& options);
// Output: a_record_id,b_record_id,score,explanation (one-to-one matches).
Result<std::string> RunMatch(std::string_view csv_a, std::string_view csv_b,
                             const std::optional<LinkageKey>& key, const MatchOptions& options);

// File front ends: key_file may be empty when all inputs are encoded.
Status EncodeFile(const std::string& in, const std::string& key_file, const std::string& out,
                  int threads);
Status DedupFile(const std::string& in, const std::string& key_file, const std::string& out,
                 const MatchOptions& options);
Status MatchFiles(const std::string& a, const std::string& b, const std::string& key_file,
                  const std::string& out, const MatchOptions& options);

}  // namespace schakel::linkage
