#include "app/placement_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "app/person_input.h"
#include "app/shelter_service.h"
#include "care/amsterdam_time.h"
#include "care/consent.h"
#include "care/shelter.h"
#include "security/field_cipher.h"
#include "store/case_repository.h"

namespace schakel::app {

namespace {

constexpr const char* kTable = "placements";
constexpr const char* kReasonColumn = "over_capacity_reason";
constexpr std::size_t kReasonLimit = 2000;

// The case as it is inside the transaction: a case closed or transferred since the policy check
// places nobody and ends nothing.
Status CheckActive(store::Db& tx, std::string_view case_id) {
  auto found = store::CaseRepository(tx).Find(case_id);
  if (!found) return found.error();
  if (!found->has_value()) return Error::NotFound("no case with this id");
  const std::string& state = (**found).state;
  if (state == "closed" || state == "transferred") {
    return Error{ErrorCode::kConflict,
                 fmt::format("this case is {}: reopen it before placing or ending a stay", state),
                 "case"};
  }
  return {};
}

// The placements that decide a new one: those in the shelter (capacity) and the case's own
// (overlapping stays), each once.
Result<std::vector<store::PlacementRecord>> Deciding(store::Db& tx, const store::ShelterRecord& s,
                                                     std::string_view case_id) {
  store::ShelterRepository repo(tx);
  auto in_region = repo.PlacementsInRegion(s.region);
  if (!in_region) return in_region.error();
  auto of_case = repo.PlacementsOfCase(case_id);
  if (!of_case) return of_case.error();
  std::vector<store::PlacementRecord> out = std::move(*in_region);
  for (auto& p : *of_case) {
    if (std::none_of(out.begin(), out.end(), [&](const auto& q) { return q.id == p.id; })) {
      out.push_back(std::move(p));
    }
  }
  return out;
}

Result<std::optional<std::string>> DateField(const char* field, const std::string& text,
                                             bool required, const char* what) {
  const std::string trimmed = TrimSpace(text);
  if (trimmed.empty()) {
    if (!required) return std::optional<std::string>();
    return Error::Invalid(field, fmt::format("give {} (like 2026-11-28)", what));
  }
  auto iso = IsoDateOf(trimmed);
  if (!iso)
    return Error::Invalid(field, fmt::format("use a real date like 2026-11-28 for {}", what));
  return std::optional<std::string>(*iso);
}

}  // namespace

std::string PlacementService::Today() const {
  return care::FormatDate(
      care::AmsterdamDate(std::chrono::floor<std::chrono::seconds>(clock_.Now())));
}

Result<bool> PlacementService::OpenPlacement(store::Db& db, std::string_view case_id) const {
  auto list = store::ShelterRepository(db).PlacementsOfCase(case_id);
  if (!list) return list.error();
  const std::string today = Today();
  return std::any_of(list->begin(), list->end(),
                     [&](const auto& p) { return !p.until || *p.until > today; });
}

Result<PlacementView> PlacementService::ViewOf(store::Db& db, store::PlacementRecord record) const {
  if (!record.over_capacity_reason.empty()) {
    auto plain = security::DecryptField(keys_, {kTable, kReasonColumn, record.id},
                                        record.over_capacity_reason);
    if (!plain) return plain.error();
    record.over_capacity_reason = std::move(*plain);
  }
  PlacementView view;
  auto shelter = store::ShelterRepository(db).Find(record.shelter);
  if (!shelter) return shelter.error();
  if (*shelter) {
    view.shelter_name = (*shelter)->name;
    view.shelter_type = (*shelter)->type;
  }
  view.open = !record.until || *record.until > Today();
  view.record = std::move(record);
  return view;
}

Result<PlacementView> PlacementService::Place(const Actor& actor, std::string_view case_id,
                                              const PlacementInput& input) {
  auto the_case = cases_.LoadForAction(actor, case_id, Action::kPlaceInShelter);
  if (!the_case) return the_case.error();
  auto from = DateField("from", input.from, true, "the first night");
  if (!from) return from.error();
  auto until = DateField("until", input.until, false, "the day of leaving");
  if (!until) return until.error();
  const std::string reason = TrimSpace(input.override_reason);
  if (Status s = CheckTextLimit("override_reason", reason, kReasonLimit); !s.ok()) {
    return s.error();
  }
  store::PlacementRecord record;
  record.id = security::NewUuid(random_);
  record.case_id = the_case->id;
  record.shelter = input.shelter;
  record.from = **from;
  record.until = *until;
  record.created_at = FormatUtc(clock_.Now());
  record.created_by = actor.principal.user.empty() ? actor.id : actor.principal.user;
  auto db = database_.Acquire();
  auto placed = store::InTransaction<store::PlacementRecord>(
      *db, [&](store::Db& tx) -> Result<store::PlacementRecord> {
        if (Status s = CheckActive(tx, record.case_id); !s.ok()) return s.error();
        store::ShelterRepository repo(tx);
        auto shelter = repo.Find(input.shelter);
        if (!shelter) return shelter.error();
        if (!*shelter || (*shelter)->region != the_case->region) {
          return Error::Invalid("shelter", "choose a shelter of the case's region");
        }
        auto placements = Deciding(tx, **shelter, record.case_id);
        if (!placements) return placements.error();
        care::PlacementRequest request;
        request.id = record.id;
        request.case_id = record.case_id;
        request.shelter_id = std::to_string(input.shelter);
        request.from = *care::ParseDate(record.from);
        if (record.until) request.until = care::ParseDate(*record.until);
        // Our decision: a person of unknown age is placed as an adult (most registered victims
        // are adults); a minor's case records the age, and then only youth shelters fit.
        request.minor = the_case->age_group == "minor";
        request.placed_by = "care_coordinator";
        request.override_reason = reason;
        auto decided = care::PlacePerson(request, ToCareShelters({**shelter}),
                                         ToCarePlacements(*placements), data_);
        if (!decided) return decided.error();
        if (!decided->over_capacity_reason.empty()) {
          record.over_capacity_reason = security::EncryptField(
              keys_, {kTable, kReasonColumn, record.id}, decided->over_capacity_reason, random_);
        }
        if (Status s = repo.AddPlacement(record); !s.ok()) return s.error();
        if (Status s = audit_.Record(tx, actor.Event("placement.create", "placement", record.id));
            !s.ok()) {
          return s.error();
        }
        if (!record.over_capacity_reason.empty()) {
          if (Status s =
                  audit_.Record(tx, actor.Event("placement.override", "placement", record.id));
              !s.ok()) {
            return s.error();
          }
        }
        return record;
      });
  if (!placed) return placed.error();
  return ViewOf(*db, std::move(*placed));
}

Result<PlacementView> PlacementService::End(const Actor& actor, std::string_view case_id,
                                            std::string_view placement_id, std::string_view until) {
  auto the_case = cases_.LoadForAction(actor, case_id, Action::kPlaceInShelter);
  if (!the_case) return the_case.error();
  auto iso = DateField("until", std::string(until), true, "the day of leaving");
  if (!iso) return iso.error();
  const std::string today = Today();
  auto db = database_.Acquire();
  auto ended = store::InTransaction<store::PlacementRecord>(
      *db, [&](store::Db& tx) -> Result<store::PlacementRecord> {
        if (Status s = CheckActive(tx, the_case->id); !s.ok()) return s.error();
        store::ShelterRepository repo(tx);
        auto found = repo.FindPlacement(placement_id);
        if (!found) return found.error();
        if (!*found || (*found)->case_id != the_case->id) {
          return Error::NotFound("no such placement in this case");
        }
        store::PlacementRecord p = **found;
        if (p.until && *p.until <= today) {
          return Error{ErrorCode::kConflict, "this stay has already ended", "until"};
        }
        if (**iso <= p.from) {
          return Error::Invalid("until", "the day of leaving must be after the first night");
        }
        if (p.until && **iso > *p.until) {
          return Error::Invalid("until",
                                "a stay is ended, not extended: place the person again from the "
                                "day of leaving, so the shelter's capacity is checked");
        }
        if (Status s = repo.EndPlacement(p.id, **iso); !s.ok()) return s.error();
        p.until = **iso;
        if (Status s = audit_.Record(tx, actor.Event("placement.end", "placement", p.id));
            !s.ok()) {
          return s.error();
        }
        return p;
      });
  if (!ended) return ended.error();
  return ViewOf(*db, std::move(*ended));
}

Result<std::vector<ShelterOccupancy>> PlacementService::ShelterChoices(const Actor& actor,
                                                                       std::string_view case_id) {
  auto the_case = cases_.LoadForAction(actor, case_id, Action::kPlaceInShelter);
  if (!the_case) return the_case.error();
  auto db = database_.Acquire();
  if (Status s = CheckActive(*db, the_case->id); !s.ok()) return s.error();
  store::ShelterRepository repo(*db);
  auto shelters = repo.List(the_case->region);
  if (!shelters) return shelters.error();
  auto placements = repo.PlacementsInRegion(the_case->region);
  if (!placements) return placements.error();
  const auto stays = ToCarePlacements(*placements);
  const care::Date tonight = *care::ParseDate(Today());
  std::vector<ShelterOccupancy> out;
  for (auto& s : *shelters) {
    const int occupied = care::OccupancyOn(std::to_string(s.id), stays, tonight);
    out.push_back({std::move(s), occupied});
  }
  return out;
}

Result<std::vector<PlacementView>> PlacementService::OfCase(const Actor& actor,
                                                            std::string_view case_id) {
  auto the_case = cases_.LoadForAction(actor, case_id, Action::kViewCase);
  if (!the_case) return the_case.error();
  std::vector<PlacementView> out;
  {
    auto db = database_.Acquire();
    auto list = store::ShelterRepository(*db).PlacementsOfCase(the_case->id);
    if (!list) return list.error();
    for (auto& p : *list) {
      auto view = ViewOf(*db, std::move(p));
      if (!view) return view.error();
      out.push_back(std::move(*view));
    }
  }
  if (Status s = audit_.Record(database_, actor.Event("placement.read", "case", the_case->id));
      !s.ok()) {
    return s.error();
  }
  return out;
}

}  // namespace schakel::app
