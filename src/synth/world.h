// World: one generated synthetic world — the captured persons, the records sources made of them
// (in shuffled order, as a linkage input would arrive), and the true population counts per
// year × safety region × form split by capture history (the ground truth for estimation).
// GenerateWorld is pure and deterministic: the same model and parameters give the same world,
// byte for byte, on any machine.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/result.h"
#include "synth/person.h"
#include "synth/population.h"
#include "synth/world_model.h"

namespace schakel::synth {

struct WorldParams {
  std::uint64_t seed = 1;
  int first_year = 2019;
  int years = 6;
  // Multiplies the true population (and so the registrations). 1.0 ≈ the published figures.
  double scale = 1.0;
  CaptureOptions capture;
};

// Which strata to sum over; -1 means all.
struct StratumFilter {
  int year = -1;  // calendar year
  int region = -1;
  int form = -1;
  int age_band = -1;

  static StratumFilter All() { return {}; }
  static StratumFilter Year(int year) { return {year, -1, -1, -1}; }
  static StratumFilter Region(int region) { return {-1, region, -1, -1}; }
  static StratumFilter Form(int form) { return {-1, -1, form, -1}; }
  static StratumFilter AgeBand(int age_band) { return {-1, -1, -1, age_band}; }
};

struct World {
  WorldParams params;
  std::size_t source_count = 0;
  std::size_t region_count = 0;
  std::size_t form_count = 0;
  std::size_t age_band_count = 0;
  std::vector<Person> persons;  // persons captured by at least one source, by id
  std::vector<Record> records;  // shuffled; record i is written with id i+1
  // True population by stratum and capture history: index
  // (((year_index * region_count + region) * form_count + form) * age_band_count + age_band)
  //   * 2^source_count + history.
  // History 0 counts the persons no source captured.
  std::vector<std::uint64_t> counts;

  std::size_t history_count() const { return std::size_t{1} << source_count; }
  std::uint64_t Count(std::size_t year_index, std::size_t region, std::size_t form,
                      std::size_t age_band, std::size_t history) const;
  // Persons per capture history (size 2^source_count) summed over the strata in `filter`.
  std::vector<std::uint64_t> CaptureHistories(StratumFilter filter) const;
  std::uint64_t TrueSize(StratumFilter filter) const;
  std::uint64_t RegisteredSize(StratumFilter filter) const;
};

// True population of `year` at `scale`: registered figure × hidden multiplier × scale, rounded.
std::uint64_t TruePopulationOf(const Distributions& distributions, int year, double scale);

// REQUIRES: model from LoadWorldModel (or equivalently validated).
// Fails (kInvalid) for years < 1, scale <= 0 or a world too large for 32-bit record indices.
Result<World> GenerateWorld(const WorldModel& model, const WorldParams& params);

}  // namespace schakel::synth
