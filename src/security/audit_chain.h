// The tamper-evident audit trail as pure values and functions. Each AuditEvent records who did what
// to which object, with what result, from where - identifiers only, never personal data values.
// Events are chained: hash(n) = MAC(key, hash(n-1) || canonical(event n)), starting from 32 zero
// bytes. With the chain key from the key file (KeyRing::Derived(KeyPurpose::kAuditChain)), someone
// with write access to the database but not the key file cannot recompute the hashes after editing.
// VerifyAuditChain walks stored events and names the first bad one and why.
//
// The store appends: take the last stored hash, SealAuditEvent, store event + hash in one
// transaction. Deleting events at the END of the chain leaves a valid shorter chain; pass an
// AuditAnchor (last sequence and hash remembered elsewhere, e.g. logged or exported) to catch it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "security/secret.h"

namespace schakel::security {

enum class AuditResult { kAllow, kDeny, kSuccess, kFailure };
enum class AuditOrigin { kWeb, kApi, kCli, kSystem };

const char* AuditResultName(AuditResult result);  // "allow", "deny", "success", "failure"
const char* AuditOriginName(AuditOrigin origin);  // "web", "api", "cli", "system"

struct AuditEvent {
  std::int64_t sequence = 0;  // 1, 2, 3, ... without gaps
  std::string timestamp;      // UTC ISO-8601 with 'Z', e.g. "2026-03-01T09:30:00.123Z"
  std::string actor;          // user id, token id or "system"
  std::string organisation;   // organisation id of the actor
  std::string action;         // "person.read", "login", "case.update", ...
  std::string object_type;    // "person", "case", "user", "" when none
  std::string object_id;      // id, never a name or other personal data
  AuditResult result = AuditResult::kSuccess;
  AuditOrigin origin = AuditOrigin::kWeb;
  std::string origin_address;  // client IP for web/api, host name for cli
  std::string correlation_id;  // ties the event to log lines and the HTTP request

  bool operator==(const AuditEvent&) const = default;
};

struct StoredAuditEvent {
  AuditEvent event;
  std::string hash;  // lowercase hex of 32 bytes
};

// Deterministic, unambiguous serialisation: "schakel-audit-1" then each field as
// <decimal byte length>:<bytes>, in declaration order.
std::string CanonicalAuditEvent(const AuditEvent& event);

// The hash before the first event: 64 '0' characters.
std::string AuditGenesisHash();

// Chain key: nullopt gives plain SHA-256 (tamper-evident against accidents only); a key gives
// HMAC-SHA256 (recommended).
using AuditChainKey = std::optional<SecretKey>;

// hash(n) for `event` following `previous_hash` (hex). REQUIRES: previous_hash is 64 hex chars.
std::string SealAuditEvent(const AuditChainKey& key, std::string_view previous_hash,
                           const AuditEvent& event);

enum class AuditDefect {
  kAltered,    // the stored hash does not match the event's content
  kGap,        // sequence numbers skip (an event was deleted)
  kInserted,   // an extra event sits between two that chain to each other
  kReordered,  // sequence numbers go backwards
  kDuplicate,  // a sequence number appears twice
  kBadStart,   // the first event is not the expected sequence number
  kTruncated,  // the chain ends before the anchor (events deleted at the end)
};

const char* AuditDefectName(AuditDefect defect);

struct AuditFinding {
  AuditDefect defect;
  std::size_t index;      // position in the verified list
  std::int64_t sequence;  // sequence number of the event at that position (0 if none)
  std::string message;    // for the operator: what is wrong and where
};

// The last known-good point: the chain must contain this sequence with this hash.
struct AuditAnchor {
  std::int64_t sequence = 0;
  std::string hash;
};

// Verifies `events` in stored order. The list starts at sequence 1 from the genesis hash, or at
// `start_after.sequence + 1` from `start_after.hash` (to verify a tail). Returns the first
// finding, or nullopt when the chain is intact (and reaches `anchor`, when given).
std::optional<AuditFinding> VerifyAuditChain(const AuditChainKey& key,
                                             const std::vector<StoredAuditEvent>& events,
                                             const std::optional<AuditAnchor>& start_after = {},
                                             const std::optional<AuditAnchor>& anchor = {});

// Checks the timestamp is UTC ISO-8601 "YYYY-MM-DDTHH:MM:SS[.fff]Z".
bool IsAuditTimestamp(std::string_view timestamp);

// Formats a time as "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC, milliseconds).
std::string AuditTimestamp(std::chrono::system_clock::time_point time);

// The next stored event after `last` (use AuditAnchor{0, AuditGenesisHash()} for an empty trail):
// sets event.sequence to last.sequence + 1 and seals it. The store writes both in one transaction
// that also reads `last`, so two writers cannot fork the chain.
StoredAuditEvent ChainNext(const AuditChainKey& key, const AuditAnchor& last, AuditEvent event);

// Rejects events that cannot be stored: sequence < 1, a timestamp that is not UTC ISO-8601, an
// empty actor or action, any field over 256 bytes, or control characters (which could forge
// lines in exported logs). It cannot tell an id from a name: callers must pass ids only.
Status ValidateAuditEvent(const AuditEvent& event);

}  // namespace schakel::security
