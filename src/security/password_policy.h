// The password policy (ASVS V2.1): length 12..128 code points, not one repeated character, not a
// known common password, not containing the user name. CheckPassword returns every problem found,
// so the form can show them all at once; PolicyStatus turns them into a Status for the use case.
// CommonPasswords is the list from data/security/common-passwords.txt, compared case-insensitively.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "domain/result.h"

namespace schakel::security {

enum class PasswordProblem {
  kTooShort,          // fewer than min_length code points
  kTooLong,           // more than max_length code points
  kSingleCharacter,   // one character repeated ("aaaaaaaaaaaa")
  kCommon,            // on the common-password list (case-insensitive)
  kContainsUserName,  // contains the user name (case-insensitive)
  kInvalidUtf8,       // not valid UTF-8
};

// Machine-readable name ("too_short", ...), stable for the i18n layer.
const char* PasswordProblemCode(PasswordProblem problem);

struct PasswordPolicy {
  std::size_t min_length = 12;
  std::size_t max_length = 128;
  std::size_t min_user_name_length = 3;  // shorter user names are not checked (too many false hits)
};

// A set of common passwords, stored lower-case.
class CommonPasswords {
 public:
  CommonPasswords() = default;
  explicit CommonPasswords(const std::vector<std::string>& passwords);

  // Reads one password per line; blank lines and lines starting with '#' are skipped.
  static Result<CommonPasswords> Load(const std::filesystem::path& path);

  bool Contains(std::string_view password) const;
  std::size_t size() const { return set_.size(); }

 private:
  std::unordered_set<std::string> set_;
};

// Every problem with `password` for a user called `user_name`; empty means acceptable.
std::vector<PasswordProblem> CheckPassword(std::string_view password, std::string_view user_name,
                                           const CommonPasswords& common,
                                           const PasswordPolicy& policy = {});

// Ok when `problems` is empty, else kInvalid on field "password" listing the codes.
Status PolicyStatus(const std::vector<PasswordProblem>& problems);

}  // namespace schakel::security
