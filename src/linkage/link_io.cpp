#include "linkage/link_io.h"

#include <fmt/format.h>

#include <bit>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "linkage/csv.h"
#include "linkage/schema.h"

namespace schakel::linkage {
namespace {

constexpr std::string_view kEncodedHeader = "record_id,clk,present,sketches,blocking_keys";

Error AtLine(std::size_t line, std::size_t column, std::string_view column_name,
             const std::string& what) {
  return Error::Invalid(std::string(column_name), fmt::format("line {}, column {} ({}): {}", line,
                                                              column, column_name, what));
}

std::string Hex(const std::uint64_t* words, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += fmt::format("{:016x}", words[i]);
  return s;
}

bool ParseHexWords(std::string_view s, std::uint64_t* words, std::size_t n) {
  if (s.size() != n * 16) return false;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t v = 0;
    for (char c : s.substr(i * 16, 16)) {
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return false;
      v = v << 4 | static_cast<std::uint64_t>(d);
    }
    words[i] = v;
  }
  return true;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Unavailable("cannot read '" + path + "'");
  std::string text;
  for (char buf[65536]; in.read(buf, sizeof buf) || in.gcount() > 0;) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return Error::Unavailable("error while reading '" + path + "'");
  return text;
}

// Writes next to the target and renames, so readers never see a partial file.
Status WriteFileAtomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Error::Unavailable("cannot write '" + path + "'");
    out << text;
    if (!out.flush()) return Error::Unavailable("error while writing '" + path + "'");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Error::Unavailable("cannot write '" + path + "': " + ec.message());
  return Status::Ok();
}

Result<std::optional<LinkageKey>> OptionalKey(const std::string& key_file, bool needed) {
  if (key_file.empty() && !needed) return std::optional<LinkageKey>();
  Result<LinkageKey> key = LoadKeyFile(key_file);
  if (!key.ok()) return key.error();
  return std::optional<LinkageKey>(*key);
}

}  // namespace

Result<std::vector<PersonRecord>> ReadPersonCsv(std::string_view text) {
  Result<CsvTable> table = ParseCsv(text);
  if (!table.ok()) return table.error();
  const Schema schema = PersonSchema();
  // Where each schema field sits in the file.
  std::vector<std::size_t> column(schema.fields.size(), SIZE_MAX);
  std::size_t id_column = SIZE_MAX;
  for (std::size_t c = 0; c < table->header.size(); ++c) {
    const std::string& name = table->header[c];
    int f = schema.IndexOf(name);
    if (name == "record_id") {
      id_column = c;
    } else if (f >= 0) {
      column[static_cast<std::size_t>(f)] = c;
    } else {
      return AtLine(1, c + 1, name,
                    "unknown column; expected record_id,given_names,"
                    "family_name,date_of_birth,sex,nationality,place_of_birth");
    }
  }
  if (id_column == SIZE_MAX) return AtLine(1, 1, "record_id", "the header has no record_id");
  for (std::size_t f = 0; f < schema.fields.size(); ++f) {
    if (column[f] == SIZE_MAX) {
      return AtLine(1, table->header.size(), schema.fields[f].name, "column missing from header");
    }
  }
  std::vector<PersonRecord> records;
  records.reserve(table->rows.size());
  std::set<std::string_view> seen;
  for (const CsvRow& row : table->rows) {
    PersonRecord r;
    r.id = row.fields[id_column];
    if (r.id.empty()) return AtLine(row.line, id_column + 1, "record_id", "record_id is empty");
    for (std::size_t f = 0; f < schema.fields.size(); ++f) {
      r.values.push_back(row.fields[column[f]]);
      Result<std::vector<std::string>> tokens = FieldTokens(schema.fields[f], r.values.back());
      if (!tokens.ok()) {
        return AtLine(row.line, column[f] + 1, schema.fields[f].name, tokens.error().message);
      }
    }
    records.push_back(std::move(r));
    if (!seen.insert(records.back().id).second) {
      return AtLine(row.line, id_column + 1, "record_id",
                    "record_id '" + records.back().id + "' occurs more than once");
    }
  }
  return records;
}

bool IsEncodedCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text.starts_with(kEncodedHeader);
}

std::string WriteEncodedCsv(const std::vector<EncodedRecord>& records) {
  std::string out = std::string(kEncodedHeader) + "\n";
  for (const EncodedRecord& r : records) {
    std::string sketches, keys;
    for (const FieldSketch& s : r.sketches) sketches += Hex(s.words.data(), 2);
    for (std::uint64_t k : r.blocking_keys) {
      if (!keys.empty()) keys.push_back(' ');
      keys += Hex(&k, 1);
    }
    out += CsvLine(
        {r.id, Hex(r.clk.words.data(), kClkWords), fmt::format("{:x}", r.present), sketches, keys});
  }
  return out;
}

Result<std::vector<EncodedRecord>> ReadEncodedCsv(std::string_view text) {
  Result<CsvTable> table = ParseCsv(text);
  if (!table.ok()) return table.error();
  std::vector<EncodedRecord> records;
  for (const CsvRow& row : table->rows) {
    EncodedRecord r;
    r.id = row.fields[0];
    if (r.id.empty()) return AtLine(row.line, 1, "record_id", "record_id is empty");
    if (!ParseHexWords(row.fields[1], r.clk.words.data(), kClkWords)) {
      return AtLine(row.line, 2, "clk", "not a 1024-bit filter in hex");
    }
    for (std::uint64_t w : r.clk.words) r.popcount += static_cast<std::uint32_t>(std::popcount(w));
    std::uint64_t present = 0;
    if (row.fields[2].size() > 8 ||
        !ParseHexWords(std::string(16 - row.fields[2].size(), '0') + row.fields[2], &present, 1)) {
      return AtLine(row.line, 3, "present", "not a hexadecimal field mask");
    }
    r.present = static_cast<std::uint32_t>(present);
    const std::string& sk = row.fields[3];
    r.sketches.resize(sk.size() / 32);
    for (std::size_t f = 0; f < r.sketches.size(); ++f) {
      if (!ParseHexWords(std::string_view(sk).substr(f * 32, 32), r.sketches[f].words.data(), 2)) {
        return AtLine(row.line, 4, "sketches", "not hexadecimal field sketches");
      }
    }
    if (sk.size() % 32 != 0) return AtLine(row.line, 4, "sketches", "truncated field sketches");
    std::string_view keys = row.fields[4];
    while (!keys.empty()) {
      std::uint64_t k = 0;
      if (!ParseHexWords(keys.substr(0, 16), &k, 1)) {
        return AtLine(row.line, 5, "blocking_keys", "not hexadecimal blocking keys");
      }
      r.blocking_keys.push_back(k);
      keys.remove_prefix(std::min<std::size_t>(17, keys.size()));
    }
    records.push_back(std::move(r));
  }
  return records;
}

Result<std::vector<EncodedRecord>> LoadRecords(std::string_view text,
                                               const std::optional<LinkageKey>& key, int threads) {
  if (IsEncodedCsv(text)) return ReadEncodedCsv(text);
  Result<std::vector<PersonRecord>> people = ReadPersonCsv(text);
  if (!people.ok()) return people.error();
  if (!key) {
    return Error::Invalid("key-file",
                          "the input holds plaintext names: pass --key-file FILE with "
                          "the shared linkage secret (at least 32 bytes)");
  }
  return EncodeRecords(*key, PersonSchema(), *people, threads);
}

Result<std::string> RunEncode(std::string_view person_csv, const LinkageKey& key, int threads) {
  Result<std::vector<PersonRecord>> people = ReadPersonCsv(person_csv);
  if (!people.ok()) return people.error();
  Result<std::vector<EncodedRecord>> encoded = EncodeRecords(key, PersonSchema(), *people, threads);
  if (!encoded.ok()) return encoded.error();
  return WriteEncodedCsv(*encoded);
}

Result<std::string> RunDedup(std::string_view csv, const std::optional<LinkageKey>& key,
                             const MatchOptions& options) {
  Result<std::vector<EncodedRecord>> records = LoadRecords(csv, key, options.threads);
  if (!records.ok()) return records.error();
  DedupResult result = Deduplicate(*records, options);
  std::string out = "record_id,cluster_id,score\n";
  for (std::size_t i = 0; i < records->size(); ++i) {
    float cohesion = result.clustering.cohesion[i];
    out += CsvLine({(*records)[i].id, std::to_string(result.clustering.cluster[i] + 1),
                    cohesion < 0 ? std::string() : fmt::format("{:.3f}", cohesion)});
  }
  return out;
}

Result<std::string> RunMatch(std::string_view csv_a, std::string_view csv_b,
                             const std::optional<LinkageKey>& key, const MatchOptions& options) {
  Result<std::vector<EncodedRecord>> a = LoadRecords(csv_a, key, options.threads);
  if (!a.ok()) return Error::Invalid(a.error().field, "first file: " + a.error().message);
  Result<std::vector<EncodedRecord>> b = LoadRecords(csv_b, key, options.threads);
  if (!b.ok()) return Error::Invalid(b.error().field, "second file: " + b.error().message);
  LinkResult result = Link(*a, *b, options);
  const Schema schema = PersonSchema();
  std::string out = "a_record_id,b_record_id,score,explanation\n";
  for (const ScoredPair& m : result.matches) {
    const EncodedRecord& x = (*a)[m.a];
    const EncodedRecord& y = (*b)[m.b];
    out += CsvLine({x.id, y.id, fmt::format("{:.3f}", m.score),
                    FormatExplanation(Explain(schema, x, y, options.kernel))});
  }
  return out;
}

Status EncodeFile(const std::string& in, const std::string& key_file, const std::string& out,
                  int threads) {
  Result<LinkageKey> key = LoadKeyFile(key_file);
  if (!key.ok()) return key.error();
  Result<std::string> text = ReadFile(in);
  if (!text.ok()) return text.error();
  Result<std::string> encoded = RunEncode(*text, *key, threads);
  if (!encoded.ok())
    return Error::Invalid(encoded.error().field, in + ": " + encoded.error().message);
  return WriteFileAtomically(out, *encoded);
}

Status DedupFile(const std::string& in, const std::string& key_file, const std::string& out,
                 const MatchOptions& options) {
  Result<std::string> text = ReadFile(in);
  if (!text.ok()) return text.error();
  Result<std::optional<LinkageKey>> key = OptionalKey(key_file, !IsEncodedCsv(*text));
  if (!key.ok()) return key.error();
  Result<std::string> result = RunDedup(*text, *key, options);
  if (!result.ok()) return Error::Invalid(result.error().field, in + ": " + result.error().message);
  return WriteFileAtomically(out, *result);
}

Status MatchFiles(const std::string& a, const std::string& b, const std::string& key_file,
                  const std::string& out, const MatchOptions& options) {
  Result<std::string> text_a = ReadFile(a);
  if (!text_a.ok()) return text_a.error();
  Result<std::string> text_b = ReadFile(b);
  if (!text_b.ok()) return text_b.error();
  bool plaintext = !IsEncodedCsv(*text_a) || !IsEncodedCsv(*text_b);
  Result<std::optional<LinkageKey>> key = OptionalKey(key_file, plaintext);
  if (!key.ok()) return key.error();
  Result<std::string> result = RunMatch(*text_a, *text_b, *key, options);
  if (!result.ok()) return result.error();
  return WriteFileAtomically(out, *result);
}

}  // namespace schakel::linkage
