// A QR code encoder (ISO/IEC 18004), just enough for TOTP enrolment: byte mode, error correction
// level M, versions 1-10 (up to 213 bytes; an otpauth:// URI of ~120 characters needs version 7),
// with the mask chosen by the standard penalty rules. QrSvg (qr_svg.h) draws the result.
// Our own implementation (no QR library in the build); qr_code_test.cpp decodes its output back.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace schakel::security {

class QrCode {
 public:
  static constexpr int kMinVersion = 1;
  static constexpr int kMaxVersion = 10;

  // Encodes `data` as bytes in the smallest version that fits. `forced_mask` (0-7) skips the
  // penalty-based mask choice (for tests). Fails (kInvalid) when the data does not fit version 10.
  static Result<QrCode> EncodeBytes(std::string_view data,
                                    std::optional<int> forced_mask = std::nullopt);

  int version() const { return version_; }
  int size() const { return size_; }  // modules per side: 17 + 4 * version
  int mask() const { return mask_; }
  // True for a dark module. REQUIRES: 0 <= x, y < size(). x is the column, y the row.
  bool dark(int x, int y) const { return modules_[Index(x, y)] != 0; }

  // Layout facts, exposed so tests (and a reader) can check the structure independently.
  static int DataCodewords(int version);  // level M
  static int TotalCodewords(int version);
  static std::vector<int> AlignmentCentres(int version);

 private:
  QrCode(int version, int mask);
  std::size_t Index(int x, int y) const {
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(size_) +
           static_cast<std::size_t>(x);
  }

  int version_;
  int size_;
  int mask_;
  std::vector<unsigned char> modules_;   // 1 = dark
  std::vector<unsigned char> function_;  // 1 = finder/timing/alignment/format/version module

  friend class QrBuilder;
};

// Reed-Solomon error-correction codewords over GF(256) (polynomial 0x11D) as used by QR codes:
// the remainder of data(x) * x^ec_count divided by the generator polynomial with roots
// a^0..a^(n-1).
std::vector<unsigned char> QrReedSolomon(const std::vector<unsigned char>& data, int ec_count);

// The 15-bit format information for level M and `mask`, BCH-coded and XOR-masked with 0x5412.
int QrFormatBits(int mask);
// The 18-bit version information (versions >= 7).
int QrVersionBits(int version);

}  // namespace schakel::security
