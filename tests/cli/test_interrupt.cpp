// Interrupted runs: SIGINT or SIGTERM at spread-out moments of `generate` and `dump` leaves every
// output either as it was or complete and new, no temp file behind, no throwaway cluster
// running, and a rerun finishes the job.
#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>

#include "support/bad_input.hpp"
#include "util/fs.hpp"

namespace fs = std::filesystem;
using namespace sqlgen;
using namespace sqlgen::testing;

namespace {

using Files = std::map<std::string, std::string>;  // relative path -> content

/// Every regular file under `dir` with its content (symlinks and directories left out).
Files read_tree(const fs::path& dir) {
  Files out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    out[fs::relative(it->path(), dir).generic_string()] =
        util::read_file(it->path()).text.value_or("<unreadable>");
  }
  return out;
}

/// The example app (sqlgen.yaml, migrations, queries, templates) copied into `dir`.
void copy_example_app(const fs::path& dir) {
  const fs::path root = fs::path(SQLGEN_TESTS_DIR).parent_path();
  fs::create_directories(dir);
  fs::copy_file(root / "sqlgen.yaml", dir / "sqlgen.yaml");
  for (const char* sub : {"migrations", "queries", "templates"}) {
    fs::copy(root / sub, dir / sub, fs::copy_options::recursive);
  }
}

/// A change to the inputs that changes several outputs: a query in two modules.
void change_queries(const fs::path& dir) {
  for (const char* module : {"identity", "billing"}) {
    fs::path first;
    for (const auto& e : fs::directory_iterator(dir / "queries" / module)) {
      if (e.path().extension() == ".sql" && (first.empty() || e.path() < first)) first = e.path();
    }
    REQUIRE(!first.empty());
    std::string text = util::read_file(first).text.value_or("");
    text += "\n-- name: InterruptProbe :one\nSELECT 1 AS probe;\n";
    REQUIRE(util::write_file_atomic(first, text).empty());
  }
}

/// Seconds-scale moments spread over [0, span]: trial i of n at i/n of it, jittered.
std::chrono::microseconds moment(size_t i, size_t n, std::chrono::microseconds span,
                                 std::mt19937& rng) {
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  double at = (static_cast<double>(i) + jitter(rng)) / static_cast<double>(n);
  return std::chrono::microseconds(static_cast<int64_t>(at * static_cast<double>(span.count())));
}

/// An interrupted run ended by the signal, by its handler's exit code or normally; never as a
/// crash or an internal error.
bool ended_cleanly(const SpawnResult& r, int sig) {
  if (r.timed_out) return false;
  if (r.signal != 0) return r.signal == sig;
  return r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 128 + sig;
}

/// Directories and processes of throwaway clusters under `base` that are still there.
std::vector<std::string> leftovers(const fs::path& base) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(base, ec)) out.push_back(e.path().string());
  if (DIR* proc = ::opendir("/proc")) {
    while (dirent* d = ::readdir(proc)) {
      std::string cmdline =
          util::read_file(fs::path("/proc") / d->d_name / "cmdline").text.value_or("");
      for (char& c : cmdline) c = c == '\0' ? ' ' : c;
      if (cmdline.find(base.string()) != std::string::npos) out.push_back("pid " + cmdline);
    }
    ::closedir(proc);
  }
  return out;
}

}  // namespace

TEST_CASE("SIGINT/SIGTERM during generate: old files or complete new ones, no temp files",
          "[cli][interrupt]") {
  util::TempDir tmp("sqlgen-int");
  // The outputs before and after the change, from uninterrupted runs.
  const fs::path before_dir = tmp.path() / "before";
  copy_example_app(before_dir);
  REQUIRE(spawn_sqlgen({"generate"}, before_dir).exit_code == 0);
  const Files old_files = read_tree(before_dir);
  const fs::path after_dir = tmp.path() / "after";
  fs::copy(before_dir, after_dir, fs::copy_options::recursive);
  change_queries(after_dir);
  const Files unchanged_inputs = read_tree(after_dir);
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(spawn_sqlgen({"generate"}, after_dir).exit_code == 0);
  const auto span =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  const Files new_files = read_tree(after_dir);
  REQUIRE(new_files != unchanged_inputs);

  std::mt19937 rng(20261204);
  constexpr size_t k_trials = 50;
  size_t interrupted = 0;
  for (size_t i = 0; i < k_trials; ++i) {
    const fs::path dir = tmp.path() / ("trial" + std::to_string(i));
    fs::copy(before_dir, dir, fs::copy_options::recursive);
    change_queries(dir);
    SpawnOptions options;
    options.signal = i % 2 ? SIGTERM : SIGINT;
    options.signal_after = moment(i, k_trials, span, rng);
    INFO("trial " << i << ", signal " << options.signal << " after " << options.signal_after.count()
                  << " us of " << span.count());
    SpawnResult r = spawn_sqlgen({"generate"}, dir, options);
    INFO("exit " << r.exit_code << " signal " << r.signal << "\n" << r.err);
    CHECK(ended_cleanly(r, options.signal));
    if (r.signal != 0 || r.exit_code != 0) ++interrupted;
    // Every file is the old one or the new one, whole; nothing else is there.
    for (const auto& [rel, content] : read_tree(dir)) {
      INFO(rel);
      auto old_it = old_files.find(rel);
      auto new_it = new_files.find(rel);
      const bool is_old = old_it != old_files.end() && old_it->second == content;
      const bool is_new = new_it != new_files.end() && new_it->second == content;
      const bool is_input = unchanged_inputs.count(rel) && unchanged_inputs.at(rel) == content;
      CHECK((is_old || is_new || is_input));
    }
    // A rerun completes the job.
    REQUIRE(spawn_sqlgen({"generate"}, dir).exit_code == 0);
    CHECK(read_tree(dir) == new_files);
    fs::remove_all(dir);
  }
  // The moments must reach into the run, or the test proves nothing.
  CHECK(interrupted > 0);
}

// This test found a race (1 run in 3): a signal while the data directory was being made left
// the cluster's directory behind, as the handler removed the tree while another thread still
// copied into it and initdb could start unregistered. util/signal_cleanup.cpp now removes until
// the top is gone and pg/'s spawn holds each child at a gate until it is registered.
TEST_CASE("SIGINT/SIGTERM during dump: the old dump or the new one, and no cluster left",
          "[cli][interrupt][pg]") {
  util::TempDir tmp("sqlgen-int-dump");
  fs::permissions(tmp.path(), fs::perms::others_read | fs::perms::others_exec,
                  fs::perm_options::add);
  const fs::path pgtmp = tmp.path() / "pg";
  fs::create_directories(pgtmp);
  fs::permissions(pgtmp, fs::perms::all | fs::perms::sticky_bit);
  const fs::path dir = tmp.path() / "p";
  fs::create_directories(dir / "migrations");
  REQUIRE(util::write_file_atomic(dir / "sqlgen.yaml",
                                  "version: \"1\"\noutput: gen\nmodules:\n  - name: app\n"
                                  "    migrations: migrations\n")
              .empty());
  REQUIRE(util::write_file_atomic(dir / "migrations/001_init.sql",
                                  "-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY, "
                                  "name text NOT NULL);\nCREATE INDEX ON users (name);\n")
              .empty());
  // The dump cache off (--no-cache), the initdb template cache on: a trial is a server's life.
  SpawnOptions plain;
  plain.no_cache = false;
  plain.env = {{"SQLGEN_PG_TMPDIR", pgtmp.string()}};
  plain.deadline = std::chrono::seconds(120);
  const auto t0 = std::chrono::steady_clock::now();
  SpawnResult full = spawn_sqlgen({"dump", "--no-cache"}, dir, plain);
  INFO(full.err);
  REQUIRE(full.exit_code == 0);
  const auto span =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  const std::string new_dump = util::read_file(dir / "generated/schema.sql").text.value_or("");
  REQUIRE(!new_dump.empty());
  const std::string old_dump = "-- an older dump\n";
  CHECK(leftovers(pgtmp).empty());

  std::mt19937 rng(4122026);
  constexpr size_t k_trials = 24;
  for (size_t i = 0; i < k_trials; ++i) {
    REQUIRE(util::write_file_atomic(dir / "generated/schema.sql", old_dump).empty());
    SpawnOptions options = plain;
    options.signal = i % 2 ? SIGTERM : SIGINT;
    options.signal_after = moment(i, k_trials, span, rng);
    INFO("trial " << i << ", signal " << options.signal << " after " << options.signal_after.count()
                  << " us of " << span.count());
    SpawnResult r = spawn_sqlgen({"dump", "--no-cache"}, dir, options);
    INFO("exit " << r.exit_code << " signal " << r.signal << "\n" << r.err);
    CHECK(ended_cleanly(r, options.signal));
    const std::string now = util::read_file(dir / "generated/schema.sql").text.value_or("");
    CHECK((now == old_dump || now == new_dump));
    const Files gen = read_tree(dir / "generated");
    CHECK(gen.size() == 1);  // no temp file beside schema.sql
    CHECK(leftovers(pgtmp) == std::vector<std::string>{});
  }
}
