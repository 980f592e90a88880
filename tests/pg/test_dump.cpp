// Schema dumps: the normalizer on literal pg_dump text, and real dumps that must be byte-stable
// across databases and clusters and equal for the ADD VALUE and recreate variants.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "config/config.hpp"
#include "pg/dump.hpp"
#include "pg/migrate.hpp"
#include "source/migrations.hpp"
#include "support/pg_fixture.hpp"

namespace fs = std::filesystem;
using namespace sqlgen;
using testing::fresh_database;

namespace {

/// Migrations and fixtures of a set in tests/cases/dump/.
std::pair<std::vector<source::Migration>, std::vector<pg::Fixture>> load_case(
    const std::string& name) {
  diag::DiagnosticEngine diags;
  auto config = config::load_config(
      fs::path(SQLGEN_TESTS_DIR) / "cases" / "dump" / name / "sqlgen.yaml", diags);
  REQUIRE(config);
  auto migrations = source::load_all_migrations(*config, diags);
  auto fixtures = pg::load_fixtures(*config, migrations, diags);
  REQUIRE_FALSE(diags.has_errors());
  return {std::move(migrations), std::move(fixtures)};
}

/// The normalized dump of `name` migrated with `mode` into a new database on `server`.
std::string dump_case(pg::Server& server, std::string db, const std::string& name,
                      pg::TransactionMode mode, bool with_fixtures = true) {
  auto [migrations, fixtures] = load_case(name);
  db += "_" + std::to_string(::getpid());  // unique on a server shared by test processes
  REQUIRE(server.drop_database(db).ok());
  REQUIRE(server.create_database(db).ok());
  pg::Result<pg::MigrateReport> applied =
      pg::apply_migrations(server.conninfo(db), migrations,
                           with_fixtures ? fixtures : std::vector<pg::Fixture>{}, {mode});
  INFO((applied.ok() ? "" : diag::render_text(applied.error())));
  REQUIRE(applied.ok());
  pg::Result<std::string> dump = pg::dump_schema(server.conninfo(db));
  INFO((dump.ok() ? "" : diag::render_text(dump.error())));
  REQUIRE(dump.ok());
  REQUIRE(server.drop_database(db).ok());
  return *dump;
}

}  // namespace

TEST_CASE("dump: normalization drops what varies and keeps quoted text", "[dump]") {
  const std::string raw =
      "--\n"
      "-- PostgreSQL database dump\n"
      "--\n"
      "\n"
      "\\restrict 3kYbq0XcOZ1ZtL8RkNQ4oR1MmY0uFxj\n"
      "\n"
      "-- Dumped from database version 15.14 (Debian 15.14-1.pgdg120+1)\n"
      "-- Dumped by pg_dump version 15.14 (Debian 15.14-1.pgdg120+1)\n"
      "\n"
      "SELECT pg_catalog.set_config('search_path', '', false);\n"
      "\n"
      "\n"
      "CREATE FUNCTION f() RETURNS text\n"
      "    AS $_$\n"
      "SELECT 'a\n"
      "\n"
      "\n"
      "\\restrict kept';\n"
      "$_$;\n"
      "\n"
      "\n"
      "COMMENT ON TABLE t IS 'two\n"
      "\n"
      "\n"
      "blank lines';\n"
      "\n"
      "--\n"
      "-- PostgreSQL database dump complete\n"
      "--\n"
      "\n"
      "\\unrestrict 3kYbq0XcOZ1ZtL8RkNQ4oR1MmY0uFxj\n"
      "\n";
  CHECK(pg::normalize_dump(raw) ==
        "--\n"
        "-- PostgreSQL database dump\n"
        "--\n"
        "\n"
        "SELECT pg_catalog.set_config('search_path', '', false);\n"
        "\n"
        "CREATE FUNCTION f() RETURNS text\n"
        "    AS $_$\n"
        "SELECT 'a\n"
        "\n"
        "\n"
        "\\restrict kept';\n"
        "$_$;\n"
        "\n"
        "COMMENT ON TABLE t IS 'two\n"
        "\n"
        "\n"
        "blank lines';\n"
        "\n"
        "--\n"
        "-- PostgreSQL database dump complete\n"
        "--\n");
  // Idempotent, and a missing final newline is added.
  CHECK(pg::normalize_dump(pg::normalize_dump(raw)) == pg::normalize_dump(raw));
  CHECK(pg::normalize_dump("SELECT 1;") == "SELECT 1;\n");
  CHECK(pg::normalize_dump("\\restrict abc\n") == "");
}

TEST_CASE("dump: normalization tracks quotes, identifiers and comments across lines", "[dump]") {
  // A quote inside a line comment, an escaped quote in an E'' string, a "quoted" identifier
  // with a $ sign and a nested block comment must not leave the scanner inside a token.
  const std::string raw =
      "-- it's a comment\n\n\nSELECT E'it\\'s', \"a$b$\", $1;\n\n\n"
      "/* outer /* inner */ still\n\n\ncomment */\n\n\nSELECT 'x''\n\n\ny';\n";
  CHECK(pg::normalize_dump(raw) ==
        "-- it's a comment\n\nSELECT E'it\\'s', \"a$b$\", $1;\n\n"
        "/* outer /* inner */ still\n\n\ncomment */\n\nSELECT 'x''\n\n\ny';\n");
}

TEST_CASE("dump: both enum variants give byte-identical dumps", "[dump][pg]") {
  pg::Server& server = testing::test_server();
  std::string add_value =
      dump_case(server, "sqlgen_dump_t_av", "add_value", pg::TransactionMode::PerMigration);
  std::string recreate =
      dump_case(server, "sqlgen_dump_t_re", "recreate", pg::TransactionMode::Single);
  CHECK(add_value == recreate);
  CHECK(add_value.find("CREATE TYPE public.ai_provider_type AS ENUM (\n    'openai',\n"
                       "    'anthropic',\n    'azure_openai'\n);") != std::string::npos);
  CHECK(add_value.find("provider_type public.ai_provider_type DEFAULT "
                       "'openai'::public.ai_provider_type NOT NULL") != std::string::npos);
  // Neither sqlgen's tracking table nor owners, grants or version lines.
  for (const char* absent : {"sqlgen.migrations", "SCHEMA sqlgen", "OWNER TO", "GRANT ",
                             "Dumped from", "Dumped by", "\\restrict", "\\unrestrict", "\n\n\n"}) {
    CAPTURE(absent);
    CHECK(add_value.find(absent) == std::string::npos);
  }
  // Without the fixture the single-transaction ADD VALUE variant passes and dumps the same.
  CHECK(dump_case(server, "sqlgen_dump_t_av1", "add_value", pg::TransactionMode::Single, false) ==
        recreate);
}

TEST_CASE("dump: two clusters give byte-identical dumps of the same migrations", "[dump][pg]") {
  pg::Server& server = testing::test_server();
  pg::Result<std::unique_ptr<pg::Cluster>> other = pg::Cluster::start();
  if (!other) {
    WARN("no second cluster: " << diag::render_text(other.error()));
    return;
  }
  std::string first =
      dump_case(server, "sqlgen_dump_t_c1", "recreate", pg::TransactionMode::Single);
  std::string second =
      dump_case(**other, "sqlgen_dump_t_c2", "recreate", pg::TransactionMode::PerMigration);
  CHECK(first == second);
  // The raw dumps differ where pg_dump prints random \restrict keys (15.14 and later).
  auto db = fresh_database("CREATE TABLE t (id int);");
  pg::Result<std::string> raw1 = pg::run_pg_dump(db.conninfo());
  pg::Result<std::string> raw2 = pg::run_pg_dump(db.conninfo());
  REQUIRE(raw1.ok());
  REQUIRE(raw2.ok());
  if (raw1->find("\\restrict ") != std::string::npos) CHECK(*raw1 != *raw2);
  CHECK(pg::normalize_dump(*raw1) == pg::normalize_dump(*raw2));
}

TEST_CASE("dump: pg_dump failures are diagnostics", "[dump][pg]") {
  pg::Server& server = testing::test_server();
  pg::Result<std::string> r = pg::dump_schema(server.conninfo("sqlgen_no_such_database"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().id == diag::DiagId::err_pg_dump);
  CHECK(r.error().message.find("\"sqlgen_no_such_database\" does not exist") != std::string::npos);
  pg::DumpOptions options;
  options.bindir = "/nonexistent";
  CHECK(pg::run_pg_dump(server.conninfo(), options).error().message ==
        "pg_dump failed: no pg_dump in \"/nonexistent\"");
}
