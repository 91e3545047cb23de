// Tests for blind_index.h: normalisation makes equal names match, keys and index names separate
// the values, and stability/key-dependence hold as properties.
#include "security/blind_index.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "security/text_fold.h"

namespace schakel::security {
namespace {

SecretKey Key(unsigned char fill) {
  std::array<unsigned char, SecretKey::kSize> bytes{};
  bytes.fill(fill);
  return SecretKey(bytes);
}

TEST(BlindIndex, Is32HexCharacters) {
  std::string index = BlindIndex(Key(1)).Compute("person.last_name", "de Vries");
  EXPECT_EQ(index.size(), 32u);
  EXPECT_EQ(index.find_first_not_of("0123456789abcdef"), std::string::npos);
}

TEST(BlindIndex, MatchesIgnoringCaseWidthAndSurroundingSpace) {
  BlindIndex index(Key(1));
  const std::string expected = index.Compute("person.last_name", "de vries");
  EXPECT_EQ(index.Compute("person.last_name", "  De   VRIES "), expected);
  EXPECT_EQ(index.Compute("person.last_name", "de\tvries"), expected);
  EXPECT_EQ(index.Compute("person.last_name", "ｄｅ ｖｒｉｅｓ"), expected);  // full-width
  EXPECT_NE(index.Compute("person.last_name", "de vries2"), expected);
  EXPECT_NE(index.Compute("person.last_name", "devries"), expected);
}

TEST(BlindIndex, ComposedAndDecomposedAccentsMatch) {
  BlindIndex index(Key(1));
  EXPECT_EQ(index.Compute("p.n", "Zo\xC3\xAB"), index.Compute("p.n", "Zoe\xCC\x88"));
}

TEST(BlindIndex, DiffersPerIndexNameAndPerKey) {
  EXPECT_NE(BlindIndex(Key(1)).Compute("person.last_name", "Jansen"),
            BlindIndex(Key(1)).Compute("person.first_name", "Jansen"));
  EXPECT_NE(BlindIndex(Key(1)).Compute("person.last_name", "Jansen"),
            BlindIndex(Key(2)).Compute("person.last_name", "Jansen"));
}

TEST(NormaliseForMatching, FoldsAndCollapses) {
  EXPECT_EQ(NormaliseForMatching("  Straße   Nr 1 "), "strasse nr 1");
  EXPECT_EQ(NormaliseForMatching(""), "");
}

RC_GTEST_PROP(BlindIndex, StableForTheSameKeyAndValue, (const std::string& value)) {
  RC_ASSERT(BlindIndex(Key(7)).Compute("x", value) == BlindIndex(Key(7)).Compute("x", value));
}

RC_GTEST_PROP(BlindIndex, DependsOnTheKey,
              (const std::string& value, unsigned char a, unsigned char b)) {
  RC_PRE(a != b);
  RC_ASSERT(BlindIndex(Key(a)).Compute("x", value) != BlindIndex(Key(b)).Compute("x", value));
}

RC_GTEST_PROP(BlindIndex, IgnoresCaseOfAsciiLetters, ()) {
  const std::string value = *rc::gen::container<std::string>(rc::gen::inRange<char>(0x20, 0x7F));
  std::string upper = value;
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  RC_ASSERT(BlindIndex(Key(3)).Compute("x", value) == BlindIndex(Key(3)).Compute("x", upper));
}

}  // namespace
}  // namespace schakel::security
