#include "linkage/nationality.h"

#include <algorithm>
#include <array>

namespace schakel::linkage {
namespace {

// ISO 3166-1 alpha-3, sorted, then the ICAO/user-assigned codes used on travel documents.
constexpr std::string_view kCodes =
    "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA "
    "BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN "
    "CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU "
    "EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB "
    "GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL "
    "ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO "
    "LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR "
    "MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER "
    "PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM "
    "SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK "
    "TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM "
    "VUT WLF WSM YEM ZAF ZMB ZWE XKX XXA XXB XXC XXX";

bool IsKnown(std::string_view code) {
  for (std::size_t i = 0; i + 3 <= kCodes.size(); i += 4) {
    if (kCodes.substr(i, 3) == code) return true;
  }
  return false;
}

}  // namespace

Result<std::string> NormaliseNationality(std::string_view text) {
  std::string code;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '<') continue;  // "D<<" as printed in an MRZ
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    code.push_back(c);
  }
  if (code.empty()) return std::string();
  // ICAO codes that differ from ISO 3166 alpha-3.
  if (code == "D") return std::string("DEU");
  if (code == "GBD" || code == "GBN" || code == "GBO" || code == "GBP" || code == "GBS") {
    return std::string("GBR");
  }
  if (code == "RKS" || code == "UNK") return std::string("XKX");
  if (code.size() == 3 && IsKnown(code)) return code;
  return Error::Invalid("nationality", "nationality '" + std::string(text) +
                                           "' is not an ISO 3166 alpha-3 code (such as NLD)");
}

}  // namespace schakel::linkage
