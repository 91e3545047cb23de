#include "linkage/record_encoder.h"

#include <fmt/format.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <sodium.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>
#include <thread>

#include "linkage/birth_date.h"
#include "linkage/nationality.h"
#include "linkage/normalise.h"

namespace schakel::linkage {

// HMAC-SHA256 keyed once; re-initialising with a null key reuses the prepared key schedule.
class RecordEncoder::Hmac {
 public:
  explicit Hmac(const std::string& key) {
    mac_ = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    ctx_ = mac_ ? EVP_MAC_CTX_new(mac_) : nullptr;
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                           OSSL_PARAM_construct_end()};
    if (!ctx_ || EVP_MAC_init(ctx_, reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                              params) != 1) {
      throw std::runtime_error("OpenSSL HMAC-SHA256 unavailable");
    }
  }
  ~Hmac() {
    EVP_MAC_CTX_free(ctx_);
    EVP_MAC_free(mac_);
  }
  Hmac(const Hmac&) = delete;
  Hmac& operator=(const Hmac&) = delete;

  std::array<std::uint64_t, 4> Sign(std::string_view message) { return Sign(message, {}); }

  // HMAC of the concatenation a + b, without building it.
  std::array<std::uint64_t, 4> Sign(std::string_view a, std::string_view b) {
    unsigned char out[32];
    std::size_t len = 0;
    if (EVP_MAC_init(ctx_, nullptr, 0, nullptr) != 1 ||
        EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char*>(a.data()), a.size()) != 1 ||
        EVP_MAC_update(ctx_, reinterpret_cast<const unsigned char*>(b.data()), b.size()) != 1 ||
        EVP_MAC_final(ctx_, out, &len, sizeof out) != 1 || len != sizeof out) {
      throw std::runtime_error("HMAC-SHA256 failed");
    }
    std::array<std::uint64_t, 4> words;
    std::memcpy(words.data(), out, sizeof out);
    return words;
  }

 private:
  EVP_MAC* mac_ = nullptr;
  EVP_MAC_CTX* ctx_ = nullptr;
};

namespace {

void AddBigrams(std::string_view word, std::vector<std::string>& out) {
  if (word.empty()) return;
  // Padded with '_' so that first and last letters get bigrams of their own: "_j", "n_".
  char prev = '_';
  for (char c : word) {
    out.push_back({prev, c});
    prev = c;
  }
  out.push_back({prev, '_'});
}

Result<std::string> NormaliseSex(std::string_view value) {
  std::string v = NormaliseText(value);
  if (v.empty() || v == "u" || v == "o" || v == "unknown" || v == "onbekend") return std::string();
  if (v == "m" || v == "male" || v == "man") return std::string("m");
  if (v == "f" || v == "v" || v == "female" || v == "woman" || v == "vrouw") {
    return std::string("f");
  }
  if (v == "x") return std::string("x");
  return Error::Invalid("sex", "sex '" + std::string(value) + "' is not one of M, F (V), X or U");
}

std::vector<std::string> DateTokens(const BirthDate& d) {
  std::vector<std::string> t;
  if (d.empty()) return t;
  // Year, and two "half-year" tokens so that years one apart always share one of them.
  t.push_back(fmt::format("y{}", d.year));
  t.push_back(fmt::format("h{}", d.year / 2));
  t.push_back(fmt::format("h{}", (d.year + 1) / 2));
  if (d.month) t.push_back(fmt::format("m{}", d.month));
  if (d.day) {
    t.push_back(fmt::format("d{}", d.day));
    // Day and month as an unordered pair survive a day/month swap.
    int lo = std::min(d.day, d.month), hi = std::max(d.day, d.month);
    t.push_back(fmt::format("p{}.{}", lo, hi));
    t.push_back(fmt::format("q{}.{}", lo, hi));  // double weight
    t.push_back(fmt::format("f{}", d.year * 10000 + d.month * 100 + d.day));
  }
  return t;
}

// Bigrams are made of [a-z0-9_]: 37 × 37 possible ones per slot.
constexpr std::size_t kAlphabet = 37;
constexpr std::size_t kBigramsPerSlot = kAlphabet * kAlphabet;

int AlphabetIndex(char c) {
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '0' && c <= '9') return 26 + (c - '0');
  return c == '_' ? 36 : -1;
}

// Index of a two-character token in a slot's table, or -1 when it is not a bigram.
int BigramIndex(std::string_view token) {
  if (token.size() != 2) return -1;
  int a = AlphabetIndex(token[0]), b = AlphabetIndex(token[1]);
  return a < 0 || b < 0 ? -1 : a * static_cast<int>(kAlphabet) + b;
}

}  // namespace

Result<std::vector<std::string>> FieldTokens(const FieldSpec& field, std::string_view value) {
  std::vector<std::string> tokens;
  switch (field.kind) {
    case FieldKind::kGivenNames:
    case FieldKind::kText:
      for (const std::string& w : SplitGivenNames(value)) AddBigrams(w, tokens);
      break;
    case FieldKind::kFamilyName:
      AddBigrams(SplitFamilyName(value).core, tokens);
      break;
    case FieldKind::kBirthDate: {
      Result<BirthDate> d = ParseBirthDate(value);
      if (!d.ok()) return Error::Invalid(field.name, d.error().message);
      tokens = DateTokens(*d);
      break;
    }
    case FieldKind::kSex: {
      Result<std::string> s = NormaliseSex(value);
      if (!s.ok()) return Error::Invalid(field.name, s.error().message);
      if (!s->empty()) tokens.push_back(*s);
      break;
    }
    case FieldKind::kNationality: {
      Result<std::string> n = NormaliseNationality(value);
      if (!n.ok()) return Error::Invalid(field.name, n.error().message);
      if (!n->empty()) tokens.push_back(*n);
      break;
    }
    case FieldKind::kCode: {
      std::string code;
      for (char c : NormaliseText(value)) {
        if (c != ' ') code.push_back(c);
      }
      if (!code.empty()) tokens.push_back("=" + code);
      AddBigrams(code, tokens);
      break;
    }
  }
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  return tokens;
}

RecordEncoder::RecordEncoder(const LinkageKey& key, Schema schema)
    : hmac_(std::make_unique<Hmac>(key.bytes())),
      schema_(std::move(schema)),
      // One table per field, one for the shared name space, one for name skeletons.
      bigram_digests_((schema_.fields.size() + 2) * kBigramsPerSlot),
      bigram_known_(bigram_digests_.size()) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::array<std::uint64_t, 4> derived = hmac_->Sign("\x01schakel-linkage-blocking-v1");
  std::memcpy(blocking_key_.data(), derived.data(), blocking_key_.size());
}

RecordEncoder::~RecordEncoder() = default;

RecordEncoder::Digest RecordEncoder::TokenDigest(std::size_t slot, std::string_view domain,
                                                 std::string_view token, bool few_values) {
  int bigram = BigramIndex(token);
  if (bigram >= 0) {
    std::size_t i = slot * kBigramsPerSlot + static_cast<std::size_t>(bigram);
    if (!bigram_known_[i]) {
      bigram_digests_[i] = hmac_->Sign(domain, token);
      bigram_known_[i] = true;
    }
    return bigram_digests_[i];
  }
  if (!few_values) return hmac_->Sign(domain, token);
  std::string key(1, static_cast<char>(slot));
  key.append(token);
  auto it = small_digests_.find(key);
  if (it != small_digests_.end()) return it->second;
  if (small_digests_.size() > 65536) small_digests_.clear();  // bounded whatever the input
  return small_digests_.emplace(std::move(key), hmac_->Sign(domain, token)).first->second;
}

std::uint64_t RecordEncoder::BlockingKey(std::string_view material) {
  unsigned char out[crypto_shorthash_BYTES];
  crypto_shorthash(out, reinterpret_cast<const unsigned char*>(material.data()), material.size(),
                   blocking_key_.data());
  std::uint64_t v;
  std::memcpy(&v, out, sizeof v);
  return v;
}

namespace {

// Double hashing: positions h1 + i·h2 (mod 1024) for i in [from, to).
void SetBits(const std::array<std::uint64_t, 4>& d, int from, int to, Clk& clk) {
  const std::uint64_t step = d[1] | 1u;
  for (int i = from; i < to; ++i) {
    std::uint64_t pos = (d[0] + static_cast<std::uint64_t>(i) * step) % kClkBits;
    clk.words[pos / 64] |= std::uint64_t{1} << (pos % 64);
  }
}

}  // namespace

Result<EncodedRecord> RecordEncoder::Encode(const PersonRecord& record) {
  EncodedRecord out;
  out.id = record.id;
  out.sketches.resize(schema_.fields.size());
  std::vector<std::vector<std::string>> all_tokens(schema_.fields.size());
  for (std::size_t f = 0; f < schema_.fields.size(); ++f) {
    const FieldSpec& spec = schema_.fields[f];
    const std::string field_domain = spec.name + ":";
    // Everything but full dates and codes takes few distinct values: cache those HMACs.
    const bool few_values = spec.kind == FieldKind::kSex || spec.kind == FieldKind::kNationality ||
                            spec.kind == FieldKind::kBirthDate;
    Result<std::vector<std::string>> tokens = FieldTokens(spec, record.values[f]);
    if (!tokens.ok()) return tokens.error();
    if (!tokens->empty()) out.present |= 1u << f;
    // A name's weight should not grow with its length: "Blessing" (9 bigrams) would otherwise
    // outweigh "Okoro" (6). Names set about as many bits as a name of kNameBigrams bigrams.
    bool is_name = spec.kind == FieldKind::kGivenNames || spec.kind == FieldKind::kFamilyName;
    int hashes = spec.hashes;
    if (is_name && !tokens->empty()) {
      constexpr int kNameBigrams = 6;
      hashes = std::clamp(
          static_cast<int>((spec.hashes * kNameBigrams * 2 + static_cast<int>(tokens->size())) /
                           (2 * static_cast<int>(tokens->size()))),
          (spec.hashes + 1) / 2, spec.hashes * 2);
    }
    // "p1.1": the day-month pair of 1 January.
    const bool first_january = spec.kind == FieldKind::kBirthDate &&
                               std::find(tokens->begin(), tokens->end(), "p1.1") != tokens->end();
    for (const std::string& token : *tokens) {
      // The field name is part of the hashed message, so "jan" as a place and as a name set
      // different bits. Names are the exception for two thirds of their bits: those go to a
      // space shared by given and family names, because the order of names is often confused
      // (Chinese, Vietnamese, Arabic names; forms filled in the wrong boxes).
      int shared = is_name ? (2 * hashes + 2) / 3 : 0;
      Digest name_digest{};
      if (shared > 0) {
        name_digest = TokenDigest(schema_.fields.size(), "\x02name:", token, false);
        SetBits(name_digest, 0, shared, out.clk);
      }
      const Digest d =
          TokenDigest(f, field_domain, token, few_values && !(token[0] == 'f' && token.size() > 4));
      SetBits(d, shared, hashes, out.clk);
      // Name sketches share one space too, so that a given name can be compared with a family
      // name written in the wrong box (PairScorer compares them crosswise).
      const Digest& sd = shared > 0 ? name_digest : d;
      if (spec.kind == FieldKind::kBirthDate) {
        // The year tokens in the first word, day and month in the second, so that PairScorer
        // can tell a year off by one from a swapped day and month. 1 January is what many
        // registrations write when only the year is known: its day and month are left out.
        bool year = token[0] == 'y' || token[0] == 'h';
        if (year || !first_january) {
          out.sketches[f].words[year ? 0 : 1] |= std::uint64_t{1} << (sd[2] % 64);
        }
        continue;
      }
      // Names: the spelling in the first word, the romanisation skeleton in the second.
      std::size_t word = is_name ? 0 : sd[2] % 128 / 64;
      out.sketches[f].words[word] |= std::uint64_t{1} << (sd[2] % 64);
    }
    if (is_name) {
      // The skeleton of each word ("Sjevtsjenko" and "Shevchenko" alike): sketch only, so the
      // CLK (and so blocking and the Dice of schemas without field evidence) is unchanged.
      std::vector<std::string> words =
          spec.kind == FieldKind::kGivenNames
              ? SplitGivenNames(record.values[f])
              : std::vector<std::string>{SplitFamilyName(record.values[f]).core};
      std::vector<std::string> skeleton;
      for (const std::string& w : words) AddBigrams(RomanisationSkeleton(w), skeleton);
      for (const std::string& token : skeleton) {
        const Digest sd = TokenDigest(schema_.fields.size() + 1, "\x03skeleton:", token, false);
        out.sketches[f].words[1] |= std::uint64_t{1} << (sd[2] % 64);
      }
    }
    all_tokens[f] = std::move(*tokens);
  }
  for (std::uint64_t w : out.clk.words)
    out.popcount += static_cast<std::uint32_t>(std::popcount(w));
  out.blocking_keys = BlockingKeys(all_tokens, record);
  return out;
}

std::vector<std::uint64_t> RecordEncoder::BlockingKeys(
    const std::vector<std::vector<std::string>>& tokens, const PersonRecord& record) {
  std::string given, family, year, monthday;
  int gi = schema_.IndexOfKind(FieldKind::kGivenNames);
  int fi = schema_.IndexOfKind(FieldKind::kFamilyName);
  int di = schema_.IndexOfKind(FieldKind::kBirthDate);
  std::string given_word, family_core, given_skeleton, family_skeleton;
  if (gi >= 0) {
    std::vector<std::string> words = SplitGivenNames(record.values[static_cast<std::size_t>(gi)]);
    if (!words.empty()) {
      given_word = words.front();
      given = PhoneticCode(given_word);
      given_skeleton = RomanisationSkeleton(given_word);
    }
  }
  if (fi >= 0) {
    family_core = SplitFamilyName(record.values[static_cast<std::size_t>(fi)]).core;
    family = PhoneticCode(family_core);
    family_skeleton = RomanisationSkeleton(family_core);
  }
  if (di >= 0) {
    for (const std::string& t : tokens[static_cast<std::size_t>(di)]) {
      if (t[0] == 'y') year = t;
      if (t[0] == 'p') monthday = t;
    }
  }
  std::vector<std::uint64_t> keys;
  // Several keys, so that a pair is found when any one survives the errors in the data. Names
  // are used in either order, so that swapped given and family names still meet.
  if (!given.empty() && !family.empty()) {
    keys.push_back(BlockingKey("gf:" + std::min(given, family) + "|" + std::max(given, family)));
  }
  for (int which = 0; which < 2; ++which) {
    const std::string& name = which == 0 ? given : family;
    const std::string& other = which == 0 ? family : given;
    if (name.empty()) continue;
    // Name and birth year, narrowed by the other name's initial: "Mohammed, 1990" alone would
    // make a block of thousands in a national data set.
    std::string initial = other.empty() ? std::string() : other.substr(0, 1);
    if (!year.empty()) keys.push_back(BlockingKey("ny:" + name + "|" + year + "|" + initial));
    if (!monthday.empty()) keys.push_back(BlockingKey("nd:" + name + "|" + monthday));
  }
  if (!year.empty() && !monthday.empty()) keys.push_back(BlockingKey("dm:" + year + monthday));
  // Without a date of birth only the name pair above is left, and a married name or another
  // transliteration breaks it: each name with nationality and sex, and the romanisation
  // skeletons of both names (unordered), keep such pairs in reach. Very common names make big
  // blocks, which max_block_size skips; the pairs in them still meet through their other keys.
  std::string nationality_sex;
  for (FieldKind kind : {FieldKind::kNationality, FieldKind::kSex}) {
    int k = schema_.IndexOfKind(kind);
    if (k >= 0 && !tokens[static_cast<std::size_t>(k)].empty()) {
      nationality_sex += tokens[static_cast<std::size_t>(k)].front();
    }
    nationality_sex += '|';
  }
  if (nationality_sex.size() > 3) {
    // The spelling itself, not the phonetic code: a phonetic code with only nationality and sex
    // beside it makes blocks of thousands in a national data set.
    if (!given_word.empty())
      keys.push_back(BlockingKey("gn:" + given_word + "|" + nationality_sex));
    if (!family_core.empty()) {
      keys.push_back(BlockingKey("fn:" + family_core + "|" + nationality_sex));
    }
  }
  if (!given_skeleton.empty() && !family_skeleton.empty()) {
    keys.push_back(BlockingKey("sk:" + std::min(given_skeleton, family_skeleton) + "|" +
                               std::max(given_skeleton, family_skeleton)));
  }
  // Short codes (postcode, house number) of extra fields: each with either name, and all of
  // them together, so that records with a missing date and mistyped names still meet.
  std::string all_codes;
  int num_codes = 0;
  for (std::size_t f = 0; f < schema_.fields.size(); ++f) {
    if (schema_.fields[f].kind != FieldKind::kCode) continue;
    for (const std::string& t : tokens[f]) {
      if (t[0] != '=') continue;
      all_codes += schema_.fields[f].name + t;
      ++num_codes;
      for (const std::string& name : {given, family}) {
        if (!name.empty())
          keys.push_back(BlockingKey("cn:" + schema_.fields[f].name + t + "|" + name));
      }
    }
  }
  if (num_codes >= 2) keys.push_back(BlockingKey("cc:" + all_codes));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

Result<std::vector<EncodedRecord>> EncodeRecords(const LinkageKey& key, const Schema& schema,
                                                 const std::vector<PersonRecord>& records,
                                                 int threads) {
  std::size_t n = records.size();
  std::size_t workers = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), 1,
                                                std::max<std::size_t>(n / 1024, 1));
  std::vector<EncodedRecord> out(n);
  std::vector<std::size_t> first_error(workers, n);
  std::vector<Error> errors(workers);
  auto work = [&](std::size_t w) {
    RecordEncoder encoder(key, schema);
    for (std::size_t i = w * n / workers; i < (w + 1) * n / workers; ++i) {
      Result<EncodedRecord> r = encoder.Encode(records[i]);
      if (!r.ok()) {
        first_error[w] = i;
        errors[w] = r.error();
        return;
      }
      out[i] = std::move(r).value();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(work, w);
  work(0);
  for (std::thread& t : pool) t.join();
  for (std::size_t w = 0; w < workers; ++w) {
    if (first_error[w] < n) {
      Error e = errors[w];
      e.message = "record " + std::to_string(first_error[w] + 1) + " ('" +
                  records[first_error[w]].id + "'): " + e.message;
      return e;
    }
  }
  return out;
}

}  // namespace schakel::linkage
