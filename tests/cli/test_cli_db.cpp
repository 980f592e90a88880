// The embedded development database through the built binary: `sqlgen migrate` without a
// database starts it in .sqlgen/postgres/ and leaves it running, a second process finds it,
// `sqlgen db` starts, describes, resets and stops it.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "support/run.hpp"
#include "util/fs.hpp"

namespace fs = std::filesystem;
using namespace sqlgen;
using testing::RunResult;
using testing::shell_quote;

namespace {

/// A one-module project whose development database is stopped when the test ends.
struct DevProject {
  util::TempDir dir{"sqlgen-devdb"};

  DevProject() {
    // The server runs as "postgres" when the tests run as root: it must reach the project.
    ::chmod(dir.path().c_str(), 0755);
    fs::create_directories(dir.path() / "migrations" / "app");
    fs::create_directories(dir.path() / "queries" / "app");
    write("sqlgen.yaml",
          "version: \"1\"\nmodules:\n  - name: app\n    migrations: migrations/app\n"
          "    queries: queries/app\n");
    write("migrations/app/001_init.sql",
          "-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE t;\n");
  }
  ~DevProject() { (void)run("db stop"); }

  void write(const std::string& rel, const std::string& text) const {
    REQUIRE(util::write_file_atomic(dir.path() / rel, text).empty());
  }

  /// sqlgen without $SQLGEN_DATABASE_URL, in the project.
  RunResult run(const std::string& args) const {
    return testing::run_command(
        "env -u SQLGEN_DATABASE_URL " + shell_quote(SQLGEN_BINARY) + " " + args,
        dir.path().string());
  }
};

/// The PID in "... running (PID 123) ...".
std::string pid_of(const std::string& text) {
  size_t at = text.find("(PID ");
  if (at == std::string::npos) return "";
  return text.substr(at + 5, text.find(')', at) - at - 5);
}

}  // namespace

TEST_CASE("db: migrate starts the development database once, db finds, resets and stops it",
          "[migrate][db][cli]") {
  DevProject p;
  RunResult none = p.run("db status");
  CHECK(none.exit_code == 0);
  CHECK(none.out ==
        "sqlgen: development database not created yet (\"sqlgen db start\" or \"sqlgen migrate "
        "up\" creates it) in .sqlgen/postgres\n");

  RunResult up = p.run("migrate up");
  INFO(up.err);
  REQUIRE(up.exit_code == 0);
  CHECK(up.out ==
        "applied     1001  migrations/app/001_init.sql\n"
        "sqlgen: database \"dev\": 1 migration applied (single mode, 1 transaction)\n");
  CHECK(fs::exists(p.dir.path() / ".sqlgen" / "postgres" / ".s.PGSQL.5432"));
  CHECK(util::read_file(p.dir.path() / ".sqlgen" / ".gitignore").text.value_or("").find("*\n") !=
        std::string::npos);

  RunResult status = p.run("db status");
  std::string pid = pid_of(status.out);
  CHECK_FALSE(pid.empty());
  RunResult start = p.run("db start");
  CHECK(start.out ==
        "sqlgen: development database already running (PID " + pid + ") in .sqlgen/postgres\n");
  // A second process finds the running server and its state.
  RunResult again = p.run("migrate status");
  CHECK(again.out ==
        "database \"dev\" (embedded)\nmodule app\n  applied     1001  "
        "migrations/app/001_init.sql\nsqlgen: 1 applied\n");

  RunResult url = p.run("db url");
  CHECK(url.out.starts_with("postgresql:///dev?host=/"));
  RunResult psql =
      testing::run_command("psql " + shell_quote(url.out.substr(0, url.out.size() - 1)) +
                           " -Atc 'select count(*) from sqlgen.migrations'");
  CHECK(psql.out == "1\n");
  RunResult via = p.run("db psql");
  CHECK(via.exit_code == 0);

  // --reset on the embedded database needs no --confirm: it recreates the database.
  RunResult reset = p.run("migrate up --reset");
  INFO(reset.err);
  CHECK(reset.exit_code == 0);
  CHECK(reset.out.starts_with("reset database \"dev\"\napplied     1001"));
  RunResult emptied = p.run("db reset");
  CHECK(emptied.exit_code == 0);
  CHECK(p.run("migrate status").out.ends_with("sqlgen: 1 pending\n"));

  RunResult stop = p.run("db stop");
  CHECK(stop.out == "sqlgen: development database stopped\n");
  CHECK(p.run("db status").out.starts_with("sqlgen: development database stopped"));
  CHECK(p.run("db stop").out == "sqlgen: development database was not running\n");
  // Started again on demand, with its data.
  RunResult up2 = p.run("migrate up");
  CHECK(up2.exit_code == 0);
  CHECK(p.run("migrate version").out == "app 1001\n");
}
