#include "febrl.h"

#include <fstream>
#include <map>
#include <stdexcept>

#include "linkage/birth_date.h"
#include "linkage/csv.h"

namespace schakel::linkage::testing {

Schema FebrlSchema() {
  Schema schema;
  schema.fields = {
      {"given_names", FieldKind::kGivenNames, 12},
      {"family_name", FieldKind::kFamilyName, 12},
      {"date_of_birth", FieldKind::kBirthDate, 10},
      {"street_number", FieldKind::kCode, 3},
      {"address_1", FieldKind::kText, 3},
      {"address_2", FieldKind::kText, 2},
      {"suburb", FieldKind::kText, 3},
      {"postcode", FieldKind::kCode, 4},
      {"state", FieldKind::kCode, 2},
  };
  return schema;
}

namespace {
std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}
}  // namespace

std::vector<PersonRecord> LoadFebrl(const std::string& file_name) {
  std::string path = std::string(SCHAKEL_SHARED_DATA_DIR) + "/linkage/febrl/" + file_name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::string text;
  for (char buf[65536]; in.read(buf, sizeof buf) || in.gcount() > 0;) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  Result<CsvTable> table = ParseCsv(text);
  if (!table.ok()) throw std::runtime_error(table.error().message);
  // rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state,
  // date_of_birth, soc_sec_id (the social security number is not used).
  static constexpr std::size_t kColumns[] = {1, 2, 9, 3, 4, 5, 6, 7, 8};
  std::vector<PersonRecord> records;
  for (const CsvRow& row : table->rows) {
    PersonRecord r;
    r.id = Trim(row.fields[0]);
    for (std::size_t c : kColumns) r.values.push_back(Trim(row.fields[c]));
    if (!ParseBirthDate(r.values[2]).ok()) r.values[2].clear();
    records.push_back(std::move(r));
  }
  return records;
}

std::string FebrlPerson(const std::string& record_id) {
  std::size_t a = record_id.find('-');
  std::size_t b = record_id.find('-', a + 1);
  return record_id.substr(a + 1, b - a - 1);
}

double PairQuality::precision() const {
  std::size_t p = true_positives + false_positives;
  return p == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(p);
}
double PairQuality::recall() const {
  std::size_t t = true_positives + false_negatives;
  return t == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(t);
}
double PairQuality::f1() const {
  double p = precision(), r = recall();
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

PairQuality DedupQuality(const std::vector<PersonRecord>& records,
                         const std::vector<std::uint32_t>& cluster) {
  // Pairs are counted per group: n·(n-1)/2 in a group of n.
  auto pairs = [](std::size_t n) { return n * (n - 1) / 2; };
  std::map<std::string, std::size_t> per_person;
  std::map<std::uint32_t, std::size_t> per_cluster;
  std::map<std::pair<std::uint32_t, std::string>, std::size_t> per_both;
  for (std::size_t i = 0; i < records.size(); ++i) {
    std::string person = FebrlPerson(records[i].id);
    ++per_person[person];
    ++per_cluster[cluster[i]];
    ++per_both[{cluster[i], person}];
  }
  std::size_t truth = 0, found = 0, both = 0;
  for (const auto& [k, n] : per_person) truth += pairs(n);
  for (const auto& [k, n] : per_cluster) found += pairs(n);
  for (const auto& [k, n] : per_both) both += pairs(n);
  return {both, found - both, truth - both};
}

}  // namespace schakel::linkage::testing
