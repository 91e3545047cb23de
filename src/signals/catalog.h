// The signals catalogue as data: forms of exploitation, indicators per form (each with its
// source and how faithfully it renders that source), risk factors, reporting channels, urgency
// levels, partner organisation kinds, closing reasons, and the texts of the three-element test's
// outcomes. Loaded from JSON (data/catalog/catalog.json) and validated like the Kader framework,
// so a national administrator can replace it without a code change. Pure: no I/O except
// LoadCatalogFile. Field names follow HTCDS 2.0 where they overlap (see docs/signals.md).
#pragma once

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/json_fields.h"
#include "domain/result.h"

namespace schakel::signals {

// A publication the catalogue cites.
struct Source {
  std::string id;  // "ilo-forced-labour"
  LocalizedText title;
  std::string citation;  // what it is and how we know it
};

// How closely an indicator's text follows its source. Paraphrased and derived text is shown as
// such, so nobody mistakes our wording for the source's.
enum class Wording { kQuoted, kParaphrased, kDerived };
const char* WordingName(Wording w);

// A form of exploitation (domain.md §2). `htcds`: values of vic_TypeOfExploitation.
struct Form {
  std::string id;  // "sexual", "labour", "criminal", "organ"
  LocalizedText name;
  std::vector<std::string> htcds;
};

// A heading that groups indicators, as the Dutch signal lists do ("multiple dependency").
struct IndicatorGroup {
  std::string id;
  LocalizedText name;
};

// One signal a professional may notice. `htcds`: values of vic_MethodsOfControl it records.
struct Indicator {
  std::string id;
  std::vector<std::string> forms;  // Form ids, at least one
  LocalizedText text;
  std::string source;  // Source id
  Wording wording = Wording::kParaphrased;
  std::string group;  // IndicatorGroup id, or empty
  std::vector<std::string> htcds;
};

// Who is extra vulnerable (domain.md §3). `htcds`: values of the deprecated vic_Vulnerabilities.
struct RiskFactor {
  std::string id;
  LocalizedText name;
  std::string source;
  std::vector<std::string> htcds;
};

// How a signal reached the municipality.
struct Channel {
  std::string id;  // "staff", "external_form", "partner", "anonymous"
  LocalizedText name;
};

// How fast a signal needs attention; rank 1 is the most urgent. `guidance`, when not empty, is
// shown at once when the level is chosen (the 112 advice for acute danger).
struct Urgency {
  std::string id;
  int rank = 0;
  LocalizedText name;
  LocalizedText guidance;
};

// A kind of organisation a signal can go to. `htcds`: values of org_Type.
struct PartnerKind {
  std::string id;
  LocalizedText name;
  std::vector<std::string> htcds;
};

// Why a signal was closed without forwarding. Some reasons (duplicate, misuse) allow closing
// before an assessment; all others need one.
struct ClosingReason {
  std::string id;
  LocalizedText name;
  bool without_assessment = false;
};

// A text the three-element test shows, by key ("outcome.incomplete").
struct CatalogText {
  std::string key;
  LocalizedText text;
};

struct Catalog {
  std::string id;      // "2026-1"
  std::string status;  // "provisional" or "official"
  LocalizedText title;
  std::vector<Source> sources;
  std::vector<Form> forms;
  std::vector<IndicatorGroup> indicator_groups;
  std::vector<Indicator> indicators;
  std::vector<RiskFactor> risk_factors;
  std::vector<Channel> channels;
  std::vector<Urgency> urgencies;  // sorted by rank, most urgent first
  std::vector<PartnerKind> partner_kinds;
  std::vector<ClosingReason> closing_reasons;
  std::vector<CatalogText> texts;

  const Form* FindForm(std::string_view id) const;
  const Indicator* FindIndicator(std::string_view id) const;
  const Urgency* FindUrgency(std::string_view id) const;
  const PartnerKind* FindPartnerKind(std::string_view id) const;
  const ClosingReason* FindClosingReason(std::string_view id) const;
  // Indicators that apply to a form, in file order.
  std::vector<const Indicator*> IndicatorsOf(std::string_view form) const;
  // REQUIRES: `key` is one of RequiredTextKeys() (the loader guarantees they all exist).
  const LocalizedText& Text(std::string_view key) const;
};

// The text keys the code uses; the loader refuses a catalogue that lacks one or has another.
const std::vector<std::string>& RequiredTextKeys();

// Validates and builds a catalogue. Errors name the offending entry in `field`, e.g.
// "indicators[3].forms[0]" with "indicator 'x' names unknown form 'slavery'".
Result<Catalog> ParseCatalog(const nlohmann::json& doc);
// Reads, parses (JSON syntax errors report line and column) and validates a catalogue file.
Result<Catalog> LoadCatalogFile(const std::filesystem::path& path);

}  // namespace schakel::signals
