// The Kader as data: a versioned framework of building blocks (bouwstenen), ordered levels
// (basis op orde → plateau 1 → plateau 2) and the criteria a block must meet to reach each level.
// Frameworks are loaded from JSON (data/kader/<id>.json) and validated; assessments refer to the
// framework id they used, so a new official text can be loaded beside the provisional one.
// Pure: no I/O except LoadFrameworkFile.
#pragma once

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "domain/json_fields.h"
#include "domain/result.h"

namespace schakel::kader {

// The shared two-language text; kept under this name for the framework's users.
using LocalizedText = ::schakel::LocalizedText;

// Where a criterion's wording comes from. Provisional text was reconstructed from secondary
// sources; derived text fills a cell the source left empty. Both are shown as such in the UI.
enum class Provenance { kOfficial, kProvisional, kDerived };
const char* ProvenanceName(Provenance p);

struct Level {
  std::string id;  // "basis", "plateau1", "plateau2"
  int rank = 0;    // 1 is the lowest level
  LocalizedText name;
};

struct Block {
  std::string id;  // "policy", "signalling", …
  int number = 0;  // 1..n as numbered in the Kader
  LocalizedText name;
};

// A kind of evidence Schakel can look for in its own records to support a criterion
// (docs/practice.md). Evidence suggests an answer; it never sets one.
enum class EvidenceKind {
  kTrainingCoverage,          // share of relevant staff trained within `within_months`
  kAwarenessBeyondStaff,      // sessions for businesses, schools, residents or risk groups
  kEnvironmentScanReviewed,   // a risk place of the scan reviewed within `within_months`
  kPublishedPractice,         // at least one good practice published to region or country
  kRoleHeld,                  // an active user of the organisation holds `role`
  kExternalReportingSignals,  // the external reporting form is active and received signals
  kRegionalEstimate,          // an estimate of the hidden number of victims for the region
};
const char* EvidenceKindName(EvidenceKind kind);
bool ParseEvidenceKind(std::string_view text, EvidenceKind* out);

// One declaration "this kind of evidence can support the criterion", with its parameters.
struct EvidenceRule {
  EvidenceKind kind = EvidenceKind::kTrainingCoverage;
  int within_months = 12;  // how recent the evidence must be (kinds with a time window)
  double min_share = 0;    // kTrainingCoverage: 0 < share <= 1
  std::string role;        // kRoleHeld: a role name of the design ("chain_director")
};

struct Criterion {
  std::string id;
  std::string block;  // Block::id
  std::string level;  // Level::id
  LocalizedText text;
  Provenance provenance = Provenance::kProvisional;
  std::vector<EvidenceRule> evidence{};  // may be empty: nothing in Schakel speaks to it
};

// A programme goal measured over many municipalities: met when `criterion` is met, or (when
// `criterion` is empty) when `block` reaches `level`.
struct Goal {
  std::string id;
  LocalizedText name;
  std::string block;
  std::string level;
  std::string criterion;
};

struct Framework {
  std::string id;      // "2021-concept"
  std::string status;  // "provisional" or "official"
  LocalizedText title;
  std::string source;               // where the wording comes from
  std::vector<Level> levels;        // sorted by rank, lowest first
  std::vector<Block> blocks;        // sorted by number
  std::vector<Criterion> criteria;  // in file order
  std::vector<Goal> goals;          // programme goals for the roll-up, may be empty

  const Level* FindLevel(std::string_view id) const;
  const Block* FindBlock(std::string_view id) const;
  const Criterion* FindCriterion(std::string_view id) const;
  // Index of the level in `levels` (0 = lowest), or -1.
  int LevelIndex(std::string_view level_id) const;
  // Criteria of one block at one level, in file order.
  std::vector<const Criterion*> CriteriaOf(std::string_view block, std::string_view level) const;
};

// Validates and builds a framework. Errors name the offending entry in `field`, e.g.
// "criteria[4].level" with "unknown level 'plateau3'".
Result<Framework> ParseFramework(const nlohmann::json& doc);
// Reads, parses (JSON syntax errors report line and column) and validates a framework file.
Result<Framework> LoadFrameworkFile(const std::filesystem::path& path);
// The framework as JSON in the same shape the file has (used by the API and for storage).
nlohmann::json FrameworkToJson(const Framework& f);

}  // namespace schakel::kader
