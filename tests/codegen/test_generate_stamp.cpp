// The generate stamp: a repeated `sqlgen generate` with unchanged inputs is answered from the
// stamp (nothing parsed, analyzed or written), and every change that matters makes it run for
// real: inputs (queries, migrations, config, templates, new files), outputs (edited, deleted,
// a stray generated file), another output directory. `--check` and SQLGEN_NO_CACHE=1 never
// use the stamp. The skip is proven by the run's summary line and untouched mtimes, not by
// timing.
#include <catch2/catch.hpp>

#include "codegen/codegen_support.hpp"
#include "codegen/stamp.hpp"
#include "support/run.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_skipped = "sqlgen: up to date (no inputs changed); 0 files written, ";

/// A one-module project with its own cache dir, both in one temp dir.
class Project : public CachedProject {
 public:
  Project() : CachedProject("sqlgen-stamp") {
    write("sqlgen.yaml",
          "version: \"1\"\noutput: out\nmodules:\n  - name: m\n    migrations: migrations\n"
          "    queries: queries\n    schema: m\n    search_path: [m, public]\n");
    write("migrations/001_init.sql",
          "-- +goose Up\nCREATE SCHEMA m;\n"
          "CREATE TABLE m.items (id bigint PRIMARY KEY, name text NOT NULL, note text);\n");
    write("queries/items.sql",
          "-- name: GetItem :one\nSELECT id, name, note FROM m.items WHERE id = @id;\n");
  }

  fs::path out() const { return dir() / "out"; }

  void append(const std::string& rel, const std::string& text) const {
    write(rel, read_text(dir() / rel) + text);
  }

  /// `sqlgen ARGS` in the project dir with its cache dir (and `env`).
  RunResult run(const std::string& args = "generate", const std::string& env = "") const {
    return run_sqlgen(args, env);
  }

  /// Output file → content.
  std::map<std::string, std::string> outputs() const {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(out())) {
      if (e.is_regular_file()) {
        files[e.path().lexically_relative(out()).generic_string()] = read_text(e.path());
      }
    }
    return files;
  }

  /// Sets every output's mtime to a fixed old time, so any rewrite shows.
  void age_outputs() const {
    for (const auto& e : fs::recursive_directory_iterator(out())) {
      if (e.is_regular_file()) fs::last_write_time(e.path(), k_old);
    }
  }
  /// True when no output was written since age_outputs().
  bool outputs_untouched() const {
    for (const auto& e : fs::recursive_directory_iterator(out())) {
      if (e.is_regular_file() && fs::last_write_time(e.path()) != k_old) return false;
    }
    return true;
  }

  /// The stamp files in the cache dir.
  std::vector<fs::path> stamps() const {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(cache() / "generate", ec)) out.push_back(e.path());
    return out;
  }

 private:
  static inline const fs::file_time_type k_old =
      fs::file_time_type::clock::now() - std::chrono::hours(24 * 30);
};

bool skipped(const RunResult& r) {
  return r.exit_code == 0 && r.err.empty() && r.out.find(k_skipped) == 0;
}

/// A run answered from the stamp that printed the stamped run's warnings `err`.
bool skipped_with_warnings(const RunResult& r, const std::string& err) {
  return r.exit_code == 0 && r.err == err && r.out.find(k_skipped) == 0;
}

/// A run that did the work: exit 0, the normal summary.
bool ran(const RunResult& r) {
  return r.exit_code == 0 && r.err.empty() && r.out.find("sqlgen: 1 migration, 1 query; ") == 0;
}

}  // namespace

TEST_CASE("stamp: a repeated generate with unchanged inputs skips the work and writes nothing",
          "[codegen][cli][stamp]") {
  Project p;
  RunResult first = p.run();
  REQUIRE(ran(first));
  CHECK(first.out.find("5 files written, 0 unchanged, 0 removed") != std::string::npos);
  std::map<std::string, std::string> outputs = p.outputs();
  // catalog.sql, m/models.hpp, m/queries.hpp, m/queries.cpp, sqlgen_queries.cpp: no stamp in out/
  CHECK(outputs.size() == 5);
  REQUIRE(p.stamps().size() == 1);

  p.age_outputs();
  RunResult again = p.run();
  CHECK(skipped(again));
  CHECK(again.out == std::string(k_skipped) + "5 unchanged, 0 removed\n");
  CHECK(p.outputs_untouched());
  CHECK(p.outputs() == outputs);
  CHECK(skipped(p.run()));
  CHECK(p.stamps().size() == 1);

  // The stamp is deterministic: no timestamps; the same project elsewhere differs only in
  // the inputs hash (absolute paths are inputs), and a re-made stamp is byte-identical.
  std::string stamp = read_text(p.stamps()[0]);
  CHECK(stamp.find("sqlgen generate stamp v3\ninputs ") == 0);
  CHECK(stamp.find(" out/m/queries.hpp\n") != std::string::npos);
  fs::remove_all(p.cache());
  REQUIRE(ran(p.run()));
  REQUIRE(p.stamps().size() == 1);
  CHECK(read_text(p.stamps()[0]) == stamp);
}

TEST_CASE("stamp: any input change runs for real, then the new inputs are stamped",
          "[codegen][cli][stamp]") {
  Project p;
  REQUIRE(ran(p.run()));

  SECTION("a query file") {
    p.append("queries/items.sql", "\n-- name: CountItems :one\nSELECT count(*) FROM m.items;\n");
    RunResult r = p.run();
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("1 migration, 2 queries; 2 files written") != std::string::npos);
    CHECK(p.outputs().at("m/queries.hpp").find("count_items") != std::string::npos);
  }
  SECTION("a migration, even when the output does not change") {
    p.append("migrations/001_init.sql", "-- a comment\n");
    p.age_outputs();
    CHECK(ran(p.run()));
    CHECK(p.outputs_untouched());  // the real run found every file unchanged
  }
  SECTION("a new file next to the queries") {
    p.write("queries/README", "not SQL, but in a query directory\n");
    CHECK(ran(p.run()));
  }
  SECTION("the config") {
    p.append("sqlgen.yaml", "# a comment\n");
    CHECK(ran(p.run()));
  }
  SECTION("the templates: a templates/ directory appears, then one of its files changes") {
    for (const auto& e : fs::directory_iterator(fs::path(SQLGEN_SOURCE_DIR) / "templates")) {
      if (e.path().extension() == ".mustache") {
        p.write("templates/" + e.path().filename().string(), read_text(e.path()));
      }
    }
    CHECK(ran(p.run()));
    CHECK(skipped(p.run()));
    p.append("templates/queries.hpp.mustache", "{{! a comment }}\n");
    CHECK(ran(p.run()));
  }
  SECTION("another output directory") {
    CHECK(ran(p.run("generate --output other")));
    CHECK(skipped(p.run("generate --output other")));
    CHECK(skipped(p.run()));  // each output directory has its own stamp
    CHECK(p.stamps().size() == 2);
  }
  CHECK(skipped(p.run()));
}

TEST_CASE("stamp: an edited, deleted or extra output runs for real and is repaired",
          "[codegen][cli][stamp]") {
  Project p;
  REQUIRE(ran(p.run()));
  std::map<std::string, std::string> outputs = p.outputs();

  SECTION("edited") {
    p.append("out/m/models.hpp", "// my edit\n");
    RunResult r = p.run();
    CHECK(ran(r));
    CHECK(r.out.find("1 file written, 4 unchanged") != std::string::npos);
  }
  SECTION("deleted") {
    fs::remove(p.out() / "m/queries.hpp");
    CHECK(ran(p.run()));
  }
  SECTION("a generated file no input produces (a real run removes it)") {
    p.write("out/old/queries.hpp", std::string(codegen::k_generated_marker) + "\n");
    RunResult r = p.run();
    CHECK(ran(r));
    CHECK(r.out.find("removed out/old/queries.hpp") != std::string::npos);
  }
  SECTION("a hand-written file in the output directory is not a reason to run") {
    p.write("out/NOTES.md", "mine\n");
    CHECK(skipped(p.run()));
    fs::remove(p.out() / "NOTES.md");
  }
  CHECK(p.outputs() == outputs);
  CHECK(skipped(p.run()));
}

TEST_CASE("stamp: --check never trusts it, SQLGEN_NO_CACHE=1 turns it off",
          "[codegen][cli][stamp]") {
  Project p;
  REQUIRE(ran(p.run()));
  RunResult check = p.run("generate --check");
  CHECK(check.exit_code == 0);
  CHECK(check.out == "sqlgen: 5 generated files are up to date\n");

  // The stamp still matches the inputs, but --check compares what it would generate.
  std::string models = read_text(p.out() / "m/models.hpp");
  p.append("out/m/models.hpp", "// my edit\n");
  RunResult stale = p.run("generate --check");
  CHECK(stale.exit_code == 1);
  CHECK(stale.out.find("-// my edit\n") != std::string::npos);
  CHECK(stale.err.find("error: generated file \"out/m/models.hpp\" is out of date") !=
        std::string::npos);
  CHECK(p.run("diff").exit_code == 1);
  REQUIRE(ran(p.run()));
  CHECK(read_text(p.out() / "m/models.hpp") == models);

  CHECK(ran(p.run("generate", "SQLGEN_NO_CACHE=1")));
  CHECK(skipped(p.run("generate", "SQLGEN_NO_CACHE=0")));
}

TEST_CASE("stamp: a run with errors leaves the previous stamp and outputs alone",
          "[codegen][cli][stamp]") {
  Project p;
  REQUIRE(ran(p.run()));
  std::map<std::string, std::string> outputs = p.outputs();
  std::string query = read_text(p.dir() / "queries/items.sql");
  p.write("queries/items.sql", "-- name: Broken :one\nSELECT nope FROM m.items;\n");
  RunResult broken = p.run();
  CHECK(broken.exit_code == 1);
  CHECK(p.outputs() == outputs);
  // Back to the stamped inputs: the outputs on disk are still theirs.
  p.write("queries/items.sql", query);
  CHECK(skipped(p.run()));
}

TEST_CASE("stamp: a run with warnings is stamped, and every run it answers prints them again",
          "[codegen][cli][stamp]") {
  Project p;
  p.write("queries/items.sql",
          "-- name: GetItem :one\n-- @nulable note\nSELECT id, name, note FROM m.items "
          "WHERE id = @id;\n");
  RunResult first = p.run();
  REQUIRE(first.exit_code == 0);
  const std::string warning =
      "queries/items.sql:2:1: warning: \"@nulable\" is not an annotation and is kept as "
      "documentation, did you mean \"@nullable\"?\n-- @nulable note\n^~~~~~~~~~~~~~~~\n";
  CHECK(first.err.find(warning) != std::string::npos);
  CHECK(first.out.find("sqlgen: 1 migration, 1 query; ") == 0);
  REQUIRE(p.stamps().size() == 1);
  const std::string stamp = read_text(p.stamps()[0]);
  CHECK(stamp.find("\ndiagnostics {") != std::string::npos);

  // Answered from the stamp: nothing written, the same stderr (text and JSON), the same exit.
  p.age_outputs();
  RunResult again = p.run();
  CHECK(again.exit_code == 0);
  CHECK(again.out.find(k_skipped) == 0);
  CHECK(again.err == first.err);
  CHECK(p.outputs_untouched());
  RunResult json_real = p.run("--diagnostics-format json generate", "SQLGEN_NO_CACHE=1");
  RunResult json_again = p.run("--diagnostics-format json generate");
  CHECK(json_again.out.find(k_skipped) == 0);
  CHECK(json_again.err == json_real.err);
  CHECK(json_real.err.find("\"line\": 2") != std::string::npos);

  // A stamp whose saved diagnostics do not read back is a miss: the run is real.
  std::string broken = stamp.substr(0, stamp.find("\ndiagnostics ")) + "\ndiagnostics {oops\n";
  REQUIRE(util::write_file_atomic(p.stamps()[0], broken).empty());
  RunResult real = p.run();
  CHECK(real.out.find("sqlgen: 1 migration, 1 query; ") == 0);
  CHECK(real.err == first.err);
  // Stamped again (with the outputs' new stats: age_outputs moved their mtimes).
  const std::string restamped = read_text(p.stamps()[0]);
  CHECK(restamped.substr(restamped.find("\ndiagnostics ")) ==
        stamp.substr(stamp.find("\ndiagnostics ")));
  CHECK(skipped_with_warnings(p.run(), first.err));
}
