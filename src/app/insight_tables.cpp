#include "app/insight_tables.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace schakel::app {

namespace {

// EU member states other than the Netherlands (ISO 3166 alpha-3).
const std::set<std::string>& EuStates() {
  static const std::set<std::string> kEu = {
      "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
      "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"};
  return kEu;
}

std::string OrUnknown(const std::optional<std::string>& v) {
  return v && !v->empty() ? *v : "unknown";
}

}  // namespace

std::string CategoryOf(const store::SignalFacts& s, const std::string& dimension) {
  if (dimension == "quarter") {
    const std::string at = s.submitted_at.value_or(s.created_at);
    if (at.size() < 7) return "unknown";
    const int month = std::stoi(at.substr(5, 2));
    return fmt::format("{}-Q{}", at.substr(0, 4), (month - 1) / 3 + 1);
  }
  if (dimension == "municipality") return s.organisation;
  if (dimension == "form") {
    if (s.forms.empty()) return "unknown";
    return s.forms.size() == 1 ? s.forms.front() : "multiple";
  }
  if (dimension == "age") return s.victim_age_group;
  if (dimension == "gender") return OrUnknown(s.victim_gender);
  if (dimension == "nationality") {
    if (!s.victim_nationality || s.victim_nationality->empty()) return "unknown";
    if (*s.victim_nationality == "NLD") return "nl";
    return EuStates().count(*s.victim_nationality) ? "eu" : "non_eu";
  }
  if (dimension == "channel") return OrUnknown(s.channel);
  if (dimension == "outcome") return s.outcome ? *s.outcome : "not_assessed";
  if (dimension == "urgency") return OrUnknown(s.urgency);
  return "unknown";
}

std::vector<std::string> CategoriesOf(const std::string& dimension, int year,
                                      const std::vector<std::string>& municipalities) {
  if (dimension == "quarter") {
    std::vector<std::string> q;
    for (int i = 1; i <= 4; ++i) q.push_back(fmt::format("{}-Q{}", year, i));
    return q;
  }
  if (dimension == "municipality") return municipalities;
  if (dimension == "form") return {"sexual", "labour", "criminal", "organ", "multiple", "unknown"};
  if (dimension == "age") return {"minor", "adult", "unknown"};
  if (dimension == "gender") return {"female", "male", "x", "unknown"};
  if (dimension == "nationality") return {"nl", "eu", "non_eu", "unknown"};
  if (dimension == "channel") return {"staff", "external_form", "partner", "anonymous", "unknown"};
  if (dimension == "outcome") {
    return {"all_elements_present", "incomplete", "indicates_smuggling", "not_assessed"};
  }
  if (dimension == "urgency") return {"acute", "urgent", "normal", "unknown"};
  return {};
}

std::vector<TableSpec> RegionTableSpecs() {
  return {{"trend", "quarter", "form"},
          {"municipality", "municipality", "outcome"},
          {"person", "age", "gender"},
          {"origin", "nationality", "channel"}};
}

std::vector<TableSpec> NationalTableSpecs() {
  return {{"trend", "quarter", "form"},
          {"outcome", "urgency", "outcome"},
          {"person", "age", "gender"},
          {"origin", "nationality", "channel"}};
}

Result<std::vector<ProtectedTable>> BuildProtectedTables(
    const std::vector<store::SignalFacts>& signals, const std::vector<TableSpec>& specs, int year,
    const std::vector<std::string>& municipalities, const stats::DisclosureOptions& options) {
  const std::string prefix = fmt::format("{}-", year);
  std::vector<const store::SignalFacts*> in_year;
  for (const auto& s : signals) {
    if (s.status == "draft") continue;
    if (s.submitted_at.value_or(s.created_at).rfind(prefix, 0) == 0) in_year.push_back(&s);
  }
  std::vector<ProtectedTable> out;
  for (const TableSpec& spec : specs) {
    const auto rows = CategoriesOf(spec.rows, year, municipalities);
    const auto columns = CategoriesOf(spec.columns, year, municipalities);
    std::vector<std::int64_t> cells(rows.size() * columns.size(), 0);
    for (const auto* s : in_year) {
      const auto r = std::find(rows.begin(), rows.end(), CategoryOf(*s, spec.rows));
      const auto c = std::find(columns.begin(), columns.end(), CategoryOf(*s, spec.columns));
      if (r == rows.end() || c == columns.end()) continue;  // not a category of this page
      ++cells[static_cast<size_t>(r - rows.begin()) * columns.size() +
              static_cast<size_t>(c - columns.begin())];
    }
    auto table = stats::CountTable::Create(rows, columns, std::move(cells));
    if (!table) return table.error();
    auto published = stats::ProtectTable(*table, options);
    if (!published) return published.error();
    out.push_back({spec, std::move(*published), false});
  }
  // The shared grand total: published anywhere means withheld where it was suppressed.
  const auto corner = [](const stats::PublishedTable& t) {
    return t.values[t.index(t.rows(), t.columns())];
  };
  const bool published_somewhere = std::any_of(
      out.begin(), out.end(), [&](const ProtectedTable& t) { return corner(t.published); });
  for (ProtectedTable& t : out) {
    if (published_somewhere && !corner(t.published)) t.withheld = true;
  }
  return out;
}

std::string CellText(const stats::PublishedTable& table, int row, int column,
                     std::int64_t threshold) {
  const auto& v = table.values[table.index(row, column)];
  return v ? std::to_string(*v) : fmt::format("<{}", threshold);
}

namespace {

std::string CsvField(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Label(const std::vector<std::string>& labels, int i) {
  return i < static_cast<int>(labels.size()) ? labels[static_cast<size_t>(i)] : "total";
}

std::string HtcdsValue(const std::string& dimension, const std::string& category,
                       const std::map<std::string, std::string>& form_htcds) {
  static const std::map<std::string, std::map<std::string, std::string>> kValues = {
      {"gender",
       {{"female", "Feminine"},
        {"male", "Masculine"},
        {"x", "NonConforming"},
        {"unknown", "NonSpecifiedUnknown"}}},
      {"age", {{"minor", "0-17"}, {"adult", "18+"}, {"unknown", "Unknown"}}},
      {"nationality",
       {{"nl", "NL"},
        {"eu", "EU (other than NL)"},
        {"non_eu", "Outside EU"},
        {"unknown", "Unknown"}}},
      {"form", {{"multiple", "Multiple"}, {"unknown", "Unknown"}}}};
  if (dimension == "form") {
    if (auto it = form_htcds.find(category); it != form_htcds.end()) return it->second;
  }
  if (dimension == "quarter") return category;
  if (auto d = kValues.find(dimension); d != kValues.end()) {
    if (auto v = d->second.find(category); v != d->second.end()) return v->second;
  }
  return category;
}

}  // namespace

std::string TablesCsv(const std::vector<ProtectedTable>& tables, std::int64_t threshold) {
  std::string out = "table,row_dimension,row,column_dimension,column,value\r\n";
  for (const ProtectedTable& t : tables) {
    if (t.withheld) continue;
    const auto& p = t.published;
    for (int r = 0; r <= p.rows(); ++r) {
      for (int c = 0; c <= p.columns(); ++c) {
        out += fmt::format("{},{},{},{},{},{}\r\n", CsvField(t.spec.id), t.spec.rows,
                           CsvField(Label(p.row_labels, r)), t.spec.columns,
                           CsvField(Label(p.column_labels, c)), CellText(p, r, c, threshold));
      }
    }
  }
  return out;
}

std::string HtcdsCsv(const std::vector<ProtectedTable>& tables, std::int64_t threshold,
                     const std::map<std::string, std::string>& form_htcds) {
  static const std::map<std::string, std::string> kFields = {
      {"form", "vic_TypeOfExploitation"},
      {"gender", "prs_Gender"},
      {"age", "vic_AgeWhenTrafficked (band)"},
      {"nationality", "prs_Citizenship (group)"},
      {"quarter", "period (quarter of registration)"}};
  std::string out = "htcds_field,htcds_value,schakel_dimension,schakel_category,value\r\n";
  std::set<std::string> done;
  for (const ProtectedTable& t : tables) {
    if (t.withheld) continue;
    const auto& p = t.published;
    for (const bool of_rows : {true, false}) {
      const std::string& dimension = of_rows ? t.spec.rows : t.spec.columns;
      if (!kFields.count(dimension) || done.count(dimension)) continue;
      done.insert(dimension);
      const auto& labels = of_rows ? p.row_labels : p.column_labels;
      for (int i = 0; i < static_cast<int>(labels.size()); ++i) {
        const std::string value =
            of_rows ? CellText(p, i, p.columns(), threshold) : CellText(p, p.rows(), i, threshold);
        const std::string& category = labels[static_cast<size_t>(i)];
        out += fmt::format("{},{},{},{},{}\r\n", CsvField(kFields.at(dimension)),
                           CsvField(HtcdsValue(dimension, category, form_htcds)), dimension,
                           CsvField(category), value);
      }
    }
  }
  return out;
}

}  // namespace schakel::app
