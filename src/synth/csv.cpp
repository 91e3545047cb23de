// CSV parsing and quoting for the synthetic world (see csv.h).
#include "synth/csv.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace schakel::synth {

int CsvTable::Column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

namespace {}  // namespace

Result<CsvTable> ParseCsv(std::string_view text, std::string_view what) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  CsvTable table;
  CsvRow row;
  std::string field;
  bool quoted = false;
  bool have_header = false;
  bool row_had_quote = false;  // a row holding only "" is one empty field, not a blank line
  int line = 1;
  int row_line = 1;
  auto finish_row = [&]() -> Status {
    row.push_back(std::move(field));
    field.clear();
    if (row.size() == 1 && row[0].empty() && !row_had_quote) {
      row.clear();
      return Status::Ok();
    }
    if (!have_header) {
      table.header = std::move(row);
      have_header = true;
    } else if (row.size() != table.header.size()) {
      return Error::Invalid(std::string(what),
                            fmt::format("{}: line {} has {} fields, the header has {}", what,
                                        row_line, row.size(), table.header.size()));
    } else {
      table.rows.push_back(std::move(row));
      table.line_numbers.push_back(row_line);
    }
    row.clear();
    row_had_quote = false;
    return Status::Ok();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted = true;
      row_had_quote = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (Status s = finish_row(); !s.ok()) return s.error();
      ++line;
      row_line = line;
    } else {
      field += c;
    }
  }
  if (quoted) {
    return Error::Invalid(
        std::string(what),
        fmt::format("{}: unterminated quote starting on line {}", what, row_line));
  }
  if (!field.empty() || !row.empty() || row_had_quote) {
    if (Status s = finish_row(); !s.ok()) return s.error();
  }
  if (!have_header) {
    return Error::Invalid(std::string(what),
                          fmt::format("{}: empty file, expected a header", what));
  }
  return table;
}

void AppendCsvField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Unavailable(fmt::format("cannot read {}", path));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Error::Unavailable(fmt::format("error while reading {}", path));
  return buffer.str();
}

}  // namespace schakel::synth
