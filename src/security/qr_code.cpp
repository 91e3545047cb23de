// QR encoding in four steps: bit stream (mode, count, data, terminator, padding), Reed-Solomon per
// block and interleaving, module placement around the function patterns, and mask choice.
#include "security/qr_code.h"

#include <array>
#include <cstdlib>
#include <limits>

namespace schakel::security {
namespace {

struct BlockLayout {
  int ec_per_block;
  int blocks1, data1;  // group 1: number of blocks, data codewords each
  int blocks2, data2;  // group 2 (data1 + 1 codewords each), may be empty
};

// ISO/IEC 18004 table 9, level M, versions 1-10.
constexpr std::array<BlockLayout, 11> kLevelM = {{
    {0, 0, 0, 0, 0},  // unused (versions start at 1)
    {10, 1, 16, 0, 0},
    {16, 1, 28, 0, 0},
    {26, 1, 44, 0, 0},
    {18, 2, 32, 0, 0},
    {24, 2, 43, 0, 0},
    {16, 4, 27, 0, 0},
    {18, 4, 31, 0, 0},
    {22, 2, 38, 2, 39},
    {22, 3, 36, 2, 37},
    {26, 4, 43, 1, 44},
}};

// GF(256) multiplication modulo x^8 + x^4 + x^3 + x^2 + 1.
unsigned char GfMultiply(unsigned char a, unsigned char b) {
  unsigned int product = 0;
  for (int i = 7; i >= 0; --i) {
    product = (product << 1) ^ ((product >> 7) * 0x11Du);
    product ^= ((static_cast<unsigned int>(b) >> i) & 1u) * a;
  }
  return static_cast<unsigned char>(product);
}

class BitStream {
 public:
  void Append(unsigned int value, int bits) {
    for (int i = bits - 1; i >= 0; --i) bits_.push_back(((value >> i) & 1u) != 0);
  }
  std::size_t size() const { return bits_.size(); }
  std::vector<unsigned char> Bytes() const {
    std::vector<unsigned char> out(bits_.size() / 8, 0);
    for (std::size_t i = 0; i < out.size() * 8; ++i) {
      if (bits_[i]) out[i / 8] = static_cast<unsigned char>(out[i / 8] | (0x80u >> (i % 8)));
    }
    return out;
  }

 private:
  std::vector<bool> bits_;
};

int CountBits(int version) {
  return version <= 9 ? 8 : 16;
}

bool Fits(std::size_t length, int version) {
  std::size_t capacity_bits = static_cast<std::size_t>(QrCode::DataCodewords(version)) * 8;
  return 4 + static_cast<std::size_t>(CountBits(version)) + length * 8 <= capacity_bits;
}

std::vector<unsigned char> DataCodewordsFor(std::string_view data, int version) {
  BitStream bits;
  bits.Append(0x4, 4);  // byte mode
  bits.Append(static_cast<unsigned int>(data.size()), CountBits(version));
  for (char c : data) bits.Append(static_cast<unsigned char>(c), 8);
  std::size_t capacity = static_cast<std::size_t>(QrCode::DataCodewords(version)) * 8;
  bits.Append(0, static_cast<int>(std::min<std::size_t>(4, capacity - bits.size())));
  bits.Append(0, static_cast<int>((8 - bits.size() % 8) % 8));
  std::vector<unsigned char> bytes = bits.Bytes();
  for (unsigned char pad = 0xEC; bytes.size() * 8 < capacity;
       pad = static_cast<unsigned char>(pad ^ 0xEC ^ 0x11)) {
    bytes.push_back(pad);
  }
  return bytes;
}

// Splits into blocks, adds error correction to each, interleaves data then EC codewords.
std::vector<unsigned char> Interleave(const std::vector<unsigned char>& data, int version) {
  const BlockLayout& layout = kLevelM[static_cast<std::size_t>(version)];
  std::vector<std::vector<unsigned char>> blocks, ecs;
  std::size_t pos = 0;
  for (int b = 0; b < layout.blocks1 + layout.blocks2; ++b) {
    auto len = static_cast<std::size_t>(b < layout.blocks1 ? layout.data1 : layout.data2);
    auto first = data.begin() + static_cast<std::ptrdiff_t>(pos);
    blocks.emplace_back(first, first + static_cast<std::ptrdiff_t>(len));
    ecs.push_back(QrReedSolomon(blocks.back(), layout.ec_per_block));
    pos += len;
  }
  std::vector<unsigned char> out;
  for (std::size_t i = 0; i < static_cast<std::size_t>(layout.data1 + 1); ++i) {
    for (const auto& block : blocks) {
      if (i < block.size()) out.push_back(block[i]);
    }
  }
  for (std::size_t i = 0; i < static_cast<std::size_t>(layout.ec_per_block); ++i) {
    for (const auto& ec : ecs) out.push_back(ec[i]);
  }
  return out;
}

bool MaskBit(int mask, int x, int y) {
  switch (mask) {
    case 0:
      return (x + y) % 2 == 0;
    case 1:
      return y % 2 == 0;
    case 2:
      return x % 3 == 0;
    case 3:
      return (x + y) % 3 == 0;
    case 4:
      return (x / 3 + y / 2) % 2 == 0;
    case 5:
      return x * y % 2 + x * y % 3 == 0;
    case 6:
      return (x * y % 2 + x * y % 3) % 2 == 0;
    default:
      return ((x + y) % 2 + x * y % 3) % 2 == 0;
  }
}

}  // namespace

// Builds a QrCode module by module.
class QrBuilder {
 public:
  QrBuilder(int version, int mask) : qr_(version, mask) {}

  void DrawFunctionPatterns() {
    const int n = qr_.size_;
    for (int i = 0; i < n; ++i) {
      SetFunction(6, i, i % 2 == 0);  // timing patterns
      SetFunction(i, 6, i % 2 == 0);
    }
    DrawFinder(3, 3);
    DrawFinder(n - 4, 3);
    DrawFinder(3, n - 4);
    std::vector<int> centres = QrCode::AlignmentCentres(qr_.version_);
    const auto count = centres.size();
    for (std::size_t i = 0; i < count; ++i) {
      for (std::size_t j = 0; j < count; ++j) {
        bool on_finder =
            (i == 0 && j == 0) || (i == 0 && j == count - 1) || (i == count - 1 && j == 0);
        if (!on_finder) DrawAlignment(centres[i], centres[j]);
      }
    }
    DrawFormat();
    DrawVersion();
  }

  void PlaceCodewords(const std::vector<unsigned char>& codewords) {
    const int n = qr_.size_;
    std::size_t bit = 0;
    const std::size_t total_bits = codewords.size() * 8;
    for (int right = n - 1; right >= 1; right -= 2) {
      if (right == 6) right = 5;  // skip the vertical timing pattern
      bool upward = ((right + 1) & 2) == 0;
      for (int v = 0; v < n; ++v) {
        int y = upward ? n - 1 - v : v;
        for (int dx = 0; dx < 2; ++dx) {
          int x = right - dx;
          if (qr_.function_[qr_.Index(x, y)] != 0) continue;
          bool dark = false;
          if (bit < total_bits) dark = ((codewords[bit / 8] >> (7 - bit % 8)) & 1) != 0;
          ++bit;  // modules after the last codeword are remainder bits (light before masking)
          qr_.modules_[qr_.Index(x, y)] = dark ? 1 : 0;
        }
      }
    }
  }

  void ApplyMask() {
    for (int y = 0; y < qr_.size_; ++y) {
      for (int x = 0; x < qr_.size_; ++x) {
        std::size_t i = qr_.Index(x, y);
        if (qr_.function_[i] == 0 && MaskBit(qr_.mask_, x, y)) qr_.modules_[i] ^= 1;
      }
    }
  }

  QrCode Take() { return std::move(qr_); }

 private:
  void SetFunction(int x, int y, bool dark) {
    qr_.modules_[qr_.Index(x, y)] = dark ? 1 : 0;
    qr_.function_[qr_.Index(x, y)] = 1;
  }

  // 7x7 finder plus its light separator, clipped at the symbol edge.
  void DrawFinder(int cx, int cy) {
    for (int dy = -4; dy <= 4; ++dy) {
      for (int dx = -4; dx <= 4; ++dx) {
        int x = cx + dx, y = cy + dy;
        if (x < 0 || y < 0 || x >= qr_.size_ || y >= qr_.size_) continue;
        int ring = std::max(std::abs(dx), std::abs(dy));
        SetFunction(x, y, ring != 2 && ring != 4);
      }
    }
  }

  void DrawAlignment(int cx, int cy) {
    for (int dy = -2; dy <= 2; ++dy) {
      for (int dx = -2; dx <= 2; ++dx) {
        SetFunction(cx + dx, cy + dy, std::max(std::abs(dx), std::abs(dy)) != 1);
      }
    }
  }

  void DrawFormat() {
    const int n = qr_.size_;
    const int bits = QrFormatBits(qr_.mask_);
    auto bit = [bits](int i) { return ((bits >> i) & 1) != 0; };
    for (int i = 0; i <= 5; ++i) SetFunction(8, i, bit(i));
    SetFunction(8, 7, bit(6));
    SetFunction(8, 8, bit(7));
    SetFunction(7, 8, bit(8));
    for (int i = 9; i < 15; ++i) SetFunction(14 - i, 8, bit(i));
    for (int i = 0; i < 8; ++i) SetFunction(n - 1 - i, 8, bit(i));
    for (int i = 8; i < 15; ++i) SetFunction(8, n - 15 + i, bit(i));
    SetFunction(8, n - 8, true);  // the dark module
  }

  void DrawVersion() {
    if (qr_.version_ < 7) return;
    const int bits = QrVersionBits(qr_.version_);
    for (int i = 0; i < 18; ++i) {
      bool dark = ((bits >> i) & 1) != 0;
      int a = qr_.size_ - 11 + i % 3, b = i / 3;
      SetFunction(a, b, dark);
      SetFunction(b, a, dark);
    }
  }

  QrCode qr_;
};

namespace {

int RunPenalty(const QrCode& qr, bool rows) {
  int penalty = 0;
  const int n = qr.size();
  auto at = [&](int line, int i) { return rows ? qr.dark(i, line) : qr.dark(line, i); };
  for (int line = 0; line < n; ++line) {
    int run = 1;
    for (int i = 1; i <= n; ++i) {
      if (i < n && at(line, i) == at(line, i - 1)) {
        ++run;
        continue;
      }
      if (run >= 5) penalty += 3 + (run - 5);
      run = 1;
    }
    // Finder-like 1:1:3:1:1 with four light modules on one side.
    static constexpr std::array<bool, 11> kA = {1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0};
    static constexpr std::array<bool, 11> kB = {0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1};
    for (int i = 0; i + 11 <= n; ++i) {
      bool match_a = true, match_b = true;
      for (int k = 0; k < 11; ++k) {
        bool d = at(line, i + k);
        match_a = match_a && d == kA[static_cast<std::size_t>(k)];
        match_b = match_b && d == kB[static_cast<std::size_t>(k)];
      }
      if (match_a) penalty += 40;
      if (match_b) penalty += 40;
    }
  }
  return penalty;
}

int Penalty(const QrCode& qr) {
  const int n = qr.size();
  int penalty = RunPenalty(qr, true) + RunPenalty(qr, false);
  int dark = 0;
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      dark += qr.dark(x, y) ? 1 : 0;
      if (x + 1 < n && y + 1 < n) {
        bool c = qr.dark(x, y);
        if (qr.dark(x + 1, y) == c && qr.dark(x, y + 1) == c && qr.dark(x + 1, y + 1) == c) {
          penalty += 3;
        }
      }
    }
  }
  int total = n * n;
  penalty += std::abs(dark * 20 - total * 10) / total * 10;
  return penalty;
}

}  // namespace

QrCode::QrCode(int version, int mask)
    : version_(version),
      size_(17 + 4 * version),
      mask_(mask),
      modules_(static_cast<std::size_t>(size_ * size_), 0),
      function_(static_cast<std::size_t>(size_ * size_), 0) {}

int QrCode::DataCodewords(int version) {
  const BlockLayout& l = kLevelM[static_cast<std::size_t>(version)];
  return l.blocks1 * l.data1 + l.blocks2 * l.data2;
}

int QrCode::TotalCodewords(int version) {
  const BlockLayout& l = kLevelM[static_cast<std::size_t>(version)];
  return DataCodewords(version) + (l.blocks1 + l.blocks2) * l.ec_per_block;
}

std::vector<int> QrCode::AlignmentCentres(int version) {
  if (version == 1) return {};
  int n = 17 + 4 * version;
  int count = version / 7 + 2;
  int last = n - 7;
  if (count == 2) return {6, last};
  // Versions 7-10 have three centres, the middle one halfway (always an even distance here).
  return {6, (6 + last) / 2, last};
}

Result<QrCode> QrCode::EncodeBytes(std::string_view data, std::optional<int> forced_mask) {
  int version = kMinVersion;
  while (version <= kMaxVersion && !Fits(data.size(), version)) ++version;
  if (version > kMaxVersion) {
    return Error::Invalid("", "too long for a QR code of version 10 (at most 213 bytes)");
  }
  std::vector<unsigned char> codewords = Interleave(DataCodewordsFor(data, version), version);
  std::optional<QrCode> best;
  int best_penalty = std::numeric_limits<int>::max();
  for (int mask = 0; mask < 8; ++mask) {
    if (forced_mask && mask != *forced_mask) continue;
    QrBuilder builder(version, mask);
    builder.DrawFunctionPatterns();
    builder.PlaceCodewords(codewords);
    builder.ApplyMask();
    QrCode candidate = builder.Take();
    int penalty = Penalty(candidate);
    if (penalty < best_penalty) {
      best_penalty = penalty;
      best = std::move(candidate);
    }
  }
  if (!best) return Error::Invalid("", "mask must be 0-7");
  return std::move(*best);
}

std::vector<unsigned char> QrReedSolomon(const std::vector<unsigned char>& data, int ec_count) {
  // Generator polynomial coefficients, highest degree first, leading 1 omitted.
  auto n = static_cast<std::size_t>(ec_count);
  std::vector<unsigned char> generator(n, 0);
  generator[n - 1] = 1;
  unsigned char root = 1;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      generator[j] = GfMultiply(generator[j], root);
      if (j + 1 < n) generator[j] ^= generator[j + 1];
    }
    root = GfMultiply(root, 0x02);
  }
  std::vector<unsigned char> remainder(n, 0);
  for (unsigned char byte : data) {
    unsigned char factor = byte ^ remainder[0];
    remainder.erase(remainder.begin());
    remainder.push_back(0);
    for (std::size_t j = 0; j < n; ++j) remainder[j] ^= GfMultiply(generator[j], factor);
  }
  return remainder;
}

int QrFormatBits(int mask) {
  const int data = (0b00 << 3) | mask;  // level M is 00
  int rem = data;
  for (int i = 0; i < 10; ++i) rem = (rem << 1) ^ ((rem >> 9) * 0x537);
  return ((data << 10) | rem) ^ 0x5412;
}

int QrVersionBits(int version) {
  int rem = version;
  for (int i = 0; i < 12; ++i) rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
  return (version << 12) | rem;
}

}  // namespace schakel::security
