// IdentityRenderer: turns a Person's true identity into what one source writes down, with the
// kinds of variation real registrations show — typos, original script versus Latin
// transliteration, other Latin spellings, dropped diacritics, Dutch particles written
// differently, married versus birth names, swapped given/family names, day/month swaps, year off
// by one, 1 January for unknown dates, recoded or missing fields. Every variation applied is
// recorded as a bit in Record::variations, so tests and linkage evaluations can measure them.
// Pure: randomness comes from the Rng passed in.
#pragma once

#include <string>
#include <string_view>

#include "synth/person.h"
#include "synth/prng.h"
#include "synth/world_model.h"

namespace schakel::synth {

class IdentityRenderer {
 public:
  // `model` must outlive the renderer.
  explicit IdentityRenderer(const WorldModel& model);

  // The record that `source` makes of `person` (stored at `person_index` in the world).
  Record Render(const Person& person, std::uint32_t person_index, std::size_t source,
                Rng& rng) const;

 private:
  const WorldModel& model_;
  std::vector<const NationalityNames*> names_;  // per nationality index
};

// One random edit — insert, delete, substitute or transpose a character — that always changes
// `name` (when it is non-empty). Letters come from `alphabet`; case follows the neighbour.
std::string ApplyTypo(std::string_view name, const std::u32string& alphabet, Rng& rng);

// True when `family` starts with a Dutch particle (van, de, van der, ter, …) followed by a name.
bool HasDutchParticle(std::string_view family);
// A different way of writing the particle of `family` ("Van Der Meer", "vd Meer", "Meer van der",
// "Meer", "Vandermeer"). REQUIRES: HasDutchParticle(family).
std::string VaryDutchParticle(std::string_view family, Rng& rng);

// `date` with the year moved by `delta`; 29 February becomes 28 February in a common year.
CivilDate ShiftYear(CivilDate date, int delta);

}  // namespace schakel::synth
