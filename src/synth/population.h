// The true population and its capture: PopulationSampler draws one (possible) victim with form,
// sex, age, nationality, municipality and a synthetic identity from the model's distributions;
// CaptureModel decides which sources capture that person, with source-specific probabilities by
// form and age, unobserved person-level heterogeneity and positive dependence between sources.
// Both are pure: all randomness comes from the Rng passed in.
#pragma once

#include <cstdint>
#include <vector>

#include "synth/person.h"
#include "synth/prng.h"
#include "synth/world_model.h"

namespace schakel::synth {

class PopulationSampler {
 public:
  // `model` must outlive the sampler.
  explicit PopulationSampler(const WorldModel& model);

  // A person counted in `year`. Deterministic in (id, year, rng state).
  Person Draw(std::uint64_t id, int year, Rng& rng) const;

 private:
  const WorldModel& model_;
  Categorical forms_;
  std::vector<Categorical> age_by_form_;
  std::vector<Categorical> nationality_by_form_;
  Categorical municipality_;
  Categorical visibility_;
  std::vector<const NationalityNames*> names_;  // per nationality index
};

// How capture works. `independent` switches off heterogeneity and dependence, so that every
// source captures independently given form and age — the assumption of the simplest MSE model,
// useful to validate estimators.
struct CaptureOptions {
  bool independent = false;
  double max_probability = 0.95;
};

class CaptureModel {
 public:
  CaptureModel(const Distributions& distributions, CaptureOptions options);

  // The capture history of `person`: bit s set when source s captured them.
  std::uint8_t Draw(const Person& person, Rng& rng) const;

  // Probability that `source` captures `person` given the sources already decided in
  // `earlier` (bits of sources before `source`).
  double Probability(const Person& person, std::size_t source, std::uint8_t earlier) const;

 private:
  const Distributions& d_;
  CaptureOptions options_;
};

}  // namespace schakel::synth
