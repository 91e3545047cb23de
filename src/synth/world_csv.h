// CSV export of a synthetic world — the one part of src/synth that writes files. The Append*
// functions render one file's content into a string (pure, unit-testable); WriteWorldCsv writes
// them all into a folder:
//   records.csv            record_id,given_names,family_name,date_of_birth,sex,nationality,
//                          place_of_birth — the linkage CLI's input (ISO dates, alpha-3, UTF-8)
//   records_meta.csv       record_id,source,year,reported_on,municipality,safety_region,form,
//                          age_band
//   truth.csv              record_id,person_id,variations — ground truth for linkage
//   persons.csv            true identity and attributes of every captured person
//   population.csv         year,safety_region,form,age_band,true_size,registered — ground truth
//   capture_histories.csv  MSE input: one 0/1 column per source, last column count (all strata);
//   capture_histories_year_YYYY.csv, _form_F.csv, _age_LO-HI.csv, _region_VRnn.csv — per stratum
//   capture_strata.csv     year,safety_region,form,age_band,<sources>,count (non-zero cells)
#pragma once

#include <string>

#include "domain/result.h"
#include "synth/world.h"

namespace schakel::synth {

inline constexpr const char* kRecordsHeader =
    "record_id,given_names,family_name,date_of_birth,sex,nationality,place_of_birth";

std::string RecordId(std::size_t record_index);  // "R00000001" for index 0
std::string PersonId(std::uint64_t id);          // "P00000001"

void AppendRecordsCsv(const World& world, std::string& out);
void AppendRecordsMetaCsv(const World& world, const WorldModel& model, std::string& out);
void AppendTruthCsv(const World& world, std::string& out);
void AppendPersonsCsv(const World& world, const WorldModel& model, std::string& out);
void AppendPopulationCsv(const World& world, const WorldModel& model, std::string& out);
// The MSE format for `histories` (size 2^sources): every observable history, zeros included.
void AppendCaptureHistoriesCsv(const std::vector<std::string>& sources,
                               const std::vector<std::uint64_t>& histories, std::string& out);
void AppendCaptureStrataCsv(const World& world, const WorldModel& model, std::string& out);

// Writes every file listed above into `out_dir` (created if missing). kUnavailable on I/O errors.
Status WriteWorldCsv(const World& world, const WorldModel& model, const std::string& out_dir);

}  // namespace schakel::synth
