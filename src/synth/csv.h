// Minimal RFC 4180 CSV for the synthetic world: parsing the data files under data/synth/ and the
// municipality list, and quoting fields on export. Pure: text in, rows out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace schakel::synth {

using CsvRow = std::vector<std::string>;

// A parsed CSV text: the header and the data rows (blank lines skipped). Each row has exactly
// as many fields as the header, otherwise parsing fails with the 1-based line number.
struct CsvTable {
  CsvRow header;
  std::vector<CsvRow> rows;
  std::vector<int> line_numbers;  // line of each row in the text, for error messages

  // Index of a header column, or -1.
  int Column(std::string_view name) const;
};

// Parses CSV text (UTF-8, optional BOM, \n or \r\n, quoted fields with "" escapes).
// `what` names the input in error messages (e.g. the file path).
Result<CsvTable> ParseCsv(std::string_view text, std::string_view what);

// Appends `field` to `out`, quoted when it contains a comma, quote, CR or LF.
void AppendCsvField(std::string& out, std::string_view field);

// Reads a whole file into a string; kUnavailable when it cannot be read.
Result<std::string> ReadTextFile(const std::string& path);

}  // namespace schakel::synth
