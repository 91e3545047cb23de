// StaticAssets: the CSS (and later images/scripts) the pages link to, served under
// /static/<name>.<hash>.<ext>. The hash is of the content, so a URL never changes meaning and
// browsers may cache it for a year ("immutable"); a new file gets a new URL. Files are read once
// at start and held in memory. Immutable after construction; safe for many threads.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "domain/result.h"

namespace schakel::http::pages {

struct StaticAsset {
  std::string url;           // "/static/utrecht.3f9a0c1d2e4b.css"
  std::string content_type;  // "text/css; charset=utf-8"
  std::string body;
};

class StaticAssets {
 public:
  // Reads `file` and registers it as logical `name` ("utrecht" → /static/utrecht.<hash>.css).
  Status Add(const std::string& name, const std::filesystem::path& file);
  // From text (tests).
  void AddText(const std::string& name, const std::string& extension, std::string body);

  // The URL of a registered asset, or "" when there is none.
  std::string Url(const std::string& name) const;
  // The asset behind a URL file name ("utrecht.3f9a0c1d2e4b.css"), or nullptr.
  const StaticAsset* Find(const std::string& file_name) const;

 private:
  std::map<std::string, StaticAsset> by_name_;
  std::map<std::string, std::string> name_by_file_;
};

// First 16 hex digits of BLAKE2b over `data`.
std::string ContentHash(std::string_view data);

}  // namespace schakel::http::pages
