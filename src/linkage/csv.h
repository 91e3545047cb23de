// RFC 4180 CSV as exchanged between organisations: UTF-8 (an optional byte-order mark is
// skipped), comma separated, fields optionally in double quotes with "" for a quote, quoted fields
// may hold commas and line breaks, lines end in LF or CRLF. Every parse error names the line (and
// column) where it happened, so that a person can fix the file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace schakel::linkage {

struct CsvRow {
  std::size_t line = 0;  // 1-based physical line on which the row starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;  // empty lines are skipped
};

// kInvalid with "line L, column C: ..." for an unterminated or misplaced quote, invalid UTF-8,
// a row whose field count differs from the header's, or an empty file.
Result<CsvTable> ParseCsv(std::string_view text);

// The field quoted when it needs to be (comma, quote, CR or LF, leading/trailing space).
std::string CsvField(std::string_view value);

// One CSV line with a trailing "\n".
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace schakel::linkage
