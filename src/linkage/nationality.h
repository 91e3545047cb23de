// Nationality codes: ISO 3166-1 alpha-3 (as on passports), plus the ICAO travel-document codes
// that matter for people without a clear nationality (XXA stateless, XXB/XXC refugee, XXX
// unspecified) and XKX for Kosovo. Normalising them lets "nld", " NLD " and "D" (ICAO for
// Germany) compare as the same code.
#pragma once

#include <string>
#include <string_view>

#include "domain/result.h"

namespace schakel::linkage {

// Returns the upper-case alpha-3 code, "" for empty input, or kInvalid for anything that is not a
// known code.
Result<std::string> NormaliseNationality(std::string_view text);

}  // namespace schakel::linkage
