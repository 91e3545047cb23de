// Drawing persons and their capture histories (see population.h).
#include "synth/population.h"

#include <algorithm>
#include <cassert>

namespace schakel::synth {

namespace {

std::vector<double> Weights(const std::vector<FormProfile>& forms) {
  std::vector<double> w;
  for (const FormProfile& f : forms) w.push_back(f.share);
  return w;
}

std::vector<double> MunicipalityWeights(const MunicipalityTable& table) {
  std::vector<double> w;
  for (const Municipality& m : table.municipalities) w.push_back(m.weight);
  return w;
}

template <typename T>
T Narrow(std::uint64_t value) {
  return static_cast<T>(value);
}

}  // namespace

PopulationSampler::PopulationSampler(const WorldModel& model)
    : model_(model),
      forms_(Weights(model.distributions.forms)),
      municipality_(MunicipalityWeights(model.municipalities)),
      visibility_(model.distributions.visibility_weight) {
  const Distributions& d = model.distributions;
  for (const FormProfile& f : d.forms) {
    age_by_form_.emplace_back(f.age_weights);
    nationality_by_form_.emplace_back(f.nationality_weights);
  }
  for (const std::string& code : d.nationalities) {
    names_.push_back(model.names.Find(code));
    assert(names_.back() != nullptr);  // LoadWorldModel checks coverage
  }
}

Person PopulationSampler::Draw(std::uint64_t id, int year, Rng& rng) const {
  const Distributions& d = model_.distributions;
  Person p;
  p.id = id;
  p.year = static_cast<std::int16_t>(year);
  const std::size_t form = forms_.Sample(rng);
  p.form = Narrow<std::uint8_t>(form);
  const bool female = rng.Chance(d.forms[form].female_share);
  p.sex = female ? Sex::kFemale : Sex::kMale;
  const std::size_t band = age_by_form_[form].Sample(rng);
  p.age_band = Narrow<std::uint8_t>(band);
  const AgeBand& age_band = d.age_bands[band];
  p.age = static_cast<std::uint8_t>(rng.Between(age_band.low, age_band.high));
  const int birth_year = year - p.age;
  const int month = rng.Between(1, 12);
  const int day = rng.Between(1, DaysInMonth(birth_year, month));
  p.date_of_birth = CivilDate{static_cast<std::int16_t>(birth_year),
                              static_cast<std::uint8_t>(month), static_cast<std::uint8_t>(day)};
  const std::size_t nationality = nationality_by_form_[form].Sample(rng);
  p.nationality = Narrow<std::uint8_t>(nationality);
  p.municipality = Narrow<std::uint16_t>(municipality_.Sample(rng));
  p.visibility = Narrow<std::uint8_t>(visibility_.Sample(rng));

  const NationalityNames& names = *names_[nationality];
  const std::size_t givens = names.Given(female).size();
  p.given = Narrow<std::uint16_t>(rng.Below(givens));
  const bool second_given = rng.Chance(d.second_given_share[nationality]);
  if (second_given && givens > 1) {
    const std::uint64_t other = rng.Below(givens - 1);
    p.second_given = Narrow<std::uint16_t>(other >= p.given ? other + 1 : other);
  }
  const std::size_t families = names.FamilyCount(female);
  p.family = Narrow<std::uint16_t>(rng.Below(families));
  p.place = Narrow<std::uint16_t>(rng.Below(names.places.size()));
  // Married names only where the family-name list allows a different one.
  const bool married = rng.Chance(d.married_adult_women);
  if (female && p.age >= 20 && married && families > 1) {
    p.has_married_name = true;
    const std::uint64_t other = rng.Below(families - 1);
    p.married_family = Narrow<std::uint16_t>(other >= p.family ? other + 1 : other);
  }
  return p;
}

CaptureModel::CaptureModel(const Distributions& distributions, CaptureOptions options)
    : d_(distributions), options_(options) {}

double CaptureModel::Probability(const Person& person, std::size_t source,
                                 std::uint8_t earlier) const {
  double p = d_.forms[person.form].capture[source];
  if (d_.age_bands[person.age_band].minor()) p *= d_.minor_factor[source];
  if (!options_.independent) {
    p *= d_.visibility_multiplier[person.visibility];
    for (const SourceDependence& dep : d_.dependence) {
      if (dep.to == source && (earlier & (1u << dep.from)) != 0) p *= dep.lift;
    }
  }
  return std::min(p, options_.max_probability);
}

std::uint8_t CaptureModel::Draw(const Person& person, Rng& rng) const {
  std::uint8_t history = 0;
  for (std::size_t s = 0; s < d_.sources.size(); ++s) {
    if (rng.Chance(Probability(person, s, history))) {
      history = static_cast<std::uint8_t>(history | (1u << s));
    }
  }
  return history;
}

}  // namespace schakel::synth
