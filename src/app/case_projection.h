// A stored case as field → value (care::CaseView), the form in which sharing and referral rules
// work on whole field groups (data/care/care.json). Only the fields of the requested groups are
// read, and only those are decrypted: a partner's request never decrypts what it may not see.
// Fields the store does not hold (place of birth, e-mail, language, interpreter, placements of
// another module) are left out rather than shown empty.
#pragma once

#include <string>
#include <vector>

#include "care/care_data.h"
#include "care/case_view.h"
#include "security/key_file.h"
#include "store/case_repository.h"
#include "store/db.h"

namespace schakel::app {

// REQUIRES: `groups` are ids of `data`'s field groups.
Result<care::CaseView> ProjectCase(store::Db& db, const security::KeyRing& keys,
                                   const care::CareData& data, const store::CaseRecord& c,
                                   const std::vector<std::string>& groups);

}  // namespace schakel::app
