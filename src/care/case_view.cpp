#include "care/case_view.h"

#include <algorithm>

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
