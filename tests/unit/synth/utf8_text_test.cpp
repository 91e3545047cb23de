// Tests of UTF-8 coding and script classification.
#include "synth/utf8_text.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace schakel::synth {
namespace {

TEST(Utf8, DecodesNamesInSeveralScripts) {
  EXPECT_EQ(DecodeUtf8("Łukasz").size(), 6u);
  EXPECT_EQ(DecodeUtf8("Олена").size(), 5u);
  EXPECT_EQ(DecodeUtf8("محمد").size(), 4u);
  EXPECT_EQ(DecodeUtf8("王").size(), 1u);
}

TEST(Utf8, ClassifiesScripts) {
  EXPECT_EQ(ScriptOfText("Nguyễn"), Script::kLatin);
  EXPECT_EQ(ScriptOfText("Шевченко"), Script::kCyrillic);
  EXPECT_EQ(ScriptOfText("الخطيب"), Script::kArabic);
  EXPECT_EQ(ScriptOfText("美玲"), Script::kHan);
}

TEST(Utf8, RejectsInvalidSequences) {
  EXPECT_TRUE(IsValidUtf8("Ştefan"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
}

TEST(Utf8, CaseMapsLatinAndCyrillic) {
  EXPECT_EQ(ToUpper(U'a'), U'A');
  EXPECT_EQ(ToUpper(U'о'), U'О');
  EXPECT_EQ(ToLower(U'І'), U'і');
  EXPECT_TRUE(IsUpper(U'Ж'));
  EXPECT_FALSE(IsUpper(U'王'));
}

RC_GTEST_PROP(Utf8, EncodeDecodeRoundTrips, (std::vector<std::uint32_t> raw)) {
  std::u32string text;
  for (std::uint32_t v : raw) {
    char32_t cp = v % 0x110000;
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0x41;
    text.push_back(cp);
  }
  const std::string encoded = EncodeUtf8(text);
  RC_ASSERT(IsValidUtf8(encoded));
  RC_ASSERT(DecodeUtf8(encoded) == text);
}

}  // namespace
}  // namespace schakel::synth
