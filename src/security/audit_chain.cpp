// Audit chain hashing and verification. The verifier classifies the first defect by looking at the
// neighbours of the first bad event: an extra event is "inserted" when the one after it chains
// straight from the one before it; a sequence number that jumps ahead is a "gap" unless the missing
// number turns up later, in which case the events were "reordered".
#include "security/audit_chain.h"

#include <sodium.h>

#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "security/encoding.h"

namespace schakel::security {
namespace {

void AppendField(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out.append(value);
}

bool Seals(const AuditChainKey& key, std::string_view previous_hash, const StoredAuditEvent& e) {
  return ConstantTimeEquals(SealAuditEvent(key, previous_hash, e.event), e.hash);
}

bool HasLaterSequence(const std::vector<StoredAuditEvent>& events, std::size_t from,
                      std::int64_t sequence) {
  for (std::size_t j = from; j < events.size(); ++j) {
    if (events[j].event.sequence == sequence) return true;
  }
  return false;
}

AuditFinding Finding(AuditDefect defect, std::size_t index, std::int64_t sequence,
                     std::string message) {
  return {defect, index, sequence, std::move(message)};
}

std::string Where(std::size_t index, std::int64_t sequence) {
  return "event at position " + std::to_string(index) + " (sequence " + std::to_string(sequence) +
         ")";
}

// True when event i is an authentic event that belongs after its predecessor somewhere else in
// the list: it was moved, not forged.
bool IsGenuineElsewhere(const AuditChainKey& key, const std::vector<StoredAuditEvent>& events,
                        std::size_t i, const AuditAnchor& origin) {
  const std::int64_t seq = events[i].event.sequence;
  if (seq - 1 == origin.sequence) return Seals(key, origin.hash, events[i]);
  for (std::size_t j = 0; j < events.size(); ++j) {
    if (j != i && events[j].event.sequence == seq - 1 && Seals(key, events[j].hash, events[i])) {
      return true;
    }
  }
  return false;
}

// Names the defect of event i, which does not follow from (prev_seq, prev_hash). The checks go
// from the most specific explanation to the most general.
AuditFinding Classify(const AuditChainKey& key, const std::vector<StoredAuditEvent>& events,
                      std::size_t i, const AuditAnchor& origin, std::int64_t prev_seq,
                      const std::string& prev_hash, const std::string& before_prev_hash) {
  const StoredAuditEvent& e = events[i];
  const std::int64_t seq = e.event.sequence;
  const std::int64_t expected = prev_seq + 1;
  const std::string at = Where(i, seq);
  if (seq == prev_seq && i >= 1 && events[i - 1].event == e.event && events[i - 1].hash == e.hash) {
    return Finding(AuditDefect::kDuplicate, i, seq, at + " is a copy of the event before it");
  }
  if (seq == prev_seq && i >= 1 && !before_prev_hash.empty() && Seals(key, before_prev_hash, e)) {
    return Finding(AuditDefect::kInserted, i - 1, events[i - 1].event.sequence,
                   Where(i - 1, events[i - 1].event.sequence) +
                       " was inserted: the event after it chains from the one before it");
  }
  if (seq != expected && IsGenuineElsewhere(key, events, i, origin)) {
    return Finding(
        AuditDefect::kReordered, i, seq,
        at + " is out of order: sequence " + std::to_string(expected) + " should come here");
  }
  if (i + 1 < events.size() && events[i + 1].event.sequence == expected &&
      Seals(key, prev_hash, events[i + 1])) {
    return Finding(AuditDefect::kInserted, i, seq,
                   at + " was inserted: the next event chains directly from the one before it");
  }
  if (i + 1 < events.size() && events[i + 1].event.sequence == expected + 1) {
    // Inserted with the later events renumbered to make room: the next event, given back its
    // original number, chains from the one before the intruder.
    StoredAuditEvent original = events[i + 1];
    original.event.sequence = expected;
    if (Seals(key, prev_hash, original)) {
      return Finding(AuditDefect::kInserted, i, seq,
                     at + " was inserted: the later events were renumbered to make room");
    }
  }
  if (i == 0 && seq != expected) {
    return Finding(AuditDefect::kBadStart, i, seq,
                   at + ": the chain should start at sequence " + std::to_string(expected));
  }
  if (seq == prev_seq) {
    return Finding(AuditDefect::kDuplicate, i, seq, at + " repeats the previous sequence number");
  }
  if (seq < expected) {
    return Finding(AuditDefect::kReordered, i, seq,
                   at + " comes after sequence " + std::to_string(prev_seq));
  }
  if (seq > expected) {
    if (HasLaterSequence(events, i + 1, expected)) {
      return Finding(AuditDefect::kReordered, i, seq,
                     at + " comes before sequence " + std::to_string(expected));
    }
    std::string missing = std::to_string(expected) +
                          (seq - expected > 1 ? " to " + std::to_string(seq - 1) : std::string());
    return Finding(AuditDefect::kGap, i, seq, at + ": sequence " + missing + " missing (deleted)");
  }
  return Finding(AuditDefect::kAltered, i, seq,
                 at + " was altered: its hash does not match its content");
}

}  // namespace

const char* AuditResultName(AuditResult result) {
  switch (result) {
    case AuditResult::kAllow:
      return "allow";
    case AuditResult::kDeny:
      return "deny";
    case AuditResult::kSuccess:
      return "success";
    case AuditResult::kFailure:
      return "failure";
  }
  return "unknown";
}

const char* AuditOriginName(AuditOrigin origin) {
  switch (origin) {
    case AuditOrigin::kWeb:
      return "web";
    case AuditOrigin::kApi:
      return "api";
    case AuditOrigin::kCli:
      return "cli";
    case AuditOrigin::kSystem:
      return "system";
  }
  return "unknown";
}

const char* AuditDefectName(AuditDefect defect) {
  switch (defect) {
    case AuditDefect::kAltered:
      return "altered";
    case AuditDefect::kGap:
      return "gap";
    case AuditDefect::kInserted:
      return "inserted";
    case AuditDefect::kReordered:
      return "reordered";
    case AuditDefect::kDuplicate:
      return "duplicate";
    case AuditDefect::kBadStart:
      return "bad_start";
    case AuditDefect::kTruncated:
      return "truncated";
  }
  return "unknown";
}

std::string CanonicalAuditEvent(const AuditEvent& e) {
  std::string out = "schakel-audit-1";
  AppendField(out, std::to_string(e.sequence));
  AppendField(out, e.timestamp);
  AppendField(out, e.actor);
  AppendField(out, e.organisation);
  AppendField(out, e.action);
  AppendField(out, e.object_type);
  AppendField(out, e.object_id);
  AppendField(out, AuditResultName(e.result));
  AppendField(out, AuditOriginName(e.origin));
  AppendField(out, e.origin_address);
  AppendField(out, e.correlation_id);
  return out;
}

std::string AuditGenesisHash() {
  return std::string(64, '0');
}

std::string SealAuditEvent(const AuditChainKey& key, std::string_view previous_hash,
                           const AuditEvent& event) {
  EnsureSodium();
  Result<Bytes> previous = HexDecode(previous_hash);
  if (!previous || previous->size() != 32) {
    throw std::invalid_argument("previous audit hash must be 64 hex characters");
  }
  std::string canonical = CanonicalAuditEvent(event);
  unsigned char out[32];
  if (key) {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, key->data(), SecretKey::kSize);
    crypto_auth_hmacsha256_update(&state, previous->data(), previous->size());
    crypto_auth_hmacsha256_update(&state, AsBytes(canonical).data(), canonical.size());
    crypto_auth_hmacsha256_final(&state, out);
  } else {
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    crypto_hash_sha256_update(&state, previous->data(), previous->size());
    crypto_hash_sha256_update(&state, AsBytes(canonical).data(), canonical.size());
    crypto_hash_sha256_final(&state, out);
  }
  return HexEncode(out);
}

std::optional<AuditFinding> VerifyAuditChain(const AuditChainKey& key,
                                             const std::vector<StoredAuditEvent>& events,
                                             const std::optional<AuditAnchor>& start_after,
                                             const std::optional<AuditAnchor>& anchor) {
  const AuditAnchor origin = start_after ? *start_after : AuditAnchor{0, AuditGenesisHash()};
  std::string prev_hash = origin.hash;
  std::int64_t prev_seq = origin.sequence;
  std::string before_prev_hash;  // hash before the previous event, for spotting an insertion
  for (std::size_t i = 0; i < events.size(); ++i) {
    const StoredAuditEvent& e = events[i];
    const std::int64_t seq = e.event.sequence;
    const std::int64_t expected = prev_seq + 1;
    if (seq == expected && Seals(key, prev_hash, e)) {
      if (anchor && seq == anchor->sequence && !ConstantTimeEquals(e.hash, anchor->hash)) {
        return Finding(AuditDefect::kAltered, i, seq,
                       Where(i, seq) + " does not match the anchor hash: the chain was rewritten");
      }
      before_prev_hash = prev_hash;
      prev_hash = e.hash;
      prev_seq = seq;
      continue;
    }
    return Classify(key, events, i, origin, prev_seq, prev_hash, before_prev_hash);
  }
  if (anchor && prev_seq < anchor->sequence) {
    return Finding(AuditDefect::kTruncated, events.size(), 0,
                   "the chain ends at sequence " + std::to_string(prev_seq) +
                       " but the anchor says " + std::to_string(anchor->sequence) +
                       " exists: events were deleted at the end");
  }
  return std::nullopt;
}

bool IsAuditTimestamp(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS then optional .f{1,9}, then Z
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (t.size() < kShape.size() + 1 || t.back() != 'Z') return false;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    bool digit = std::isdigit(static_cast<unsigned char>(t[i])) != 0;
    if (kShape[i] == 'd' ? !digit : t[i] != kShape[i]) return false;
  }
  std::string_view rest = t.substr(kShape.size(), t.size() - kShape.size() - 1);
  if (rest.empty()) return true;
  if (rest.front() != '.' || rest.size() < 2 || rest.size() > 10) return false;
  for (char c : rest.substr(1)) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

std::string AuditTimestamp(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(time);
  const auto day = floor<days>(ms);
  const year_month_day date{day};
  const hh_mm_ss clock{ms - day};
  char out[32];
  std::snprintf(
      out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(date.year()),
      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
      static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
      static_cast<int>(clock.seconds().count()), static_cast<int>(clock.subseconds().count()));
  return out;
}

StoredAuditEvent ChainNext(const AuditChainKey& key, const AuditAnchor& last, AuditEvent event) {
  event.sequence = last.sequence + 1;
  std::string hash = SealAuditEvent(key, last.hash, event);
  return {std::move(event), std::move(hash)};
}

Status ValidateAuditEvent(const AuditEvent& e) {
  if (e.sequence < 1) return Error::Invalid("sequence", "audit sequence numbers start at 1");
  if (!IsAuditTimestamp(e.timestamp)) {
    return Error::Invalid("timestamp", "audit timestamp must be UTC ISO-8601 ending in Z");
  }
  if (e.actor.empty()) return Error::Invalid("actor", "audit event needs an actor");
  if (e.action.empty()) return Error::Invalid("action", "audit event needs an action");
  const std::pair<const char*, const std::string*> fields[] = {
      {"actor", &e.actor},
      {"organisation", &e.organisation},
      {"action", &e.action},
      {"object_type", &e.object_type},
      {"object_id", &e.object_id},
      {"origin_address", &e.origin_address},
      {"correlation_id", &e.correlation_id}};
  for (const auto& [name, value] : fields) {
    if (value->size() > 256) return Error::Invalid(name, "audit field is longer than 256 bytes");
    for (char c : *value) {
      auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7F) {
        return Error::Invalid(name, "audit field contains a control character");
      }
    }
  }
  return Status::Ok();
}

}  // namespace schakel::security
