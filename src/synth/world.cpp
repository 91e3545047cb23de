// Generation of a synthetic world (see world.h).
#include "synth/world.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "synth/identity_variation.h"
#include "synth/prng.h"

namespace schakel::synth {

std::uint64_t World::Count(std::size_t year_index, std::size_t region, std::size_t form,
                           std::size_t age_band, std::size_t history) const {
  const std::size_t stratum =
      ((year_index * region_count + region) * form_count + form) * age_band_count + age_band;
  return counts[stratum * history_count() + history];
}

std::vector<std::uint64_t> World::CaptureHistories(StratumFilter filter) const {
  std::vector<std::uint64_t> out(history_count(), 0);
  for (std::size_t y = 0; y < static_cast<std::size_t>(params.years); ++y) {
    if (filter.year >= 0 && static_cast<int>(y) + params.first_year != filter.year) continue;
    for (std::size_t r = 0; r < region_count; ++r) {
      if (filter.region >= 0 && static_cast<int>(r) != filter.region) continue;
      for (std::size_t f = 0; f < form_count; ++f) {
        if (filter.form >= 0 && static_cast<int>(f) != filter.form) continue;
        for (std::size_t a = 0; a < age_band_count; ++a) {
          if (filter.age_band >= 0 && static_cast<int>(a) != filter.age_band) continue;
          for (std::size_t h = 0; h < history_count(); ++h) out[h] += Count(y, r, f, a, h);
        }
      }
    }
  }
  return out;
}

std::uint64_t World::TrueSize(StratumFilter filter) const {
  std::uint64_t total = 0;
  for (std::uint64_t n : CaptureHistories(filter)) total += n;
  return total;
}

std::uint64_t World::RegisteredSize(StratumFilter filter) const {
  return TrueSize(filter) - CaptureHistories(filter)[0];
}

std::uint64_t TruePopulationOf(const Distributions& distributions, int year, double scale) {
  const double size = distributions.RegisteredIn(year) * distributions.hidden_multiplier * scale;
  return static_cast<std::uint64_t>(std::floor(size + 0.5));
}

namespace {

constexpr std::uint64_t kShuffleStream = ~std::uint64_t{0};
constexpr int kFollowUpDays = 60;

void Shuffle(std::vector<Record>& records, std::uint64_t seed) {
  Rng rng = Rng::ForStream(seed, kShuffleStream);
  for (std::size_t i = records.size(); i > 1; --i) {
    const std::size_t j = rng.Below(i);
    std::swap(records[i - 1], records[j]);
  }
}

}  // namespace

Result<World> GenerateWorld(const WorldModel& model, const WorldParams& params) {
  const Distributions& d = model.distributions;
  if (params.years < 1 || params.years > 100) {
    return Error::Invalid("years", "years must be between 1 and 100");
  }
  if (!(params.scale > 0) || params.scale > 1e5) {
    return Error::Invalid("scale", "scale must be a positive number up to 100000");
  }
  World world;
  world.params = params;
  world.source_count = d.sources.size();
  world.region_count = model.municipalities.regions.size();
  world.form_count = d.forms.size();
  world.age_band_count = d.age_bands.size();
  world.counts.assign(static_cast<std::size_t>(params.years) * world.region_count *
                          world.form_count * world.age_band_count * world.history_count(),
                      0);
  std::uint64_t expected = 0;
  for (int y = 0; y < params.years; ++y) {
    expected += TruePopulationOf(d, params.first_year + y, params.scale);
  }
  // Records are indexed by 32-bit person indices; the expected registered share is far below
  // this bound, which leaves room for duplicates.
  if (expected > std::numeric_limits<std::uint32_t>::max() / 2) {
    return Error::Invalid("scale", fmt::format("a world of {} persons is too large", expected));
  }

  const PopulationSampler sampler(model);
  const CaptureModel capture(d, params.capture);
  const IdentityRenderer renderer(model);
  std::uint64_t next_id = 1;
  for (int y = 0; y < params.years; ++y) {
    const int year = params.first_year + y;
    const std::uint64_t size = TruePopulationOf(d, year, params.scale);
    for (std::uint64_t i = 0; i < size; ++i) {
      const std::uint64_t id = next_id++;
      Rng rng = Rng::ForStream(params.seed, id);
      Person person = sampler.Draw(id, year, rng);
      person.captured = capture.Draw(person, rng);
      const std::size_t region = model.municipalities.municipalities[person.municipality].region;
      const std::size_t stratum =
          ((static_cast<std::size_t>(y) * world.region_count + region) * world.form_count +
           person.form) *
              world.age_band_count +
          person.age_band;
      ++world.counts[stratum * world.history_count() + person.captured];
      if (person.captured == 0) continue;
      const auto person_index = static_cast<std::uint32_t>(world.persons.size());
      world.persons.push_back(person);
      // Sources come in capture order (a referral follows the referring contact): each
      // record is dated up to kFollowUpDays after the person's first contact of the year.
      const int first_contact = rng.Between(0, 364);
      for (std::size_t s = 0; s < world.source_count; ++s) {
        if ((person.captured & (1u << s)) == 0) continue;
        Record record = renderer.Render(person, person_index, s, rng);
        record.reported_on = DateInYear(year, first_contact + rng.Between(0, kFollowUpDays));
        const bool second = rng.Chance(d.duplicate_rate[s]);
        world.records.push_back(std::move(record));
        if (second) {
          Record again = renderer.Render(person, person_index, s, rng);
          again.reported_on = DateInYear(year, first_contact + rng.Between(0, kFollowUpDays));
          again.variations |= kSecondRecord;
          world.records.push_back(std::move(again));
        }
      }
    }
  }
  Shuffle(world.records, params.seed);
  return world;
}

}  // namespace schakel::synth
