#include "app/signal_csv.h"

#include <fmt/format.h>

#include <algorithm>

namespace schakel::app {

namespace {

const std::vector<std::string> kRequired = {"organisation", "channel", "urgency", "observed_on"};

std::vector<std::string> SplitList(std::string_view cell) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= cell.size()) {
    const size_t end = std::min(cell.find(';', start), cell.size());
    std::string item = TrimSpace(cell.substr(start, end - start));
    if (!item.empty()) out.push_back(std::move(item));
    start = end + 1;
  }
  return out;
}

std::optional<std::string> Given(const std::string& cell) {
  std::string v = TrimSpace(cell);
  return v.empty() ? std::nullopt : std::optional<std::string>(std::move(v));
}

// Puts one cell into the input; an Error names the column (the caller adds the line).
Status Assign(const std::string& column, const std::string& cell, SignalInput& in) {
  std::string* text = column == "organisation"            ? &in.organisation
                      : column == "channel"               ? &in.channel
                      : column == "urgency"               ? &in.urgency
                      : column == "observed_on"           ? &in.observed_on
                      : column == "observed_municipality" ? &in.observed_municipality
                      : column == "postal_area"           ? &in.postal_area
                      : column == "description"           ? &in.description
                      : column == "perpetrators"          ? &in.perpetrators
                      : column == "victim_age"            ? &in.victim_age
                      : column == "victim_age_group"      ? &in.victim_age_group
                      : column == "victim_language"       ? &in.victim_language
                                                          : nullptr;
  if (text != nullptr) {
    *text = cell;
    return {};
  }
  if (column == "forms") in.forms = SplitList(cell);
  if (column == "indicators") in.indicators = SplitList(cell);
  if (column == "risk_factors") in.risk_factors = SplitList(cell);
  if (column == "victim_gender") in.victim.gender = Given(cell);
  if (column == "victim_nationality") in.victim.nationality = Given(cell);
  if (column == "victim_living_at_home") {
    const std::string v = TrimSpace(cell);
    if (v == "yes" || v == "ja" || v == "true" || v == "1") {
      in.victim_living_at_home = true;
    } else if (!(v.empty() || v == "no" || v == "nee" || v == "false" || v == "0")) {
      return Error::Invalid(column, "use yes or no");
    }
  }
  for (const IdentityField& f : kIdentityFields) {
    if (column == std::string("victim_") + f.name) in.victim.identity.*f.member = Given(cell);
  }
  return {};
}

}  // namespace

const std::vector<std::string>& SignalCsvColumns() {
  static const std::vector<std::string> kColumns = [] {
    std::vector<std::string> c = {
        "organisation",          "channel",     "urgency",     "observed_on",
        "observed_municipality", "postal_area", "forms",       "indicators",
        "risk_factors",          "description", "perpetrators"};
    for (const IdentityField& f : kIdentityFields) c.push_back(std::string("victim_") + f.name);
    for (const char* v : {"victim_gender", "victim_nationality", "victim_age", "victim_age_group",
                          "victim_language", "victim_living_at_home"}) {
      c.push_back(v);
    }
    return c;
  }();
  return kColumns;
}

Result<std::vector<SignalCsvRow>> SignalsFromCsv(const CsvTable& csv) {
  const auto& known = SignalCsvColumns();
  for (const std::string& column : csv.header) {
    if (std::find(known.begin(), known.end(), column) == known.end()) {
      return Error::Invalid(column, fmt::format("line 1: unknown column '{}'", column));
    }
  }
  for (const std::string& column : kRequired) {
    if (csv.Column(column) < 0) {
      return Error::Invalid(column,
                            fmt::format("line 1: the header lacks the column '{}'", column));
    }
  }
  std::vector<SignalCsvRow> rows;
  for (const CsvRow& r : csv.rows) {
    SignalCsvRow row;
    row.line = r.line;
    for (size_t i = 0; i < csv.header.size(); ++i) {
      if (Status s = Assign(csv.header[i], r.fields[i], row.input); !s.ok()) {
        Error e = s.error();
        e.message = fmt::format("line {}, column {}: {}", r.line, e.field, e.message);
        return e;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string SignalCsvColumnOf(std::string_view field) {
  std::string column(field.substr(0, field.find('[')));
  if (column.rfind("victim.", 0) == 0) column = "victim_" + column.substr(7);
  return column;
}

}  // namespace schakel::app
