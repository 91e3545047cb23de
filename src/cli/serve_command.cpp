// `schakel serve` and `schakel migrate`.
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "http/server.h"
#include "store/migrations.h"

namespace schakel::cli {

namespace {

struct ServeOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;
  int threads = 32;
  // The web pages' folder. Like --share-dir, it defaults to the repository's web/ folder (beside
  // data/), where scripts/install-deps has installed the CSS packages.
  std::string web_dir =
      (std::filesystem::path(SCHAKEL_DEFAULT_SHARE_DIR).parent_path() / "web").string();
  std::string theme_css;
  bool behind_tls = false;
};

// On an empty installation: the first administrator, with a one-time password printed once.
Status EnsureFirstAdmin(Context& ctx) {
  auto first = ctx.identity().EnsureFirstAdmin("SCHAKEL", "Beheer Schakel");
  if (!first) return first.error();
  if (*first) {
    std::cout << fmt::format(
                     "first administrator: user {}, one-time password {}\n"
                     "Eerste beheerder aangemaakt: gebruikersnaam {}, eenmalig wachtwoord {} — "
                     "alleen nu zichtbaar; bij de eerste keer inloggen kiest u een eigen "
                     "wachtwoord en stelt u de tweede factor in.\n",
                     (*first)->username, (*first)->one_time_password, (*first)->username,
                     (*first)->one_time_password)
              << std::flush;
  }
  return {};
}

// Blocks SIGINT/SIGTERM in every thread and waits for them on a dedicated thread, which stops the
// server. httplib's stop() closes the listening socket and lets workers finish requests in
// flight before listen returns.
int Serve(Context& ctx, const ServeOptions& opts) {
  if (!http::IsLoopback(opts.bind) && !opts.behind_tls) {
    return Fail(Error::Invalid(
        "bind", fmt::format("refusing to listen on {} without TLS: put a TLS-terminating proxy "
                            "in front and start with --behind-tls, or listen on 127.0.0.1",
                            opts.bind)));
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  if (Status s = ctx.Open(); !s.ok()) return Fail(s.error());
  if (Status s = EnsureFirstAdmin(ctx); !s.ok()) return Fail(s.error());
  http::HttpServer server(
      {opts.bind, opts.port, 1024 * 1024, opts.threads,
       opts.behind_tls || !http::IsLoopback(opts.bind)},
      {ctx.kader(), ctx.organisations(), ctx.identity(), ctx.audit_service(), ctx.persons(),
       ctx.signals(), ctx.training(), ctx.scan(), ctx.practices(), ctx.evidence(), ctx.matches(),
       ctx.insight(), ctx.cases(), ctx.shelters(), ctx.sharing(), ctx.conferences(),
       ctx.placements(), ctx.referrals()});
  if (Status s = server.ServeWebPages(opts.web_dir, opts.theme_css); !s.ok()) {
    return Fail(s.error());
  }
  if (Status s = server.Bind(); !s.ok()) return Fail(s.error());

  std::atomic<bool> done{false};
  std::thread waiter([&] {
    const timespec tick{0, 200 * 1000 * 1000};
    while (!done) {
      const int sig = sigtimedwait(&signals, nullptr, &tick);
      if (sig == SIGINT || sig == SIGTERM) {
        spdlog::info("signal {} received: finishing requests in flight, then stopping", sig);
        server.Stop();
        return;
      }
    }
  });
  const std::string host =
      opts.bind.find(':') != std::string::npos ? "[" + opts.bind + "]" : opts.bind;
  std::cout << fmt::format(
                   "Schakel draait op http://{}:{}/ (zelfevaluatie: /kader) — API: "
                   "http://{}:{}/api/v1/frameworks\n"
                   "Database: {}. Stoppen: Ctrl+C.\n",
                   host, server.port(), host, server.port(), ctx.database_file().string())
            << std::flush;
  server.Run();
  done = true;
  waiter.join();
  spdlog::info("stopped cleanly");
  return 0;
}

}  // namespace

void RegisterServeCommands(CLI::App& root, Context& ctx, int& exit_code) {
  auto opts = std::make_shared<ServeOptions>();
  CLI::App* serve = root.add_subcommand("serve", "Run the web server (API under /api/v1)");
  serve
      ->add_option("--bind", opts->bind,
                   "Address to listen on; other than loopback only with --behind-tls")
      ->envname("SCHAKEL_BIND")
      ->capture_default_str();
  serve->add_option("--port", opts->port, "Port to listen on; 0 picks a free one")
      ->envname("SCHAKEL_PORT")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve->add_option("--threads", opts->threads, "Worker threads")
      ->envname("SCHAKEL_THREADS")
      ->check(CLI::Range(2, 512))
      ->capture_default_str();
  serve
      ->add_option("--web-dir", opts->web_dir,
                   "Folder with the web pages' templates, texts and CSS (web/)")
      ->envname("SCHAKEL_WEB_DIR")
      ->capture_default_str();
  serve
      ->add_option("--theme-css", opts->theme_css,
                   "CSS file with your own design tokens, loaded after the default theme")
      ->envname("SCHAKEL_THEME_CSS");
  serve
      ->add_flag("--behind-tls", opts->behind_tls,
                 "A TLS-terminating proxy is in front: session cookies get the Secure flag")
      ->envname("SCHAKEL_BEHIND_TLS");
  serve->callback([&ctx, &exit_code, opts] { exit_code = Serve(ctx, *opts); });

  CLI::App* migrate = root.add_subcommand(
      "migrate", "Create or upgrade the database schema and load the framework versions");
  migrate->callback([&ctx, &exit_code] {
    if (Status s = ctx.Open(); !s.ok()) {
      exit_code = Fail(s.error());
      return;
    }
    auto conn = ctx.database().Acquire();
    auto version = store::SchemaVersion(*conn);
    if (!version) {
      exit_code = Fail(version.error());
      return;
    }
    std::cout << fmt::format("database {} is at schema version {}\n", ctx.database_file().string(),
                             *version);
  });
}

}  // namespace schakel::cli
