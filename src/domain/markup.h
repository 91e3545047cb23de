// Escaping text for HTML and XML (SVG): the one function every page, chart and QR code uses, so
// there is exactly one place that decides what is safe to put between tags and in attributes.
#pragma once

#include <string>
#include <string_view>

namespace schakel {

// Replaces & < > " ' by entities; safe in element text and in quoted attribute values.
std::string EscapeMarkup(std::string_view text);

}  // namespace schakel
