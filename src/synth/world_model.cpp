// Parsing and validation of the generator's model (see world_model.h).
#include "synth/world_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "synth/csv.h"

namespace schakel::synth {

double Distributions::RegisteredIn(int year) const {
  if (registered_per_year.empty()) return 0;
  if (auto it = registered_per_year.find(year); it != registered_per_year.end()) return it->second;
  if (year < registered_per_year.begin()->first) return registered_per_year.begin()->second;
  return registered_per_year.rbegin()->second;
}

namespace {

// One parsed row of distributions.csv.
struct Entry {
  std::string table, key;
  double value = 0;
  int line = 0;
};

Result<double> ParseNumber(const std::string& text) {
  // strtod is locale-dependent for the decimal point; the data uses '.', which the "C" locale
  // (the default unless a program changes it) reads correctly.
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) {
    return Error::Invalid("value", fmt::format("'{}' is not a number", text));
  }
  return value;
}

Error At(int line, std::string message) {
  return Error::Invalid("distributions.csv",
                        fmt::format("distributions.csv line {}: {}", line, message));
}

Error Missing(std::string_view what) {
  return Error::Invalid("distributions.csv", fmt::format("distributions.csv: missing {}", what));
}

bool IsAlpha3(std::string_view code) {
  return code.size() == 3 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::size_t IndexOf(std::vector<std::string>& list, const std::string& key) {
  auto it = std::find(list.begin(), list.end(), key);
  if (it != list.end()) return static_cast<std::size_t>(it - list.begin());
  list.push_back(key);
  return list.size() - 1;
}

Result<AgeBand> ParseAgeBand(const std::string& key, int line) {
  const auto dash = key.find('-');
  AgeBand band;
  band.label = key;
  if (dash == std::string::npos) return At(line, fmt::format("age band '{}' is not LOW-HIGH", key));
  auto [p1, e1] = std::from_chars(key.data(), key.data() + dash, band.low);
  auto [p2, e2] = std::from_chars(key.data() + dash + 1, key.data() + key.size(), band.high);
  if (e1 != std::errc() || e2 != std::errc() || p1 != key.data() + dash ||
      p2 != key.data() + key.size() || band.low < 0 || band.high < band.low) {
    return At(line, fmt::format("age band '{}' is not LOW-HIGH", key));
  }
  return band;
}

Status SetVariation(VariationRates& v, const Entry& e) {
  static const std::pair<const char*, double VariationRates::*> kFields[] = {
      {"typo_given", &VariationRates::typo_given},
      {"typo_family", &VariationRates::typo_family},
      {"native_script", &VariationRates::native_script},
      {"native_diacritics", &VariationRates::native_diacritics},
      {"latin_variant", &VariationRates::latin_variant},
      {"particle_variant", &VariationRates::particle_variant},
      {"married_name", &VariationRates::married_name},
      {"second_given_dropped", &VariationRates::second_given_dropped},
      {"name_order_swap", &VariationRates::name_order_swap},
      {"name_order_swap_east_asian", &VariationRates::name_order_swap_east_asian},
      {"dob_swap_day_month", &VariationRates::dob_swap_day_month},
      {"dob_year_off", &VariationRates::dob_year_off},
      {"dob_missing", &VariationRates::dob_missing},
      {"dob_first_january", &VariationRates::dob_first_january},
      {"given_missing", &VariationRates::given_missing},
      {"family_missing", &VariationRates::family_missing},
      {"sex_missing", &VariationRates::sex_missing},
      {"nationality_missing", &VariationRates::nationality_missing},
      {"nationality_recoded", &VariationRates::nationality_recoded},
      {"place_missing", &VariationRates::place_missing},
  };
  for (const auto& [name, field] : kFields) {
    if (e.key == name) {
      v.*field = e.value;
      return Status::Ok();
    }
  }
  return At(e.line, fmt::format("unknown variation '{}'", e.key));
}

bool IsProbabilityTable(std::string_view table) {
  return table == "variation" || table == "married" || table == "second_given_name" ||
         table.starts_with("capture.") || table == "duplicate" || table.starts_with("sex.");
}

// First pass: the lists every per-item table refers to (sources, forms, age bands, nationalities).
Status CollectAxes(const std::vector<Entry>& entries, Distributions& d,
                   std::vector<std::string>& forms) {
  for (const Entry& e : entries) {
    if (e.table == "source") IndexOf(d.sources, e.key);
    if (e.table == "form") IndexOf(forms, e.key);
    if (e.table.starts_with("nationality.")) {
      if (!IsAlpha3(e.key)) return At(e.line, fmt::format("'{}' is not alpha-3", e.key));
      IndexOf(d.nationalities, e.key);
    }
    if (e.table.starts_with("age.")) {
      auto band = ParseAgeBand(e.key, e.line);
      if (!band.ok()) return band.error();
      if (std::none_of(d.age_bands.begin(), d.age_bands.end(),
                       [&](const AgeBand& b) { return b.label == e.key; })) {
        d.age_bands.push_back(*band);
      }
    }
  }
  if (d.sources.empty() || d.sources.size() > kMaxSources) {
    return Missing(fmt::format("between 1 and {} 'source' rows", kMaxSources));
  }
  if (forms.empty()) return Missing("'form' rows");
  std::sort(d.age_bands.begin(), d.age_bands.end(),
            [](const AgeBand& a, const AgeBand& b) { return a.low < b.low; });
  return Status::Ok();
}

template <typename T>
std::size_t Find(const std::vector<T>& list, const std::string& key) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if constexpr (std::is_same_v<T, AgeBand>) {
      if (list[i].label == key) return i;
    } else {
      if (list[i] == key) return i;
    }
  }
  return list.size();
}

// Second pass: the per-form and per-source tables.
Status FillTables(const std::vector<Entry>& entries, Distributions& d,
                  const std::vector<std::string>& form_codes) {
  const std::size_t n_src = d.sources.size();
  for (const std::string& code : form_codes) {
    d.forms.push_back(
        FormProfile{.code = code,
                    .share = 0,
                    .female_share = -1,
                    .age_weights = std::vector<double>(d.age_bands.size(), 0.0),
                    .nationality_weights = std::vector<double>(d.nationalities.size(), 0.0),
                    .capture = std::vector<double>(n_src, -1.0)});
  }
  d.minor_factor.assign(n_src, 1.0);
  d.duplicate_rate.assign(n_src, 0.0);
  d.second_given_share.assign(d.nationalities.size(), 0.0);
  for (const Entry& e : entries) {
    const auto dot = e.table.find('.');
    const std::string head = e.table.substr(0, dot);
    const std::string tail = dot == std::string::npos ? "" : e.table.substr(dot + 1);
    const std::size_t form = Find(form_codes, tail);
    if (e.table == "registered_per_year") {
      d.registered_per_year[std::atoi(e.key.c_str())] = e.value;
    } else if (e.table == "hidden_multiplier") {
      d.hidden_multiplier = e.value;
    } else if (e.table == "form") {
      d.forms[Find(form_codes, e.key)].share = e.value;
    } else if (e.table == "source") {
      // axis only
    } else if (head == "sex" || head == "age" || head == "nationality" || head == "capture") {
      if (head == "capture") {
        const std::size_t source = Find(d.sources, tail);
        const std::size_t f = Find(form_codes, e.key);
        if (source == n_src || f == form_codes.size()) return At(e.line, "unknown source or form");
        d.forms[f].capture[source] = e.value;
        continue;
      }
      if (form == form_codes.size()) return At(e.line, fmt::format("unknown form '{}'", tail));
      FormProfile& p = d.forms[form];
      if (head == "sex") {
        if (e.key == "F")
          p.female_share = e.value;
        else if (e.key != "M")
          return At(e.line, "sex must be F or M");
      } else if (head == "age") {
        p.age_weights[Find(d.age_bands, e.key)] = e.value;
      } else {
        p.nationality_weights[Find(d.nationalities, e.key)] = e.value;
      }
    } else if (e.table == "capture_minor_factor" || e.table == "duplicate") {
      const std::size_t source = Find(d.sources, e.key);
      if (source == n_src) return At(e.line, fmt::format("unknown source '{}'", e.key));
      (e.table == "duplicate" ? d.duplicate_rate : d.minor_factor)[source] = e.value;
    } else if (e.table == "dependence") {
      const auto gt = e.key.find('>');
      const std::size_t from = Find(d.sources, e.key.substr(0, gt));
      const std::size_t to =
          gt == std::string::npos ? n_src : Find(d.sources, e.key.substr(gt + 1));
      if (from >= n_src || to >= n_src || from >= to) {
        return At(e.line, "dependence needs FROM>TO with FROM listed before TO among sources");
      }
      d.dependence.push_back({from, to, e.value});
    } else if (e.table == "visibility") {
      auto multiplier = ParseNumber(e.key);
      if (!multiplier.ok() || *multiplier < 0) return At(e.line, "bad visibility multiplier");
      d.visibility_multiplier.push_back(*multiplier);
      d.visibility_weight.push_back(e.value);
    } else if (e.table == "second_given_name") {
      const std::size_t nat = Find(d.nationalities, e.key);
      if (nat == d.nationalities.size()) {
        return At(e.line, fmt::format("nationality '{}' is not drawn by any form", e.key));
      }
      d.second_given_share[nat] = e.value;
    } else if (e.table == "married") {
      d.married_adult_women = e.value;
    } else if (e.table == "variation") {
      if (Status s = SetVariation(d.variation, e); !s.ok()) return s;
    } else if (e.table == "nationality_confusion") {
      const auto gt = e.key.find('>');
      if (gt == std::string::npos || !IsAlpha3(e.key.substr(0, gt)) ||
          !IsAlpha3(e.key.substr(gt + 1))) {
        return At(e.line, "nationality_confusion needs AAA>BBB");
      }
      d.nationality_confusion[e.key.substr(0, gt)] = e.key.substr(gt + 1);
    } else {
      return At(e.line, fmt::format("unknown table '{}'", e.table));
    }
  }
  return Status::Ok();
}

Status Validate(const Distributions& d) {
  if (d.registered_per_year.empty()) return Missing("'registered_per_year' rows");
  if (d.hidden_multiplier < 1) return Missing("a hidden_multiplier of at least 1");
  if (d.visibility_multiplier.empty()) return Missing("'visibility' rows");
  for (const FormProfile& p : d.forms) {
    if (p.female_share < 0) return Missing(fmt::format("sex.{} F", p.code));
    for (std::size_t s = 0; s < p.capture.size(); ++s) {
      if (p.capture[s] < 0) return Missing(fmt::format("capture.{} {}", d.sources[s], p.code));
    }
    auto positive = [](const std::vector<double>& w) {
      return std::any_of(w.begin(), w.end(), [](double x) { return x > 0; });
    };
    if (!positive(p.age_weights)) return Missing(fmt::format("age.{} rows", p.code));
    if (!positive(p.nationality_weights))
      return Missing(fmt::format("nationality.{} rows", p.code));
  }
  return Status::Ok();
}

}  // namespace

Result<Distributions> ParseDistributions(std::string_view csv_text) {
  auto table = ParseCsv(csv_text, "distributions.csv");
  if (!table.ok()) return table.error();
  const int t_col = table->Column("table"), k_col = table->Column("key"),
            v_col = table->Column("value"), s_col = table->Column("source");
  if (t_col < 0 || k_col < 0 || v_col < 0 || s_col < 0) {
    return Missing("the header table,key,value,source");
  }
  std::vector<Entry> entries;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const CsvRow& row = table->rows[r];
    Entry e{.table = row[static_cast<std::size_t>(t_col)],
            .key = row[static_cast<std::size_t>(k_col)],
            .value = 0,
            .line = table->line_numbers[r]};
    auto value = ParseNumber(row[static_cast<std::size_t>(v_col)]);
    if (!value.ok()) return At(e.line, value.error().message);
    e.value = *value;
    if (e.value < 0) return At(e.line, "values must not be negative");
    if (IsProbabilityTable(e.table) && e.value > 1) return At(e.line, "a probability exceeds 1");
    if (row[static_cast<std::size_t>(s_col)].empty())
      return At(e.line, "every figure needs a source note");
    entries.push_back(std::move(e));
  }
  Distributions d;
  std::vector<std::string> forms;
  if (Status s = CollectAxes(entries, d, forms); !s.ok()) return s.error();
  if (Status s = FillTables(entries, d, forms); !s.ok()) return s.error();
  if (Status s = Validate(d); !s.ok()) return s.error();
  return d;
}

Result<MunicipalityTable> ParseMunicipalities(std::string_view municipalities_csv,
                                              std::string_view sizes_csv) {
  auto list = ParseCsv(municipalities_csv, "municipalities");
  if (!list.ok()) return list.error();
  auto sizes = ParseCsv(sizes_csv, "municipality_size.csv");
  if (!sizes.ok()) return sizes.error();
  const int code_col = list->Column("cbs_code"), name_col = list->Column("name"),
            region_col = list->Column("safety_region");
  const int size_code = sizes->Column("cbs_code"), size_value = sizes->Column("population_k");
  if (code_col < 0 || name_col < 0 || region_col < 0) {
    return Error::Invalid("municipalities", "municipality list needs cbs_code,name,safety_region");
  }
  if (size_code < 0 || size_value < 0) {
    return Error::Invalid("municipality_size.csv", "size proxy needs cbs_code,population_k");
  }
  std::map<std::string, double> size_of;
  for (const CsvRow& row : sizes->rows) {
    auto value = ParseNumber(row[static_cast<std::size_t>(size_value)]);
    if (!value.ok() || *value <= 0) {
      return Error::Invalid("municipality_size.csv", "population_k must be a positive number");
    }
    size_of[row[static_cast<std::size_t>(size_code)]] = *value;
  }
  const double fallback = size_of.contains("*") ? size_of["*"] : 1.0;
  MunicipalityTable out;
  for (const CsvRow& row : list->rows) {
    IndexOf(out.regions, row[static_cast<std::size_t>(region_col)]);
  }
  std::sort(out.regions.begin(), out.regions.end());
  for (const CsvRow& row : list->rows) {
    const std::string& code = row[static_cast<std::size_t>(code_col)];
    auto it = size_of.find(code);
    out.municipalities.push_back(
        Municipality{.cbs_code = code,
                     .name = row[static_cast<std::size_t>(name_col)],
                     .region = Find(out.regions, row[static_cast<std::size_t>(region_col)]),
                     .weight = it == size_of.end() ? fallback : it->second});
  }
  if (out.municipalities.empty()) {
    return Error::Invalid("municipalities", "the municipality list is empty");
  }
  return out;
}

Status CheckNamesCover(const Distributions& distributions, const NameBook& names) {
  for (const std::string& code : distributions.nationalities) {
    if (names.Find(code) == nullptr) {
      return Error::Invalid("names.csv", fmt::format("names.csv has no names for {}", code));
    }
  }
  return Status::Ok();
}

Result<WorldModel> LoadWorldModel(const std::string& synth_dir,
                                  const std::string& municipalities_csv) {
  auto dist_text = ReadTextFile(synth_dir + "/distributions.csv");
  if (!dist_text.ok()) return dist_text.error();
  auto names_text = ReadTextFile(synth_dir + "/names.csv");
  if (!names_text.ok()) return names_text.error();
  auto sizes_text = ReadTextFile(synth_dir + "/municipality_size.csv");
  if (!sizes_text.ok()) return sizes_text.error();
  auto muni_text = ReadTextFile(municipalities_csv);
  if (!muni_text.ok()) return muni_text.error();
  auto distributions = ParseDistributions(*dist_text);
  if (!distributions.ok()) return distributions.error();
  auto names = NameBook::Parse(*names_text);
  if (!names.ok()) return names.error();
  auto municipalities = ParseMunicipalities(*muni_text, *sizes_text);
  if (!municipalities.ok()) return municipalities.error();
  if (Status s = CheckNamesCover(*distributions, *names); !s.ok()) return s.error();
  return WorldModel{std::move(distributions).value(), std::move(names).value(),
                    std::move(municipalities).value()};
}

}  // namespace schakel::synth
