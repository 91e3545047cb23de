// Plain-text rendering of a municipality's standing for `schakel kader report`: a table a policy
// officer can read in a terminal or paste into a memo, in Dutch or English.
#pragma once

#include <string>

#include "app/kader_service.h"
#include "store/organisation_repository.h"

namespace schakel::cli {

std::string RenderReport(const app::AssessmentView& view, const store::Organisation& org,
                         std::string_view lang);

}  // namespace schakel::cli
