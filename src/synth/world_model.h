// WorldModel: everything the synthetic-world generator draws from, parsed from data files —
// published figures and documented assumptions (data/synth/distributions.csv, one source note
// per figure), synthetic name lists per nationality and script (data/synth/names.csv), and the
// municipalities with a size proxy. Parsing is pure (text in, model out); LoadWorldModel is the
// one function here that reads files.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "synth/name_book.h"

namespace schakel::synth {

// At most 8 sources, so that a capture history fits in one byte.
inline constexpr std::size_t kMaxSources = 8;

struct AgeBand {
  std::string label;  // "12-17"
  int low = 0;
  int high = 0;
  bool minor() const { return high < 18; }
};

// The profile of one form of exploitation in the true (not the registered) population.
struct FormProfile {
  std::string code;                         // "sexual", "labour", …
  double share = 0;                         // weight among forms
  double female_share = 0;                  // P(sex = F | form)
  std::vector<double> age_weights;          // per age band of the model
  std::vector<double> nationality_weights;  // per nationality of the model
  std::vector<double> capture;              // base capture probability per source
};

// Capture by `from` multiplies the capture probability of the later source `to` by `lift`.
struct SourceDependence {
  std::size_t from = 0;
  std::size_t to = 0;
  double lift = 1;
};

// Per-record probabilities of each kind of identity variation (see identity_variation.h).
struct VariationRates {
  double typo_given = 0, typo_family = 0;
  double native_script = 0, native_diacritics = 0, latin_variant = 0, particle_variant = 0;
  double married_name = 0, name_order_swap = 0, name_order_swap_east_asian = 0;
  double second_given_dropped = 0;
  double dob_swap_day_month = 0, dob_year_off = 0, dob_missing = 0, dob_first_january = 0;
  double given_missing = 0, family_missing = 0, sex_missing = 0;
  double nationality_missing = 0, nationality_recoded = 0, place_missing = 0;
};

struct Distributions {
  std::map<int, double> registered_per_year;
  double hidden_multiplier = 1;
  std::vector<std::string> sources;        // capture order; dependence only points forward
  std::vector<AgeBand> age_bands;          // sorted by age
  std::vector<std::string> nationalities;  // ISO 3166 alpha-3
  std::vector<FormProfile> forms;
  std::vector<double> minor_factor;    // per source
  std::vector<double> duplicate_rate;  // per source: chance of a second record of a capture
  std::vector<SourceDependence> dependence;
  std::vector<double> visibility_multiplier;  // person-level heterogeneity of capture
  std::vector<double> visibility_weight;
  double married_adult_women = 0;
  std::vector<double> second_given_share;  // per nationality: persons with two given names
  VariationRates variation;
  std::map<std::string, std::string> nationality_confusion;  // alpha-3 -> alpha-3

  // Registered figure for `year`, taking the nearest year in the table outside its range.
  double RegisteredIn(int year) const;
};

// Parses distributions.csv (header table,key,value,source). Unknown tables, missing entries,
// probabilities outside [0,1] and malformed codes are errors naming the line.
Result<Distributions> ParseDistributions(std::string_view csv_text);

struct Municipality {
  std::string cbs_code;  // GMxxxx
  std::string name;
  std::size_t region = 0;  // index into MunicipalityTable::regions
  double weight = 1;       // size proxy (population in thousands)
};

struct MunicipalityTable {
  std::vector<Municipality> municipalities;
  std::vector<std::string> regions;  // safety-region codes, sorted
};

// Parses the municipality list (header cbs_code,name,safety_region) and the size proxy
// (header cbs_code,population_k,source; the row with cbs_code "*" is the default).
Result<MunicipalityTable> ParseMunicipalities(std::string_view municipalities_csv,
                                              std::string_view sizes_csv);

struct WorldModel {
  Distributions distributions;
  NameBook names;
  MunicipalityTable municipalities;
};

// Checks that every nationality drawn has names. Used by LoadWorldModel.
Status CheckNamesCover(const Distributions& distributions, const NameBook& names);

// Reads distributions.csv, names.csv and municipality_size.csv from `synth_dir` and the
// municipality list from `municipalities_csv`.
Result<WorldModel> LoadWorldModel(const std::string& synth_dir,
                                  const std::string& municipalities_csv);

}  // namespace schakel::synth
