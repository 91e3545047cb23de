// Draws a QrCode as a standalone SVG string for the TOTP enrolment page: one <path> of unit squares
// (dark modules) on a white background, with a quiet zone, scaled by the viewBox so the page can
// set the size with CSS. No scripts, no external references, safe to inline under a strict CSP.
#pragma once

#include <string>
#include <string_view>

#include "domain/result.h"
#include "security/qr_code.h"

namespace schakel::security {

struct QrSvgOptions {
  int quiet_zone = 4;             // modules of light border (the standard asks for 4)
  int pixels_per_module = 4;      // width/height attributes = (size + 2 * quiet_zone) * this
  std::string title = "QR-code";  // accessible name (<title>); escaped
};

std::string QrSvg(const QrCode& qr, const QrSvgOptions& options = {});

// Encodes `text` and draws it; fails when it does not fit version 10.
Result<std::string> QrSvgFor(std::string_view text, const QrSvgOptions& options = {});

}  // namespace schakel::security
