// What real sqlc projects bring along, through the built binary: a pg_dump of one schema (it
// uses an extension's type without creating the extension, and SETs a setting that only a newer
// server knows), and query files holding SQL that PostgreSQL rejects (skip_queries).
#include <catch2/catch.hpp>
#include <string>

#include "support/pg_fixture.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using testing::run_sqlgen;
using testing::shell_quote;

namespace {

void write(const util::TempDir& dir, const std::string& rel, const std::string& text) {
  REQUIRE(util::write_file_atomic(dir.path() / rel, text).empty());
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

/// What `pg_dump -n auth` of a newer server writes: settings first, citext left out (it lives
/// in public), then the schema's own objects.
void write_one_schema_dump(const util::TempDir& dir) {
  write(dir, "schema/auth_dump.sql",
        "SET statement_timeout = 0;\n"
        "SET transaction_timeout = 0;\n"
        "SET client_min_messages = warning;\n"
        "CREATE SCHEMA auth;\n"
        "ALTER SCHEMA auth OWNER TO sqlgen_no_such_role;\n"
        "CREATE DOMAIN auth.email AS public.citext\n"
        "  CONSTRAINT email_check CHECK ((VALUE OPERATOR(public.~) '@'::public.citext));\n"
        "CREATE TABLE auth.users (\n"
        "  id uuid DEFAULT public.gen_random_uuid() NOT NULL,\n"
        "  email auth.email,\n"
        "  nick public.citext NOT NULL,\n"
        "  pass text\n"
        ");\n");
  write(dir, "queries/users.sql",
        "-- name: UserByEmail :one\n"
        "SELECT id, email, nick FROM auth.users WHERE email = $1;\n\n"
        "-- name: UsersByNick :many\n"
        "SELECT id, nick || '!' AS shout FROM auth.users WHERE nick = @nick::public.citext;\n\n"
        "-- name: CheckPass :one\n"
        "SELECT pass = public.crypt(@given, pass) AS ok FROM auth.users WHERE id = @id;\n");
}

}  // namespace

TEST_CASE(
    "a schema file using an extension's type without creating it: the extension is "
    "assumed, once",
    "[cli][catalog]") {
  util::TempDir dir;
  write_one_schema_dump(dir);
  auto r =
      run_sqlgen("--color never analyze --schema schema --queries queries", dir.path().string());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err,
                 "schema/auth_dump.sql:6:29: warning: type \"public.citext\" comes from extension "
                 "\"citext\", which no schema file creates: assuming CREATE EXTENSION citext "
                 "SCHEMA public (as in a pg_dump of one schema)\n"));
  CHECK(contains(r.err,
                 "schema/auth_dump.sql:9:19: warning: function \"public.gen_random_uuid\" comes "
                 "from extension \"pgcrypto\", which no schema file creates: assuming CREATE "
                 "EXTENSION pgcrypto SCHEMA public (as in a pg_dump of one schema)\n"));
  CHECK(count(r.err, "warning:") == 2);
  CHECK(contains(r.out, "\"UserByEmail\""));

  SECTION("a type only named (COMMENT ON TYPE) is not assumed: it does not exist") {
    write(dir, "schema/auth_dump.sql", "COMMENT ON TYPE public.hstore IS 'kv';\n");
    auto named =
        run_sqlgen("--color never analyze --schema schema --queries queries", dir.path().string());
    CHECK(named.exit_code == 1);
    CHECK(contains(named.err, "error: type \"public.hstore\" does not exist"));
    CHECK(!contains(named.err, "assuming"));
  }
  SECTION("without the extension's type, an unknown type stays an error") {
    write(dir, "schema/auth_dump.sql", "CREATE TABLE t (id public.no_such_type);\n");
    auto bad =
        run_sqlgen("--color never analyze --schema schema --queries queries", dir.path().string());
    CHECK(bad.exit_code == 1);
    CHECK(contains(bad.err, "error: type \"public.no_such_type\" does not exist"));
  }
  SECTION("extensions the schema creates are not assumed") {
    write(dir, "schema/000_ext.sql", "CREATE EXTENSION citext;\nCREATE EXTENSION pgcrypto;\n");
    auto ok = run_sqlgen(
        "--color never analyze --schema schema/000_ext.sql --schema "
        "schema/auth_dump.sql --queries queries",
        dir.path().string());
    INFO(ok.err);
    CHECK(ok.exit_code == 0);
    CHECK(!contains(ok.err, "warning"));
  }
}

TEST_CASE(
    "sqlgen verify on a pg_dump of one schema: the assumed extension is created first, "
    "statements naming settings or roles the server lacks are skipped",
    "[cli][verify][oracle]") {
  util::TempDir dir;
  write_one_schema_dump(dir);
  auto r = run_sqlgen("--color never verify --schema schema --queries queries --db " +
                          shell_quote(testing::test_server().conninfo()),
                      dir.path().string());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  // PostgreSQL agrees on every parameter and column of both queries, the domain's included.
  CHECK(r.out ==
        "sqlgen: verified 3 queries (0 not analyzed, 0 rejected by PostgreSQL): 10/10 types agree "
        "(100.00%)\n");
  CHECK(contains(r.err, "schema/auth_dump.sql:2:1: warning: PostgreSQL "));
  CHECK(contains(r.err,
                 " refuses this statement: unrecognized configuration parameter "
                 "\"transaction_timeout\"; it is skipped, as psql would"));
  CHECK(contains(r.err, "schema/auth_dump.sql:5:1: warning: PostgreSQL "));
  CHECK(contains(r.err,
                 " refuses this statement: role \"sqlgen_no_such_role\" does not exist; it is "
                 "skipped"));
  CHECK(count(r.err, "refuses this statement") == 2);

  SECTION("the skipped statements are reported also when a later one fails") {
    write(dir, "schema/zz_fails.sql", "SELECT 1/0;\n");
    auto fail = run_sqlgen(
        "--color never verify --schema schema/auth_dump.sql --schema "
        "schema/zz_fails.sql --queries queries --db " +
            shell_quote(testing::test_server().conninfo()),
        dir.path().string());
    CHECK(fail.exit_code == 1);
    CHECK(contains(fail.err, "schema/zz_fails.sql:1:1: error: division by zero"));
    CHECK(count(fail.err, "refuses this statement") == 2);
  }
}

TEST_CASE("skip_queries: the queries it names are neither analyzed nor generated",
          "[cli][config][generate]") {
  util::TempDir dir;
  write(dir, "sqlgen.yaml",
        "version: \"1\"\n"
        "modules:\n"
        "  - name: app\n"
        "    migrations: [schema.sql]\n"
        "    queries: [queries.sql]\n"
        "    skip_queries: [PageCount, SelfRef]\n");
  write(dir, "schema.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n");
  // Two queries written for SQLite (PostgreSQL rejects both) next to one for PostgreSQL.
  write(dir, "queries.sql",
        "-- name: PageCount :one\nSELECT page_count FROM pragma_page_count();\n\n"
        "-- name: SelfRef :many\nWITH x AS (SELECT id FROM x) SELECT id FROM x;\n\n"
        "-- name: Ids :many\nSELECT id FROM t;\n");

  auto r = run_sqlgen("--color never generate", dir.path().string());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err == "");
  std::string header = util::read_file(dir.path() / "generated/app/queries.hpp").text.value_or("");
  CHECK(contains(header, "ids("));
  CHECK(!contains(header, "page_count"));
  CHECK(!contains(header, "self_ref"));

  SECTION("without skip_queries, both are PostgreSQL's errors") {
    write(dir, "sqlgen.yaml",
          "version: \"1\"\nmodules:\n  - name: app\n    migrations: [schema.sql]\n"
          "    queries: [queries.sql]\n");
    auto strict = run_sqlgen("--color never generate", dir.path().string());
    CHECK(strict.exit_code == 1);
    CHECK(contains(strict.err, "queries.sql:2:"));
    CHECK(contains(strict.err, "queries.sql:5:"));
  }
  SECTION("a name no query has is a warning at its entry, with a did-you-mean") {
    write(dir, "sqlgen.yaml",
          "version: \"1\"\nmodules:\n  - name: app\n    migrations: [schema.sql]\n"
          "    queries: [queries.sql]\n    skip_queries: [PageCount, SelfRef, Idz]\n");
    auto typo = run_sqlgen("--color never generate", dir.path().string());
    CHECK(typo.exit_code == 0);
    CHECK(contains(typo.err,
                   "sqlgen.yaml:6:40: warning: skip_queries names \"Idz\", but no query "
                   "file of module \"app\" defines it, did you mean \"Ids\"?\n"));
  }
  SECTION("a value that is not a list is a located error") {
    write(dir, "sqlgen.yaml",
          "version: \"1\"\nmodules:\n  - name: app\n    migrations: [schema.sql]\n"
          "    queries: [queries.sql]\n    skip_queries: PageCount\n");
    auto bad = run_sqlgen("--color never generate", dir.path().string());
    CHECK(bad.exit_code == 1);
    CHECK(contains(bad.err, "sqlgen.yaml:6:19: error: \"skip_queries\" must be a list of strings"));
  }
}
