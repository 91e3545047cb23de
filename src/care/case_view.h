// A case as a partner, a receiving organisation or the statistics see it: field name → value, each
// field in one field group of the care data. Sharing and retention work on whole field groups, and
// a field no group lists is never shown (deny by default). Pure.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "care/care_data.h"
#include "domain/result.h"

namespace schakel::care {

// Field name ("full_name") → its value as shown.
using CaseView = std::map<std::string, std::string>;

// A non-empty list of known field-group ids without repeats, as a grant or referral names them.
// kInvalid naming "field_groups" or "field_groups[i]".
Status CheckFieldGroups(const std::vector<std::string>& groups, const CareData& data);

// Only the fields whose group is one of `granted`; everything else, including fields no group
// lists, is left out.
CaseView FilterCaseView(const CaseView& view, const std::vector<std::string>& granted,
                        const CareData& data);

// Only the fields of groups that do not identify the person: what retention keeps of an expired
// case (the anonymous facts).
CaseView AnonymousFacts(const CaseView& view, const CareData& data);

}  // namespace schakel::care
