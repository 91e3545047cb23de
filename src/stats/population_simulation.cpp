#include "stats/population_simulation.h"

#include <string>

#include "stats/confidence_interval.h"
#include "stats/loglinear_model.h"

namespace schakel::stats {

Result<CaptureTable> SimulateIndependentLists(std::int64_t population,
                                              const std::vector<double>& capture_probabilities,
                                              RandomSource& random) {
  const std::size_t k = capture_probabilities.size();
  std::vector<std::string> names;
  for (std::size_t i = 0; i < k; ++i) names.emplace_back(1, static_cast<char>('A' + i));
  std::vector<std::int64_t> counts(std::size_t{1} << std::min<std::size_t>(k, kMaxLists), 0);
  for (std::int64_t person = 0; person < population; ++person) {
    History h = 0;
    for (std::size_t i = 0; i < k; ++i) {
      if (random.Bernoulli(capture_probabilities[i])) h |= History{1} << i;
    }
    if (h < counts.size()) ++counts[h];
  }
  counts[0] = 0;  // people on no list are, by definition, not seen
  return CaptureTable::Create(std::move(names), std::move(counts));
}

Result<CoverageResult> SimulateCoverage(const SimulationSpec& spec, std::uint64_t seed) {
  RandomSource random(seed);
  CoverageResult out;
  int profile_hits = 0;
  int bootstrap_hits = 0;
  double sum = 0;
  const auto truth = static_cast<double>(spec.population);
  for (int run = 0; run < spec.runs; ++run) {
    auto table = SimulateIndependentLists(spec.population, spec.capture_probabilities, random);
    if (!table.ok()) return table.error();
    auto fit = FitModel(*table, 0);
    if (!fit.ok()) return fit.error();
    if (!fit->ok()) {
      ++out.skipped;
      continue;
    }
    auto profile = ProfileLikelihoodInterval(*table, *fit, spec.level);
    if (!profile.ok()) {
      ++out.skipped;
      continue;
    }
    ++out.runs;
    sum += fit->total;
    if (profile->low <= truth && truth <= profile->high) ++profile_hits;
    if (spec.bootstrap_replicates > 0) {
      auto boot = BootstrapInterval(
          *table, *fit, {spec.bootstrap_replicates, random.Next(), spec.level, std::nullopt});
      if (boot.ok() && boot->interval.low <= truth && truth <= boot->interval.high)
        ++bootstrap_hits;
    }
  }
  if (out.runs > 0) {
    out.profile_coverage = profile_hits / static_cast<double>(out.runs);
    out.bootstrap_coverage = bootstrap_hits / static_cast<double>(out.runs);
    out.mean_estimate = sum / out.runs;
  }
  return out;
}

}  // namespace schakel::stats
