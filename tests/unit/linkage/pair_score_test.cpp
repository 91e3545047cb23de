// Field evidence (pair_score.h): the romanisation skeleton, the date levels, and the properties
// the scorer promises — a field missing on either side neither helps nor hurts, names written in
// the wrong boxes score as if written right, schemas without weights score by Dice.
#include "linkage/pair_score.h"

#include <gtest/gtest.h>

#include "linkage/matching.h"
#include "linkage/normalise.h"
#include "linkage/record_encoder.h"

namespace schakel::linkage {
namespace {

LinkageKey Key() {
  return *LinkageKey::FromBytes(std::string(32, 'k'));
}

EncodedRecord Encode(std::vector<std::string> values) {
  RecordEncoder encoder(Key(), PersonSchema());
  return *encoder.Encode({"r", std::move(values)});
}

TEST(RomanisationSkeleton, FoldsTransliterationsOfOneName) {
  for (const char* v : {"shevchenko", "sjevtsjenko", "schewtschenko", "sevcenko"}) {
    EXPECT_EQ(RomanisationSkeleton(v), "svsnk") << v;
  }
  EXPECT_EQ(RomanisationSkeleton("mohamed"), RomanisationSkeleton("muhammad"));
  EXPECT_EQ(RomanisationSkeleton("mohamed"), RomanisationSkeleton("mhmd"));  // ICU, Arabic
  EXPECT_EQ(RomanisationSkeleton("meryem"), RomanisationSkeleton("maryam"));
  EXPECT_EQ(RomanisationSkeleton("yordanka"), RomanisationSkeleton("jordanka"));
  EXPECT_EQ(RomanisationSkeleton("iwanowa"), RomanisationSkeleton("ivanova"));
  EXPECT_NE(RomanisationSkeleton("ivanova"), RomanisationSkeleton("petrova"));
  EXPECT_EQ(RomanisationSkeleton(""), "");
}

int Level(const char* a, const char* b) {
  int date = PersonSchema().IndexOfKind(FieldKind::kBirthDate);
  EncodedRecord x = Encode({"", "", a, "", "", ""});
  EncodedRecord y = Encode({"", "", b, "", "", ""});
  return DateLevel(x.sketches[static_cast<std::size_t>(date)],
                   y.sketches[static_cast<std::size_t>(date)]);
}

TEST(DateLevel, GradesTheErrorsRegistrationsMake) {
  EXPECT_EQ(Level("1990-05-17", "1990-05-17"), 5);
  EXPECT_EQ(Level("1990-05-17", "1991-05-17"), 4);  // year off by one
  EXPECT_EQ(Level("1990-05-07", "1990-07-05"), 4);  // day and month swapped
  EXPECT_EQ(Level("1990-05-07", "1991-07-05"), 3);  // both
  EXPECT_EQ(Level("1990-01-01", "1990-05-17"), 3);  // 1 January: year only
  EXPECT_EQ(Level("1990", "1990-05-17"), 3);
  EXPECT_EQ(Level("1990-03-28", "1990-05-17"), 2);
  EXPECT_EQ(Level("1990-03-28", "1991-05-17"), 1);
  EXPECT_EQ(Level("1970-03-28", "1990-05-17"), 0);
}

TEST(PairScorer, MissingFieldNeitherHelpsNorHurts) {
  const PairScorer scorer(PersonSchema());
  ASSERT_TRUE(scorer.uses_field_evidence());
  EncodedRecord full = Encode({"Anna", "Kowalska", "1990-05-17", "F", "POL", "Gdansk"});
  EncodedRecord no_place = Encode({"Anna", "Kowalska", "1990-05-17", "F", "POL", ""});
  EncodedRecord other_place = Encode({"Anna", "Kowalska", "1990-05-17", "F", "POL", "Lublin"});
  const DiceKernel k = DiceKernel::kScalar;
  // Place missing on one side or on both: the same score.
  EXPECT_DOUBLE_EQ(scorer.Score(full, no_place, k), scorer.Score(no_place, no_place, k));
  // Missing sits between agreeing and disagreeing.
  EXPECT_LT(scorer.Score(full, no_place, k), scorer.Score(full, full, k));
  EXPECT_GT(scorer.Score(full, no_place, k), scorer.Score(full, other_place, k));
}

TEST(PairScorer, NamesInTheWrongBoxesScoreAsIfRight) {
  const PairScorer scorer(PersonSchema());
  EncodedRecord a = Encode({"Wei", "Zhang", "1995-03-02", "F", "CHN", ""});
  EncodedRecord b = Encode({"Zhang", "Wei", "1995-03-02", "F", "CHN", ""});
  EXPECT_DOUBLE_EQ(scorer.Score(a, b, DiceKernel::kScalar),
                   scorer.Score(a, a, DiceKernel::kScalar));
}

TEST(PairScorer, SeparatesAMarriedNameFromADifferentPerson) {
  const PairScorer scorer(PersonSchema());
  const double t = MatchOptions().threshold;
  EncodedRecord a = Encode({"Chiamaka", "Okoro", "1998-10-10", "F", "NGA", "Enugu"});
  EncodedRecord married = Encode({"Chiamaka", "Adeyemi", "1998-10-10", "F", "NGA", ""});
  EncodedRecord other = Encode({"Chiamaka", "Okoro", "1987-02-23", "F", "NGA", ""});
  EXPECT_GE(scorer.Score(a, married, DiceKernel::kScalar), t);
  EXPECT_LT(scorer.Score(a, other, DiceKernel::kScalar), t);
}

TEST(PairScorer, WithoutWeightsScoresByDice) {
  Schema schema = PersonSchema();
  schema.level_weights.clear();
  const PairScorer scorer(schema);
  EXPECT_FALSE(scorer.uses_field_evidence());
  EncodedRecord a = Encode({"Jan", "Jansen", "1990-05-17", "M", "NLD", ""});
  EncodedRecord b = Encode({"Jan", "Janssen", "1990-05-17", "M", "NLD", ""});
  EXPECT_DOUBLE_EQ(scorer.Score(a, b, DiceKernel::kScalar),
                   Dice(DiceKernel::kScalar, a.clk, b.clk));
}

}  // namespace
}  // namespace schakel::linkage
