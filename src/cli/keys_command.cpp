// `schakel keys status|rotate`: the keys of field encryption. `status` lists the key ids, which
// one is current and how many ciphertexts each still protects. `rotate` adds a new current key
// when every ciphertext is already under the current one, then re-encrypts every encrypted field
// in batches. An interrupted rotation is finished by running `keys rotate` again: while
// ciphertexts under older keys remain, it adds no key and carries on with the one it made.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <set>

#include "app/key_rotation.h"
#include "cli/commands.h"

namespace schakel::cli {

namespace {

struct RotateOptions {
  int batch = 500;
  int max_batches = 0;  // hidden; for tests of an interrupted run
};

Result<security::KeyRing> OpenKeys(Context& ctx) {
  if (Status s = ctx.Open(); !s.ok()) return s.error();
  return security::LoadKeyFile(ctx.key_file());
}

std::string KeyList(const security::KeyRing& ring) {
  const std::vector<std::string> ids = ring.ids();
  std::string out;
  for (const std::string& id : ids) {
    std::vector<std::string> notes;
    if (id == ids.front()) notes.emplace_back("root");
    if (id == ring.current_id()) notes.emplace_back("current");
    out += (out.empty() ? "" : ", ") + id;
    if (!notes.empty()) out += fmt::format(" ({})", fmt::join(notes, ", "));
  }
  return out;
}

// Key ids to show: the ring's, then any a ciphertext names that the ring lacks ("?" = unreadable).
std::vector<std::string> KeyColumns(const security::KeyRing& ring,
                                    const std::vector<app::ColumnKeyUsage>& usage) {
  std::vector<std::string> ids = ring.ids();
  std::set<std::string> known(ids.begin(), ids.end());
  for (const app::ColumnKeyUsage& column : usage) {
    for (const auto& [id, count] : column.by_key) {
      if (known.insert(id).second) ids.push_back(id);
    }
  }
  return ids;
}

void PrintUsage(const security::KeyRing& ring, const std::vector<app::ColumnKeyUsage>& usage) {
  const std::vector<std::string> ids = KeyColumns(ring, usage);
  std::cout << fmt::format("{:<24}", "ciphertexts per key");
  for (const std::string& id : ids) std::cout << fmt::format(" {:>8}", id);
  std::cout << "\n";
  for (const app::ColumnKeyUsage& column : usage) {
    std::cout << fmt::format("{:<24}", column.column);
    for (const std::string& id : ids) {
      const auto it = column.by_key.find(id);
      std::cout << fmt::format(" {:>8}", it == column.by_key.end() ? 0 : it->second);
    }
    std::cout << "\n";
  }
}

// Keys that may go: neither the root (blind indexes and the audit chain derive from it) nor the
// current one, and no ciphertext names them any more.
std::vector<std::string> UnusedOldKeys(const security::KeyRing& ring,
                                       const std::vector<app::ColumnKeyUsage>& usage) {
  std::vector<std::string> unused;
  const std::vector<std::string> ids = ring.ids();
  for (const std::string& id : ids) {
    if (id == ids.front() || id == ring.current_id()) continue;
    bool used = false;
    for (const app::ColumnKeyUsage& column : usage) used = used || column.by_key.count(id) > 0;
    if (!used) unused.push_back(id);
  }
  return unused;
}

int ShowStatus(Context& ctx) {
  auto ring = OpenKeys(ctx);
  if (!ring) return Fail(ring.error());
  auto usage = app::KeyUsage(ctx.database());
  if (!usage) return Fail(usage.error());
  std::cout << fmt::format("key file: {}\nkeys: {}\n", ctx.key_file().string(), KeyList(*ring));
  PrintUsage(*ring, *usage);
  const int64_t old = app::CiphertextsNotUnder(*usage, ring->current_id());
  if (old == 0) {
    std::cout << fmt::format("every ciphertext is under the current key {}\n", ring->current_id());
  } else {
    std::cout << fmt::format("{} ciphertext(s) under other keys: run `schakel keys rotate`\n", old);
  }
  if (const auto unused = UnusedOldKeys(*ring, *usage); !unused.empty()) {
    std::cout << fmt::format(
        "no ciphertext needs key(s) {}: they may be removed from the key file once no backup "
        "made before the rotation has to be restored (keep a copy of the old key file with "
        "those backups)\n",
        fmt::join(unused, ", "));
  }
  return 0;
}

// A fresh current key, unless an earlier rotation is still unfinished: then that one goes on.
Result<security::KeyRing> KeyToRotateTo(Context& ctx, security::KeyRing ring,
                                        const app::Actor& actor) {
  auto usage = app::KeyUsage(ctx.database());
  if (!usage) return usage.error();
  if (const int64_t old = app::CiphertextsNotUnder(*usage, ring.current_id()); old > 0) {
    std::cout << fmt::format(
        "resuming: {} ciphertext(s) are not under the current key {} yet; no new key added\n", old,
        ring.current_id());
    return ring;
  }
  auto added = security::AddKeyToKeyFile(ctx.key_file(), security::SystemRandom());
  if (!added) return added.error();
  if (Status s =
          ctx.audit().Record(ctx.database(), actor.Event("keys.add", "key", added->current_id()));
      !s.ok()) {
    return s.error();
  }
  std::cout << fmt::format(
      "added key {} to {}; it is now the current key (restart running servers so they load it)\n",
      added->current_id(), ctx.key_file().string());
  return added;
}

int Summarise(const app::RotationReport& report) {
  std::cout << fmt::format("re-encrypted {} ciphertext(s) under key {} in {} batch(es)\n",
                           report.reencrypted(), report.key_id, report.batches);
  if (report.failed() > 0) {
    std::cerr << fmt::format(
        "schakel: {} ciphertext(s) did not decrypt (moved, altered, or their key is missing from "
        "the key file) and were left as they are:\n",
        report.failed());
    for (const app::ColumnRotation& c : report.columns) {
      for (const std::string& id : c.failed_ids) std::cerr << "  " << c.column << " " << id << "\n";
    }
    return 1;
  }
  if (!report.complete) {
    std::cout << "stopped before the end: run `schakel keys rotate` again to finish\n";
    return 0;
  }
  std::cout << fmt::format("every ciphertext is now under key {}\n", report.key_id);
  return 0;
}

int Rotate(Context& ctx, const RotateOptions& o) {
  if (o.batch < 1) return Fail(Error::Invalid("batch", "--batch must be at least 1"));
  if (o.max_batches < 0) return Fail(Error::Invalid("max-batches", "--max-batches must be >= 0"));
  const app::Actor actor = CliActor();
  auto ring = OpenKeys(ctx);
  if (!ring) return Fail(ring.error());
  auto target = KeyToRotateTo(ctx, std::move(ring).value(), actor);
  if (!target) return Fail(target.error());
  auto report = app::RotateFields(
      ctx.database(), *target, ctx.audit(), actor, o.batch, o.max_batches,
      [](const app::ColumnRotation& c) {
        std::cout << fmt::format("  {}: {} re-encrypted\n", c.column, c.reencrypted) << std::flush;
      });
  if (!report) return Fail(report.error());
  return Summarise(*report);
}

}  // namespace

void RegisterKeysCommands(CLI::App& root, Context& ctx, int& exit_code) {
  auto o = std::make_shared<RotateOptions>();
  CLI::App* keys = root.add_subcommand("keys", "Keys of field encryption: status and rotation");
  keys->require_subcommand(1);
  keys->add_subcommand("status", "Key ids, the current key, and ciphertexts per key id")
      ->callback([&ctx, &exit_code] { exit_code = ShowStatus(ctx); });
  CLI::App* rotate = keys->add_subcommand(
      "rotate",
      "Add a new current key (unless an earlier rotation is unfinished) and re-encrypt every "
      "encrypted field under it; run again to finish an interrupted rotation");
  rotate->add_option("--batch", o->batch, "Ciphertexts per transaction")->capture_default_str();
  rotate->add_option("--max-batches", o->max_batches, "Stop after this many batches (tests)")
      ->group("");
  rotate->callback([o, &ctx, &exit_code] { exit_code = Rotate(ctx, *o); });
}

}  // namespace schakel::cli
