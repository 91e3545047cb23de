#include "domain/csv.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace schakel {

int CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

namespace {

// Parses one record starting at pos; advances pos and line past it.
Result<std::vector<std::string>> ParseRecord(std::string_view text, size_t& pos, int& line) {
  std::vector<std::string> fields;
  std::string field;
  const int start_line = line;
  for (;;) {
    field.clear();
    if (pos < text.size() && text[pos] == '"') {
      ++pos;
      for (;;) {
        if (pos >= text.size()) {
          return Error::Invalid("",
                                fmt::format("line {}: a quoted field is not closed", start_line));
        }
        const char c = text[pos++];
        if (c == '"') {
          if (pos < text.size() && text[pos] == '"') {
            field += '"';
            ++pos;
          } else {
            break;
          }
        } else {
          if (c == '\n') ++line;
          field += c;
        }
      }
      if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
        return Error::Invalid("", fmt::format("line {}: text after a closing quote", line));
      }
    } else {
      while (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
        field += text[pos++];
      }
    }
    fields.push_back(field);
    if (pos >= text.size()) break;
    if (text[pos] == ',') {
      ++pos;
      continue;
    }
    if (text[pos] == '\r') ++pos;
    if (pos < text.size() && text[pos] == '\n') ++pos;
    ++line;
    break;
  }
  return fields;
}

bool IsBlank(const std::vector<std::string>& fields) {
  return fields.size() == 1 && fields[0].find_first_not_of(" \t") == std::string::npos;
}

}  // namespace

Result<CsvTable> ParseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  CsvTable table;
  size_t pos = 0;
  int line = 1;
  bool have_header = false;
  while (pos < text.size()) {
    const int row_line = line;
    auto fields = ParseRecord(text, pos, line);
    if (!fields) return fields.error();
    if (IsBlank(*fields)) continue;
    if (!have_header) {
      for (auto& h : *fields) {
        h.erase(0, h.find_first_not_of(' '));
        h.erase(h.find_last_not_of(' ') + 1);
      }
      table.header = std::move(*fields);
      have_header = true;
      continue;
    }
    if (fields->size() != table.header.size()) {
      return Error::Invalid("", fmt::format("line {}: {} fields, but the header has {}", row_line,
                                            fields->size(), table.header.size()));
    }
    table.rows.push_back({row_line, std::move(*fields)});
  }
  if (!have_header) return Error::Invalid("", "the file is empty: a header line is needed");
  return table;
}

Result<CsvTable> ReadCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Invalid("file", fmt::format("cannot read {}", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto t = ParseCsv(buffer.str());
  if (!t) {
    Error e = t.error();
    e.message = fmt::format("{}: {}", path, e.message);
    return e;
  }
  return t;
}

std::string CsvEscape(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace schakel
