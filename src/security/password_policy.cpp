// The policy checks. Lengths are in code points so that "wachtwoord" in any script counts fairly.
#include "security/password_policy.h"

#include <fstream>

#include "security/text_fold.h"

namespace schakel::security {
namespace {

// REQUIRES: valid UTF-8.
bool IsOneRepeatedCodePoint(std::string_view text) {
  if (text.empty()) return false;
  auto lead = static_cast<unsigned char>(text.front());
  std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  std::string_view first = text.substr(0, n);
  for (std::size_t i = n; i < text.size(); i += n) {
    if (text.substr(i, n) != first) return false;
  }
  return true;
}

}  // namespace

const char* PasswordProblemCode(PasswordProblem problem) {
  switch (problem) {
    case PasswordProblem::kTooShort:
      return "too_short";
    case PasswordProblem::kTooLong:
      return "too_long";
    case PasswordProblem::kSingleCharacter:
      return "single_character";
    case PasswordProblem::kCommon:
      return "common";
    case PasswordProblem::kContainsUserName:
      return "contains_user_name";
    case PasswordProblem::kInvalidUtf8:
      return "invalid_utf8";
  }
  return "unknown";
}

CommonPasswords::CommonPasswords(const std::vector<std::string>& passwords) {
  for (const auto& p : passwords) {
    if (Utf8Length(p)) set_.insert(FoldCase(p));
  }
}

Result<CommonPasswords> CommonPasswords::Load(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Error::Unavailable("cannot read the common-password list " + path.string());
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    lines.push_back(line);
  }
  if (lines.empty())
    return Error::Unavailable("the common-password list " + path.string() + " is empty");
  return CommonPasswords(lines);
}

bool CommonPasswords::Contains(std::string_view password) const {
  if (!Utf8Length(password)) return false;
  return set_.contains(FoldCase(password));
}

std::vector<PasswordProblem> CheckPassword(std::string_view password, std::string_view user_name,
                                           const CommonPasswords& common,
                                           const PasswordPolicy& policy) {
  std::optional<std::size_t> length = Utf8Length(password);
  if (!length) return {PasswordProblem::kInvalidUtf8};
  std::vector<PasswordProblem> problems;
  if (*length < policy.min_length) problems.push_back(PasswordProblem::kTooShort);
  if (*length > policy.max_length) problems.push_back(PasswordProblem::kTooLong);
  if (IsOneRepeatedCodePoint(password)) {
    problems.push_back(PasswordProblem::kSingleCharacter);
  }
  if (*length > 0 && common.Contains(password)) problems.push_back(PasswordProblem::kCommon);
  std::optional<std::size_t> user_length = Utf8Length(user_name);
  if (user_length && *user_length >= policy.min_user_name_length &&
      FoldCase(password).find(FoldCase(user_name)) != std::string::npos) {
    problems.push_back(PasswordProblem::kContainsUserName);
  }
  return problems;
}

Status PolicyStatus(const std::vector<PasswordProblem>& problems) {
  if (problems.empty()) return Status::Ok();
  std::string codes;
  for (PasswordProblem p : problems) {
    if (!codes.empty()) codes += ", ";
    codes += PasswordProblemCode(p);
  }
  return Error::Invalid("password", "password does not meet the policy: " + codes);
}

}  // namespace schakel::security
