#include "cli/link_command.h"

#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "linkage/link_io.h"

namespace schakel::cli {
namespace {

struct LinkArgs {
  std::string input, second_input, key_file, out;
  double threshold = 0.75;
  int threads = 0;  // 0 = all cores
};

int Threads(const LinkArgs& args) {
  if (args.threads > 0) return args.threads;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

[[noreturn]] void Fail(const Error& error) {
  std::cerr << "schakel link: " << error.message << "\n";
  // CLI11_PARSE turns this into the exit code without printing anything more.
  throw CLI::RuntimeError(error.code == ErrorCode::kInvalid ? 2 : 1);
}

void Check(const Status& status) {
  if (!status.ok()) Fail(status.error());
}

linkage::MatchOptions Options(const LinkArgs& args) {
  linkage::MatchOptions options;
  options.threshold = args.threshold;
  options.threads = Threads(args);
  return options;
}

}  // namespace

void RegisterLinkCommands(CLI::App& root) {
  auto args = std::make_shared<LinkArgs>();
  CLI::App* link = root.add_subcommand(
      "link", "Privacy-preserving record linkage over CSV with a shared key (Bloom-filter CLKs)");
  link->require_subcommand(1);

  CLI::App* encode = link->add_subcommand("encode",
                                          "Encode person records (plaintext CSV) into "
                                          "keyed CLKs that can be shared for linkage");
  encode->add_option("input", args->input, "person CSV")->required()->check(CLI::ExistingFile);
  encode->add_option("--key-file", args->key_file, "shared secret, at least 32 bytes")->required();
  encode->add_option("--out", args->out, "encoded CSV to write")->required();
  encode->add_option("--threads", args->threads, "worker threads (default: all cores)");
  encode->callback([args] {
    Check(linkage::EncodeFile(args->input, args->key_file, args->out, Threads(*args)));
  });

  CLI::App* match = link->add_subcommand("match",
                                         "Link two files (plaintext or encoded) one-to-one; writes "
                                         "a_record_id,b_record_id,score,explanation");
  match->add_option("a", args->input, "first CSV")->required()->check(CLI::ExistingFile);
  match->add_option("b", args->second_input, "second CSV")->required()->check(CLI::ExistingFile);
  match->add_option("--key-file", args->key_file,
                    "shared secret (needed when an input holds plaintext)");
  match->add_option("--out", args->out, "matches CSV to write")->required();
  match
      ->add_option("--threshold", args->threshold,
                   "Match score threshold, 0..1 (default 0.75; see docs/linkage.md)")
      ->check(CLI::Range(0.0, 1.0));
  match->add_option("--threads", args->threads, "worker threads (default: all cores)");
  match->callback([args] {
    Check(linkage::MatchFiles(args->input, args->second_input, args->key_file, args->out,
                              Options(*args)));
  });

  CLI::App* dedup = link->add_subcommand(
      "dedup", "Group the records of one file into persons; writes record_id,cluster_id,score");
  dedup->add_option("input", args->input, "person CSV (plaintext or encoded)")
      ->required()
      ->check(CLI::ExistingFile);
  dedup->add_option("--key-file", args->key_file,
                    "shared secret (needed when the input holds plaintext)");
  dedup->add_option("--out", args->out, "clusters CSV to write")->required();
  dedup
      ->add_option("--threshold", args->threshold,
                   "Match score threshold, 0..1 (default 0.75; see docs/linkage.md)")
      ->check(CLI::Range(0.0, 1.0));
  dedup->add_option("--threads", args->threads, "worker threads (default: all cores)");
  dedup->callback([args] {
    Check(linkage::DedupFile(args->input, args->key_file, args->out, Options(*args)));
  });
}

}  // namespace schakel::cli
