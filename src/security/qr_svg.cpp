// SVG output: each dark module becomes "M x,y h1v1h-1z" in a single path, so the SVG stays small.
#include "security/qr_svg.h"

#include <fmt/format.h>

#include "domain/markup.h"

namespace schakel::security {

std::string QrSvg(const QrCode& qr, const QrSvgOptions& options) {
  const int q = options.quiet_zone;
  const int extent = qr.size() + 2 * q;
  const int pixels = extent * options.pixels_per_module;
  std::string path;
  for (int y = 0; y < qr.size(); ++y) {
    for (int x = 0; x < qr.size(); ++x) {
      if (qr.dark(x, y)) path += fmt::format("M{},{}h1v1h-1z", x + q, y + q);
    }
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 {0} {0}\" "
      "width=\"{1}\" height=\"{1}\" shape-rendering=\"crispEdges\" role=\"img\">"
      "<title>{2}</title>"
      "<rect width=\"{0}\" height=\"{0}\" fill=\"#ffffff\"/>"
      "<path d=\"{3}\" fill=\"#000000\"/></svg>",
      extent, pixels, EscapeMarkup(options.title), path);
}

Result<std::string> QrSvgFor(std::string_view text, const QrSvgOptions& options) {
  Result<QrCode> qr = QrCode::EncodeBytes(text);
  if (!qr) return qr.error();
  return QrSvg(*qr, options);
}

}  // namespace schakel::security
