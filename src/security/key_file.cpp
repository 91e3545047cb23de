// KeyRing parsing/serialising and the key file on disk. File checks are done on the open
// descriptor (fstat), not the path, so the file checked is the file read.
#include "security/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "security/encoding.h"

namespace schakel::security {
namespace {

constexpr std::string_view kHeader = "schakel-keys 1";
constexpr off_t kMaxFileSize = 64 * 1024;

// Closes a file descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

Error FileError(const std::filesystem::path& path, const std::string& what) {
  return Error::Unavailable("key file " + path.string() + ": " + what);
}

Status WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Error::Unavailable(std::string("write failed: ") + std::strerror(errno));
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::Ok();
}

// Makes the directory entry of a new or renamed file durable.
Status SyncDirectoryOf(const std::filesystem::path& path) {
  std::filesystem::path dir = path.parent_path();
  if (dir.empty()) dir = ".";
  FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) {
    return FileError(path, "cannot sync its directory " + dir.string());
  }
  return Status::Ok();
}

// Creates `path` with mode 0600 (O_EXCL: fails if it exists) and writes `text` durably.
Status CreateExclusive(const std::filesystem::path& path, std::string_view text) {
  FileDescriptor fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (fd.get() < 0) return FileError(path, std::string("cannot create: ") + std::strerror(errno));
  // The umask can only remove bits, but set the mode explicitly anyway.
  if (::fchmod(fd.get(), 0600) != 0) return FileError(path, "cannot set mode 0600");
  if (Status s = WriteAll(fd.get(), text); !s) return FileError(path, s.error().message);
  if (::fsync(fd.get()) != 0) return FileError(path, "fsync failed");
  return SyncDirectoryOf(path);
}

std::string Octal(unsigned int mode) {
  std::ostringstream out;
  out << std::oct << mode;
  return out.str();
}

void Lines(std::string_view text, std::vector<std::string>& out) {
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    out.push_back(line);
  }
}

}  // namespace

KeyRing::KeyRing(std::vector<Entry> entries, std::string current_id)
    : entries_(std::move(entries)), current_id_(std::move(current_id)) {
  if (entries_.empty() || Find(current_id_) == nullptr) {
    throw std::invalid_argument("KeyRing needs keys and a current key among them");
  }
}

KeyRing KeyRing::Generate(const RandomFill& random) {
  std::vector<Entry> entries;
  entries.push_back({"k1", SecretKey::Generate(random)});
  return KeyRing(std::move(entries), "k1");
}

bool KeyRing::IsValidKeyId(std::string_view id) {
  return !id.empty() && id.size() <= 16 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

Result<KeyRing> KeyRing::Parse(std::string_view text) {
  std::vector<std::string> lines;
  Lines(text, lines);
  if (lines.empty() || lines.front() != kHeader) {
    return Error::Invalid(
        "", "not a Schakel key file (first line must be '" + std::string(kHeader) + "')");
  }
  std::vector<Entry> entries;
  std::string current;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::istringstream words(lines[i]);
    std::string kind, id, value, extra;
    words >> kind >> id >> value >> extra;
    std::string where = "line '" + kind + " " + id + "'";
    if (kind == "key" && !value.empty() && extra.empty()) {
      if (!IsValidKeyId(id)) return Error::Invalid("", where + ": key id must be [a-z0-9]{1,16}");
      Result<Bytes> bytes = Base64Decode(value);
      if (!bytes || bytes->size() != SecretKey::kSize) {
        return Error::Invalid("", where + ": key must be 32 bytes in Base64");
      }
      for (const Entry& e : entries) {
        if (e.id == id) return Error::Invalid("", where + ": duplicate key id");
      }
      entries.push_back({id, SecretKey(std::span<const unsigned char, SecretKey::kSize>(
                                 bytes->data(), SecretKey::kSize))});
      Wipe(*bytes);
    } else if (kind == "current" && value.empty() && current.empty()) {
      current = id;
    } else {
      return Error::Invalid("", "unexpected line starting with '" + kind + "'");
    }
  }
  if (entries.empty()) return Error::Invalid("", "the key file has no keys");
  bool current_known =
      std::any_of(entries.begin(), entries.end(), [&](const Entry& e) { return e.id == current; });
  if (!current_known) return Error::Invalid("", "'current' must name one of the keys");
  return KeyRing(std::move(entries), current);
}

std::string KeyRing::Serialise() const {
  std::string out =
      "# Schakel key file: keys for the encrypted fields, blind indexes and audit chain.\n"
      "# Keep it secret (mode 0600), outside the database directory, and back it up separately:\n"
      "# without it the encrypted personal data cannot be read.\n";
  out += std::string(kHeader) + "\n";
  for (const Entry& e : entries_) out += "key " + e.id + " " + Base64Encode(e.key.bytes()) + "\n";
  out += "current " + current_id_ + "\n";
  return out;
}

KeyRing KeyRing::WithNewCurrentKey(const RandomFill& random) const {
  std::vector<Entry> entries = entries_;
  int n = static_cast<int>(entries.size()) + 1;
  // fmt rather than "k" + std::to_string(n): GCC 12 at -O3 reports a false -Wrestrict there.
  std::string id = fmt::format("k{}", n);
  while (Find(id) != nullptr) id = fmt::format("k{}", ++n);
  entries.push_back({id, SecretKey::Generate(random)});
  return KeyRing(std::move(entries), id);
}

const SecretKey& KeyRing::current() const {
  return *Find(current_id_);
}

const SecretKey* KeyRing::Find(std::string_view id) const {
  for (const Entry& e : entries_) {
    if (e.id == id) return &e.key;
  }
  return nullptr;
}

std::vector<std::string> KeyRing::ids() const {
  std::vector<std::string> out;
  for (const Entry& e : entries_) out.push_back(e.id);
  return out;
}

SecretKey KeyRing::Derived(KeyPurpose purpose) const {
  switch (purpose) {
    case KeyPurpose::kBlindIndex:
      return entries_.front().key.Derive("SchBlind", 1);
    case KeyPurpose::kAuditChain:
      return entries_.front().key.Derive("SchAudit", 1);
    case KeyPurpose::kCsrf:
      return entries_.front().key.Derive("SchCsrf_", 1);
    case KeyPurpose::kLinkage:
      return entries_.front().key.Derive("SchLink_", 1);
  }
  throw std::logic_error("unknown key purpose");
}

Result<KeyRing> LoadKeyFile(const std::filesystem::path& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return FileError(path, std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return FileError(path, "cannot stat");
  if (!S_ISREG(st.st_mode)) return FileError(path, "is not a regular file");
  if (st.st_uid != ::geteuid()) {
    // Whoever owns the file can replace the keys with ones they know.
    return FileError(path, "is owned by uid " + std::to_string(st.st_uid) +
                               ", not by the user running Schakel (uid " +
                               std::to_string(::geteuid()) + "); chown it to that user");
  }
  if ((st.st_mode & 077) != 0) {
    return FileError(path, "group or others have access (mode " + Octal(st.st_mode & 0777u) +
                               "); run: chmod 600 " + path.string());
  }
  if (st.st_size <= 0 || st.st_size > kMaxFileSize) {
    return FileError(
        path, "has the wrong size for a key file (" + std::to_string(st.st_size) + " bytes)");
  }
  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    ssize_t n = ::read(fd.get(), text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  text.resize(got);
  Result<KeyRing> ring = KeyRing::Parse(text);
  Wipe(text);
  if (!ring) return Error::Invalid("", "key file " + path.string() + ": " + ring.error().message);
  return ring;
}

Result<KeyRing> LoadOrCreateKeyFile(const std::filesystem::path& path, const RandomFill& random) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return LoadKeyFile(path);
  KeyRing ring = KeyRing::Generate(random);
  std::string text = ring.Serialise();
  Status created = CreateExclusive(path, text);
  Wipe(text);
  if (!created) {
    // Another process may have created it between the check and the create: load theirs.
    if (std::filesystem::exists(path, ec)) return LoadKeyFile(path);
    return created.error();
  }
  return ring;
}

Status SaveKeyFile(const std::filesystem::path& path, const KeyRing& ring) {
  std::filesystem::path temp = path;
  temp += ".new";
  std::error_code ec;
  std::filesystem::remove(temp, ec);
  std::string text = ring.Serialise();
  Status written = CreateExclusive(temp, text);
  Wipe(text);
  if (!written) return written;
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    return FileError(path, std::string("cannot replace: ") + std::strerror(errno));
  }
  return SyncDirectoryOf(path);
}

Result<KeyRing> AddKeyToKeyFile(const std::filesystem::path& path, const RandomFill& random) {
  Result<KeyRing> ring = LoadKeyFile(path);
  if (!ring) return ring.error();
  KeyRing rotated = ring->WithNewCurrentKey(random);
  if (Status saved = SaveKeyFile(path, rotated); !saved) return saved.error();
  return rotated;
}

}  // namespace schakel::security
