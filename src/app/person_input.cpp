#include "app/person_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "app/organisation_service.h"
#include "security/text_fold.h"

namespace schakel::app {

namespace {

struct TextLimit {
  const char* field;
  std::optional<std::string> store::PersonIdentity::*member;
  std::size_t max_code_points;
};

constexpr std::array<TextLimit, 6> kTextLimits = {{
    {"given_names", &store::PersonIdentity::given_names, 200},
    {"family_name", &store::PersonIdentity::family_name, 200},
    {"address", &store::PersonIdentity::address, 500},
    {"phone", &store::PersonIdentity::phone, 32},
    {"document_number", &store::PersonIdentity::document_number, 64},
    {"notes", &store::PersonIdentity::notes, 10000},
}};

// Empty means "not given": forms send empty fields, and an empty ciphertext would still reveal
// that the field exists.
void DropEmpty(std::optional<std::string>& field) {
  if (!field) return;
  *field = TrimSpace(*field);
  if (field->empty()) field.reset();
}

Status CheckText(const store::PersonIdentity& in, const TextLimit& limit) {
  const auto& value = in.*limit.member;
  if (!value) return {};
  return CheckTextLimit(limit.field, *value, limit.max_code_points);
}

Status CheckPhone(const std::optional<std::string>& phone) {
  if (!phone) return {};
  for (char c : *phone) {
    const bool allowed =
        (c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-' || c == '(' || c == ')';
    if (!allowed) {
      return Error::Invalid("phone", "use digits, spaces, '+', '-' and brackets only");
    }
  }
  return {};
}

Status CheckGender(const std::optional<std::string>& gender) {
  if (!gender) return {};
  for (const char* g : {"female", "male", "x", "unknown"}) {
    if (*gender == g) return {};
  }
  return Error::Invalid("gender", "use female, male, x or unknown");
}

// Format only: the ISO list changes (and includes codes for stateless persons, XXA..XXC), so a
// fixed list here would refuse valid travel documents.
Status NormaliseNationality(std::optional<std::string>& nationality) {
  if (!nationality) return {};
  std::string& n = *nationality;
  for (char& c : n) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  const bool letters =
      n.size() == 3 && std::all_of(n.begin(), n.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!letters) return Error::Invalid("nationality", "use an ISO 3166 three-letter code (NLD)");
  return {};
}

Status NormaliseDateOfBirth(std::optional<std::string>& date, std::string_view today) {
  if (!date) return {};
  auto iso = IsoDateOf(*date);
  if (!iso) return Error::Invalid("date_of_birth", "use a real date like 1990-01-31");
  if (*iso > today) return Error::Invalid("date_of_birth", "the date of birth is in the future");
  if (*iso < "1900-01-01") return Error::Invalid("date_of_birth", "the date is before 1900");
  date = std::move(iso);
  return {};
}

}  // namespace

std::string TrimSpace(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

Status CheckTextLimit(std::string_view field, std::string_view value, std::size_t max_code_points) {
  const auto length = security::Utf8Length(value);
  if (!length) return Error::Invalid(std::string(field), "the text is not valid UTF-8");
  if (*length > max_code_points) {
    return Error::Invalid(std::string(field),
                          fmt::format("longer than {} characters", max_code_points));
  }
  return {};
}

std::optional<std::string> IsoDateOf(std::string_view text) {
  if (IsIsoDate(text)) return std::string(text);
  if (text.size() == 10 && text[2] == '-' && text[5] == '-') {
    const std::string iso =
        fmt::format("{}-{}-{}", text.substr(6, 4), text.substr(3, 2), text.substr(0, 2));
    if (IsIsoDate(iso)) return iso;
  }
  return std::nullopt;
}

Result<PersonInput> NormalisePersonInput(PersonInput in, std::string_view today) {
  store::PersonIdentity& id = in.identity;
  for (auto* field : {&id.given_names, &id.family_name, &id.date_of_birth, &id.address, &id.phone,
                      &id.document_number, &id.notes, &in.gender, &in.nationality}) {
    DropEmpty(*field);
  }
  if (in.organisation.empty()) return Error::Invalid("organisation", "name the organisation");
  for (const TextLimit& limit : kTextLimits) {
    if (Status s = CheckText(id, limit); !s.ok()) return s.error();
  }
  if (Status s = CheckPhone(id.phone); !s.ok()) return s.error();
  if (Status s = CheckGender(in.gender); !s.ok()) return s.error();
  if (Status s = NormaliseNationality(in.nationality); !s.ok()) return s.error();
  if (Status s = NormaliseDateOfBirth(id.date_of_birth, today); !s.ok()) return s.error();
  return in;
}

}  // namespace schakel::app
