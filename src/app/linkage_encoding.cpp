#include "app/linkage_encoding.h"

#include <fmt/format.h>

#include <bit>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include "linkage/record_encoder.h"
#include "linkage/schema.h"

namespace schakel::app {

namespace {

std::string SexOf(std::string_view gender) {
  if (gender == "female") return "F";
  if (gender == "male") return "M";
  if (gender == "x") return "X";
  return "";
}

template <typename Words>
void AppendWords(std::string& out, const Words& words) {
  for (std::uint64_t w : words) {
    char bytes[8];
    std::memcpy(bytes, &w, sizeof w);
    out.append(bytes, sizeof bytes);
  }
}

template <typename Words>
void ReadWords(std::string_view in, Words& words) {
  for (std::size_t i = 0; i < words.size(); ++i) std::memcpy(&words[i], in.data() + i * 8, 8);
}

// Building an encoder sets up its tables of bigram digests (some hundreds of KiB) and its keyed
// hash; each request did that for one record. A thread keeps the encoder of the key it used last,
// with the digests of the bigrams it has seen (names repeat), and builds a new one for another
// key (tests run several installations in one process).
linkage::RecordEncoder& EncoderFor(const linkage::LinkageKey& key) {
  struct Cached {
    std::string key;
    std::unique_ptr<linkage::RecordEncoder> encoder;
  };
  thread_local Cached cached;
  if (cached.encoder == nullptr || cached.key != key.bytes()) {
    cached.encoder = std::make_unique<linkage::RecordEncoder>(key, linkage::PersonSchema());
    cached.key = key.bytes();
  }
  return *cached.encoder;
}

}  // namespace

linkage::LinkageKey LinkageKeyOf(const security::KeyRing& keys) {
  const security::SecretKey derived = keys.Derived(security::KeyPurpose::kLinkage);
  auto key = linkage::LinkageKey::FromBytes(
      std::string_view(reinterpret_cast<const char*>(derived.data()), security::SecretKey::kSize));
  if (!key) throw std::logic_error("a derived key is 32 bytes, enough for linkage");
  return std::move(key).value();
}

std::optional<linkage::EncodedRecord> EncodeIdentity(const linkage::LinkageKey& key,
                                                     const LinkageIdentity& identity) {
  if (identity.given_names.empty() && identity.family_name.empty()) return std::nullopt;
  linkage::RecordEncoder& encoder = EncoderFor(key);
  linkage::PersonRecord record;
  record.values.assign(encoder.schema().fields.size(), "");
  auto set = [&](const char* field, const std::string& value) {
    const int i = encoder.schema().IndexOf(field);
    if (i >= 0) record.values[static_cast<std::size_t>(i)] = value;
  };
  set("given_names", identity.given_names);
  set("family_name", identity.family_name);
  set("date_of_birth", identity.date_of_birth);
  set("sex", SexOf(identity.gender));
  set("nationality", identity.nationality);
  set("place_of_birth", identity.place_of_birth);
  // Each failure names its field; drop it and encode the rest (at most once per field).
  for (std::size_t attempt = 0; attempt <= record.values.size(); ++attempt) {
    auto encoded = encoder.Encode(record);
    if (encoded) return std::move(encoded).value();
    const int bad = encoder.schema().IndexOf(encoded.error().field);
    if (bad < 0 || record.values[static_cast<std::size_t>(bad)].empty()) break;
    record.values[static_cast<std::size_t>(bad)].clear();
  }
  return std::nullopt;
}

store::EncodingRow EncodingRowOf(const store::LinkedRecordRef& record,
                                 const std::string& organisation,
                                 const linkage::EncodedRecord& encoded, const std::string& now) {
  store::EncodingRow row;
  row.record = record;
  row.organisation = organisation;
  AppendWords(row.clk, encoded.clk.words);
  row.present = encoded.present;
  for (const linkage::FieldSketch& s : encoded.sketches) AppendWords(row.sketches, s.words);
  for (std::uint64_t k : encoded.blocking_keys)
    row.blocking_keys.push_back(fmt::format("{:016x}", k));
  row.encoded_at = now;
  return row;
}

Result<linkage::EncodedRecord> EncodedRecordOf(const store::EncodingRow& row) {
  linkage::EncodedRecord e;
  constexpr std::size_t kSketchBytes = sizeof(linkage::FieldSketch::words);
  if (row.clk.size() != linkage::kClkWords * 8 || row.sketches.size() % kSketchBytes != 0) {
    return Error::Internal(
        fmt::format("the stored encoding of {} {} is damaged", row.record.kind, row.record.id));
  }
  e.id = row.record.kind + ":" + row.record.id;
  ReadWords(row.clk, e.clk.words);
  for (std::uint64_t w : e.clk.words) e.popcount += static_cast<std::uint32_t>(std::popcount(w));
  e.present = static_cast<std::uint32_t>(row.present);
  for (std::size_t at = 0; at < row.sketches.size(); at += kSketchBytes) {
    linkage::FieldSketch s;
    ReadWords(std::string_view(row.sketches).substr(at), s.words);
    e.sketches.push_back(s);
  }
  for (const std::string& k : row.blocking_keys) {
    e.blocking_keys.push_back(std::stoull(k, nullptr, 16));
  }
  return e;
}

PendingEncoding EncodeForStore(const linkage::LinkageKey& key, const store::LinkedRecordRef& record,
                               const std::string& organisation, const LinkageIdentity& identity,
                               const std::string& now) {
  PendingEncoding pending{record, std::nullopt};
  if (auto encoded = EncodeIdentity(key, identity)) {
    pending.row = EncodingRowOf(record, organisation, *encoded, now);
  }
  return pending;
}

Status StoreEncoding(store::Db& tx, const PendingEncoding& encoding) {
  store::LinkageRepository repo(tx);
  if (!encoding.row) return repo.Remove(encoding.record);
  return repo.Upsert(*encoding.row);
}

Status StoreEncoding(store::Db& tx, const linkage::LinkageKey& key,
                     const store::LinkedRecordRef& record, const std::string& organisation,
                     const LinkageIdentity& identity, const std::string& now) {
  return StoreEncoding(tx, EncodeForStore(key, record, organisation, identity, now));
}

}  // namespace schakel::app
