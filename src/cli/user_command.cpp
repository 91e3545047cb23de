// `schakel user add|list|reset-password|reset-totp|disable|enable`: account management for the
// operator on the server (e.g. when the only administrator lost their second factor). Every
// change goes through the identity use cases and is audited as the operator ("cli:<os user>").
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.h"

namespace schakel::cli {

namespace {

struct UserOptions {
  std::string organisation;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
};

std::string RolesText(const std::set<app::Role>& roles) {
  std::string out;
  for (app::Role r : roles) out += (out.empty() ? "" : ",") + std::string(app::RoleName(r));
  return out;
}

int Add(Context& ctx, const UserOptions& o) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  app::NewUser user{o.organisation, o.username, o.display_name, {}};
  for (const std::string& name : o.roles) {
    app::Role role;
    if (!app::ParseRole(name, &role)) {
      return Fail(Error::Invalid("role", fmt::format("unknown role '{}'", name)));
    }
    user.roles.insert(role);
  }
  auto issued = ctx.identity().CreateUser(CliActor(), user);
  if (!issued) return Fail(issued.error());
  std::cout << fmt::format("created {} ({}, roles {}); one-time password: {}\n",
                           issued->user.username, issued->user.organisation,
                           RolesText(issued->user.roles), issued->one_time_password);
  return 0;
}

int List(Context& ctx, const std::string& organisation) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  auto users = ctx.identity().ListUsers(CliActor(), organisation);
  if (!users) return Fail(users.error());
  for (const auto& u : *users) {
    std::cout << fmt::format("{:<24} {:<30} {:<40} {}{}{}\n", u.username, u.display_name,
                             RolesText(u.roles), u.totp_enrolled ? "totp" : "-",
                             u.must_change_password ? " must-change-password" : "",
                             u.disabled ? " disabled" : "");
  }
  return 0;
}

// Runs `change` on the user named `username`.
template <typename F>
int OnUser(Context& ctx, const std::string& username, F change) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  auto user = ctx.identity().FindUserByName(CliActor(), username);
  if (!user) return Fail(user.error());
  return change(*user);
}

struct TokenOptions {
  std::string organisation;
  std::string label;
  std::vector<std::string> roles;
  std::vector<std::string> scopes;
  std::string expires;
};

int IssueToken(Context& ctx, const TokenOptions& o) {
  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  app::NewApiToken request{o.organisation, o.label, {}, {}, std::nullopt};
  for (const std::string& name : o.roles) {
    app::Role role;
    if (!app::ParseRole(name, &role)) {
      return Fail(Error::Invalid("role", fmt::format("unknown role '{}'", name)));
    }
    request.roles.insert(role);
  }
  for (const std::string& name : o.scopes) {
    const auto& all = app::AllActions();
    auto it = std::find_if(all.begin(), all.end(),
                           [&](app::Action a) { return name == app::ActionName(a); });
    if (it == all.end()) {
      return Fail(Error::Invalid("scope", fmt::format("unknown action '{}'", name)));
    }
    request.scopes.insert(*it);
  }
  if (!o.expires.empty()) request.expires_at = o.expires;
  auto issued = ctx.identity().IssueApiToken(CliActor(), request);
  if (!issued) return Fail(issued.error());
  std::cout << fmt::format("token {} for {} ({}), valid until {}:\n{}\n", issued->token.id,
                           issued->token.organisation, issued->token.label,
                           issued->token.expires_at, issued->secret);
  return 0;
}

}  // namespace

void RegisterTokenCommands(CLI::App& root, Context& ctx, int& exit_code) {
  CLI::App* token = root.add_subcommand("token", "API tokens for partner systems");
  token->require_subcommand(1);
  auto o = std::make_shared<TokenOptions>();
  CLI::App* issue =
      token->add_subcommand("issue", "Issue a token (printed once; stored only as a hash)");
  issue->add_option("--org", o->organisation, "Organisation the system acts for")->required();
  issue->add_option("--label", o->label, "What the token is for")->required();
  issue->add_option("--role", o->roles, "Role the system acts as, repeatable")->required();
  issue
      ->add_option("--scope", o->scopes,
                   "Action it may do, repeatable (view_assessment, create_person, …)")
      ->required();
  issue->add_option("--expires", o->expires, "Expiry date (default: in 90 days, at most a year)");
  issue->callback([&ctx, &exit_code, o] { exit_code = IssueToken(ctx, *o); });

  auto id = std::make_shared<std::string>();
  CLI::App* revoke = token->add_subcommand("revoke", "Revoke a token at once");
  revoke->add_option("id", *id, "Token id (as printed at issue)")->required();
  revoke->callback([&ctx, &exit_code, id] {
    if (Status s = ctx.Open(); !s.ok()) {
      exit_code = Fail(s.error());
      return;
    }
    auto revoked = ctx.identity().RevokeApiToken(CliActor(), *id);
    exit_code = revoked ? 0 : Fail(revoked.error());
    if (revoked) std::cout << fmt::format("token {} revoked\n", *id);
  });
}

void RegisterUserCommands(CLI::App& root, Context& ctx, int& exit_code) {
  CLI::App* user = root.add_subcommand("user", "Accounts: add, list, reset password or TOTP");
  user->require_subcommand(1);

  auto add_opts = std::make_shared<UserOptions>();
  CLI::App* add = user->add_subcommand(
      "add", "Create an account; prints a one-time password to hand over separately");
  add->add_option("--org", add_opts->organisation, "Organisation code (GM0363, SCHAKEL, …)")
      ->required();
  add->add_option("--username", add_opts->username, "Login name (a-z 0-9 . _ - @)")->required();
  add->add_option("--name", add_opts->display_name, "Name shown in the application")->required();
  add->add_option("--role", add_opts->roles,
                  "Role, repeatable: admin, policy_officer, signaller, care_coordinator, "
                  "chain_director, partner, monitor, auditor")
      ->required();
  add->callback([&ctx, &exit_code, add_opts] { exit_code = Add(ctx, *add_opts); });

  auto org = std::make_shared<std::string>();
  CLI::App* list = user->add_subcommand("list", "Accounts of one organisation");
  list->add_option("--org", *org, "Organisation code")->required();
  list->callback([&ctx, &exit_code, org] { exit_code = List(ctx, *org); });

  auto name = std::make_shared<std::string>();
  CLI::App* reset =
      user->add_subcommand("reset-password", "New one-time password (ends the user's sessions)");
  reset->add_option("username", *name, "Login name")->required();
  reset->callback([&ctx, &exit_code, name] {
    exit_code = OnUser(ctx, *name, [&](const app::UserView& u) {
      auto issued = ctx.identity().ResetPassword(CliActor(), u.id);
      if (!issued) return Fail(issued.error());
      std::cout << fmt::format("one-time password for {}: {}\n", u.username,
                               issued->one_time_password);
      return 0;
    });
  });

  CLI::App* totp = user->add_subcommand(
      "reset-totp", "Remove the second factor; the user enrols again at the next login");
  totp->add_option("username", *name, "Login name")->required();
  totp->callback([&ctx, &exit_code, name] {
    exit_code = OnUser(ctx, *name, [&](const app::UserView& u) {
      auto done = ctx.identity().ResetTotp(CliActor(), u.id);
      if (!done) return Fail(done.error());
      std::cout << fmt::format("second factor of {} removed\n", u.username);
      return 0;
    });
  });

  for (const bool disable : {true, false}) {
    CLI::App* cmd =
        user->add_subcommand(disable ? "disable" : "enable",
                             disable ? "Block logins (ends sessions)" : "Allow logins again");
    cmd->add_option("username", *name, "Login name")->required();
    cmd->callback([&ctx, &exit_code, name, disable] {
      exit_code = OnUser(ctx, *name, [&](const app::UserView& u) {
        auto done = ctx.identity().SetDisabled(CliActor(), u.id, disable);
        if (!done) return Fail(done.error());
        std::cout << fmt::format("{} {}\n", u.username, disable ? "disabled" : "enabled");
        return 0;
      });
    });
  }
}

}  // namespace schakel::cli
