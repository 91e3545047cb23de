// Turns a plaintext person record into an EncodedRecord: normalises each field, splits it into
// tokens (padded bigrams for names, tolerant tokens for dates), and sets bits chosen by
// HMAC-SHA256 of each token under the linkage key (double hashing: two 64-bit values from one HMAC
// give the field's k positions). Plaintext is dropped after encoding.
//
// Thread-safety: a RecordEncoder caches token hashes and must be used by one thread at a time;
// EncodeRecords runs one encoder per thread.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/result.h"
#include "linkage/encoded_record.h"
#include "linkage/linkage_key.h"
#include "linkage/schema.h"

namespace schakel::linkage {

struct PersonRecord {
  std::string id;
  std::vector<std::string> values;  // one per schema field, UTF-8, may be empty
};

// The tokens of one field value after normalisation, as fed to the hash ("_j", "ja", ... for
// names). Exposed for tests and for explaining the method; kInvalid for an invalid date, sex or
// nationality.
Result<std::vector<std::string>> FieldTokens(const FieldSpec& field, std::string_view value);

class RecordEncoder {
 public:
  RecordEncoder(const LinkageKey& key, Schema schema);
  ~RecordEncoder();
  RecordEncoder(const RecordEncoder&) = delete;
  RecordEncoder& operator=(const RecordEncoder&) = delete;

  // REQUIRES: record.values.size() == schema().fields.size().
  // kInvalid (with the field name) when a value cannot be normalised.
  Result<EncodedRecord> Encode(const PersonRecord& record);

  const Schema& schema() const { return schema_; }

 private:
  using Digest = std::array<std::uint64_t, 4>;
  // HMAC of domain + token. Bigrams (few, and repeated in every record) are served from a
  // table per domain slot (a field, or the shared name space).
  // Tokens with few possible values (years, months, sex, nationality) are cached by map.
  Digest TokenDigest(std::size_t slot, std::string_view domain, std::string_view token,
                     bool few_values);
  std::uint64_t BlockingKey(std::string_view material);
  std::vector<std::uint64_t> BlockingKeys(const std::vector<std::vector<std::string>>& tokens,
                                          const PersonRecord& record);

  class Hmac;  // OpenSSL HMAC-SHA256 context, keyed once
  std::unique_ptr<Hmac> hmac_;
  Schema schema_;
  std::vector<Digest> bigram_digests_;
  std::vector<bool> bigram_known_;
  std::unordered_map<std::string, Digest> small_digests_;  // key: slot byte + token
  // SipHash-2-4 key for blocking keys, derived from the linkage key with HMAC. Blocking keys
  // only need a keyed pseudo-random function; SipHash is one, at a fraction of HMAC's cost.
  std::array<unsigned char, 16> blocking_key_{};
};

// Encodes all records, using up to `threads` threads. On error returns the first failing record
// (lowest index) with its index in Error::field as "record[i].<field>".
Result<std::vector<EncodedRecord>> EncodeRecords(const LinkageKey& key, const Schema& schema,
                                                 const std::vector<PersonRecord>& records,
                                                 int threads);

}  // namespace schakel::linkage
