#include "linkage/schema.h"

namespace schakel::linkage {

int Schema::IndexOf(std::string_view name) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int Schema::IndexOfKind(FieldKind kind) const {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].kind == kind) return static_cast<int>(i);
  }
  return -1;
}

Schema PersonSchema() {
  // Weights: names carry most identifying power; the date is strong but often a placeholder;
  // sex and nationality separate little but veto obvious mismatches; place is often missing.
  return Schema{{
      {"given_names", FieldKind::kGivenNames, 14},
      {"family_name", FieldKind::kFamilyName, 14},
      {"date_of_birth", FieldKind::kBirthDate, 14},
      {"sex", FieldKind::kSex, 12},
      {"nationality", FieldKind::kNationality, 12},
      {"place_of_birth", FieldKind::kText, 4},
  }};
}

}  // namespace schakel::linkage
