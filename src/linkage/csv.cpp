#include "linkage/csv.h"

namespace schakel::linkage {
namespace {

Error At(std::size_t line, std::size_t column, const std::string& what) {
  return Error::Invalid(
      "line " + std::to_string(line),
      "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what);
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid.
std::size_t Utf8Length(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t len = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xe  ? 3
                    : (c >> 3) == 0x1e ? 4
                                       : 0;
  if (len == 0 || i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return 0;
  }
  if (len == 2 && c < 0xc2) return 0;  // overlong
  return len;
}

}  // namespace

Result<CsvTable> ParseCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  CsvTable table;
  std::vector<std::string> fields;
  std::string field;
  std::size_t line = 1, row_line = 1;
  bool in_quotes = false, was_quoted = false, row_has_content = false;
  std::size_t quote_line = 0;

  auto end_row = [&]() -> Status {
    fields.push_back(std::move(field));
    field.clear();
    bool blank = fields.size() == 1 && fields[0].empty() && !was_quoted;
    if (!blank) {
      if (table.header.empty()) {
        table.header = std::move(fields);
      } else if (fields.size() != table.header.size()) {
        return At(row_line, std::min(fields.size(), table.header.size()) + 1,
                  "expected " + std::to_string(table.header.size()) + " fields, found " +
                      std::to_string(fields.size()));
      } else {
        table.rows.push_back({row_line, std::move(fields)});
      }
    }
    fields.clear();
    was_quoted = false;
    row_has_content = false;
    return Status::Ok();
  };

  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          i += 2;
          continue;
        }
        in_quotes = false;
        ++i;
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          return At(line, fields.size() + 1, "unexpected character after a closing quote");
        }
        continue;
      }
      if (c == '\n') ++line;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      row_has_content = true;
      ++i;
      continue;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) {
        return At(line, fields.size() + 1, "carriage return without line feed");
      }
      i += c == '\r' ? 2 : 1;
      if (Status s = end_row(); !s.ok()) return s.error();
      row_line = ++line;
      continue;
    } else if (c == '"') {
      if (!field.empty()) return At(line, fields.size() + 1, "quote inside an unquoted field");
      in_quotes = was_quoted = true;
      quote_line = line;
      row_has_content = true;
      ++i;
      continue;
    }
    std::size_t len = Utf8Length(text, i);
    if (len == 0) return At(line, fields.size() + 1, "invalid UTF-8");
    if (!in_quotes && was_quoted) {
      return At(line, fields.size() + 1, "unexpected character after a closing quote");
    }
    field.append(text.substr(i, len));
    row_has_content = true;
    i += len;
  }
  if (in_quotes) return At(quote_line, fields.size() + 1, "quoted field is never closed");
  if (row_has_content || !field.empty() || !fields.empty()) {
    if (Status s = end_row(); !s.ok()) return s.error();
  }
  if (table.header.empty())
    return Error::Invalid("line 1", "line 1: the file is empty (no header)");
  return table;
}

std::string CsvField(std::string_view value) {
  bool quote = !value.empty() && (value.front() == ' ' || value.back() == ' ');
  for (char c : value) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') quote = true;
  }
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    out += CsvField(fields[i]);
  }
  out.push_back('\n');
  return out;
}

}  // namespace schakel::linkage
