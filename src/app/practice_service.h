// Good-practice library use cases: a municipality writes up a practice (problem, approach,
// partners, result, what others need to copy it, contact organisation), a policy officer
// publishes it to the region or nationally as a deliberate step, and others search the published
// practices by form of exploitation, building block and theme.
// Drafts are visible to the municipality's policy officers only; a published practice to the
// users of its region or of the whole country (policy.h, kViewPractice). Every change is audited
// in its transaction. Thread-safe as far as the Database is.
#pragma once

#include <string>
#include <vector>

#include "app/actor.h"
#include "app/audit_trail.h"
#include "app/kader_service.h"
#include "domain/clock.h"
#include "store/db.h"
#include "store/practice_repository.h"

namespace schakel::app {

struct PracticeInput {
  std::string organisation;
  std::string title;
  std::string problem;
  std::string approach;
  std::string partners;
  std::string result;
  std::string requirements;
  std::string contact;
  std::vector<std::string> forms;
  std::vector<std::string> blocks;
  std::vector<std::string> themes;
};

struct PracticeSearch {
  std::string form;   // "" = any
  std::string block;  // "" = any
  std::string theme;  // "" = any; matched case-insensitively against the themes
  std::string text;   // "" = any; case-insensitive in title, problem and approach
};

class PracticeService {
 public:
  // `kader` supplies the building blocks practices are filed under.
  PracticeService(store::Database& database, const Clock& clock, const AuditTrail& audit,
                  KaderService& kader)
      : database_(database), clock_(clock), audit_(audit), kader_(kader) {}

  Result<store::PracticeRecord> Create(const PracticeInput& input, const Actor& actor);
  // Changes the text of a practice (drafts and published ones; the change is audited).
  Result<store::PracticeRecord> Update(int64_t id, const PracticeInput& input, const Actor& actor);
  // Publishes to "region" or "national". Widening region → national is allowed; narrowing is a
  // conflict (others may already rely on it).
  Result<store::PracticeRecord> Publish(int64_t id, const std::string& scope, const Actor& actor);
  Result<store::PracticeRecord> Get(int64_t id, const Actor& actor);
  // The organisation's own practices, drafts included.
  Result<std::vector<store::PracticeRecord>> Own(std::string_view organisation, const Actor& actor);
  // Published practices the actor may read that match every given filter.
  Result<std::vector<store::PracticeRecord>> Search(const PracticeSearch& search,
                                                    const Actor& actor);

 private:
  std::string Today() const;
  Status Validate(const PracticeInput& input);
  Result<store::PracticeRecord> Load(store::Db& db, int64_t id);
  Result<store::PracticeRecord> LoadFor(const Actor& actor, Action action, int64_t id);
  store::Database& database_;
  const Clock& clock_;
  const AuditTrail& audit_;
  KaderService& kader_;
};

}  // namespace schakel::app
