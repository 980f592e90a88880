// `sqlgen vet` as the CLI runs it (run_vet; main.cpp wires the subcommand): exit codes,
// --mode, --fix rewriting files and checking them again, when --fix holds back, and the
// summary line of a run without errors.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "cli/cmd_vet.hpp"
#include "util/fs.hpp"
#include "vet/vet_support.hpp"

using namespace sqlgen;
namespace fs = std::filesystem;

namespace {

/// run_vet's exit code as main.cpp computes it, its output and its diagnostics.
struct VetRun {
  int exit_code = 0;
  std::string out;
  std::string diagnostics;
};

VetRun vet_run(const cli::VetOptions& opts, const std::string& config_path = "sqlgen.yaml") {
  cli::Context ctx;
  ctx.color = "never";
  ctx.config_path = config_path;
  std::ostringstream out, err;
  int rc = cli::run_vet(ctx, opts, out);
  int diag_rc = ctx.finish(err, false);
  return {rc != cli::k_exit_ok ? rc : diag_rc, out.str(), err.str()};
}

std::string read(const fs::path& path) {
  util::ReadResult r = util::read_file(path);
  REQUIRE(r.text);
  return *r.text;
}

}  // namespace

TEST_CASE("sqlgen vet: errors exit 1, per-migration mode, a bad mode is a usage error",
          "[vet][cli]") {
  cli::VetOptions opts;
  opts.schema_paths = {testing::vet_case_dir("uses", "single_cross_migration").string()};
  VetRun single = vet_run(opts);
  CHECK(single.exit_code == cli::k_exit_diagnostics);
  CHECK(single.diagnostics.find("003_use.sql:4:21: error: enum value \"c\" of type \"ai.kind\"") !=
        std::string::npos);
  CHECK(single.out.empty());

  opts.mode = "per-migration";
  VetRun per = vet_run(opts);
  CHECK(per.exit_code == cli::k_exit_ok);
  CHECK(per.diagnostics.empty());
  CHECK(per.out == "sqlgen: vet: 3 migrations, 0 findings\n");  // the summary line

  opts.mode = "sometimes";
  CHECK(vet_run(opts).exit_code == cli::k_exit_usage);
}

TEST_CASE("sqlgen vet: warnings alone exit 0", "[vet][cli]") {
  util::TempDir tmp("sqlgen-vet");
  testing::write_files(tmp.path(), {{"001.sql",
                                     "CREATE TYPE mood AS ENUM ('sad');\n"
                                     "CREATE TABLE person (feeling text);\n"},
                                    {"002.sql",
                                     "ALTER TYPE mood ADD VALUE 'happy';\n"
                                     "ALTER TABLE person ALTER COLUMN feeling TYPE mood "
                                     "USING feeling::mood;\n"}});
  cli::VetOptions opts;
  opts.schema_paths = {tmp.path().string()};
  VetRun run = vet_run(opts);
  CHECK(run.exit_code == cli::k_exit_ok);
  CHECK(run.diagnostics.find("warning: enum value \"happy\" of type \"public.mood\" may be used") !=
        std::string::npos);
  // text to an enum on a table of an earlier migration rewrites it: a warning too.
  CHECK(run.diagnostics.find("[alter-column-type]") != std::string::npos);
  CHECK(run.out == "sqlgen: vet: 2 migrations, 2 findings\n");
}

TEST_CASE("sqlgen vet --fix: rewrites, reports what it rewrote, checks again", "[vet][cli]") {
  util::TempDir tmp("sqlgen-vet");
  testing::copy_files(testing::vet_case_dir("fix", "recreate"), tmp.path());
  cli::VetOptions opts;
  opts.schema_paths = {tmp.path().string()};
  opts.fix = true;
  VetRun run = vet_run(opts);
  INFO(run.diagnostics);
  CHECK(run.exit_code == cli::k_exit_ok);
  CHECK(run.diagnostics.empty());
  CHECK(run.out == (tmp.path() / "002_add_azure.sql").lexically_normal().generic_string() +
                       ": rewrote 1 \"ADD VALUE\" statement(s) into a recreated type\n"
                       "sqlgen: vet: 3 migrations, 0 findings\n");
  CHECK(read(tmp.path() / "002_add_azure.sql").find("ADD VALUE") == std::string::npos);

  // Nothing left to fix: a second run changes nothing.
  VetRun again = vet_run(opts);
  CHECK(again.exit_code == cli::k_exit_ok);
  CHECK(again.out == "sqlgen: vet: 3 migrations, 0 findings\n");
  CHECK(again.diagnostics.empty());
}

TEST_CASE("sqlgen vet --fix: holds back on other errors, unfixable statements stay errors",
          "[vet][cli]") {
  util::TempDir tmp("sqlgen-vet");
  const std::string add = "ALTER TYPE mood ADD VALUE 'happy';\nSELECT 'happy'::mood;\n";
  testing::write_files(tmp.path(), {{"001.sql", "CREATE TYPE mood AS ENUM ('sad');\n"},
                                    {"002.sql", add},
                                    {"003.sql", "ALTER TABLE nowhere ADD COLUMN x int;\n"}});
  cli::VetOptions opts;
  opts.schema_paths = {tmp.path().string()};
  opts.fix = true;
  VetRun blocked = vet_run(opts);
  CHECK(blocked.exit_code == cli::k_exit_diagnostics);
  CHECK(blocked.out == "sqlgen vet: nothing rewritten: fix the other errors first\n");
  CHECK(blocked.diagnostics.find("relation \"nowhere\" does not exist") != std::string::npos);
  CHECK(read(tmp.path() / "002.sql") == add);

  testing::write_files(tmp.path(), {{"001.sql",
                                     "CREATE TYPE mood AS ENUM ('sad');\n"
                                     "CREATE DOMAIN good_mood AS mood;\n"},
                                    {"003.sql", "SELECT 1;\n"}});
  VetRun unfixable = vet_run(opts);
  CHECK(unfixable.exit_code == cli::k_exit_diagnostics);
  CHECK(unfixable.out.empty());
  CHECK(unfixable.diagnostics.find("warning: cannot rewrite this \"ADD VALUE\" into a recreated "
                                   "type \"public.mood\": domain \"public.good_mood\" is based "
                                   "on it") != std::string::npos);
  CHECK(unfixable.diagnostics.find("error: enum value \"happy\"") != std::string::npos);
  CHECK(read(tmp.path() / "002.sql") == add);
}

TEST_CASE("sqlgen vet: a query generate rejects is an error of vet too", "[vet][cli]") {
  util::TempDir tmp("sqlgen-vet-q");
  testing::write_files(tmp.path(),
                       {{"sqlgen.yaml",
                         "version: \"1\"\noutput: gen\nmodules:\n  - name: app\n"
                         "    migrations: migrations\n    queries: queries\n"},
                        {"migrations/001_init.sql",
                         "-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE t;\n"},
                        {"queries/q.sql",
                         "-- name: Typo :one\nSELEC id FROM t;\n"
                         "-- name: Unknown :one\nSELECT nope FROM t;\n"}});
  const std::string config = (tmp.path() / "sqlgen.yaml").string();
  VetRun run = vet_run({}, config);
  INFO(run.diagnostics);
  CHECK(run.exit_code == cli::k_exit_diagnostics);
  CHECK(run.diagnostics.find("q.sql:2:1: error: syntax error at or near \"SELEC\"") !=
        std::string::npos);
  CHECK(run.diagnostics.find("q.sql:4:8: error: column \"nope\" does not exist") !=
        std::string::npos);
}
