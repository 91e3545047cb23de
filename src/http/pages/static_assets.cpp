#include "http/pages/static_assets.h"

#include <fmt/format.h>
#include <sodium.h>

#include <fstream>
#include <sstream>

namespace schakel::http::pages {

std::string ContentHash(std::string_view data) {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), nullptr, 0);
  std::string hex;
  for (size_t i = 0; i < 8; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

namespace {
std::string ContentType(const std::string& extension) {
  if (extension == "css") return "text/css; charset=utf-8";
  if (extension == "js") return "text/javascript; charset=utf-8";
  if (extension == "svg") return "image/svg+xml";
  if (extension == "png") return "image/png";
  if (extension == "woff2") return "font/woff2";
  return "application/octet-stream";
}
}  // namespace

Status StaticAssets::Add(const std::string& name, const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error::Unavailable(fmt::format("cannot read static file {}", file.string()));
  std::stringstream body;
  body << in.rdbuf();
  std::string extension = file.extension().string();
  if (!extension.empty()) extension.erase(0, 1);
  AddText(name, extension, body.str());
  return {};
}

void StaticAssets::AddText(const std::string& name, const std::string& extension,
                           std::string body) {
  const std::string file = fmt::format("{}.{}.{}", name, ContentHash(body), extension);
  by_name_[name] = {"/static/" + file, ContentType(extension), std::move(body)};
  name_by_file_[file] = name;
}

std::string StaticAssets::Url(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? std::string() : it->second.url;
}

const StaticAsset* StaticAssets::Find(const std::string& file_name) const {
  auto it = name_by_file_.find(file_name);
  if (it == name_by_file_.end()) return nullptr;
  return &by_name_.at(it->second);
}

}  // namespace schakel::http::pages
