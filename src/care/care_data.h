// The care-coordination data: care-plan domains, closing reasons of a case, shelter types, the
// field groups a case is shared by, and retention periods per record type. Loaded from JSON
// (data/care/care.json) and validated on load like the signals catalogue, so a national or
// municipal administrator can change them without a code change. Pure: no I/O except
// LoadCareDataFile. See docs/care.md.
#pragma once

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/json_fields.h"
#include "domain/result.h"

namespace schakel::care {

// A domain of the care plan ("safety", "shelter", … "aftercare").
struct CareDomain {
  std::string id;
  LocalizedText name;
};

// Why a case was closed.
struct CaseClosingReason {
  std::string id;
  LocalizedText name;
};

// Who a shelter type takes in.
enum class Accepts { kAdults, kMinors };
const char* AcceptsName(Accepts a);  // "adults", "minors"

// A kind of shelter (domain.md §7). `placed_by`, when not empty, is the only organisation kind
// that may place someone there (COSM: CoMensha).
struct ShelterType {
  std::string id;
  LocalizedText name;
  Accepts accepts = Accepts::kAdults;
  std::string placed_by;
};

// A group of case fields that is shared, granted or erased as a whole. Every case field belongs to
// exactly one group; `identifying` groups are erased when the retention period has passed.
struct FieldGroup {
  std::string id;
  LocalizedText name;
  bool identifying = true;
  std::vector<std::string> fields;
};

// How long a record type is kept after it is closed, in calendar months.
struct RetentionPeriod {
  std::string id;  // record type: "case", "signal", "placement", "conference_minutes", …
  LocalizedText name;
  int months = 0;
};

struct CareData {
  std::string id;      // "2026-1"
  std::string status;  // "provisional" or "official"
  LocalizedText title;
  std::vector<CareDomain> domains;
  std::vector<CaseClosingReason> closing_reasons;
  std::vector<ShelterType> shelter_types;
  std::vector<FieldGroup> field_groups;
  std::vector<RetentionPeriod> retention;

  const CareDomain* FindDomain(std::string_view id) const;
  const CaseClosingReason* FindClosingReason(std::string_view id) const;
  const ShelterType* FindShelterType(std::string_view id) const;
  const FieldGroup* FindFieldGroup(std::string_view id) const;
  const RetentionPeriod* FindRetention(std::string_view record_type) const;
  // The group a case field belongs to, or nullptr for a field no group lists.
  const FieldGroup* GroupOfField(std::string_view field) const;
};

// Validates and builds the data. Errors name the offending entry in `field`, e.g.
// "field_groups[2].fields[0]" with "field 'phone' is already in group 'contact'".
Result<CareData> ParseCareData(const nlohmann::json& doc);
// Reads, parses and validates a care data file.
Result<CareData> LoadCareDataFile(const std::filesystem::path& path);

}  // namespace schakel::care
