// ISO 3166-1: the two-letter code of a country from its three-letter code. Persons and signals
// keep nationality as alpha-3 (as on passports); the CoMensha registration and HTCDS use alpha-2.
#pragma once

#include <string>
#include <string_view>

namespace schakel::app {

// "PL" for "POL"; "" for a code that is not an ISO 3166-1 country (unknown, ICAO-only codes).
std::string CountryAlpha2(std::string_view alpha3);

}  // namespace schakel::app
