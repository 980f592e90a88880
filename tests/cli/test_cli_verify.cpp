// `sqlgen verify` through the built binary: a project where PostgreSQL agrees with every type,
// one where it does not (a DO block changes a column type, another drops a column), the JSON
// shape, --all (agreement on acceptance), a throwaway server and --db with an existing one.
#include <libpq-fe.h>

#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/pg_fixture.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using nlohmann::json;
using testing::run_sqlgen;
using testing::shell_quote;

namespace {

void write(const util::TempDir& dir, const std::string& rel, const std::string& text) {
  REQUIRE(util::write_file_atomic(dir.path() / rel, text).empty());
}

/// `--db` naming the test process's server (faster than a throwaway cluster per run).
std::string db_arg() { return " --db " + shell_quote(testing::test_server().conninfo()); }

std::set<std::string> keys(const json& j) {
  std::set<std::string> out;
  for (const auto& [k, v] : j.items()) out.insert(k);
  return out;
}

/// A module "app" in sqlgen.yaml whose four queries all agree with PostgreSQL: 5 parameters
/// and 6 columns.
void write_agreeing_project(const util::TempDir& dir) {
  write(dir, "sqlgen.yaml",
        "version: \"1\"\nmodules:\n  - name: app\n    migrations: migrations/app\n"
        "    queries: queries/app\n");
  write(dir, "migrations/app/001_init.sql",
        "CREATE TABLE users (\n  id bigserial PRIMARY KEY,\n  email text NOT NULL,\n"
        "  nickname varchar(40)\n);\n");
  write(dir, "queries/app/users.sql",
        "-- name: GetUser :one\nSELECT id, email, nickname FROM users WHERE id = $1;\n\n"
        "-- name: ListUsers :many\nSELECT id, email FROM users ORDER BY id LIMIT @max_rows;\n\n"
        "-- name: CreateUser :one\n"
        "INSERT INTO users (email, nickname) VALUES (@email, @nickname) RETURNING id;\n\n"
        "-- name: DeleteUser :exec\nDELETE FROM users WHERE id = $1;\n");
}

/// Migrations PostgreSQL runs differently from what sqlgen models: a DO block widens
/// items.qty to bigint and drops items.note (sqlgen warns that it cannot see inside).
void write_disagreeing_schema(const util::TempDir& dir) {
  write(dir, "schema/001_items.sql",
        "CREATE TABLE items (id bigint PRIMARY KEY, qty integer NOT NULL, note text);\n"
        "DO $$ BEGIN\n  ALTER TABLE items ALTER COLUMN qty TYPE bigint;\n"
        "  ALTER TABLE items DROP COLUMN note;\nEND $$;\n");
  write(dir, "queries/items.sql",
        "-- name: BigItems :many\nSELECT id, qty FROM items WHERE qty > $1;\n\n"
        "-- name: ItemNote :one\nSELECT note FROM items WHERE id = $1;\n\n"
        "-- name: Broken :one\nSELECT nope FROM items;\n\n"
        "-- name: CountItems :one\nSELECT count(*) AS n FROM items;\n");
}

}  // namespace

TEST_CASE("sqlgen verify: every type agrees with PostgreSQL on a throwaway server",
          "[cli][verify][oracle]") {
  util::TempDir dir;
  write_agreeing_project(dir);
  auto r = run_sqlgen("verify", dir.path().string());  // no --db: a server of its own
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "sqlgen: verified 4 queries (0 not analyzed, 0 rejected by PostgreSQL): 11/11 types "
        "agree (100.00%)\n");
  CHECK(r.err == "");
}

TEST_CASE("sqlgen verify --format json: per-query results and totals", "[cli][verify][oracle]") {
  util::TempDir dir;
  write_agreeing_project(dir);
  auto r = run_sqlgen("verify --format json" + db_arg(), dir.path().string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json out = json::parse(r.out);
  CHECK(keys(out) == std::set<std::string>{"queries", "schema_applied", "totals"});
  CHECK(out["schema_applied"] == true);
  CHECK(out["totals"] == json::parse(R"({"queries": 4, "analyzed": 4, "prepared": 4,
      "rejected": 0, "params": {"compared": 5, "agreeing": 5},
      "columns": {"compared": 6, "agreeing": 6}, "compared": 11, "agreeing": 11})"));
  REQUIRE(out["queries"].size() == 4);
  const json& q = out["queries"][2];
  CHECK(keys(q) == std::set<std::string>{"columns", "file", "line", "mismatches", "module", "name",
                                         "params", "status"});
  CHECK(q["module"] == "app");
  CHECK(q["name"] == "CreateUser");
  CHECK(q["file"] == "queries/app/users.sql");
  CHECK(q["line"] == 7);
  CHECK(q["status"] == "agrees");
  CHECK(q["params"] == json::parse(R"({"compared": 2, "agreeing": 2})"));
  CHECK(q["columns"] == json::parse(R"({"compared": 1, "agreeing": 1})"));
  CHECK(q["mismatches"] == json::array());
}

TEST_CASE("sqlgen verify: differences are warnings, a query PostgreSQL rejects is an error",
          "[cli][verify][oracle]") {
  util::TempDir dir;
  write_disagreeing_schema(dir);
  const std::string args = " --schema schema --queries queries" + db_arg();
  auto r = run_sqlgen("--color never verify" + args, dir.path().string());
  CHECK(r.exit_code == 1);  // Broken does not analyze, ItemNote is rejected
  CHECK(r.out ==
        "sqlgen: verified 4 queries (1 not analyzed, 1 rejected by PostgreSQL): 2/4 types agree "
        "(50.00%)\n");
  INFO(r.err);
  CHECK(r.err.find("queries/items.sql:1:1: warning: parameter $1 is bigint for PostgreSQL, "
                   "sqlgen says integer\n") != std::string::npos);
  CHECK(r.err.find("queries/items.sql:1:1: warning: column 2 is \"qty\" bigint for PostgreSQL, "
                   "sqlgen says \"qty\" integer\n") != std::string::npos);
  CHECK(r.err.find("queries/items.sql:4:1: error: PostgreSQL rejects query \"ItemNote\" that "
                   "sqlgen accepted: column \"note\" does not exist (SQLSTATE 42703)\n") !=
        std::string::npos);
  CHECK(r.err.find("queries/items.sql:8:8: error: column \"nope\" does not exist") !=
        std::string::npos);

  SECTION("JSON") {
    auto j = run_sqlgen("verify --format json" + args, dir.path().string());
    CHECK(j.exit_code == 1);
    json out = json::parse(j.out);
    CHECK(out["totals"]["queries"] == 4);
    CHECK(out["totals"]["analyzed"] == 3);
    CHECK(out["totals"]["prepared"] == 2);
    CHECK(out["totals"]["rejected"] == 1);
    CHECK(out["totals"]["compared"] == 4);
    CHECK(out["totals"]["agreeing"] == 2);
    std::vector<std::string> statuses;
    for (const json& q : out["queries"]) statuses.push_back(q["status"]);
    CHECK(statuses == std::vector<std::string>{"differs", "rejected", "not_analyzed", "agrees"});
    CHECK(out["queries"][0]["mismatches"] ==
          json::parse(R"(["parameter $1 is bigint for PostgreSQL, sqlgen says integer",
              "column 2 is \"qty\" bigint for PostgreSQL, sqlgen says \"qty\" integer"])"));
    CHECK(out["queries"][1]["error"] == "column \"note\" does not exist");
  }

  SECTION("--strict makes differences errors") {
    write(dir, "queries/items.sql", "-- name: BigItems :many\nSELECT id, qty FROM items;\n");
    auto lax = run_sqlgen("--color never verify" + args, dir.path().string());
    CHECK(lax.exit_code == 0);
    CHECK(lax.out ==
          "sqlgen: verified 1 query (0 not analyzed, 0 rejected by PostgreSQL): 1/2 types agree "
          "(50.00%)\n");
    auto strict = run_sqlgen("--color never verify --strict" + args, dir.path().string());
    CHECK(strict.exit_code == 1);
    CHECK(strict.err.find("queries/items.sql:1:1: error: column 2 is \"qty\" bigint") !=
          std::string::npos);
  }
}

TEST_CASE("sqlgen verify --all: agreement on acceptance, sqlgen's rejections as results",
          "[cli][verify][oracle]") {
  util::TempDir dir;
  write_disagreeing_schema(dir);
  // PostgreSQL PREPAREs `id = $1`; sqlgen rejects a slice where one value belongs.
  write(dir, "queries/slice.sql",
        "-- name: SliceEquals :many\nSELECT id FROM items WHERE id = sqlc.slice(ids);\n");
  const std::string args = " --all --schema schema --queries queries" + db_arg();
  // BigItems differs, ItemNote only PostgreSQL rejects (the DO block dropped items.note), Broken
  // both reject, CountItems agrees, SliceEquals only sqlgen rejects.
  auto r = run_sqlgen("--color never verify" + args, dir.path().string());
  INFO(r.err);
  CHECK(r.exit_code == 0);  // a measurement: disagreements are results
  CHECK(r.out ==
        "sqlgen: verified 5 queries (2 rejected by sqlgen, 2 by PostgreSQL, 1 by both): "
        "acceptance agrees on 3/5 (60.00%), 2/4 types agree (50.00%)\n");
  CHECK(r.err.find("queries/items.sql:4:1: warning: PostgreSQL rejects query \"ItemNote\" that "
                   "sqlgen accepted: column \"note\" does not exist (SQLSTATE 42703)\n") !=
        std::string::npos);
  // sqlgen's rejections are no diagnostics.
  CHECK(r.err.find("nope") == std::string::npos);
  CHECK(r.err.find("slice") == std::string::npos);

  SECTION("JSON") {
    auto j = run_sqlgen("verify --format json" + args, dir.path().string());
    CHECK(j.exit_code == 0);
    json out = json::parse(j.out);
    std::vector<std::string> statuses;
    for (const json& q : out["queries"]) statuses.push_back(q["status"]);
    CHECK(statuses ==
          std::vector<std::string>{"differs", "rejected", "both_reject", "agrees", "sqlgen_only"});
    const json& broken = out["queries"][2];
    CHECK(broken["error"] == "column \"nope\" does not exist");
    CHECK(broken["sqlstate"] == "42703");
    CHECK(broken["sqlgen_error"].get<std::string>().starts_with("column \"nope\" does not exist"));
    CHECK(broken["sqlgen_sqlstate"] == "42703");
    const json& slice = out["queries"][4];
    CHECK(slice["sqlgen_error"] ==
          "sqlc.slice(ids) is a list of values and belongs where PostgreSQL expects an array");
    CHECK(!slice.contains("error"));
    const json& t = out["totals"];
    CHECK(t["queries"] == 5);
    CHECK(t["analyzed"] == 3);
    CHECK(t["rejected"] == 1);
    CHECK(t["sqlgen_rejected"] == 2);
    CHECK(t["both_reject"] == 1);
    CHECK(t["sqlgen_only"] == 1);
    CHECK(t["acceptance"] == json::parse(R"({"compared": 5, "agreeing": 3})"));
  }

  SECTION("--strict keeps PostgreSQL's rejection an error") {
    auto strict = run_sqlgen("--color never verify --strict" + args, dir.path().string());
    CHECK(strict.exit_code == 1);
    CHECK(strict.err.find("queries/items.sql:4:1: error: PostgreSQL rejects query") !=
          std::string::npos);
  }
}

TEST_CASE("sqlgen verify: migrations PostgreSQL rejects are an error, nothing is verified",
          "[cli][verify][oracle]") {
  util::TempDir dir;
  write(dir, "schema/001.sql",
        "CREATE TABLE t (id int);\nDO $$ BEGIN RAISE EXCEPTION 'no'; END $$;\n");
  write(dir, "queries/q.sql", "-- name: Ids :many\nSELECT id FROM t;\n");
  auto r = run_sqlgen("--color never verify --schema schema --queries queries" + db_arg(),
                      dir.path().string());
  CHECK(r.exit_code == 1);
  CHECK(r.out ==
        "sqlgen: verified no query of 1 (0 not analyzed, 0 rejected by PostgreSQL): the schema "
        "could not be built on PostgreSQL\n");
  CHECK(r.err.find("schema/001.sql:2:1: error: no (SQLSTATE P0001)") != std::string::npos);
}

TEST_CASE("sqlgen verify: the example app agrees with PostgreSQL", "[cli][verify][oracle]") {
  auto r = run_sqlgen("verify" + db_arg(), SQLGEN_SOURCE_DIR);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.starts_with("sqlgen: verified "));
  CHECK(r.out.find("(0 not analyzed, 0 rejected by PostgreSQL)") != std::string::npos);
  CHECK(r.out.ends_with("(100.00%)\n"));
  CHECK(r.err == "");
}

TEST_CASE("sqlgen verify --db leaves no database behind", "[cli][verify][oracle]") {
  util::TempDir dir;
  write_agreeing_project(dir);
  // Scratch databases of verify on the test server (sqlgen_verify_<pid>_<n>).
  auto count = [] {
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(
        PQconnectdb(testing::test_server().conninfo().c_str()), &PQfinish);
    REQUIRE(PQstatus(conn.get()) == CONNECTION_OK);
    PGresult* r =
        PQexec(conn.get(), "SELECT count(*) FROM pg_database WHERE datname LIKE 'sqlgen_verify_%'");
    std::string n = PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : "?";
    PQclear(r);
    return n;
  };
  const std::string before = count();
  auto r = run_sqlgen("verify" + db_arg(), dir.path().string());
  CHECK(r.exit_code == 0);
  CHECK(count() == before);
}

TEST_CASE("sqlgen verify with no query to compare says so, not 100%", "[cli][verify]") {
  util::TempDir dir;
  write(dir, "sqlgen.yaml",
        "version: \"1\"\nmodules:\n  - name: app\n    migrations: migrations/app\n"
        "    queries: queries/app\n");
  write(dir, "queries/app/q.sql", "-- name: One :one\nSELECT 1 AS one;\n");
  // migrations/app does not exist: the error names it, and no query is analyzed.
  auto r = run_sqlgen("--color never verify" + db_arg(), dir.path().string());
  CHECK(r.exit_code == 1);
  CHECK(r.out == "sqlgen: no query to verify\n");
  CHECK(r.err.find("migrations/app") != std::string::npos);
}
