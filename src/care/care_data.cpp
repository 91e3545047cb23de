#include "care/care_data.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

namespace schakel::care {

using nlohmann::json;

const char* AcceptsName(Accepts a) {
  return a == Accepts::kMinors ? "minors" : "adults";
}

namespace {

Result<ShelterType> ParseShelterType(const json& e, const std::string& where) {
  auto type = ParseIdAndName<ShelterType>(e, where);
  if (!type) return type;
  auto accepts = RequiredString(e, where, "accepts");
  if (!accepts) return accepts.error();
  if (*accepts != "adults" && *accepts != "minors") {
    return Error::Invalid(where + ".accepts",
                          fmt::format("'{}.accepts' must be adults or minors", where));
  }
  type->accepts = *accepts == "minors" ? Accepts::kMinors : Accepts::kAdults;
  if (e.contains("placed_by")) {
    auto placed_by = RequiredString(e, where, "placed_by");
    if (!placed_by) return placed_by.error();
    type->placed_by = *placed_by;
  }
  return type;
}

Result<FieldGroup> ParseFieldGroup(const json& e, const std::string& where) {
  auto group = ParseIdAndName<FieldGroup>(e, where);
  if (!group) return group;
  auto identifying = OptionalBool(e, where, "identifying", true);
  if (!identifying) return identifying.error();
  group->identifying = *identifying;
  auto fields = OptionalStringList(e, where, "fields");
  if (!fields) return fields.error();
  if (fields->empty()) {
    return Error::Invalid(where + ".fields",
                          fmt::format("field group '{}' lists no field", group->id));
  }
  group->fields = std::move(*fields);
  return group;
}

Result<RetentionPeriod> ParseRetention(const json& e, const std::string& where) {
  auto period = ParseIdAndName<RetentionPeriod>(e, where);
  if (!period) return period;
  auto months = RequiredPositiveInt(e, where, "months");
  if (!months) return months.error();
  period->months = *months;
  return period;
}

// A field in two groups would be shared by one grant and withheld by another.
Status CheckFieldsInOneGroup(const std::vector<FieldGroup>& groups) {
  std::map<std::string, std::string> group_of;
  for (size_t g = 0; g < groups.size(); ++g) {
    for (size_t f = 0; f < groups[g].fields.size(); ++f) {
      auto [it, inserted] = group_of.emplace(groups[g].fields[f], groups[g].id);
      if (!inserted) {
        return Error::Invalid(
            fmt::format("field_groups[{}].fields[{}]", g, f),
            fmt::format("field '{}' is already in group '{}'", it->first, it->second));
      }
    }
  }
  return Status::Ok();
}

// The code relies on a retention period for closed cases (reopening and erasure).
Status CheckRetentionForCases(const CareData& d) {
  if (d.FindRetention("case") == nullptr) {
    return Error::Invalid("retention", "'retention' has no period for record type 'case'");
  }
  return Status::Ok();
}

}  // namespace

Result<CareData> ParseCareData(const json& doc) {
  auto header = ParseDataHeader(doc, "care data");
  if (!header) return header.error();
  CareData d{header->id, header->status, header->title, {}, {}, {}, {}, {}};
  auto domains = ParseIdEntries<CareDomain>(doc, "domains", "domain", ParseIdAndName<CareDomain>);
  if (!domains) return domains.error();
  d.domains = std::move(*domains);
  auto reasons = ParseIdEntries<CaseClosingReason>(doc, "closing_reasons", "closing reason",
                                                   ParseIdAndName<CaseClosingReason>);
  if (!reasons) return reasons.error();
  d.closing_reasons = std::move(*reasons);
  auto types = ParseIdEntries<ShelterType>(doc, "shelter_types", "shelter type", ParseShelterType);
  if (!types) return types.error();
  d.shelter_types = std::move(*types);
  auto groups = ParseIdEntries<FieldGroup>(doc, "field_groups", "field group", ParseFieldGroup);
  if (!groups) return groups.error();
  d.field_groups = std::move(*groups);
  if (Status s = CheckFieldsInOneGroup(d.field_groups); !s) return s.error();
  auto retention = ParseIdEntries<RetentionPeriod>(doc, "retention", "record type", ParseRetention);
  if (!retention) return retention.error();
  d.retention = std::move(*retention);
  if (Status s = CheckRetentionForCases(d); !s) return s.error();
  return d;
}

Result<CareData> LoadCareDataFile(const std::filesystem::path& path) {
  return LoadJsonFile<CareData>(path, [](const json& doc) { return ParseCareData(doc); });
}

const CareDomain* CareData::FindDomain(std::string_view domain_id) const {
  return FindById(domains, domain_id);
}

const CaseClosingReason* CareData::FindClosingReason(std::string_view reason_id) const {
  return FindById(closing_reasons, reason_id);
}

const ShelterType* CareData::FindShelterType(std::string_view type_id) const {
  return FindById(shelter_types, type_id);
}

const FieldGroup* CareData::FindFieldGroup(std::string_view group_id) const {
  return FindById(field_groups, group_id);
}

const RetentionPeriod* CareData::FindRetention(std::string_view record_type) const {
  return FindById(retention, record_type);
}

const FieldGroup* CareData::GroupOfField(std::string_view field) const {
  for (const FieldGroup& g : field_groups) {
    for (const std::string& f : g.fields) {
      if (f == field) return &g;
    }
  }
  return nullptr;
}

}  // namespace schakel::care
