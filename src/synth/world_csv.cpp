// CSV export of a synthetic world (see world_csv.h).
#include "synth/world_csv.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "synth/csv.h"

namespace schakel::synth {

std::string RecordId(std::size_t record_index) {
  return fmt::format("R{:08}", record_index + 1);
}
std::string PersonId(std::uint64_t id) {
  return fmt::format("P{:08}", id);
}

namespace {

const char* SexCode(Sex sex) {
  switch (sex) {
    case Sex::kFemale:
      return "F";
    case Sex::kMale:
      return "M";
    case Sex::kUnknown:
      return "";
  }
  return "";
}

// The history mask of MSE row `row` (1..2^k-1), with the first source as the leftmost digit.
std::size_t HistoryOfRow(std::size_t row, std::size_t sources) {
  std::size_t mask = 0;
  for (std::size_t j = 0; j < sources; ++j) {
    if ((row >> (sources - 1 - j)) & 1u) mask |= std::size_t{1} << j;
  }
  return mask;
}

void AppendHistoryDigits(std::size_t mask, std::size_t sources, std::string& out) {
  for (std::size_t j = 0; j < sources; ++j) {
    out += ((mask >> j) & 1u) != 0 ? '1' : '0';
    out += ',';
  }
}

std::string JoinSources(const std::vector<std::string>& sources) {
  std::string out;
  for (const std::string& s : sources) {
    out += s;
    out += ',';
  }
  return out;
}

Status WriteFile(const std::filesystem::path& path, const std::string& content) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) return Error::Unavailable(fmt::format("cannot create {}", path.string()));
  file.write(content.data(), static_cast<std::streamsize>(content.size()));
  file.close();
  if (!file) return Error::Unavailable(fmt::format("error while writing {}", path.string()));
  return Status::Ok();
}

}  // namespace

void AppendRecordsCsv(const World& world, std::string& out) {
  out += kRecordsHeader;
  out += '\n';
  for (std::size_t i = 0; i < world.records.size(); ++i) {
    const Record& r = world.records[i];
    out += RecordId(i);
    out += ',';
    AppendCsvField(out, r.given_names);
    out += ',';
    AppendCsvField(out, r.family_name);
    out += ',';
    out += FormatIsoDate(r.date_of_birth);
    out += ',';
    out += SexCode(r.sex);
    out += ',';
    if (r.has_nationality()) out.append(r.nationality.data(), 3);
    out += ',';
    AppendCsvField(out, r.place_of_birth);
    out += '\n';
  }
}

void AppendRecordsMetaCsv(const World& world, const WorldModel& model, std::string& out) {
  const Distributions& d = model.distributions;
  out += "record_id,source,year,reported_on,municipality,safety_region,form,age_band\n";
  for (std::size_t i = 0; i < world.records.size(); ++i) {
    const Record& r = world.records[i];
    const Person& p = world.persons[r.person];
    const Municipality& m = model.municipalities.municipalities[p.municipality];
    out += fmt::format("{},{},{},{},{},{},{},{}\n", RecordId(i), d.sources[r.source], p.year,
                       FormatIsoDate(r.reported_on), m.cbs_code,
                       model.municipalities.regions[m.region], d.forms[p.form].code,
                       d.age_bands[p.age_band].label);
  }
}

void AppendTruthCsv(const World& world, std::string& out) {
  out += "record_id,person_id,variations\n";
  for (std::size_t i = 0; i < world.records.size(); ++i) {
    const Record& r = world.records[i];
    out += RecordId(i);
    out += ',';
    out += PersonId(world.persons[r.person].id);
    out += ',';
    bool first = true;
    for (int bit = 0; bit < kVariationCount; ++bit) {
      if ((r.variations & (1u << bit)) == 0) continue;
      if (!first) out += ';';
      out += VariationName(bit);
      first = false;
    }
    out += '\n';
  }
}

void AppendPersonsCsv(const World& world, const WorldModel& model, std::string& out) {
  const Distributions& d = model.distributions;
  out +=
      "person_id,year,municipality,safety_region,form,sex,age,age_band,nationality,"
      "given_names,given_names_latin,family_name,family_name_latin,married_family_name,"
      "date_of_birth,place_of_birth,sources\n";
  for (const Person& p : world.persons) {
    const Municipality& m = model.municipalities.municipalities[p.municipality];
    const NationalityNames& names = *model.names.Find(d.nationalities[p.nationality]);
    const bool female = p.sex == Sex::kFemale;
    const NameEntry& given = names.Given(female)[p.given];
    const NameEntry& family = names.Family(female, p.family);
    out += fmt::format("{},{},{},{},{},{},{},{},{},", PersonId(p.id), p.year, m.cbs_code,
                       model.municipalities.regions[m.region], d.forms[p.form].code, SexCode(p.sex),
                       p.age, d.age_bands[p.age_band].label, d.nationalities[p.nationality]);
    std::string given_native = given.native;
    std::string given_latin = given.PrimaryLatin();
    if (p.has_second_given()) {
      const NameEntry& second = names.Given(female)[p.second_given];
      given_native += ' ' + second.native;
      given_latin += ' ' + second.PrimaryLatin();
    }
    const std::string* fields[] = {&given_native, &given_latin, &family.native,
                                   &family.PrimaryLatin()};
    for (const std::string* field : fields) {
      AppendCsvField(out, *field);
      out += ',';
    }
    if (p.has_married_name) AppendCsvField(out, names.Family(female, p.married_family).native);
    out += ',';
    out += FormatIsoDate(p.date_of_birth);
    out += ',';
    AppendCsvField(out, names.places[p.place].native);
    out += ',';
    bool first = true;
    for (std::size_t s = 0; s < d.sources.size(); ++s) {
      if ((p.captured & (1u << s)) == 0) continue;
      if (!first) out += ';';
      out += d.sources[s];
      first = false;
    }
    out += '\n';
  }
}

void AppendPopulationCsv(const World& world, const WorldModel& model, std::string& out) {
  out += "year,safety_region,form,age_band,true_size,registered\n";
  for (std::size_t y = 0; y < static_cast<std::size_t>(world.params.years); ++y) {
    for (std::size_t r = 0; r < world.region_count; ++r) {
      for (std::size_t f = 0; f < world.form_count; ++f) {
        for (std::size_t a = 0; a < world.age_band_count; ++a) {
          std::uint64_t total = 0;
          for (std::size_t h = 0; h < world.history_count(); ++h)
            total += world.Count(y, r, f, a, h);
          if (total == 0) continue;
          out += fmt::format("{},{},{},{},{},{}\n", world.params.first_year + static_cast<int>(y),
                             model.municipalities.regions[r], model.distributions.forms[f].code,
                             model.distributions.age_bands[a].label, total,
                             total - world.Count(y, r, f, a, 0));
        }
      }
    }
  }
}

void AppendCaptureHistoriesCsv(const std::vector<std::string>& sources,
                               const std::vector<std::uint64_t>& histories, std::string& out) {
  out += JoinSources(sources);
  out += "count\n";
  for (std::size_t row = 1; row < histories.size(); ++row) {
    const std::size_t mask = HistoryOfRow(row, sources.size());
    AppendHistoryDigits(mask, sources.size(), out);
    out += fmt::format("{}\n", histories[mask]);
  }
}

void AppendCaptureStrataCsv(const World& world, const WorldModel& model, std::string& out) {
  const std::vector<std::string>& sources = model.distributions.sources;
  out += "year,safety_region,form,age_band,";
  out += JoinSources(sources);
  out += "count\n";
  for (std::size_t y = 0; y < static_cast<std::size_t>(world.params.years); ++y) {
    for (std::size_t r = 0; r < world.region_count; ++r) {
      for (std::size_t f = 0; f < world.form_count; ++f) {
        for (std::size_t a = 0; a < world.age_band_count; ++a) {
          for (std::size_t row = 1; row < world.history_count(); ++row) {
            const std::size_t mask = HistoryOfRow(row, sources.size());
            const std::uint64_t n = world.Count(y, r, f, a, mask);
            if (n == 0) continue;
            out += fmt::format("{},{},{},{},", world.params.first_year + static_cast<int>(y),
                               model.municipalities.regions[r], model.distributions.forms[f].code,
                               model.distributions.age_bands[a].label);
            AppendHistoryDigits(mask, sources.size(), out);
            out += fmt::format("{}\n", n);
          }
        }
      }
    }
  }
}

Status WriteWorldCsv(const World& world, const WorldModel& model, const std::string& out_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return Error::Unavailable(fmt::format("cannot create {}: {}", out_dir, ec.message()));
  const fs::path dir(out_dir);
  const auto write = [&](const std::string& name, auto&& render) -> Status {
    std::string content;
    render(content);
    return WriteFile(dir / name, content);
  };
  const auto& sources = model.distributions.sources;
  const auto histories = [&](StratumFilter filter) {
    return [&, filter](std::string& out) {
      AppendCaptureHistoriesCsv(sources, world.CaptureHistories(filter), out);
    };
  };
  std::vector<std::pair<std::string, std::function<void(std::string&)>>> files;
  files.emplace_back("records.csv", [&](std::string& o) { AppendRecordsCsv(world, o); });
  files.emplace_back("records_meta.csv",
                     [&](std::string& o) { AppendRecordsMetaCsv(world, model, o); });
  files.emplace_back("truth.csv", [&](std::string& o) { AppendTruthCsv(world, o); });
  files.emplace_back("persons.csv", [&](std::string& o) { AppendPersonsCsv(world, model, o); });
  files.emplace_back("population.csv",
                     [&](std::string& o) { AppendPopulationCsv(world, model, o); });
  files.emplace_back("capture_strata.csv",
                     [&](std::string& o) { AppendCaptureStrataCsv(world, model, o); });
  files.emplace_back("capture_histories.csv", histories(StratumFilter::All()));
  for (int y = 0; y < world.params.years; ++y) {
    const int year = world.params.first_year + y;
    files.emplace_back(fmt::format("capture_histories_year_{}.csv", year),
                       histories(StratumFilter::Year(year)));
  }
  for (std::size_t f = 0; f < world.form_count; ++f) {
    files.emplace_back(
        fmt::format("capture_histories_form_{}.csv", model.distributions.forms[f].code),
        histories(StratumFilter::Form(static_cast<int>(f))));
  }
  for (std::size_t a = 0; a < world.age_band_count; ++a) {
    files.emplace_back(
        fmt::format("capture_histories_age_{}.csv", model.distributions.age_bands[a].label),
        histories(StratumFilter::AgeBand(static_cast<int>(a))));
  }
  for (std::size_t r = 0; r < world.region_count; ++r) {
    files.emplace_back(
        fmt::format("capture_histories_region_{}.csv", model.municipalities.regions[r]),
        histories(StratumFilter::Region(static_cast<int>(r))));
  }
  for (auto& [name, render] : files) {
    if (Status s = write(name, render); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace schakel::synth
