// The migration runner on a real server: transaction modes, fixtures, the tracking table, and
// failing statements as diagnostics at their position in their file. The enum cases (ADD VALUE
// vs recreating the type, with and without seeded rows) are in tests/cases/dump/.
#include <catch2/catch.hpp>
#include <filesystem>
#include <pqxx/pqxx>

#include "config/config.hpp"
#include "pg/migrate.hpp"
#include "source/migrations.hpp"
#include "support/pg_fixture.hpp"
#include "util/fs.hpp"

namespace fs = std::filesystem;
using namespace sqlgen;
using pg::TransactionMode;
using testing::fresh_database;

namespace {

/// The first column of the one row `sql` returns, "<null>" for NULL.
std::string query_value(const std::string& conninfo, const std::string& sql) {
  pqxx::connection conn(conninfo);
  pqxx::nontransaction work(conn);
  pqxx::row row = work.exec1(sql);
  return row[0].is_null() ? "<null>" : row[0].c_str();
}

/// Relations and types the migrations could have left in the public schema: "" when there are
/// none (the tracking tables are in schema sqlgen).
std::string leftovers(const std::string& conninfo) {
  return query_value(conninfo,
                     "select coalesce(string_agg(name, ',' order by name), '') from ("
                     " select relname::text as name from pg_class c join pg_namespace n"
                     "   on n.oid = c.relnamespace where n.nspname = 'public'"
                     " union all select typname::text from pg_type t join pg_namespace n"
                     "   on n.oid = t.typnamespace where n.nspname = 'public' and t.typtype = 'e'"
                     ") objects");
}

/// A migration set of tests/cases/dump/ loaded through its sqlgen.yaml, fixtures included.
struct CaseSet {
  std::optional<config::Config> config;
  std::vector<source::Migration> migrations;
  std::vector<pg::Fixture> fixtures;
};

CaseSet load_case(const std::string& name) {
  diag::DiagnosticEngine diags;
  CaseSet set;
  fs::path path = fs::path(SQLGEN_TESTS_DIR) / "cases" / "dump" / name / "sqlgen.yaml";
  set.config = config::load_config(path, diags);
  REQUIRE(set.config);
  set.migrations = source::load_all_migrations(*set.config, diags);
  set.fixtures = pg::load_fixtures(*set.config, set.migrations, diags);
  INFO(diag::render_all(diags, false));
  REQUIRE_FALSE(diags.has_errors());
  return set;
}

/// Migrations from files written into `dir` (name → text), loaded without a config.
std::vector<source::Migration> write_migrations(
    const fs::path& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [name, text] : files) REQUIRE(util::write_file_atomic(dir / name, text).empty());
  diag::DiagnosticEngine diags;
  std::vector<source::Migration> out = source::load_schema_paths({dir.string()}, diags);
  REQUIRE_FALSE(diags.has_errors());
  return out;
}

/// The 1-based line of the first occurrence of `needle` in `text`.
uint32_t line_of(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<uint32_t>(std::count(text.begin(), text.begin() + at, '\n') + 1);
}

/// The rendered diagnostic's first line.
std::string headline(const diag::Diagnostic& d) {
  std::string text = diag::render_text(d);
  return text.substr(0, text.find('\n'));
}

}  // namespace

TEST_CASE("migrate: ADD VALUE then casting a seeded row in one transaction fails with 55P04",
          "[dump][pg]") {
  CaseSet set = load_case("add_value");
  auto db = fresh_database();
  pg::Result<pg::MigrateReport> r =
      pg::apply_migrations(db.conninfo(), set.migrations, set.fixtures);
  REQUIRE_FALSE(r.ok());
  const diag::Diagnostic& d = r.error();
  CHECK(d.id == diag::DiagId::err_pg_statement);
  CHECK(d.message ==
        "unsafe use of new value \"azure_openai\" of enum type ai_provider_type (SQLSTATE 55P04)");
  // At the UPDATE of 003, the statement that uses the value on the seeded row.
  REQUIRE(d.loc.source);
  CHECK(d.loc.source->path().ends_with("migrations/ai/003_use_azure.sql"));
  diag::LineCol lc = d.loc.source->line_col(static_cast<uint32_t>(d.loc.offset));
  CHECK(lc.line == line_of(d.loc.source->text(), "UPDATE chat_providers"));
  CHECK(lc.column == 1);
  std::string rendered = diag::render_text(d);
  CHECK(rendered.find("hint: New enum values must be committed") != std::string::npos);
  CHECK(rendered.find("fixtures/1001.sql: note: rows from this fixture were present") !=
        std::string::npos);
  // Rolled back: no type, no table, no tracking table.
  CHECK(leftovers(db.conninfo()) == "");
}

TEST_CASE("migrate: recreating the enum passes with the seeded row", "[dump][pg]") {
  CaseSet set = load_case("recreate");
  auto db = fresh_database();
  pg::Result<pg::MigrateReport> r =
      pg::apply_migrations(db.conninfo(), set.migrations, set.fixtures);
  INFO((r.ok() ? "" : diag::render_text(r.error())));
  REQUIRE(r.ok());
  CHECK(r->applied == 3);
  CHECK(r->fixtures == 1);
  CHECK(r->transactions == 1);
  CHECK(query_value(db.conninfo(), "select provider_type::text from chat_providers") ==
        "azure_openai");
  CHECK(query_value(db.conninfo(),
                    "select string_agg(version || ':' || module || ':' || local_version || ':' ||"
                    " name, ' ' order by version) from sqlgen.migrations") ==
        "1001:ai:1:migrations/ai/001_init.sql 1002:ai:2:migrations/ai/002_add_azure.sql "
        "1003:ai:3:migrations/ai/003_use_azure.sql");
}

TEST_CASE("migrate: without the seeded row both variants pass (the trap fixtures expose)",
          "[dump][pg]") {
  for (const char* name : {"add_value", "recreate"}) {
    CAPTURE(name);
    CaseSet set = load_case(name);
    auto db = fresh_database();
    pg::Result<pg::MigrateReport> r = pg::apply_migrations(db.conninfo(), set.migrations, {});
    INFO((r.ok() ? "" : diag::render_text(r.error())));
    CHECK(r.ok());
  }
}

TEST_CASE("migrate: per-migration mode commits ADD VALUE before 003 uses it", "[dump][pg]") {
  CaseSet set = load_case("add_value");
  auto db = fresh_database();
  pg::Result<pg::MigrateReport> r = pg::apply_migrations(
      db.conninfo(), set.migrations, set.fixtures, {TransactionMode::PerMigration});
  INFO((r.ok() ? "" : diag::render_text(r.error())));
  REQUIRE(r.ok());
  CHECK(r->transactions == 3);
  CHECK(query_value(db.conninfo(), "select provider_type::text from chat_providers") ==
        "azure_openai");
}

TEST_CASE("migrate: a literal of the new value fails even without rows, at the literal",
          "[dump][pg]") {
  util::TempDir dir;
  std::string update = "UPDATE chat_providers SET provider_type = 'azure_openai' WHERE true;\n";
  auto migrations = write_migrations(
      dir.path(), {{"001_init.sql",
                    "CREATE TYPE t_kind AS ENUM ('a');\n"
                    "CREATE TABLE chat_providers (provider_type t_kind);\n"},
                   {"002_add.sql", "ALTER TYPE t_kind ADD VALUE 'azure_openai';\n"},
                   {"003_use.sql", "-- parse-time coercion of the literal\n" + update}});
  auto db = fresh_database();
  pg::Result<pg::MigrateReport> r = pg::apply_migrations(db.conninfo(), migrations, {});
  REQUIRE_FALSE(r.ok());
  // PostgreSQL's statement position (1-based characters) mapped into the file; the caret
  // underlines the literal.
  CHECK(headline(r.error()) == (dir.path() / "003_use.sql").string() +
                                   ":2:43: error: unsafe use of new value \"azure_openai\" of "
                                   "enum type t_kind (SQLSTATE 55P04)");
  CHECK(r.error().loc.length == std::string("'azure_openai'").size());
}

TEST_CASE("migrate: a failing statement reports file:line:col and single mode leaves nothing",
          "[dump][pg]") {
  util::TempDir dir;
  auto migrations =
      write_migrations(dir.path(), {{"001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n"},
                                    {"002_b.sql",
                                     "-- +goose Up\nCREATE TABLE b (id int);\n\n"
                                     "INSERT INTO b SELECT id FROM missing_table;\n"}});
  auto db = fresh_database();
  pg::Result<pg::MigrateReport> r = pg::apply_migrations(db.conninfo(), migrations, {});
  REQUIRE_FALSE(r.ok());
  CHECK(headline(r.error()) == (dir.path() / "002_b.sql").string() +
                                   ":4:30: error: relation \"missing_table\" does not exist "
                                   "(SQLSTATE 42P01)");
  CHECK(leftovers(db.conninfo()) == "");
}

TEST_CASE("migrate: per-migration mode keeps what was committed before the failure", "[dump][pg]") {
  util::TempDir dir;
  auto migrations =
      write_migrations(dir.path(), {{"001_a.sql", "CREATE TABLE a (id int);\n"},
                                    {"002_b.sql", "CREATE TABLE b (id int);\nSELECT 1/0;\n"}});
  auto db = fresh_database();
  pg::Result<pg::MigrateReport> r =
      pg::apply_migrations(db.conninfo(), migrations, {}, {TransactionMode::PerMigration});
  REQUIRE_FALSE(r.ok());
  CHECK(headline(r.error()).ends_with("002_b.sql:2:1: error: division by zero (SQLSTATE 22012)"));
  CHECK(diag::render_text(r.error()).find("1 migration(s) committed before the failure") !=
        std::string::npos);
  CHECK(leftovers(db.conninfo()) == "a");
  CHECK(query_value(db.conninfo(), "select count(*) from sqlgen.migrations") == "1");
}

TEST_CASE("migrate: a NO TRANSACTION migration runs outside and splits the batch", "[dump][pg]") {
  util::TempDir dir;
  auto migrations = write_migrations(
      dir.path(), {{"001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n"},
                   {"002_idx.sql",
                    "-- +goose NO TRANSACTION\n-- +goose Up\n"
                    "CREATE INDEX CONCURRENTLY a_id ON a (id);\n"},
                   {"003_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n"},
                   {"004_c.sql", "-- +goose Up\nCREATE TABLE c (id int);\nSELECT 1/0;\n"}});
  auto db = fresh_database();
  pg::Result<pg::MigrateReport> r = pg::apply_migrations(db.conninfo(), migrations, {});
  REQUIRE_FALSE(r.ok());
  // 001 committed before the concurrent index, 002 in autocommit; 003 and 004 rolled back.
  CHECK(leftovers(db.conninfo()) == "a,a_id");
  CHECK(query_value(db.conninfo(),
                    "select string_agg(version::text, ',' order by version)"
                    " from sqlgen.migrations") == "1,2");

  // Running again applies only what is not recorded yet (with 004 fixed).
  migrations.back() =
      write_migrations(dir.path(), {{"004_c.sql", "CREATE TABLE c (id int);\n"}}).back();
  pg::Result<pg::MigrateReport> again = pg::apply_migrations(db.conninfo(), migrations, {});
  INFO((again.ok() ? "" : diag::render_text(again.error())));
  REQUIRE(again.ok());
  CHECK(again->skipped == 2);
  CHECK(again->applied == 2);
  CHECK(leftovers(db.conninfo()) == "a,a_id,b,c");
}

TEST_CASE("migrate: errors in a fixture point into the fixture, in characters", "[dump][pg]") {
  util::TempDir dir;
  auto migrations = write_migrations(dir.path(), {{"001_a.sql", "CREATE TABLE a (name text);\n"}});
  std::string text = "INSERT INTO a (name) VALUES ('é€'), (nope);\n";
  pg::Fixture fixture = pg::make_fixture(1, diag::make_source("fixtures/1.sql", text));
  auto db = fresh_database();
  pg::Result<pg::MigrateReport> r = pg::apply_migrations(db.conninfo(), migrations, {fixture});
  REQUIRE_FALSE(r.ok());
  CHECK(headline(r.error()) ==
        "fixtures/1.sql:1:38: error: column \"nope\" does not exist (SQLSTATE 42703)");
  CHECK(r.error().loc.offset == static_cast<int64_t>(text.find("nope")));
  CHECK(leftovers(db.conninfo()) == "");
}

TEST_CASE("migrate: fixtures are found by local or namespaced version and checked", "[dump]") {
  util::TempDir dir;
  const fs::path m = dir.path() / "migrations";
  REQUIRE(util::write_file_atomic(dir.path() / "sqlgen.yaml",
                                  "modules:\n  - name: a\n    migrations: migrations/a\n"
                                  "  - name: b\n    migrations: migrations/b\n")
              .empty());
  for (const char* file : {"a/001_x.sql", "a/002_y.sql", "b/001_z.sql"}) {
    REQUIRE(util::write_file_atomic(m / file, "SELECT 1;\n").empty());
  }
  REQUIRE(util::write_file_atomic(m / "a/fixtures/1002_seed.sql", "SELECT 2;\n").empty());
  REQUIRE(util::write_file_atomic(m / "a/fixtures/1.sql", "SELECT 1; SELECT 1;\n").empty());
  REQUIRE(util::write_file_atomic(m / "b/fixtures/2001.sql", "SELECT 3;\n").empty());
  REQUIRE(util::write_file_atomic(m / "a/fixtures/2001.sql", "").empty());
  REQUIRE(util::write_file_atomic(m / "b/fixtures/seed.sql", "").empty());
  REQUIRE(util::write_file_atomic(m / "b/fixtures/5.sql", "").empty());
  REQUIRE(util::write_file_atomic(m / "a/fixtures/notes.txt", "").empty());

  diag::DiagnosticEngine diags;
  auto config = config::load_config(dir.path() / "sqlgen.yaml", diags);
  REQUIRE(config);
  auto migrations = source::load_all_migrations(*config, diags);
  REQUIRE_FALSE(diags.has_errors());
  std::vector<pg::Fixture> fixtures = pg::load_fixtures(*config, migrations, diags);
  REQUIRE(fixtures.size() == 3);
  CHECK(fixtures[0].version == 1001);
  CHECK(fixtures[0].statements.size() == 2);
  CHECK(fixtures[1].version == 1002);
  CHECK(fixtures[2].version == 2001);
  std::vector<std::string> errors;
  for (const diag::Diagnostic& d : diags.sorted()) {
    errors.push_back(headline(d).substr(dir.path().string().size() + 1));
  }
  CHECK(errors ==
        std::vector<std::string>{
            "migrations/a/fixtures/2001.sql: error: version 2001 is outside module \"a\"'s range "
            "1001..1999",
            "migrations/b/fixtures/5.sql: error: module \"b\" has no migration with version 2005",
            "migrations/b/fixtures/seed.sql: error: fixture file name \"seed.sql\" does not "
            "start with a migration version"});
  CHECK(pg::parse_transaction_mode("per-migration") == TransactionMode::PerMigration);
  CHECK(pg::parse_transaction_mode("single") == TransactionMode::Single);
  CHECK_FALSE(pg::parse_transaction_mode("batch"));
}
