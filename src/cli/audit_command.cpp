// `schakel audit verify [--anchor SEQ:HASH]`: checks the audit trail's hash chain and names the
// first altered, deleted, inserted or reordered event. Exits 1 when the trail is not intact.
#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"

namespace schakel::cli {

namespace {

Result<std::optional<security::AuditAnchor>> ParseAnchor(const std::string& text) {
  if (text.empty()) return std::optional<security::AuditAnchor>();
  const size_t colon = text.find(':');
  if (colon == std::string::npos || text.size() - colon - 1 != 64) {
    return Error::Invalid("anchor", "use SEQUENCE:HASH as printed by an earlier `audit verify`");
  }
  try {
    return std::optional<security::AuditAnchor>(
        security::AuditAnchor{std::stoll(text.substr(0, colon)), text.substr(colon + 1)});
  } catch (const std::exception&) {
    return Error::Invalid("anchor", "use SEQUENCE:HASH as printed by an earlier `audit verify`");
  }
}

int Verify(Context& ctx, const std::string& anchor_text) {
  auto anchor = ParseAnchor(anchor_text);
  if (!anchor) return Fail(anchor.error());
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  auto db = ctx.database().Acquire();
  auto v = ctx.audit().Verify(*db, *anchor);
  if (!v) return Fail(v.error());
  if (v->finding) {
    std::cerr << fmt::format(
        "schakel: audit trail NOT intact: {} (event at position {}, "
        "sequence {})\n",
        v->finding->message, v->finding->index + 1, v->finding->sequence);
    return 1;
  }
  if (!v->last) {
    std::cout << "audit trail intact: no events yet\n";
    return 0;
  }
  std::cout << fmt::format("audit trail intact: {} events\nanchor for the next check: {}:{}\n",
                           v->events, v->last->sequence, v->last->hash);
  return 0;
}

}  // namespace

void RegisterAuditCommands(CLI::App& root, Context& ctx, int& exit_code) {
  auto anchor = std::make_shared<std::string>();
  CLI::App* audit = root.add_subcommand("audit", "The tamper-evident audit trail");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand("verify", "Check the hash chain of the audit trail");
  verify->add_option("--anchor", *anchor,
                     "SEQUENCE:HASH from an earlier check; detects events deleted at the end");
  verify->callback([anchor, &ctx, &exit_code] { exit_code = Verify(ctx, *anchor); });
}

}  // namespace schakel::cli
