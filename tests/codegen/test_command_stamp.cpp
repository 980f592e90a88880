// Command stamps: a repeated `sqlgen vet` or `sqlgen schema` with unchanged inputs is answered
// from its stamp with the same stdout, stderr and exit code (diagnostics, errors included,
// replayed), and any input change runs for real. That an answer came from the stamp is proven
// by editing the output the stamp holds: only a run that read the stamp prints the edit. `vet
// --fix`, `--schema` paths and SQLGEN_NO_CACHE=1 never use a stamp.
#include <catch2/catch.hpp>

#include "codegen/codegen_support.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;
namespace fs = std::filesystem;

namespace {

/// A one-module project (two migrations with vet warnings, one query) and its own cache dir.
class Project : public CachedProject {
 public:
  Project() : CachedProject("sqlgen-command-stamp") {
    write("sqlgen.yaml",
          "version: \"1\"\noutput: out\nmodules:\n  - name: m\n    migrations: migrations\n"
          "    queries: queries\n    schema: m\n    search_path: [m, public]\n");
    write("migrations/001_init.sql",
          "-- +goose Up\nCREATE SCHEMA m;\n"
          "CREATE TABLE m.items (id bigint PRIMARY KEY, name text NOT NULL);\n"
          "-- +goose Down\nDROP SCHEMA m CASCADE;\n");
    write("migrations/002_code.sql",
          "-- +goose Up\nALTER TABLE m.items ADD COLUMN code text NOT NULL;\n"
          "-- +goose Down\nALTER TABLE m.items DROP COLUMN code;\n");
    write("queries/items.sql",
          "-- name: GetItem :one\nSELECT id, name FROM m.items WHERE id = @id;\n");
  }

  /// `sqlgen ARGS` in the project dir with its cache dir (and `env`).
  RunResult run(const std::string& args, const std::string& env = "") const {
    return run_sqlgen(args, env);
  }

  /// The stamp files of `command` ("vet", "schema").
  std::vector<fs::path> stamps(const std::string& command) const {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(cache() / command, ec)) out.push_back(e.path());
    return out;
  }

  /// Replaces the output every stamp of `command` holds by `output` (no newline in it).
  void edit_stamped_output(const std::string& command, const std::string& output) const {
    std::vector<fs::path> files = stamps(command);
    REQUIRE(!files.empty());
    for (const fs::path& f : files) {
      std::string text = read_text(f);
      size_t at = text.find("\noutput ");
      REQUIRE(at != std::string::npos);
      size_t eol = text.find('\n', at + 1);
      text.replace(at + 1, eol - at - 1, "output " + output);
      REQUIRE(util::write_file_atomic(f, text).empty());
    }
  }
};

bool same(const RunResult& a, const RunResult& b) {
  return a.exit_code == b.exit_code && a.out == b.out && a.err == b.err;
}

}  // namespace

TEST_CASE("command stamp: a repeated vet prints what the real run printed, from its stamp",
          "[codegen][cli][stamp]") {
  Project p;
  RunResult first = p.run("vet");
  REQUIRE(first.exit_code == 0);
  CHECK(first.out == "sqlgen: vet: 2 migrations, 1 finding\n");
  CHECK(first.err.find("[add-column-not-null]") != std::string::npos);
  REQUIRE(p.stamps("vet").size() == 1);

  CHECK(same(p.run("vet"), first));  // the warnings are printed again, with their carets
  RunResult json_first = p.run("--diagnostics-format json vet");
  CHECK(same(p.run("--diagnostics-format json vet", "SQLGEN_NO_CACHE=1"), json_first));

  // Only a run that reads the stamp prints what the stamp holds.
  p.edit_stamped_output("vet", "7 0 42");
  CHECK(p.run("vet").out == "sqlgen: vet: 7 migrations, 42 findings\n");
  // --fix, SQLGEN_NO_CACHE=1 and --schema paths do the work.
  CHECK(same(p.run("vet", "SQLGEN_NO_CACHE=1"), first));
  CHECK(p.run("vet --schema migrations").out.find("7 migrations") == std::string::npos);
  // Another mode is another stamp.
  CHECK(p.run("vet --mode per-migration").out == "sqlgen: vet: 2 migrations, 1 finding\n");

  // A changed input runs for real: the finding is gone, and the new result is stamped.
  p.write("migrations/002_code.sql",
          "-- +goose Up\nALTER TABLE m.items ADD COLUMN code text;\n"
          "-- +goose Down\nALTER TABLE m.items DROP COLUMN code;\n");
  RunResult fixed = p.run("vet");
  CHECK(fixed.exit_code == 0);
  CHECK(fixed.out == "sqlgen: vet: 2 migrations, 0 findings\n");
  CHECK(fixed.err.empty());
  CHECK(same(p.run("vet"), fixed));
  p.edit_stamped_output("vet", "7 0 42");
  CHECK(p.run("vet --fix").out == "sqlgen: vet: 2 migrations, 0 findings\n");
}

TEST_CASE("command stamp: errors are stamped too, and a stamped run exits as the real one did",
          "[codegen][cli][stamp]") {
  Project p;
  p.write("queries/items.sql",
          "-- name: GetItem :one\nSELECT id, nope FROM m.items WHERE id = @id;\n");
  RunResult first = p.run("vet --strict");
  REQUIRE(first.exit_code == 1);
  CHECK(first.err.find("queries/items.sql:2:12: error: column \"nope\" does not exist") !=
        std::string::npos);
  CHECK(same(p.run("vet --strict"), first));
  p.edit_stamped_output("vet", "2 0 9");
  RunResult stamped = p.run("vet --strict");
  CHECK(stamped.exit_code == 1);
  CHECK(stamped.err == first.err);
  // The summary line is printed only without errors: the edit shows in no line, so compare
  // the run without a stamp instead.
  CHECK(same(p.run("vet --strict", "SQLGEN_NO_CACHE=1"), first));
}

TEST_CASE("command stamp: a repeated schema prints the catalog from its stamp, per format",
          "[codegen][cli][stamp]") {
  Project p;
  RunResult sql = p.run("schema --format sql");
  REQUIRE(sql.exit_code == 0);
  CHECK(sql.out.find("CREATE TABLE m.items") != std::string::npos);
  RunResult json = p.run("schema");
  REQUIRE(json.exit_code == 0);
  CHECK(json.out.find("\"items\"") != std::string::npos);
  CHECK(p.stamps("schema").size() == 2);
  CHECK(same(p.run("schema --format sql"), sql));
  CHECK(same(p.run("schema"), json));

  p.edit_stamped_output("schema", "edited\\nby the test\\\\");
  CHECK(p.run("schema --format sql").out == "edited\nby the test\\");
  CHECK(same(p.run("schema --format sql", "SQLGEN_NO_CACHE=1"), sql));
  CHECK(same(p.run("schema --schema migrations --format sql"), sql));

  // A new migration runs for real.
  p.write("migrations/003_tags.sql",
          "-- +goose Up\nCREATE TABLE m.tags (id bigint PRIMARY KEY);\n"
          "-- +goose Down\nDROP TABLE m.tags;\n");
  RunResult more = p.run("schema --format sql");
  CHECK(more.exit_code == 0);
  CHECK(more.out.find("CREATE TABLE m.tags") != std::string::npos);
  CHECK(same(p.run("schema --format sql"), more));
}

TEST_CASE("command stamp: a broken stamp is a miss, never an error", "[codegen][cli][stamp]") {
  Project p;
  RunResult first = p.run("schema --format sql");
  REQUIRE(first.exit_code == 0);
  for (const fs::path& f : p.stamps("schema")) {
    std::string text = read_text(f);
    REQUIRE(util::write_file_atomic(f, text.substr(0, text.size() / 2)).empty());
  }
  CHECK(same(p.run("schema --format sql"), first));
  CHECK(same(p.run("schema --format sql"), first));
}
