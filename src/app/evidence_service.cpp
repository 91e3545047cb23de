#include "app/evidence_service.h"

#include "app/access.h"
#include "app/training_service.h"
#include "store/estimate_repository.h"
#include "store/identity_repository.h"
#include "store/practice_repository.h"
#include "store/scan_repository.h"
#include "store/signal_repository.h"
#include "store/training_repository.h"

namespace schakel::app {

Result<kader::EvidenceFacts> EvidenceService::Gather(store::Db& db, std::string_view organisation,
                                                     std::string_view today) {
  kader::EvidenceFacts facts;
  facts.today = std::string(today);
  store::TrainingRepository training(db);
  auto departments = training.Departments(organisation);
  if (!departments) return departments.error();
  auto sessions = training.Sessions(organisation);
  if (!sessions) return sessions.error();
  facts.departments = StaffOf(*departments);
  facts.attendance = AttendanceOf(*sessions);
  for (const auto& s : *sessions) {
    if (s.audience != "staff") {
      facts.outreach_sessions.push_back({s.held_on, s.title, std::to_string(s.id)});
    }
  }
  auto reviews = store::ScanRepository(db).ReviewsOf(organisation);
  if (!reviews) return reviews.error();
  for (const auto& r : *reviews) {
    facts.scan_reviews.push_back({r.reviewed_on, "", std::to_string(r.place)});
  }
  auto practices = store::PracticeRepository(db).List(organisation);
  if (!practices) return practices.error();
  for (const auto& p : *practices) {
    if (p.publication == "draft") continue;
    facts.published_practices.push_back(
        {p.published_at.value_or("").substr(0, 10), p.title, std::to_string(p.id)});
  }
  auto users = store::IdentityRepository(db).ListUsers(std::string(organisation));
  if (!users) return users.error();
  for (const auto& u : *users) {
    if (u.disabled_at) continue;
    facts.roles_held.insert(u.roles.begin(), u.roles.end());
  }
  auto external = store::SignalRepository(db).SubmittedDates(organisation, "external_form");
  if (!external) return external.error();
  facts.external_signal_dates = std::move(external).value();
  // "A regional estimate exists": a stored estimate for a region the organisation belongs to.
  auto regions = RegionsOfOrganisation(db, organisation, today);
  if (!regions) return regions.error();
  auto estimate = store::EstimateRepository(db).AnyFor(*regions);
  if (!estimate) return estimate.error();
  facts.regional_estimate = *estimate;
  return facts;
}

Result<EvidenceView> EvidenceService::ForAssessment(int64_t id, const Actor& actor) {
  auto assessment = kader_.Get(id, actor);
  if (!assessment) return assessment.error();
  auto db = database_.Acquire();
  auto facts = Gather(*db, assessment->record.organisation, FormatUtc(clock_.Now()).substr(0, 10));
  if (!facts) return facts.error();
  EvidenceView view{std::move(*assessment), {}};
  view.criteria = kader::EvaluateEvidence(*view.assessment.framework, *facts);
  return view;
}

}  // namespace schakel::app
