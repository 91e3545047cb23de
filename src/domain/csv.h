// CSV reading (RFC 4180): quoted fields with embedded commas, quotes and newlines, CRLF or LF line
// ends, an optional UTF-8 byte order mark. Every import in Schakel reads through this, so errors
// carry the line and column a user can find in their spreadsheet.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"

namespace schakel {

struct CsvRow {
  int line = 0;  // 1-based line number where the row starts in the file
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
  // Index of a header column, or -1.
  int Column(std::string_view name) const;
};

// Parses the whole text. Fails on an unterminated quote, text after a closing quote, or a row
// whose field count differs from the header's (naming the line). Blank lines are skipped.
Result<CsvTable> ParseCsv(std::string_view text);
// Reads and parses a file.
Result<CsvTable> ReadCsvFile(const std::string& path);
// Quotes a field when needed.
std::string CsvEscape(std::string_view field);

}  // namespace schakel
