// `sqlgen analyze`: the contract JSON (queries and diagnostics), exit codes,
// --search-path, directory inputs and the sqlgen.yaml mode.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using nlohmann::json;
using testing::run_sqlgen;

namespace {

void write(const util::TempDir& dir, const std::string& rel, const std::string& text) {
  REQUIRE(util::write_file_atomic(dir.path() / rel, text).empty());
}

/// The key names of a JSON object.
std::set<std::string> keys(const json& j) {
  std::set<std::string> out;
  for (const auto& [k, v] : j.items()) out.insert(k);
  return out;
}

/// The query named `name` in `sqlgen analyze` output (null when missing).
json find_query(const json& out, const std::string& name) {
  for (const json& q : out["queries"]) {
    if (q["name"] == name) return q;
  }
  return nullptr;
}

/// A schema with a goose migration (its Down would drop the table) and a
/// golang-migrate pair in a subdirectory (its .down.sql would drop a column).
void write_schema(const util::TempDir& dir) {
  write(dir, "schema/001_init.sql",
        "-- +goose Up\nCREATE SCHEMA app;\n"
        "CREATE TABLE app.users (\n  id bigserial PRIMARY KEY,\n  email text NOT NULL,\n"
        "  nickname varchar(40),\n  tags text[] NOT NULL DEFAULT '{}'\n);\n"
        "-- +goose Down\nDROP TABLE app.users;\nDROP SCHEMA app;\n");
  write(dir, "schema/more/002_orders.up.sql",
        "CREATE TABLE app.orders (id int PRIMARY KEY, user_id bigint REFERENCES app.users, "
        "note text);\n");
  write(dir, "schema/more/002_orders.down.sql", "ALTER TABLE app.orders DROP COLUMN note;\n");
}

}  // namespace

TEST_CASE("sqlgen analyze prints the contract JSON for --schema and --queries", "[cli][analyze]") {
  util::TempDir dir;
  write_schema(dir);
  write(dir, "queries/users.sql",
        "-- name: GetUser :one\n"
        "SELECT id, email, nickname, tags FROM app.users WHERE id = @id;\n"
        "\n"
        "-- name: UserOrders :many\n"
        "SELECT sqlc.embed(u), o.note FROM app.users u LEFT JOIN app.orders o ON o.user_id = u.id "
        "WHERE u.email = sqlc.narg(email);\n");
  auto r = run_sqlgen("analyze --schema schema --queries queries", dir.path().string());
  INFO(r.err << r.out);
  REQUIRE(r.exit_code == 0);
  json out = json::parse(r.out);
  CHECK(keys(out) == std::set<std::string>{"queries", "diagnostics"});
  CHECK(out["diagnostics"] == json::array());
  REQUIRE(out["queries"].size() == 2);

  const json& q = out["queries"][0];
  for (const char* k : {"name", "cmd", "module", "file", "line", "sql", "columns", "params"}) {
    CHECK(q.contains(k));
  }
  CHECK(q["name"] == "GetUser");
  CHECK(q["cmd"] == "one");
  CHECK(q["module"] == "");
  CHECK(q["file"] == "queries/users.sql");
  CHECK(q["line"] == 1);
  CHECK(q["sql"] == "SELECT id, email, nickname, tags FROM app.users WHERE id = $1");

  const json& cols = q["columns"];
  REQUIRE(cols.size() == 4);
  for (const json& c : cols) {
    CHECK(keys(c) == std::set<std::string>{"name", "type", "type_schema", "array_dims", "not_null",
                                           "table", "table_schema", "embed"});
  }
  CHECK(cols[0] == json{{"name", "id"},
                        {"type", "int8"},
                        {"type_schema", "pg_catalog"},
                        {"array_dims", 0},
                        {"not_null", true},
                        {"table", "users"},
                        {"table_schema", "app"},
                        {"embed", nullptr}});
  CHECK(cols[2]["name"] == "nickname");
  CHECK(cols[2]["type"] == "varchar");
  CHECK(cols[2]["not_null"] == false);
  CHECK(cols[3]["type"] == "text");
  CHECK(cols[3]["array_dims"] == 1);

  REQUIRE(q["params"].size() == 1);
  const json& p = q["params"][0];
  CHECK(keys(p) ==
        std::set<std::string>{"number", "name", "type", "type_schema", "array_dims", "not_null"});
  CHECK(p == json{{"number", 1},
                  {"name", "id"},
                  {"type", "int8"},
                  {"type_schema", "pg_catalog"},
                  {"array_dims", 0},
                  {"not_null", true}});

  const json& embed = out["queries"][1];
  CHECK(embed["cmd"] == "many");
  CHECK(embed["line"] == 4);
  REQUIRE(embed["columns"].size() == 5);
  // An embed is named by its range entry (the alias); its columns carry the table.
  CHECK(embed["columns"][0]["embed"] == "u");
  CHECK(embed["columns"][0]["embed_nullable"] == false);
  CHECK(keys(embed["columns"][0]) ==
        std::set<std::string>{"name", "type", "type_schema", "array_dims", "not_null", "table",
                              "table_schema", "embed", "embed_schema", "embed_nullable"});
  CHECK(embed["columns"][0]["table"] == "users");
  CHECK(embed["columns"][0]["table_schema"] == "app");
  CHECK(embed["sql"] ==
        "SELECT u.id, u.email, u.nickname, u.tags, o.note FROM app.users u LEFT JOIN app.orders o "
        "ON o.user_id = u.id WHERE u.email = $1");
  CHECK(embed["columns"][4]["name"] == "note");
  CHECK(embed["columns"][4]["embed"] == nullptr);
  CHECK(embed["columns"][4]["not_null"] == false);  // outer join, and nullable anyway
  CHECK(embed["params"][0]["name"] == "email");
  CHECK(embed["params"][0]["not_null"] == false);  // sqlc.narg
}

TEST_CASE("sqlgen analyze exits 1 on errors and still prints the JSON", "[cli][analyze]") {
  util::TempDir dir;
  write_schema(dir);
  write(dir, "q.sql",
        "-- name: Good :one\nSELECT id FROM app.users;\n\n"
        "-- name: Bad :many\nSELECT id, emial FROM app.users;\n");
  auto r = run_sqlgen("analyze --schema schema --queries q.sql", dir.path().string());
  CHECK(r.exit_code == 1);
  json out = json::parse(r.out);
  CHECK(find_query(out, "Good")["columns"][0]["name"] == "id");
  CHECK(find_query(out, "Bad") != nullptr);
  REQUIRE(out["diagnostics"].size() >= 1);
  const json& d = out["diagnostics"][0];
  for (const char* k : {"file", "line", "column", "severity", "message"}) CHECK(d.contains(k));
  CHECK(d["file"] == "q.sql");
  CHECK(d["line"] == 5);
  CHECK(d["column"] == 12);
  CHECK(d["severity"] == "error");
  CHECK(d["message"].get<std::string>().find("\"emial\"") != std::string::npos);
  CHECK(r.err.find("q.sql:5:12: error:") != std::string::npos);
}

TEST_CASE("sqlgen analyze --search-path resolves unqualified names in order", "[cli][analyze]") {
  util::TempDir dir;
  write(dir, "schema.sql",
        "CREATE SCHEMA a;\nCREATE SCHEMA b;\n"
        "CREATE TABLE a.t (x int NOT NULL);\nCREATE TABLE b.t (x text);\n"
        "CREATE TABLE b.only_b (y uuid);\n");
  write(dir, "q.sql",
        "-- name: X :many\nSELECT x FROM t;\n\n-- name: Y :many\nSELECT y FROM only_b;\n");
  auto ab = run_sqlgen("analyze --schema schema.sql --queries q.sql --search-path a,b",
                       dir.path().string());
  INFO(ab.err);
  REQUIRE(ab.exit_code == 0);
  json out = json::parse(ab.out);
  CHECK(find_query(out, "X")["columns"][0]["type"] == "int4");
  CHECK(find_query(out, "X")["columns"][0]["table_schema"] == "a");
  CHECK(find_query(out, "X")["columns"][0]["not_null"] == true);
  CHECK(find_query(out, "Y")["columns"][0]["type"] == "uuid");

  auto ba = run_sqlgen("analyze --schema schema.sql --queries q.sql --search-path b,a",
                       dir.path().string());
  REQUIRE(ba.exit_code == 0);
  json out_ba = json::parse(ba.out);
  CHECK(find_query(out_ba, "X")["columns"][0]["type"] == "text");
  CHECK(find_query(out_ba, "X")["columns"][0]["table_schema"] == "b");

  auto none = run_sqlgen("analyze --schema schema.sql --queries q.sql", dir.path().string());
  CHECK(none.exit_code == 1);
  CHECK(none.err.find("q.sql:2:15: error:") != std::string::npos);
}

TEST_CASE("sqlgen analyze reads directories recursively and skips Down migrations",
          "[cli][analyze]") {
  util::TempDir dir;
  write_schema(dir);
  write(dir, "queries/a.sql", "-- name: A :many\nSELECT id FROM app.users;\n");
  write(dir, "queries/sub/deeper/b.sql", "-- name: B :many\nSELECT note FROM app.orders;\n");
  write(dir, "queries/sub/notes.txt", "not sql, not read\n");
  auto r = run_sqlgen("analyze --schema schema --queries queries", dir.path().string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json out = json::parse(r.out);
  REQUIRE(out["queries"].size() == 2);
  CHECK(out["queries"][0]["file"] == "queries/a.sql");
  CHECK(out["queries"][1]["file"] == "queries/sub/deeper/b.sql");
  // app.users survives its goose Down section, app.orders.note its .down.sql.
  CHECK(out["queries"][0]["columns"][0]["type"] == "int8");
  CHECK(out["queries"][1]["columns"][0]["type"] == "text");
  CHECK(out["diagnostics"] == json::array());
}

TEST_CASE("sqlgen analyze without paths reads every module of sqlgen.yaml", "[cli][analyze]") {
  util::TempDir dir;
  write(dir, "sqlgen.yaml",
        "version: \"1\"\nmodules:\n"
        "  - name: identity\n    migrations: migrations/identity\n    queries: queries/identity\n"
        "    schema: identity\n    search_path: [identity, public]\n"
        "  - name: billing\n    migrations: migrations/billing\n    queries: queries/billing\n"
        "    schema: billing\n    search_path: [billing, identity]\n");
  write(dir, "migrations/identity/001_init.sql",
        "-- +goose Up\nCREATE SCHEMA identity;\n"
        "CREATE TABLE identity.users (id uuid PRIMARY KEY, email text NOT NULL);\n"
        "-- +goose Down\nDROP SCHEMA identity CASCADE;\n");
  write(dir, "migrations/billing/001_init.sql",
        "-- +goose Up\nCREATE SCHEMA billing;\n"
        "CREATE TYPE billing.status AS ENUM ('draft', 'paid');\n"
        "CREATE TABLE billing.invoices (id bigint PRIMARY KEY, user_id uuid REFERENCES "
        "identity.users, status billing.status NOT NULL);\n"
        "-- +goose Down\nDROP SCHEMA billing CASCADE;\n");
  write(dir, "queries/identity/users.sql",
        "-- name: GetUser :one\nSELECT id, email FROM users WHERE id = @id;\n");
  write(dir, "queries/billing/invoices.sql",
        "-- A user's invoices.\n-- name: ListInvoices :many\n"
        "SELECT i.id, i.status, u.email FROM invoices i LEFT JOIN users u ON u.id = i.user_id "
        "WHERE i.status = @status;\n");
  auto r = run_sqlgen("analyze", dir.path().string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json out = json::parse(r.out);
  json user = find_query(out, "GetUser");
  json inv = find_query(out, "ListInvoices");
  REQUIRE(user != nullptr);
  REQUIRE(inv != nullptr);
  CHECK(user["module"] == "identity");
  CHECK(user["file"] == "queries/identity/users.sql");
  CHECK(user["params"][0]["type"] == "uuid");
  CHECK(inv["module"] == "billing");
  CHECK(inv["file"] == "queries/billing/invoices.sql");
  CHECK(inv["line"] == 2);
  CHECK(inv["columns"][1]["type"] == "status");
  CHECK(inv["columns"][1]["type_schema"] == "billing");
  CHECK(inv["columns"][2]["not_null"] == false);  // the LEFT JOIN's nullable side
  CHECK(inv["params"][0]["type"] == "status");
  CHECK(inv["params"][0]["type_schema"] == "billing");
  CHECK(r.out.find(dir.path().string()) == std::string::npos);  // no absolute paths
}

TEST_CASE("sqlgen analyze: an ON CONFLICT target no unique key matches", "[cli][analyze]") {
  // The planner rejects it at the first execution. In a versioned migration sqlgen knows every
  // index: an error. A plain schema file (sqlc's schema list) often leaves indexes out: a
  // warning, and the query is generated.
  util::TempDir dir;
  const std::string table =
      "CREATE TABLE job (id bigint PRIMARY KEY, unique_key bytea, kind text NOT NULL);\n";
  write(dir, "migrations/001_init.sql", "-- +goose Up\n" + table);
  write(dir, "plain/schema.sql", table);
  write(dir, "q.sql",
        "-- name: Upsert :exec\n"
        "INSERT INTO job (id, kind) VALUES (@id, @kind) ON CONFLICT (unique_key) DO NOTHING;\n");
  auto versioned = run_sqlgen("analyze --schema migrations --queries q.sql", dir.path().string());
  INFO(versioned.err);
  CHECK(versioned.exit_code == 1);
  CHECK(versioned.err.find("q.sql:2:48: error: there is no unique or exclusion constraint "
                           "matching the ON CONFLICT specification; the unique keys of \"job\" "
                           "are (id)") != std::string::npos);
  auto plain = run_sqlgen("analyze --schema plain/schema.sql --queries q.sql", dir.path().string());
  INFO(plain.err);
  CHECK(plain.exit_code == 0);
  CHECK(plain.err.find("q.sql:2:48: warning: no unique key of \"job\" in the schema files matches "
                       "the ON CONFLICT target (its unique keys: (id))") != std::string::npos);
  // With the index in the plain file too, nothing to say.
  write(dir, "plain/schema.sql", table + "CREATE UNIQUE INDEX job_key ON job (unique_key);\n");
  auto indexed =
      run_sqlgen("analyze --schema plain/schema.sql --queries q.sql", dir.path().string());
  CHECK(indexed.exit_code == 0);
  CHECK(indexed.err.empty());
}

TEST_CASE("sqlgen analyze prints the same bytes on any number of threads", "[cli][analyze]") {
  // The JSON is put together from per-query pieces printed in parallel: it must read exactly
  // as the whole document dumped at once, whatever the threads (-j, SQLGEN_JOBS).
  util::TempDir dir;
  write_schema(dir);
  std::string queries;
  for (int i = 0; i < 12; ++i) {
    std::string n = std::to_string(i);
    queries += "-- name: Get" + n + " :one\nSELECT id, email, tags FROM app.users WHERE id = @id" +
               n + ";\n\n-- name: Orders" + n +
               " :many\nSELECT o.note, u.nickname FROM app.orders o JOIN app.users u ON u.id = "
               "o.user_id WHERE o.note = $1;\n\n";
  }
  write(dir, "queries/a.sql", queries);
  write(dir, "queries/b.sql",
        "-- name: Broken :one\nSELECT nope FROM app.users;\n\n"
        "-- name: Fine :exec\nDELETE FROM app.orders WHERE id = @id;\n");
  std::string args = "analyze --schema schema --queries queries";
  testing::RunResult one = run_sqlgen("-j 1 " + args, dir.path().string());
  testing::RunResult four = run_sqlgen("--jobs 4 " + args, dir.path().string());
  testing::RunResult env = testing::run_command(
      "SQLGEN_JOBS=3 " + testing::shell_quote(SQLGEN_BINARY) + " " + args, dir.path().string());
  testing::RunResult all = run_sqlgen(args, dir.path().string());
  CHECK(one.exit_code == 1);
  CHECK(four.out == one.out);
  CHECK(env.out == one.out);
  CHECK(all.out == one.out);
  json parsed = json::parse(one.out);
  CHECK(parsed["queries"].size() == 26);  // Broken too, with "ok": false
  CHECK(parsed["diagnostics"].size() == 1);
  CHECK(one.out == parsed.dump(2) + "\n");

  // No diagnostic: an empty array printed as dump(2) prints it.
  write(dir, "queries/b.sql", "-- name: Fine :exec\nDELETE FROM app.orders WHERE id = @id;\n");
  testing::RunResult clean = run_sqlgen(args, dir.path().string());
  CHECK(clean.exit_code == 0);
  CHECK(clean.out == json::parse(clean.out).dump(2) + "\n");
  CHECK(clean.out.find("\"diagnostics\": [],") != std::string::npos);

  testing::RunResult zero = run_sqlgen("-j 0 " + args, dir.path().string());
  CHECK(zero.exit_code == 2);
}

// Found by the fuzz targets query_file and analyze (fuzz/): a byte that is not UTF-8 made
// nlohmann's dump throw, and sqlgen exit 3 ("internal error"). In a file's text it is now
// PostgreSQL's "invalid byte sequence" error; a file name can still hold one, and JSON shows it
// as U+FFFD.
TEST_CASE("sqlgen analyze: bytes that are not UTF-8 become U+FFFD in its JSON", "[cli][analyze]") {
  util::TempDir dir;
  write(dir, "schema.sql", "CREATE TABLE t (id int NOT NULL);\n");
  write(dir, "caf\xe9.sql", "-- name: Get :one\nSELECT nope FROM t;\n");
  write(dir, "q.sql", "-- caf\xe9 in Latin-1\n-- name: Other :one\nSELECT id FROM t;\n");
  auto r = run_sqlgen(
      "--diagnostics-format json analyze --schema schema.sql --queries caf\xe9.sql q.sql",
      dir.path().string());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  json err = json::parse(r.err);
  REQUIRE(err["diagnostics"].size() == 2);
  CHECK(err["diagnostics"][0]["file"] == "caf\xef\xbf\xbd.sql");
  CHECK(err["diagnostics"][0]["message"] == "column \"nope\" does not exist");
  CHECK(err["diagnostics"][1]["file"] == "q.sql");
  CHECK(err["diagnostics"][1]["message"] ==
        "invalid byte sequence for encoding \"UTF8\": 0xe9 0x20 0x69");
}
