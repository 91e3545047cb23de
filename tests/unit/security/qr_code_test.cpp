// Tests for qr_code.h and qr_svg.h by reading the symbol back like a decoder would: finder and
// timing patterns, format information (level M and the mask used) from both copies, version
// information for versions >= 7, then unmasking, reading the codewords, de-interleaving, checking
// every block's Reed-Solomon syndromes are zero and parsing the byte-mode payload.
// The layout tables here are written out independently of the encoder's.
#include "security/qr_code.h"

#include <gtest/gtest.h>

#include <array>
#include <map>

#include "security/qr_svg.h"

namespace schakel::security {
namespace {

// Level M format strings (bit 14 first) from ISO/IEC 18004 table C.1, masks 0-7.
const std::array<int, 8> kFormatM = {0b101010000010010, 0b101000100100101, 0b101111001111100,
                                     0b101101101001011, 0b100010111111001, 0b100000011001110,
                                     0b100111110010111, 0b100101010100000};
// Version information (table D.1).
const std::map<int, int> kVersionInfo = {{7, 0x07C94}, {8, 0x085BC}, {9, 0x09A99}, {10, 0x0A4D3}};

struct Layout {
  int ec;
  std::vector<int> block_data;  // data codewords per block
};
// ISO/IEC 18004 table 9, level M.
const std::map<int, Layout> kLayoutM = {{1, {10, {16}}},
                                        {2, {16, {28}}},
                                        {3, {26, {44}}},
                                        {4, {18, {32, 32}}},
                                        {5, {24, {43, 43}}},
                                        {6, {16, {27, 27, 27, 27}}},
                                        {7, {18, {31, 31, 31, 31}}},
                                        {8, {22, {38, 38, 39, 39}}},
                                        {9, {22, {36, 36, 36, 37, 37}}},
                                        {10, {26, {43, 43, 43, 43, 44}}}};
const std::map<int, std::vector<int>> kAlignment = {
    {1, {}},      {2, {6, 18}},     {3, {6, 22}},     {4, {6, 26}},     {5, {6, 30}},
    {6, {6, 34}}, {7, {6, 22, 38}}, {8, {6, 24, 42}}, {9, {6, 26, 46}}, {10, {6, 28, 50}}};

// Which modules are not data, computed from the standard's description.
std::vector<std::vector<bool>> FunctionMap(int version) {
  const int n = 17 + 4 * version;
  std::vector<std::vector<bool>> f(static_cast<std::size_t>(n),
                                   std::vector<bool>(static_cast<std::size_t>(n)));
  auto mark = [&](int x, int y) {
    f[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)] = true;
  };
  for (int i = 0; i < n; ++i) {
    mark(6, i);
    mark(i, 6);
  }
  for (int y = 0; y < 9; ++y) {
    for (int x = 0; x < 9; ++x) mark(x, y);  // top-left finder, separator, format
  }
  for (int y = 0; y < 9; ++y) {
    for (int x = n - 8; x < n; ++x) mark(x, y);  // top-right finder, separator, format
  }
  for (int y = n - 8; y < n; ++y) {
    for (int x = 0; x < 9; ++x) mark(x, y);  // bottom-left finder, separator, format, dark module
  }
  const std::vector<int>& c = kAlignment.at(version);
  for (int cy : c) {
    for (int cx : c) {
      if ((cx == 6 && cy == 6) || (cx == 6 && cy == n - 7) || (cx == n - 7 && cy == 6)) continue;
      for (int dy = -2; dy <= 2; ++dy) {
        for (int dx = -2; dx <= 2; ++dx) mark(cx + dx, cy + dy);
      }
    }
  }
  if (version >= 7) {
    for (int a = 0; a < 6; ++a) {
      for (int b = n - 11; b < n - 8; ++b) {
        mark(a, b);
        mark(b, a);
      }
    }
  }
  return f;
}

int ReadFormatCopy1(const QrCode& qr) {
  int bits = 0;
  auto put = [&](int i, int x, int y) { bits |= (qr.dark(x, y) ? 1 : 0) << i; };
  for (int i = 0; i <= 5; ++i) put(i, 8, i);
  put(6, 8, 7);
  put(7, 8, 8);
  put(8, 7, 8);
  for (int i = 9; i < 15; ++i) put(i, 14 - i, 8);
  return bits;
}

int ReadFormatCopy2(const QrCode& qr) {
  const int n = qr.size();
  int bits = 0;
  for (int i = 0; i < 8; ++i) bits |= (qr.dark(n - 1 - i, 8) ? 1 : 0) << i;
  for (int i = 8; i < 15; ++i) bits |= (qr.dark(8, n - 15 + i) ? 1 : 0) << i;
  return bits;
}

bool Masked(int mask, int x, int y) {
  switch (mask) {
    case 0:
      return (y + x) % 2 == 0;
    case 1:
      return y % 2 == 0;
    case 2:
      return x % 3 == 0;
    case 3:
      return (y + x) % 3 == 0;
    case 4:
      return (y / 2 + x / 3) % 2 == 0;
    case 5:
      return (y * x) % 2 + (y * x) % 3 == 0;
    case 6:
      return ((y * x) % 2 + (y * x) % 3) % 2 == 0;
    default:
      return ((y + x) % 2 + (y * x) % 3) % 2 == 0;
  }
}

// GF(256) with exp/log tables for syndrome checks.
struct Gf {
  std::array<int, 512> exp{};
  std::array<int, 256> log{};
  Gf() {
    int x = 1;
    for (int i = 0; i < 255; ++i) {
      exp[static_cast<std::size_t>(i)] = x;
      log[static_cast<std::size_t>(x)] = i;
      x <<= 1;
      if (x & 0x100) x ^= 0x11D;
    }
    for (int i = 255; i < 512; ++i)
      exp[static_cast<std::size_t>(i)] = exp[static_cast<std::size_t>(i - 255)];
  }
  int Mul(int a, int b) const {
    if (a == 0 || b == 0) return 0;
    return exp[static_cast<std::size_t>(log[static_cast<std::size_t>(a)] +
                                        log[static_cast<std::size_t>(b)])];
  }
};

// True when codeword c (data then EC, highest degree first) has all syndromes S_0..S_{ec-1} zero.
bool SyndromesZero(const std::vector<int>& c, int ec) {
  static const Gf gf;
  for (int j = 0; j < ec; ++j) {
    int s = 0;
    for (int v : c) s = gf.Mul(s, gf.exp[static_cast<std::size_t>(j)]) ^ v;
    if (s != 0) return false;
  }
  return true;
}

// Reads the symbol back into its byte-mode payload; fails the test on any structural error.
std::string Decode(const QrCode& qr) {
  const int version = qr.version();
  const int n = qr.size();
  EXPECT_EQ(n, 17 + 4 * version);
  const int format = ReadFormatCopy1(qr);
  EXPECT_EQ(format, ReadFormatCopy2(qr));
  int mask = -1;
  for (int m = 0; m < 8; ++m) {
    if (kFormatM[static_cast<std::size_t>(m)] == format) mask = m;
  }
  EXPECT_NE(mask, -1) << "format bits are not level M";
  EXPECT_EQ(mask, qr.mask());
  const auto function = FunctionMap(version);
  std::vector<int> bits;
  for (int right = n - 1; right >= 1; right -= 2) {
    if (right == 6) right = 5;
    bool upward = ((right + 1) & 2) == 0;
    for (int v = 0; v < n; ++v) {
      int y = upward ? n - 1 - v : v;
      for (int x : {right, right - 1}) {
        if (function[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)]) continue;
        bits.push_back((qr.dark(x, y) != Masked(mask, x, y)) ? 1 : 0);
      }
    }
  }
  std::vector<int> codewords;
  for (std::size_t i = 0; i + 8 <= bits.size(); i += 8) {
    int b = 0;
    for (std::size_t k = 0; k < 8; ++k) b = (b << 1) | bits[i + k];
    codewords.push_back(b);
  }
  const Layout& layout = kLayoutM.at(version);
  const std::size_t blocks = layout.block_data.size();
  std::vector<std::vector<int>> data(blocks), ec(blocks);
  std::size_t pos = 0;
  for (int i = 0; i < 44; ++i) {
    for (std::size_t b = 0; b < blocks; ++b) {
      if (i < layout.block_data[b]) data[b].push_back(codewords.at(pos++));
    }
  }
  for (int i = 0; i < layout.ec; ++i) {
    for (std::size_t b = 0; b < blocks; ++b) ec[b].push_back(codewords.at(pos++));
  }
  std::vector<int> payload;
  for (std::size_t b = 0; b < blocks; ++b) {
    std::vector<int> whole = data[b];
    whole.insert(whole.end(), ec[b].begin(), ec[b].end());
    EXPECT_TRUE(SyndromesZero(whole, layout.ec)) << "block " << b;
    payload.insert(payload.end(), data[b].begin(), data[b].end());
  }
  std::size_t bit = 0;
  auto take = [&](int count) {
    int v = 0;
    for (int i = 0; i < count; ++i, ++bit) {
      if (bit / 8 >= payload.size()) {
        ADD_FAILURE() << "payload ends early";
        return 0;
      }
      v = (v << 1) | ((payload[bit / 8] >> (7 - bit % 8)) & 1);
    }
    return v;
  };
  EXPECT_EQ(take(4), 0b0100) << "not byte mode";
  int length = take(version <= 9 ? 8 : 16);
  std::string text;
  for (int i = 0; i < length && bit < payload.size() * 8; ++i) {
    text.push_back(static_cast<char>(take(8)));
  }
  return text;
}

void ExpectFinderAt(const QrCode& qr, int left, int top) {
  for (int dy = 0; dy < 7; ++dy) {
    for (int dx = 0; dx < 7; ++dx) {
      int ring = std::max(std::abs(dx - 3), std::abs(dy - 3));
      EXPECT_EQ(qr.dark(left + dx, top + dy), ring != 2) << left + dx << "," << top + dy;
    }
  }
}

TEST(QrCode, HasFinderPatternsTimingAndTheDarkModule) {
  QrCode qr = *QrCode::EncodeBytes("hello");
  const int n = qr.size();
  ExpectFinderAt(qr, 0, 0);
  ExpectFinderAt(qr, n - 7, 0);
  ExpectFinderAt(qr, 0, n - 7);
  for (int i = 0; i < 8; ++i) {  // separators are light
    EXPECT_FALSE(qr.dark(7, i));
    EXPECT_FALSE(qr.dark(n - 8, i));
    EXPECT_FALSE(qr.dark(i, n - 8));
  }
  for (int i = 8; i < n - 8; ++i) {
    EXPECT_EQ(qr.dark(i, 6), i % 2 == 0);
    EXPECT_EQ(qr.dark(6, i), i % 2 == 0);
  }
  EXPECT_TRUE(qr.dark(8, n - 8));
}

TEST(QrCode, ChoosesTheSmallestVersionThatFits) {
  EXPECT_EQ(QrCode::EncodeBytes(std::string(14, 'a'))->version(), 1);
  EXPECT_EQ(QrCode::EncodeBytes(std::string(15, 'a'))->version(), 2);
  EXPECT_EQ(QrCode::EncodeBytes(std::string(122, 'a'))->version(), 7);
  EXPECT_EQ(QrCode::EncodeBytes(std::string(123, 'a'))->version(), 8);
  EXPECT_EQ(QrCode::EncodeBytes(std::string(213, 'a'))->version(), 10);
  EXPECT_FALSE(QrCode::EncodeBytes(std::string(214, 'a')).ok());
}

TEST(QrCode, EveryVersionDecodesBackWithValidReedSolomon) {
  const int lengths[] = {0, 14, 26, 42, 62, 84, 106, 122, 152, 180, 213};
  for (int v = 1; v <= 10; ++v) {
    std::string text;
    for (int i = 0; i < lengths[v]; ++i) text.push_back(static_cast<char>('!' + (i * 7 + v) % 90));
    QrCode qr = *QrCode::EncodeBytes(text);
    ASSERT_EQ(qr.version(), v);
    EXPECT_EQ(Decode(qr), text) << "version " << v;
  }
}

TEST(QrCode, EveryMaskDecodesBack) {
  const std::string uri = "otpauth://totp/Schakel:Gemeente%20Utrecht%3Ajan?secret=ABC";
  for (int mask = 0; mask < 8; ++mask) {
    QrCode qr = *QrCode::EncodeBytes(uri, mask);
    EXPECT_EQ(qr.mask(), mask);
    EXPECT_EQ(Decode(qr), uri) << "mask " << mask;
  }
}

TEST(QrCode, CarriesVersionInformationFromVersion7) {
  for (int v = 7; v <= 10; ++v) {
    const std::size_t lengths[] = {110, 130, 160, 190};  // fit versions 7, 8, 9, 10
    QrCode qr = *QrCode::EncodeBytes(std::string(lengths[v - 7], 'x'));
    ASSERT_EQ(qr.version(), v);
    const int n = qr.size();
    int top_right = 0, bottom_left = 0;
    for (int i = 0; i < 18; ++i) {
      top_right |= (qr.dark(n - 11 + i % 3, i / 3) ? 1 : 0) << i;
      bottom_left |= (qr.dark(i / 3, n - 11 + i % 3) ? 1 : 0) << i;
    }
    EXPECT_EQ(top_right, kVersionInfo.at(v)) << v;
    EXPECT_EQ(bottom_left, kVersionInfo.at(v)) << v;
  }
}

TEST(QrCode, ReedSolomonMatchesTheStandardsWorkedExample) {
  // ISO/IEC 18004 annex I: "01234567" version 1-M data codewords and their 10 EC codewords.
  std::vector<unsigned char> data = {0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11,
                                     0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11};
  std::vector<unsigned char> expected = {0xA5, 0x24, 0xD4, 0xC1, 0xED,
                                         0x36, 0xC7, 0x87, 0x2C, 0x55};
  EXPECT_EQ(QrReedSolomon(data, 10), expected);
}

TEST(QrCode, FormatAndVersionBitsMatchTheTables) {
  for (int m = 0; m < 8; ++m) EXPECT_EQ(QrFormatBits(m), kFormatM[static_cast<std::size_t>(m)]);
  for (const auto& [v, bits] : kVersionInfo) EXPECT_EQ(QrVersionBits(v), bits);
}

TEST(QrCode, TypicalOtpauthUriFitsAndDecodes) {
  std::string uri =
      "otpauth://totp/Schakel:Gemeente%20%27s-Hertogenbosch%3Amarieke.jansen?secret="
      "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Schakel&algorithm=SHA1&digits=6&period=30";
  ASSERT_EQ(uri.size(), 158u);
  QrCode qr = *QrCode::EncodeBytes(uri);
  EXPECT_EQ(qr.version(), 9);  // 158 bytes: version 8 holds 152 at level M, version 9 holds 180
  EXPECT_EQ(Decode(qr), uri);
  const std::string short_uri =
      "otpauth://totp/"
      "Schakel:Gemeente%20Utrecht%3Ajan?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Schakel&"
      "algorithm=SHA1&digits=6&period=30";
  ASSERT_EQ(short_uri.size(), 136u);
  QrCode small = *QrCode::EncodeBytes(short_uri);
  EXPECT_EQ(small.version(), 8);  // 136 bytes: more than the 122 of version 7
  EXPECT_EQ(Decode(small), short_uri);
}

TEST(QrSvg, DrawsOneSquarePerDarkModuleWithQuietZone) {
  QrCode qr = *QrCode::EncodeBytes("hello");
  std::string svg =
      QrSvg(qr, {.quiet_zone = 4, .pixels_per_module = 5, .title = "Scan <mij> & ga"});
  int dark = 0;
  for (int y = 0; y < qr.size(); ++y) {
    for (int x = 0; x < qr.size(); ++x) dark += qr.dark(x, y) ? 1 : 0;
  }
  std::size_t squares = 0;
  for (std::size_t p = svg.find("h1v1h-1z"); p != std::string::npos;
       p = svg.find("h1v1h-1z", p + 1)) {
    ++squares;
  }
  EXPECT_EQ(squares, static_cast<std::size_t>(dark));
  EXPECT_NE(svg.find("viewBox=\"0 0 29 29\""), std::string::npos);  // 21 + 2*4
  EXPECT_NE(svg.find("width=\"145\""), std::string::npos);
  EXPECT_NE(svg.find("M4,4h1v1h-1z"), std::string::npos);  // finder corner, shifted by quiet zone
  EXPECT_NE(svg.find("<title>Scan &lt;mij&gt; &amp; ga</title>"), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
}

TEST(QrSvg, RefusesTextTooLongForVersion10) {
  EXPECT_FALSE(QrSvgFor(std::string(300, 'x')).ok());
  EXPECT_TRUE(QrSvgFor("otpauth://totp/x").ok());
}

}  // namespace
}  // namespace schakel::security
