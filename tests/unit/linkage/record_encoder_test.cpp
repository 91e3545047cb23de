// The keyed encoder: tokens, determinism, key separation and resistance to dictionary attacks.
#include "linkage/record_encoder.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "linkage/dice.h"

namespace schakel::linkage {
namespace {

LinkageKey Key(char fill) {
  return *LinkageKey::FromBytes(std::string(32, fill));
}

PersonRecord Person(std::string given, std::string family, std::string dob = "",
                    std::string sex = "", std::string nationality = "", std::string place = "") {
  return {"r",
          {std::move(given), std::move(family), std::move(dob), std::move(sex),
           std::move(nationality), std::move(place)}};
}

EncodedRecord Encode(const LinkageKey& key, const PersonRecord& p) {
  RecordEncoder encoder(key, PersonSchema());
  Result<EncodedRecord> r = encoder.Encode(p);
  EXPECT_TRUE(r.ok()) << r.error().message;
  return r.ok() ? *r : EncodedRecord{};
}

double Similarity(const EncodedRecord& a, const EncodedRecord& b) {
  return Dice(DiceKernel::kScalar, a.clk, b.clk);
}

TEST(FieldTokens, NamesBecomePaddedBigrams) {
  Schema schema = PersonSchema();
  Result<std::vector<std::string>> t = FieldTokens(schema.fields[0], "Jan");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, (std::vector<std::string>{"_j", "an", "ja", "n_"}));
}

TEST(FieldTokens, FamilyNameTokensIgnoreParticles) {
  Schema schema = PersonSchema();
  const FieldSpec& family = schema.fields[1];
  EXPECT_EQ(*FieldTokens(family, "van der Berg"), *FieldTokens(family, "Berg"));
}

TEST(FieldTokens, InvalidDateSexOrNationalityIsReportedWithTheField) {
  Schema s = PersonSchema();
  EXPECT_EQ(FieldTokens(s.fields[2], "1990-02-30").error().field, "date_of_birth");
  EXPECT_EQ(FieldTokens(s.fields[3], "q").error().field, "sex");
  EXPECT_EQ(FieldTokens(s.fields[4], "XYZ").error().field, "nationality");
  EXPECT_TRUE(FieldTokens(s.fields[4], "nld").ok());
}

TEST(RecordEncoder, SpellingVariantsScoreHigherThanOtherPeople) {
  LinkageKey key = Key('a');
  EncodedRecord a = Encode(key, Person("Jörg", "van der Berg", "1990-03-07", "M", "DEU"));
  EncodedRecord b = Encode(key, Person("Jorg", "Berg", "1990-07-03", "m", "deu"));
  EncodedRecord c = Encode(key, Person("Anna", "Kowalski", "1985-11-21", "F", "POL"));
  EXPECT_GT(Similarity(a, b), 0.85);
  EXPECT_LT(Similarity(a, c), 0.5);
}

TEST(RecordEncoder, CyrillicAndLatinSpellingsOfOneNameLink) {
  LinkageKey key = Key('a');
  EncodedRecord a = Encode(key, Person("Иван", "Петров", "1990-03-07", "M", "UKR"));
  EncodedRecord b = Encode(key, Person("Ivan", "Petrov", "1990-03-07", "M", "UKR"));
  EXPECT_DOUBLE_EQ(Similarity(a, b), 1.0);
}

TEST(RecordEncoder, DateToleranceGivesPartialCredit) {
  LinkageKey key = Key('a');
  EncodedRecord exact = Encode(key, Person("", "", "1990-03-07"));
  EncodedRecord swapped = Encode(key, Person("", "", "1990-07-03"));
  EncodedRecord year_off = Encode(key, Person("", "", "1991-03-07"));
  EncodedRecord other = Encode(key, Person("", "", "1975-11-21"));
  EXPECT_GT(Similarity(exact, swapped), 0.5);
  EXPECT_GT(Similarity(exact, year_off), 0.5);
  EXPECT_LT(Similarity(exact, other), 0.3);
}

TEST(RecordEncoder, SwappedGivenAndFamilyNamesStillLookAlike) {
  LinkageKey key = Key('a');
  EncodedRecord a = Encode(key, Person("Nguyen", "Anh", "1990-03-07"));
  EncodedRecord b = Encode(key, Person("Anh", "Nguyen", "1990-03-07"));
  EXPECT_GT(Similarity(a, b), 0.7);
}

TEST(RecordEncoder, PresentMaskAndBlockingKeysFollowTheFields) {
  EncodedRecord r = Encode(Key('a'), Person("Jan", "", "1990-03-07", "", "NLD"));
  EXPECT_EQ(r.present, 0b10101u);
  EXPECT_FALSE(r.blocking_keys.empty());
  EXPECT_EQ(Encode(Key('a'), Person("", "")).present, 0u);
}

// Names as typed: letters from several scripts and cases.
rc::Gen<std::string> Names() {
  return rc::gen::nonEmpty(rc::gen::container<std::string>(
      rc::gen::elementOf(std::string("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ -'"))));
}

RC_GTEST_PROP(RecordEncoderProperty, SameKeyGivesTheSameEncoding, ()) {
  auto given = *Names();
  auto family = *Names();
  auto key_byte = *rc::gen::arbitrary<char>();
  PersonRecord p = Person(given, family, "1990-03-07", "F", "NLD");
  RC_ASSERT(Encode(Key(key_byte), p) == Encode(Key(key_byte), p));
}

RC_GTEST_PROP(RecordEncoderProperty, DifferentKeysGiveEncodingsThatDoNotLink, ()) {
  auto given = *rc::gen::resize(12, Names());
  auto family = *rc::gen::resize(12, Names());
  PersonRecord p = Person(given, family, "1990-03-07", "F", "NLD", "Lagos");
  EncodedRecord a = Encode(Key('a'), p);
  EncodedRecord b = Encode(Key('b'), p);
  RC_ASSERT(Similarity(a, b) < 0.6);
  for (std::uint64_t k : a.blocking_keys) {
    for (std::uint64_t l : b.blocking_keys) RC_ASSERT(k != l);
  }
}

// An attacker who holds encodings but not the key encodes a dictionary of names under keys of
// his own and takes the best-scoring name as his guess. Without the key he does no better than
// chance; with it (the control) he recovers every name, so the test can tell the difference.
TEST(RecordEncoderProperty, DictionaryAttackWithoutTheKeyDoesNotRecoverNames) {
  const std::vector<std::string> dictionary = {
      "mohammed", "fatima", "ivan",  "olena",    "maria",  "anna",   "jan",     "pieter",
      "thi anh",  "chen",   "ahmed", "natalia",  "daniel", "joseph", "grace",   "blessing",
      "amir",     "sara",   "yusuf", "svetlana", "elena",  "mihai",  "andreea", "kofi"};
  const LinkageKey secret = *LinkageKey::FromBytes("the-real-shared-secret-of-the-partners");
  auto guess_rate = [&](const LinkageKey& attacker_key) {
    int hits = 0;
    for (std::size_t target = 0; target < dictionary.size(); ++target) {
      EncodedRecord leaked = Encode(secret, Person(dictionary[target], ""));
      std::size_t best = 0;
      double best_score = -1;
      for (std::size_t g = 0; g < dictionary.size(); ++g) {
        double s = Similarity(leaked, Encode(attacker_key, Person(dictionary[g], "")));
        if (s > best_score) best_score = s, best = g;
      }
      hits += best == target;
    }
    return static_cast<double>(hits) / static_cast<double>(dictionary.size());
  };
  EXPECT_DOUBLE_EQ(guess_rate(secret), 1.0);  // control: with the key the attack works
  int total_hits = 0;
  for (char k = 'a'; k < 'a' + 8; ++k) {
    total_hits += static_cast<int>(guess_rate(Key(k)) * static_cast<double>(dictionary.size()));
  }
  // 8 attacker keys × 24 names; chance is 1/24 per name, about 8 hits in all.
  EXPECT_LE(total_hits, 24);
}

}  // namespace
}  // namespace schakel::linkage
