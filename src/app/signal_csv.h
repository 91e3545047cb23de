// Signals from a CSV file (`schakel signal import`): the columns, their mapping to SignalInput,
// and the mapping of a validation problem back to the column a user can find in a spreadsheet.
// Lists (forms, indicators, risk factors) are ';'-separated catalogue ids.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/signal_input.h"
#include "domain/csv.h"
#include "domain/result.h"

namespace schakel::app {

// Every column the import knows, in documentation order. organisation, channel, urgency and
// observed_on must be present in the header; the others may be left out.
const std::vector<std::string>& SignalCsvColumns();

struct SignalCsvRow {
  int line = 0;  // line in the file where the row starts
  SignalInput input;
};

// The rows as inputs, or the first header problem (unknown or missing column; field = column).
// Cell problems that need no catalogue (living_at_home not yes/no) name line and column.
Result<std::vector<SignalCsvRow>> SignalsFromCsv(const CsvTable& csv);

// The CSV column a SignalInput field error belongs to ("victim.date_of_birth" →
// "victim_date_of_birth", "indicators[2]" → "indicators").
std::string SignalCsvColumnOf(std::string_view field);

}  // namespace schakel::app
