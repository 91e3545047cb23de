#include "care/case_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace schakel::care {

namespace {

template <typename Keep>
CaseView KeepGroups(const CaseView& view, const CareData& data, Keep keep) {
  CaseView out;
  for (const auto& [field, value] : view) {
    const FieldGroup* group = data.GroupOfField(field);
    if (group != nullptr && keep(*group)) out.emplace(field, value);
  }
  return out;
}

}  // namespace

Status CheckFieldGroups(const std::vector<std::string>& groups, const CareData& data) {
  if (groups.empty()) return Error::Invalid("field_groups", "grant at least one field group");
  std::set<std::string> seen;
  for (size_t i = 0; i < groups.size(); ++i) {
    const std::string field = fmt::format("field_groups[{}]", i);
    if (data.FindFieldGroup(groups[i]) == nullptr) {
      return Error::Invalid(field, fmt::format("unknown field group '{}'", groups[i]));
    }
    if (!seen.insert(groups[i]).second) {
      return Error::Invalid(field, fmt::format("field group '{}' is named twice", groups[i]));
    }
  }
  return Status::Ok();
}

CaseView FilterCaseView(const CaseView& view, const std::vector<std::string>& granted,
                        const CareData& data) {
  return KeepGroups(view, data, [&granted](const FieldGroup& g) {
    return std::find(granted.begin(), granted.end(), g.id) != granted.end();
  });
}

CaseView AnonymousFacts(const CaseView& view, const CareData& data) {
  return KeepGroups(view, data, [](const FieldGroup& g) { return !g.identifying; });
}

}  // namespace schakel::care
