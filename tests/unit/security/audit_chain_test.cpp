// Tests for audit_chain.h: canonical form, keyed and unkeyed chains, and one test per tampering
// kind (altered, deleted, inserted, reordered, duplicated, truncated), each naming the first bad
// event.
#include "security/audit_chain.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace schakel::security {
namespace {

AuditEvent Event(std::int64_t sequence) {
  return {.sequence = sequence,
          .timestamp = "2026-03-01T09:30:0" + std::to_string(sequence % 10) + "Z",
          .actor = "user-17",
          .organisation = "gm0344",
          .action = "person.read",
          .object_type = "person",
          .object_id = "p-" + std::to_string(sequence),
          .result = AuditResult::kAllow,
          .origin = AuditOrigin::kWeb,
          .origin_address = "192.0.2.10",
          .correlation_id = "req-" + std::to_string(sequence)};
}

std::vector<StoredAuditEvent> Chain(const AuditChainKey& key, int count) {
  std::vector<StoredAuditEvent> chain;
  std::string previous = AuditGenesisHash();
  for (int i = 1; i <= count; ++i) {
    AuditEvent e = Event(i);
    previous = SealAuditEvent(key, previous, e);
    chain.push_back({e, previous});
  }
  return chain;
}

SecretKey TestKey() {
  std::array<unsigned char, SecretKey::kSize> bytes{};
  bytes.fill(9);
  return SecretKey(bytes);
}

class AuditChainTest : public ::testing::Test {
 protected:
  AuditChainKey key_ = TestKey();
  std::vector<StoredAuditEvent> chain_ = Chain(key_, 6);
};

TEST_F(AuditChainTest, IntactChainVerifies) {
  EXPECT_EQ(VerifyAuditChain(key_, chain_), std::nullopt);
  EXPECT_EQ(VerifyAuditChain(key_, {}), std::nullopt);
}

TEST_F(AuditChainTest, AlteredEventIsNamed) {
  chain_[2].event.actor = "user-99";
  auto finding = VerifyAuditChain(key_, chain_);
  ASSERT_TRUE(finding.has_value());
  EXPECT_EQ(finding->defect, AuditDefect::kAltered);
  EXPECT_EQ(finding->index, 2u);
  EXPECT_EQ(finding->sequence, 3);
}

TEST_F(AuditChainTest, AlteredResultIsDetected) {
  chain_[4].event.result = AuditResult::kDeny;
  EXPECT_EQ(VerifyAuditChain(key_, chain_)->defect, AuditDefect::kAltered);
  EXPECT_EQ(VerifyAuditChain(key_, chain_)->sequence, 5);
}

TEST_F(AuditChainTest, DeletedEventIsAGap) {
  chain_.erase(chain_.begin() + 3);
  auto finding = VerifyAuditChain(key_, chain_);
  ASSERT_TRUE(finding.has_value());
  EXPECT_EQ(finding->defect, AuditDefect::kGap);
  EXPECT_EQ(finding->sequence, 5);
  EXPECT_NE(finding->message.find("sequence 4 missing"), std::string::npos) << finding->message;
}

TEST_F(AuditChainTest, InsertedEventIsNamed) {
  AuditEvent forged = Event(3);
  forged.action = "person.update";
  chain_.insert(chain_.begin() + 2, {forged, std::string(64, 'a')});
  auto finding = VerifyAuditChain(key_, chain_);
  ASSERT_TRUE(finding.has_value());
  EXPECT_EQ(finding->defect, AuditDefect::kInserted);
  EXPECT_EQ(finding->index, 2u);
}

TEST_F(AuditChainTest, InsertedEventWithCorrectPlainHashIsStillFound) {
  // Without a key an attacker can compute a valid hash for the forged event itself; the event
  // after it then no longer fits.
  AuditChainKey none;
  std::vector<StoredAuditEvent> chain = Chain(none, 5);
  AuditEvent forged = Event(3);
  forged.object_id = "p-forged";
  chain.insert(chain.begin() + 2, {forged, SealAuditEvent(none, chain[1].hash, forged)});
  auto finding = VerifyAuditChain(none, chain);
  ASSERT_TRUE(finding.has_value());
  EXPECT_EQ(finding->defect, AuditDefect::kInserted);
  EXPECT_EQ(finding->index, 2u);
}

TEST_F(AuditChainTest, ReorderedEventsAreNamed) {
  std::swap(chain_[3], chain_[4]);
  auto finding = VerifyAuditChain(key_, chain_);
  ASSERT_TRUE(finding.has_value());
  EXPECT_EQ(finding->defect, AuditDefect::kReordered);
  EXPECT_EQ(finding->index, 3u);
  EXPECT_EQ(finding->sequence, 5);
}

TEST_F(AuditChainTest, RenumberedAfterSwapIsStillCaught) {
  // Swap two events and fix their sequence numbers: the hashes no longer match.
  std::swap(chain_[3], chain_[4]);
  chain_[3].event.sequence = 4;
  chain_[4].event.sequence = 5;
  auto finding = VerifyAuditChain(key_, chain_);
  ASSERT_TRUE(finding.has_value());
  EXPECT_EQ(finding->index, 3u);
}

TEST_F(AuditChainTest, DuplicatedEventIsNamed) {
  chain_.insert(chain_.begin() + 3, chain_[2]);
  auto finding = VerifyAuditChain(key_, chain_);
  ASSERT_TRUE(finding.has_value());
  EXPECT_EQ(finding->defect, AuditDefect::kDuplicate);
  EXPECT_EQ(finding->index, 3u);
}

TEST_F(AuditChainTest, DeletedFirstEventIsABadStart) {
  chain_.erase(chain_.begin());
  EXPECT_EQ(VerifyAuditChain(key_, chain_)->defect, AuditDefect::kBadStart);
}

TEST_F(AuditChainTest, TruncationIsCaughtOnlyWithAnAnchor) {
  AuditAnchor anchor{6, chain_[5].hash};
  chain_.pop_back();
  EXPECT_EQ(VerifyAuditChain(key_, chain_), std::nullopt);
  auto finding = VerifyAuditChain(key_, chain_, std::nullopt, anchor);
  ASSERT_TRUE(finding.has_value());
  EXPECT_EQ(finding->defect, AuditDefect::kTruncated);
}

TEST_F(AuditChainTest, RecomputedChainWithoutTheKeyFailsVerification) {
  // An attacker edits event 2 and recomputes every hash with plain SHA-256 (no key).
  chain_[1].event.actor = "user-99";
  std::string previous = AuditGenesisHash();
  for (auto& stored : chain_) {
    stored.hash = SealAuditEvent(std::nullopt, previous, stored.event);
    previous = stored.hash;
  }
  EXPECT_EQ(VerifyAuditChain(std::nullopt, chain_), std::nullopt);  // why the key matters
  auto finding = VerifyAuditChain(key_, chain_);
  ASSERT_TRUE(finding.has_value());
  EXPECT_EQ(finding->index, 0u);
}

TEST_F(AuditChainTest, WrongKeyFailsAtTheFirstEvent) {
  std::array<unsigned char, SecretKey::kSize> other{};
  AuditChainKey wrong = SecretKey(other);
  EXPECT_EQ(VerifyAuditChain(wrong, chain_)->index, 0u);
}

TEST_F(AuditChainTest, VerifiesATailFromAStartingPoint) {
  std::vector<StoredAuditEvent> tail(chain_.begin() + 3, chain_.end());
  EXPECT_EQ(VerifyAuditChain(key_, tail, AuditAnchor{3, chain_[2].hash}), std::nullopt);
  EXPECT_TRUE(VerifyAuditChain(key_, tail, AuditAnchor{3, chain_[1].hash}).has_value());
}

TEST_F(AuditChainTest, ChainNextNumbersAndSealsTheNextEvent) {
  AuditAnchor last{6, chain_.back().hash};
  AuditEvent e = Event(99);
  StoredAuditEvent next = ChainNext(key_, last, e);
  EXPECT_EQ(next.event.sequence, 7);
  chain_.push_back(next);
  EXPECT_EQ(VerifyAuditChain(key_, chain_), std::nullopt);
  StoredAuditEvent first = ChainNext(key_, {0, AuditGenesisHash()}, Event(5));
  EXPECT_EQ(first.event.sequence, 1);
  EXPECT_EQ(VerifyAuditChain(key_, {first}), std::nullopt);
}

TEST(AuditTimestampFormat, IsUtcWithMilliseconds) {
  using namespace std::chrono;
  system_clock::time_point t =
      sys_days{year{2026} / 3 / 1} + hours(9) + minutes(5) + seconds(7) + milliseconds(42);
  EXPECT_EQ(AuditTimestamp(t), "2026-03-01T09:05:07.042Z");
  EXPECT_TRUE(IsAuditTimestamp(AuditTimestamp(system_clock::now())));
}

TEST(AuditValidation, AcceptsAGoodEventAndNamesTheBadField) {
  EXPECT_TRUE(ValidateAuditEvent(Event(1)).ok());
  AuditEvent e = Event(1);
  e.sequence = 0;
  EXPECT_EQ(ValidateAuditEvent(e).error().field, "sequence");
  e = Event(1);
  e.timestamp = "2026-03-01 09:30";
  EXPECT_EQ(ValidateAuditEvent(e).error().field, "timestamp");
  e = Event(1);
  e.actor.clear();
  EXPECT_EQ(ValidateAuditEvent(e).error().field, "actor");
  e = Event(1);
  e.object_id = "p-1\nforged line";
  EXPECT_EQ(ValidateAuditEvent(e).error().field, "object_id");
  e = Event(1);
  e.correlation_id = std::string(257, 'c');
  EXPECT_EQ(ValidateAuditEvent(e).error().field, "correlation_id");
}

RC_GTEST_PROP(AuditChain, AnySingleTamperingIsDetectedWithAnAnchor, ()) {
  const AuditChainKey key = TestKey();
  const int n = *rc::gen::inRange(2, 12);
  std::vector<StoredAuditEvent> chain = Chain(key, n);
  const AuditAnchor anchor{n, chain.back().hash};
  const auto k = static_cast<std::size_t>(*rc::gen::inRange(0, n));
  switch (*rc::gen::inRange(0, 5)) {
    case 0:  // alter one field
      chain[k].event.object_id += "x";
      break;
    case 1:  // delete
      chain.erase(chain.begin() + static_cast<std::ptrdiff_t>(k));
      break;
    case 2: {  // swap with another event
      const auto j = static_cast<std::size_t>(*rc::gen::inRange(0, n));
      RC_PRE(j != k);
      std::swap(chain[k], chain[j]);
      break;
    }
    case 3: {  // insert a forged event with a plausible sequence number
      AuditEvent forged = Event(static_cast<std::int64_t>(k) + 1);
      forged.action = "person.export";
      chain.insert(chain.begin() + static_cast<std::ptrdiff_t>(k), {forged, std::string(64, 'b')});
      break;
    }
    default:  // replace a hash
      chain[k].hash = std::string(64, 'c');
      break;
  }
  RC_ASSERT(VerifyAuditChain(key, chain, std::nullopt, anchor).has_value());
}

TEST(AuditCanonical, IsUnambiguousAcrossFieldBoundaries) {
  AuditEvent a = Event(1), b = Event(1);
  a.actor = "user-1";
  a.organisation = "7gm0344";
  b.actor = "user-17";
  b.organisation = "gm0344";
  EXPECT_NE(CanonicalAuditEvent(a), CanonicalAuditEvent(b));
  EXPECT_EQ(CanonicalAuditEvent(Event(1)), CanonicalAuditEvent(Event(1)));
}

TEST(AuditCanonical, HasAFixedDocumentedLayout) {
  AuditEvent e{.sequence = 12,
               .timestamp = "2026-01-02T03:04:05Z",
               .actor = "u1",
               .organisation = "o1",
               .action = "login",
               .object_type = "",
               .object_id = "",
               .result = AuditResult::kFailure,
               .origin = AuditOrigin::kCli,
               .origin_address = "host",
               .correlation_id = "c"};
  EXPECT_EQ(CanonicalAuditEvent(e),
            "schakel-audit-12:1220:2026-01-02T03:04:05Z2:u12:o15:login0:0:7:failure3:cli4:host1:c");
}

TEST(AuditTimestamp, AcceptsUtcIsoAndRejectsOthers) {
  EXPECT_TRUE(IsAuditTimestamp("2026-03-01T09:30:00Z"));
  EXPECT_TRUE(IsAuditTimestamp("2026-03-01T09:30:00.123Z"));
  EXPECT_FALSE(IsAuditTimestamp("2026-03-01T09:30:00+01:00"));
  EXPECT_FALSE(IsAuditTimestamp("2026-03-01 09:30:00Z"));
  EXPECT_FALSE(IsAuditTimestamp("2026-03-01T09:30:00.Z"));
}

}  // namespace
}  // namespace schakel::security
