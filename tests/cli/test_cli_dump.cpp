// `sqlgen dump` and `sqlgen fixture` through the built binary, on copies of tests/cases/dump/.
#include <catch2/catch.hpp>
#include <filesystem>

#include "support/pg_fixture.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

namespace fs = std::filesystem;
using namespace sqlgen;
using testing::run_command;
using testing::run_sqlgen;
using testing::shell_quote;

namespace {

/// Copies the migration set `name` of tests/cases/dump/ to `dst`.
void copy_case(const std::string& name, const fs::path& dst) {
  fs::create_directories(dst);
  fs::copy(fs::path(SQLGEN_TESTS_DIR) / "cases" / "dump" / name, dst,
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

/// `--db` naming the test process's server (faster than a throwaway cluster per run).
std::string db_arg() { return " --db " + shell_quote(testing::test_server().conninfo()); }

std::string read(const fs::path& path) { return util::read_file(path).text.value_or("<none>"); }

/// Replaces the first `from` in the file at `path` with `to`.
void edit(const fs::path& path, const std::string& from, const std::string& to) {
  std::string text = read(path);
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  REQUIRE(util::write_file_atomic(path, text.replace(at, from.size(), to)).empty());
}

const char* k_migrations = "migrations/ai/";

}  // namespace

TEST_CASE("sqlgen dump writes the normalized dump and --check accepts it", "[dump][cli]") {
  util::TempDir dir;
  copy_case("recreate", dir.path());
  // No --db: a throwaway server of its own.
  auto r = run_sqlgen("dump --no-cache", dir.path().string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "sqlgen: 3 migrations, 1 fixture, single mode, wrote schema.sql\n");
  std::string dump = read(dir.path() / "schema.sql");
  CHECK(dump.starts_with("--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\n"));
  CHECK(dump.ends_with("-- PostgreSQL database dump complete\n--\n"));

  auto check = run_sqlgen("dump --check" + db_arg(), dir.path().string());
  INFO(check.err);
  CHECK(check.exit_code == 0);
  CHECK(check.out == "sqlgen: schema.sql is up to date (3 migrations, 1 fixture, single mode)\n");
  CHECK(read(dir.path() / "schema.sql") == dump);
}

TEST_CASE("sqlgen dump --check fails with a diff when a migration changed a column type",
          "[dump][cli]") {
  util::TempDir dir;
  copy_case("recreate", dir.path());
  REQUIRE(run_sqlgen("dump" + db_arg(), dir.path().string()).exit_code == 0);
  std::string committed = read(dir.path() / "schema.sql");
  edit(dir.path() / k_migrations / "001_init.sql", "name          text  ",
       "name          varchar(100)");

  auto r = run_sqlgen("dump --check" + db_arg(), dir.path().string());
  CHECK(r.exit_code == 1);
  CHECK(r.out.starts_with("--- schema.sql (committed)\n+++ schema.sql (from the migrations)\n"));
  CHECK(r.out.find("\n-    name text NOT NULL,\n+    name character varying(100) NOT NULL,\n") !=
        std::string::npos);
  CHECK(r.err ==
        "sqlgen: error: schema dump \"schema.sql\" is out of date with the migrations: run "
        "\"sqlgen dump\" and commit it\n1 error generated.\n");
  CHECK(read(dir.path() / "schema.sql") == committed);  // --check writes nothing

  // A missing dump is drift too.
  fs::remove(dir.path() / "schema.sql");
  auto missing = run_sqlgen("dump --check" + db_arg(), dir.path().string());
  CHECK(missing.exit_code == 1);
  CHECK(missing.out.find("+CREATE TABLE public.chat_providers (") != std::string::npos);
}

TEST_CASE("sqlgen dump --check passes when ADD VALUE is rewritten as a type recreation",
          "[dump][cli]") {
  util::TempDir dir;
  copy_case("add_value", dir.path());
  // The ADD VALUE set only migrates when each migration commits on its own.
  auto before = run_sqlgen("dump --check" + db_arg(), dir.path().string());
  CHECK(before.exit_code == 1);
  CHECK(before.out.empty());
  CHECK(before.err.starts_with(
      "migrations/ai/003_use_azure.sql:6:1: error: unsafe use of new value \"azure_openai\" of "
      "enum type ai_provider_type (SQLSTATE 55P04)\nUPDATE chat_providers SET"));
  CHECK_FALSE(fs::exists(dir.path() / "schema.sql"));
  auto written = run_sqlgen("dump --mode per-migration" + db_arg(), dir.path().string());
  INFO(written.err);
  REQUIRE(written.exit_code == 0);

  fs::copy_file(
      fs::path(SQLGEN_TESTS_DIR) / "cases/dump/recreate" / k_migrations / "002_add_azure.sql",
      dir.path() / k_migrations / "002_add_azure.sql", fs::copy_options::overwrite_existing);
  auto after = run_sqlgen("dump --check" + db_arg(), dir.path().string());
  INFO(after.err);
  CHECK(after.exit_code == 0);
  CHECK(after.out.find("is up to date") != std::string::npos);
}

TEST_CASE("sqlgen dump --base compares with the migrations at a git revision", "[dump][cli]") {
  if (run_command("git --version").exit_code != 0) {
    WARN("git not installed");
    return;
  }
  util::TempDir dir;
  const fs::path proj = dir.path() / "proj";  // the config in a subdirectory of the repository
  copy_case("add_value", proj);
  const std::string git = "git -c user.name=t -c user.email=t@example.com ";
  auto init = run_command("git init -q . && " + git + "add -A && " + git + "commit -q -m base",
                          dir.path().string());
  INFO(init.err);
  REQUIRE(init.exit_code == 0);
  fs::copy_file(
      fs::path(SQLGEN_TESTS_DIR) / "cases/dump/recreate" / k_migrations / "002_add_azure.sql",
      proj / k_migrations / "002_add_azure.sql", fs::copy_options::overwrite_existing);

  const std::string args = "-c proj/sqlgen.yaml dump --mode per-migration --base HEAD" + db_arg();
  auto same = run_sqlgen(args, dir.path().string());
  INFO(same.err);
  CHECK(same.exit_code == 0);
  CHECK(same.out ==
        "sqlgen: the migrations at HEAD and in the working tree build identical schemas (3 and 3 "
        "migrations)\n");

  edit(proj / k_migrations / "001_init.sql", "name          text  ", "name          varchar(100)");
  auto differs = run_sqlgen(args, dir.path().string());
  CHECK(differs.exit_code == 1);
  CHECK(differs.out.starts_with("--- schema at HEAD\n+++ schema of the working tree\n"));
  CHECK(differs.err.find("error: the migrations at \"HEAD\" and in the working tree build "
                         "different schemas") != std::string::npos);

  auto unknown =
      run_sqlgen("-c proj/sqlgen.yaml dump --base no-such-rev" + db_arg(), dir.path().string());
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.starts_with("sqlgen: error: git rev-parse \"no-such-rev\" failed"));
  auto both = run_sqlgen("dump --check --base HEAD", dir.path().string());
  CHECK(both.exit_code == 2);
}

TEST_CASE("sqlgen fixture creates a seed file for a migration, never over one", "[dump][cli]") {
  util::TempDir dir;
  copy_case("recreate", dir.path());
  auto r = run_sqlgen("fixture ai 2", dir.path().string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "sqlgen: created migrations/ai/fixtures/1002.sql\n");
  CHECK(read(dir.path() / k_migrations / "fixtures/1002.sql")
            .starts_with("-- Fixture for migration 1002 (migrations/ai/002_add_azure.sql) of "
                         "module \"ai\".\n"));
  CHECK(run_sqlgen("fixture ai 1003", dir.path().string()).exit_code == 0);
  CHECK(fs::exists(dir.path() / k_migrations / "fixtures/1003.sql"));

  auto exists = run_sqlgen("fixture ai 1001", dir.path().string());
  CHECK(exists.exit_code == 1);
  CHECK(exists.err.starts_with(
      "sqlgen: error: fixture \"migrations/ai/fixtures/1001.sql\" already exists"));
  auto missing = run_sqlgen("fixture ai 9", dir.path().string());
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.starts_with(
      "sqlgen.yaml:5:11: error: module \"ai\" has no migration with version 1009"));
  auto unknown = run_sqlgen("fixture aj 1", dir.path().string());
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.starts_with(
      "sqlgen: error: module \"aj\" is not in the config, did you mean \"ai\"?"));
  CHECK(run_sqlgen("fixture ai x", dir.path().string()).exit_code == 2);

  // Comment-only fixtures run as nothing.
  auto dump = run_sqlgen("dump" + db_arg(), dir.path().string());
  INFO(dump.err);
  CHECK(dump.exit_code == 0);
  CHECK(dump.out == "sqlgen: 3 migrations, 3 fixtures, single mode, wrote schema.sql\n");
}
