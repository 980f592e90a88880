// `sqlgen init --from-sqlc`: sqlc configs (v1, v2, YAML and JSON) → sqlgen.yaml, through the
// binary; and an sqlc-style project that generates compiling C++ after the import.
#include <catch2/catch.hpp>
#include <string>

#include "codegen/codegen_support.hpp"
#include "config/config.hpp"
#include "config/sqlc_import.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using testing::compile;
using testing::run_sqlgen;
using testing::shell_quote;
namespace fs = std::filesystem;

namespace {

void write(const util::TempDir& dir, const std::string& rel, const std::string& text) {
  REQUIRE(util::write_file_atomic(dir.path() / rel, text).empty());
}

std::string read(const util::TempDir& dir, const std::string& rel) {
  return util::read_file(dir.path() / rel).text.value_or("<missing>");
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

const char* k_schema =
    "CREATE TABLE authors (\n"
    "  id bigserial PRIMARY KEY,\n"
    "  name text NOT NULL,\n"
    "  bio text,\n"
    "  ext_id uuid NOT NULL,\n"
    "  born date,\n"
    "  created_at timestamptz NOT NULL DEFAULT now()\n"
    ");\n";

const char* k_queries =
    "-- name: GetAuthor :one\n"
    "SELECT * FROM authors WHERE id = $1 LIMIT 1;\n\n"
    "-- name: ListAuthors :many\n"
    "SELECT * FROM authors ORDER BY name;\n\n"
    "-- name: CreateAuthor :one\n"
    "INSERT INTO authors (name, bio, ext_id) VALUES (@name, @bio, @ext_id) RETURNING *;\n";

}  // namespace

TEST_CASE("init --from-sqlc: a v2 config with packages, engines, overrides and renames",
          "[cli][init]") {
  util::TempDir dir;
  write(dir, "sqlc.yaml", R"(version: "2"
overrides:
  go:
    rename:
      url: URL
    overrides:
      - db_type: "uuid"
        go_type: "github.com/google/uuid.UUID"
      - db_type: "pg_catalog.timestamptz"
        nullable: true
        go_type:
          import: "time"
          type: "Time"
          pointer: true
      - db_type: "ltree"
        go_type: "github.com/example/ltree.Path"
      - db_type: "int4"
        engine: "mysql"
        go_type: "int64"
sql:
  - engine: "postgresql"
    schema: "db/schema.sql"
    queries: "db/query.sql"
    gen:
      go:
        package: "authors"
        out: "internal/authors"
        emit_json_tags: true
        emit_exact_table_names: true
        sql_package: "pgx/v5"
        rename:
          bio: Biography
        overrides:
          - column: "authors.id"
            go_type: "int32"
          - column: "public.authors.bio"
            nullable: true
            go_type: "*string"
          - column: "events.ulid"
            go_type:
              import: "github.com/oklog/ulid/v2"
              type: "ULID"
  - engine: "mysql"
    schema: "mysql/schema.sql"
    queries: "mysql/query.sql"
    gen:
      go:
        package: "authors"
  - engine: "postgresql"
    schema:
      - "db/schema.sql"
      - "db/migrations/"
    queries: ["db/query.sql"]
    strict_function_checks: true
    gen:
      go:
        out: "internal/authors"
)");
  auto r = run_sqlgen("init --from-sqlc", dir.path().string());
  INFO(r.err << r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(
      contains(r.err, "sqlc.yaml:43:13: note: sql[1] skipped: engine \"mysql\" is not PostgreSQL"));
  CHECK(contains(r.out, "wrote sqlgen.yaml (2 modules) from sqlc.yaml"));
  const std::string y = read(dir, "sqlgen.yaml");
  INFO(y);
  CHECK(contains(y,
                 "# Written by `sqlgen init --from-sqlc` from sqlc.yaml (sqlc config version 2)."));
  CHECK(contains(
      y, "# sqlc settings with no meaning for sqlgen, ignored: emit_json_tags, sql_package\n"));
  CHECK(contains(y, "output: \"generated\"\n"));
  CHECK(contains(y, "options:\n  exact_table_names: true\n"));
  CHECK(contains(y, "rename:\n  \"url\": \"URL\"\n"));
  CHECK(contains(y, "  - db_type: \"uuid\"\n    cpp_type: \"sqlgen::runtime::Uuid\"\n"));
  CHECK(
      contains(y,
               "  - db_type: \"pg_catalog.timestamptz\"\n"
               "    cpp_type: \"std::optional<std::chrono::sys_time<std::chrono::microseconds>>\"\n"
               "    include: \"<optional>\"\n    nullable: true\n"));
  CHECK(contains(y,
                 "# db_type \"ltree\": go_type github.com/example/ltree.Path has no C++ meaning; "
                 "sqlgen's default mapping applies\n"));
  CHECK_FALSE(contains(y, "\"int4\""));  // the mysql override
  // Modules: named after the Go package, deduplicated; the mysql entry is gone.
  CHECK(contains(
      y,
      "  # sql[0]\n  - name: \"authors\"\n    migrations:\n      - \"db/schema.sql\"\n"
      "    queries:\n      - \"db/query.sql\"\n    rename:\n      \"bio\": \"Biography\"\n"));
  CHECK(contains(y, "      - column: \"authors.id\"\n        cpp_type: \"std::int32_t\"\n"));
  CHECK(contains(y,
                 "      - column: \"public.authors.bio\"\n"
                 "        cpp_type: \"std::optional<std::string>\"\n"
                 "        include: \"<optional>\"\n        nullable: true\n"));
  CHECK(contains(y,
                 "# column \"events.ulid\": go_type github.com/oklog/ulid/v2.ULID has no C++ "
                 "meaning; sqlgen's default mapping applies"));
  CHECK(contains(y,
                 "  # sql[2]\n  # schema \"db/schema.sql\" is listed by module \"authors\" "
                 "already: sqlgen builds one database from every module\n"
                 "  - name: \"authors_2\"\n    migrations:\n      - \"db/migrations\"\n"
                 "    queries:\n      - \"db/query.sql\"\n"));

  // The output is a valid sqlgen config.
  diag::DiagnosticEngine diags;
  auto cfg = config::load_config(dir.path() / "sqlgen.yaml", diags);
  INFO(diag::render_all(diags, false));
  REQUIRE(cfg);
  CHECK(cfg->modules.size() == 2);
  CHECK(cfg->modules[1].migrations_listed);
  // sqlc's strict_function_checks, off unless the package turns it on.
  CHECK(contains(y, "    strict_function_checks: false\n  # sql[2]\n"));
  CHECK(!cfg->modules[0].strict_function_checks);
  CHECK(cfg->modules[1].strict_function_checks);

  // No overwrite without --force; with it, the same bytes.
  auto again = run_sqlgen("init --from-sqlc", dir.path().string());
  CHECK(again.exit_code == 1);
  CHECK(contains(again.err, "error: \"sqlgen.yaml\" already exists: pass --force to overwrite it"));
  auto forced = run_sqlgen("init --from-sqlc sqlc.yaml --force", dir.path().string());
  INFO(forced.err);
  CHECK(forced.exit_code == 0);
  CHECK(read(dir, "sqlgen.yaml") == y);
}

TEST_CASE("init --from-sqlc: packages sharing settings through YAML anchors and merge keys",
          "[cli][init]") {
  util::TempDir dir;
  write(dir, "db/schema/0001_init.sql", k_schema);
  write(dir, "db/core.sql", k_queries);
  write(dir, "db/audit.sql", "-- name: CountAuthors :one\nSELECT count(*) FROM authors;\n");
  write(dir, "sqlc.yaml", R"(version: "2"
sql:
  - &pkg
    engine: "postgresql"
    schema: "db/schema"
    queries: "db/core.sql"
    gen:
      go: &go
        package: "core"
        out: "internal/core"
        overrides:
          - db_type: "uuid"
            go_type: "github.com/google/uuid.UUID"
  - <<: *pkg
    queries: ["db/audit.sql"]
    gen:
      go:
        <<: *go
        package: "audit"
        out: "internal/audit"
)");
  auto r = run_sqlgen("init --from-sqlc", dir.path().string());
  INFO(r.err << r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "wrote sqlgen.yaml (2 modules) from sqlc.yaml"));
  const std::string y = read(dir, "sqlgen.yaml");
  INFO(y);
  CHECK(contains(y, "  # sql[1]\n"));
  CHECK(contains(y, "  - name: \"audit\"\n"));
  CHECK(contains(y, "      - \"db/audit.sql\"\n"));
  // The second package's merged gen.go overrides, in the audit module too.
  const size_t audit = y.find("name: \"audit\"");
  REQUIRE(audit != std::string::npos);
  CHECK(y.find("cpp_type: \"sqlgen::runtime::Uuid\"", audit) != std::string::npos);
  auto gen = run_sqlgen("analyze", dir.path().string());
  INFO(gen.err);
  CHECK(gen.exit_code == 0);
  CHECK(contains(gen.out, "\"name\": \"CountAuthors\""));
}

TEST_CASE("init --from-sqlc: a v1 JSON config", "[cli][init]") {
  util::TempDir dir;
  write(dir, "sub/sqlc.json", R"({
	"version": "1",
	"rename": {"spotify_url": "SpotifyURL"},
	"overrides": [
		{"go_type": "float64", "db_type": "numeric"},
		{"go_type": "github.com/jackc/pgtype.Date", "db_type": "date", "nullable": true}
	],
	"packages": [
		{"name": "db", "path": "internal/db", "schema": "./sql/schema/", "queries": "./sql/query/",
		 "emit_prepared_queries": true, "query_parameter_limit": 2,
		 "overrides": [{"column": "tracks.len", "go_type": "uint32"}]},
		{"path": "internal/store", "schema": "schema.sql", "queries": "q.sql", "engine": "postgresql"},
		{"name": "lite", "path": "lite", "schema": "l.sql", "queries": "l.sql", "engine": "sqlite"}
	]
})");
  auto r = run_sqlgen("init --from-sqlc sub/sqlc.json", dir.path().string());
  INFO(r.err << r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.err, "sub/sqlc.json:13:85: note: packages[2] skipped"));
  CHECK(contains(r.err, "note: packages[2] skipped: engine \"sqlite\" is not PostgreSQL"));
  const std::string y = read(dir, "sub/sqlgen.yaml");
  INFO(y);
  CHECK(contains(y, "(sqlc config version 1)"));
  CHECK(contains(y, "ignored: emit_prepared_queries\n"));
  CHECK(contains(y, "options:\n  max_params: 2\n"));
  CHECK(contains(y, "rename:\n  \"spotify_url\": \"SpotifyURL\"\n"));
  CHECK(contains(y, "  - db_type: \"numeric\"\n    cpp_type: \"double\"\n"));
  CHECK(contains(y, "# db_type \"date\" (nullable): go_type github.com/jackc/pgtype.Date"));
  CHECK(contains(y,
                 "  - name: \"db\"\n    migrations:\n      - \"sql/schema\"\n    queries:\n"
                 "      - \"sql/query\"\n"));
  CHECK(contains(y, "      - column: \"tracks.len\"\n        cpp_type: \"std::uint32_t\"\n"));
  CHECK(contains(y, "  - name: \"store\"\n    migrations:\n      - \"schema.sql\"\n"));
  CHECK_FALSE(contains(y, "lite"));
}

TEST_CASE("init --from-sqlc: bad input is located and writes nothing", "[cli][init]") {
  struct Case {
    std::string file, text, expected;
  };
  const Case cases[] = {
      {"sqlc.yaml", "version: \"2\"\nsql:\n  - engine: postgresql\n    schema: [a.sql\n",
       "sqlc.yaml:5:1: error: invalid YAML: "},
      {"sqlc.json", "{\n  \"version\": \"1\",\n  \"packages\": [,]\n}\n",
       "sqlc.json:3:16: error: invalid JSON: syntax error while parsing value"},
      {"sqlc.yaml", "version: \"3\"\nsql: []\n",
       "sqlc.yaml:1:10: error: invalid value for \"version\": unsupported sqlc config version "
       "\"3\", "
       "expected \"1\" or \"2\""},
      {"sqlc.yaml", "sql: []\n", "sqlc.yaml:1:1: error: missing required key \"version\""},
      {"sqlc.yml", "version: \"1\"\npackages:\n  - name: db\n    schema: s.sql\n",
       "sqlc.yml:3:5: error: missing required key \"queries\""},
      {"sqlc.yaml", "version: \"1\"\n", "sqlc.yaml:1:1: error: missing required key \"packages\""},
      {"sqlc.yaml",
       "version: \"2\"\nsql:\n  - engine: postgresql\n    schema: s.sql\n    queries: q.sql\n"
       "    strict_function_checks: maybe\n",
       "sqlc.yaml:6:29: error: "},
      // Found by the fuzz target sqlc_import (fuzz/): a scalar where sqlc has a mapping made
      // yaml-cpp throw when it was subscripted (exit 3).
      {"sqlc.yaml",
       "version: \"2\"\nsql:\n  - engine: postgresql\n    schema: s.sql\n    queries: q.sql\n"
       "    gen: go\n",
       "sqlc.yaml:6:10: error: \"sql[0].gen\" must be a mapping"},
      {"sqlc.yaml",
       "version: \"2\"\nsql:\n  - engine: postgresql\n    schema: s.sql\n    queries: q.sql\n"
       "    gen:\n      go: db\n",
       "sqlc.yaml:7:11: error: \"sql[0].gen.go\" must be a mapping"},
      {"sqlc.yaml", "version: \"2\"\noverrides: go\nsql: []\n",
       "sqlc.yaml:2:12: error: \"overrides\" must be a mapping"},
      {"sqlc.yaml", "version: \"2\"\noverrides:\n  go: [x]\nsql: []\n",
       "sqlc.yaml:3:7: error: \"overrides.go\" must be a mapping"},
      // A number JSON cannot hold threw nlohmann's out_of_range (only parse errors were caught).
      {"sqlc.json", "{\n  \"version\": \"1\",\n  \"packages\": [1e99999]\n}\n",
       "sqlc.json:3:16: error: invalid JSON: number overflow parsing '1e99999'"},
  };
  for (const Case& c : cases) {
    util::TempDir dir;
    write(dir, c.file, c.text);
    auto r = run_sqlgen("init --from-sqlc", dir.path().string());
    INFO(c.text << "\n" << r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, c.expected));
    CHECK_FALSE(fs::exists(dir.path() / "sqlgen.yaml"));
  }
  util::TempDir empty;
  auto none = run_sqlgen("init --from-sqlc", empty.path().string());
  CHECK(none.exit_code == 1);
  CHECK(contains(none.err, "error: no sqlc.yaml, sqlc.yml or sqlc.json in"));
  auto missing = run_sqlgen("init --from-sqlc other/sqlc.yaml", empty.path().string());
  CHECK(missing.exit_code == 1);
  CHECK(contains(missing.err, "error: no such file or directory \"other/sqlc.yaml\""));
  // `init` alone writes a starter project (test_cli_init_starter.cpp); --force is --from-sqlc's.
  auto usage = run_sqlgen("init --force", empty.path().string());
  CHECK(usage.exit_code == 2);
  CHECK_FALSE(fs::exists(empty.path() / "sqlgen.yaml"));
}

TEST_CASE("init --from-sqlc: timestamped migrations widen the version namespace", "[cli][init]") {
  util::TempDir dir;
  write(dir, "sqlc.yaml",
        "version: \"2\"\nsql:\n  - engine: postgresql\n    schema: migrations\n"
        "    queries: query.sql\n    gen:\n      go:\n        package: db\n");
  write(dir, "migrations/20240101120000_init.sql",
        "-- migrate:up\nCREATE TABLE t (id int PRIMARY KEY);\n-- migrate:down\nDROP TABLE t;\n");
  write(dir, "migrations/20240202120000_more.up.sql", "ALTER TABLE t ADD COLUMN n text;\n");
  write(dir, "query.sql", "-- name: GetT :one\nSELECT id, n FROM t WHERE id = $1;\n");
  auto r = run_sqlgen("init --from-sqlc", dir.path().string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(read(dir, "sqlgen.yaml"), "namespace_width: 100000000000000\n"));
  auto gen = run_sqlgen("generate", dir.path().string());
  INFO(gen.err << gen.out);
  CHECK(gen.exit_code == 0);
}

TEST_CASE("init --from-sqlc: a glob expands to directories and .sql files", "[cli][init]") {
  util::TempDir dir;
  write(dir, "sqlc.yaml",
        "version: \"2\"\nsql:\n  - engine: postgresql\n    schema: schema.sql\n"
        "    queries: \"queries/**\"\n    gen:\n      go:\n        package: db\n");
  write(dir, "queries/b.sql", "");
  write(dir, "queries/a.sql", "");
  write(dir, "queries/a.sql.go", "package db\n");
  write(dir, "queries/more/c.sql", "");
  auto r = run_sqlgen("init --from-sqlc", dir.path().string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string y = read(dir, "sqlgen.yaml");
  INFO(y);
  CHECK(contains(y, "# sql[0].queries: \"queries/**\" expanded to 3 path(s)\n"));
  CHECK(contains(y,
                 "    queries:\n      - \"queries/a.sql\"\n      - \"queries/b.sql\"\n"
                 "      - \"queries/more\"\n"));
}

TEST_CASE("init --from-sqlc: queries with errors go into skip_queries, generate succeeds",
          "[cli][init]") {
  util::TempDir dir;
  write(dir, "sqlc.yaml", R"(version: "2"
sql:
  - engine: "postgresql"
    schema: "schema.sql"
    queries: "query.sql"
    gen:
      go:
        package: "store"
)");
  write(dir, "schema.sql", k_schema);
  write(dir, "query.sql",
        std::string(k_queries) +
            "\n-- name: DatabaseSize :one\n"
            "SELECT page_count * page_size AS size FROM pragma_page_count(), pragma_page_size();\n"
            "\n-- name: Ancestors :many\n"
            "WITH up (id) AS (\n"
            "  SELECT id FROM authors WHERE id = $1\n"
            "  UNION ALL SELECT a.id FROM authors a JOIN up ON up.id = a.id\n"
            ") SELECT id FROM up;\n");
  auto init = run_sqlgen("init --from-sqlc", dir.path().string());
  INFO(init.err << init.out);
  REQUIRE(init.exit_code == 0);
  CHECK(contains(init.out, "(1 module) from sqlc.yaml, 2 queries with errors in skip_queries"));
  CHECK(contains(init.err,
                 "query.sql:10:1: warning: query \"DatabaseSize\" has errors, so init listed it in "
                 "skip_queries of module \"store\""));
  CHECK(contains(init.err, "query.sql:11:8: note: column \"page_count\" does not exist"));
  CHECK(contains(init.err, "query.sql:13:1: warning: query \"Ancestors\" has errors"));
  CHECK(contains(init.err, "query.sql:16:45: note: relation \"up\" does not exist"));
  const std::string y = read(dir, "sqlgen.yaml");
  INFO(y);
  CHECK(contains(y,
                 "    #   DatabaseSize: query.sql:11:8: column \"page_count\" does not exist\n"
                 "    #   Ancestors: query.sql:16:45: relation \"up\" does not exist\n"
                 "    skip_queries:\n      - \"DatabaseSize\"\n      - \"Ancestors\"\n"));
  auto gen = run_sqlgen("generate", dir.path().string());
  INFO(gen.err << gen.out);
  REQUIRE(gen.exit_code == 0);
  const std::string header = read(dir, "generated/store/queries.hpp");
  CHECK(contains(header, "CreateAuthor"));
  CHECK_FALSE(contains(header, "DatabaseSize"));
  CHECK_FALSE(contains(header, "Ancestors"));
  // The analysis is deterministic: a second run writes the same bytes.
  REQUIRE(run_sqlgen("init --from-sqlc --force", dir.path().string()).exit_code == 0);
  CHECK(read(dir, "sqlgen.yaml") == y);
}

TEST_CASE("init --from-sqlc: errors in the schema skip no query", "[cli][init]") {
  util::TempDir dir;
  write(dir, "sqlc.yaml", R"(version: "2"
sql:
  - engine: "postgresql"
    schema: "schema.sql"
    queries: "query.sql"
    gen:
      go:
        package: "store"
)");
  write(dir, "schema.sql", std::string(k_schema) + "ALTER TABLE missing ADD COLUMN x int;\n");
  write(dir, "query.sql", "-- name: Count :one\nSELECT count(*) FROM nowhere;\n");
  auto init = run_sqlgen("init --from-sqlc", dir.path().string());
  INFO(init.err << init.out);
  REQUIRE(init.exit_code == 0);
  CHECK(contains(init.err,
                 "warning: the project has 1 error outside its queries, so init listed no query "
                 "in skip_queries: `sqlgen generate` reports them; the first: schema.sql:9:13: "
                 "relation \"missing\" does not exist"));
  CHECK_FALSE(contains(init.err, "warning: query"));
  CHECK_FALSE(contains(read(dir, "sqlgen.yaml"), "skip_queries"));
}

TEST_CASE("map_go_type: the Go types with an obvious C++ type", "[config][init]") {
  using config::map_go_type;
  CHECK(map_go_type("int", "").cpp_type == "std::int64_t");
  CHECK(map_go_type("int64", "").cpp_type == "std::int64_t");
  CHECK(map_go_type("int32", "").cpp_type == "std::int32_t");
  CHECK(map_go_type("int16", "").cpp_type == "std::int16_t");
  CHECK(map_go_type("uint32", "").cpp_type == "std::uint32_t");
  CHECK(map_go_type("float64", "").cpp_type == "double");
  CHECK(map_go_type("float32", "").cpp_type == "float");
  CHECK(map_go_type("bool", "").cpp_type == "bool");
  CHECK(map_go_type("*string", "").cpp_type == "std::string");
  CHECK(map_go_type("[]byte", "").cpp_type == "sqlgen::runtime::Bytes");
  CHECK(map_go_type("[]string", "").cpp_type == "std::vector<std::string>");
  CHECK(map_go_type("encoding/json.RawMessage", "").cpp_type == "nlohmann::json");
  CHECK(map_go_type("github.com/google/uuid.UUID", "").cpp_type == "sqlgen::runtime::Uuid");
  CHECK(map_go_type("github.com/jackc/pgx/v5/pgtype.UUID", "").cpp_type == "sqlgen::runtime::Uuid");
  CHECK(map_go_type("time.Time", "timestamptz").cpp_type ==
        "std::chrono::sys_time<std::chrono::microseconds>");
  CHECK(map_go_type("time.Time", "").cpp_type ==
        "std::chrono::sys_time<std::chrono::microseconds>");
  CHECK(map_go_type("time.Time", "pg_catalog.date").cpp_type == "std::chrono::sys_days");
  CHECK(map_go_type("time.Time", "timestamp").cpp_type ==
        "std::chrono::local_time<std::chrono::microseconds>");
  CHECK(map_go_type("github.com/jackc/pgx/v5/pgtype.Text", "").cpp_type == "std::string");
  CHECK(map_go_type("database/sql.NullInt64", "").cpp_type == "std::int64_t");
  CHECK(map_go_type("github.com/shopspring/decimal.Decimal", "").cpp_type.empty());
  CHECK(map_go_type("time.Duration", "").cpp_type.empty());
}

TEST_CASE("init --from-sqlc then generate: the headers compile", "[cli][init][compile]") {
  util::TempDir dir;
  write(dir, "sqlc.yaml", R"(version: "2"
sql:
  - engine: "postgresql"
    schema: "schema.sql"
    queries: "query.sql"
    gen:
      go:
        package: "tutorial"
        out: "tutorial"
        sql_package: "pgx/v5"
        overrides:
          - db_type: "uuid"
            go_type: "github.com/google/uuid.UUID"
          - column: "authors.id"
            go_type: "int64"
          - db_type: "date"
            nullable: true
            go_type: "time.Time"
  - engine: "postgresql"
    schema: "schema.sql"
    queries: "admin.sql"
    gen:
      go:
        package: "admin"
)");
  write(dir, "admin.sql", "-- name: CountAuthors :one\nSELECT count(*) FROM authors;\n");
  write(dir, "schema.sql", k_schema);
  write(dir, "query.sql", k_queries);
  auto init = run_sqlgen("init --from-sqlc", dir.path().string());
  INFO(init.err);
  REQUIRE(init.exit_code == 0);
  auto gen = run_sqlgen("generate", dir.path().string());
  INFO(gen.err << gen.out << read(dir, "sqlgen.yaml"));
  REQUIRE(gen.exit_code == 0);
  for (const char* header : {"tutorial/models.hpp", "tutorial/queries.hpp", "admin/queries.hpp"}) {
    REQUIRE(fs::exists(dir.path() / "generated" / header));
    write(dir, "tu.cpp", std::string("#include \"") + header + "\"\n");
    auto [rc, log] = compile("-fsyntax-only -I" + shell_quote((dir.path() / "generated").string()) +
                             " " + shell_quote((dir.path() / "tu.cpp").string()));
    INFO(header << "\n" << log);
    CHECK(rc == 0);
  }
  // The other commands read the list-form module too.
  auto schema = run_sqlgen("schema", dir.path().string());
  CHECK(schema.exit_code == 0);
  CHECK(contains(schema.out, "\"authors\""));
  auto analyze = run_sqlgen("analyze", dir.path().string());
  INFO(analyze.err);
  CHECK(analyze.exit_code == 0);
  auto vet = run_sqlgen("vet", dir.path().string());
  INFO(vet.err << vet.out);
  CHECK(vet.exit_code == 0);
}

// Found by the fuzz target sqlc_import (fuzz/): a `queries:` glob matching nothing wrote an
// empty `queries:` key, which sqlgen.yaml rejects ("queries" must be a string).
TEST_CASE("init --from-sqlc: a glob matching nothing leaves the module without queries",
          "[config][init]") {
  util::TempDir dir;
  std::string sqlc =
      "version: \"2\"\nsql:\n  - engine: postgresql\n    schema: schema.sql\n"
      "    queries: \"queries/**\"\n    gen:\n      go:\n        package: db\n";
  diag::DiagnosticEngine diags;
  std::optional<config::SqlcImport> imported =
      config::import_sqlc(diag::make_source((dir.path() / "sqlc.yaml").string(), sqlc), diags);
  REQUIRE(imported);
  INFO(imported->yaml);
  CHECK(contains(imported->yaml, "# sql[0].queries: \"queries/**\" expanded to 0 path(s)\n"));
  CHECK_FALSE(contains(imported->yaml, "queries:\n"));
  diag::DiagnosticEngine check;
  std::optional<config::Config> config = config::parse_config(
      diag::make_source((dir.path() / "sqlgen.yaml").string(), imported->yaml), check);
  INFO(diag::render_all(check, false));
  REQUIRE(config);
  REQUIRE(config->modules.size() == 1);
  CHECK(config->modules[0].queries.empty());
}

TEST_CASE("init --from-sqlc: a package without schema reads PostgreSQL's catalogs", "[cli][init]") {
  // sqlc accepts a package with queries only (over pg_catalog and information_schema): the
  // module lists no migrations, its queries are analyzed against the built-in catalogs.
  util::TempDir dir;
  write(dir, "sqlc.yaml",
        "version: \"2\"\nsql:\n  - engine: postgresql\n    queries: q.sql\n"
        "    gen:\n      go:\n        package: sys\n");
  write(dir, "q.sql",
        "-- name: Constraints :many\n"
        "SELECT n.nspname, con.conname, con.condeferrable, count(*)\n"
        "FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_namespace n ON n.oid = "
        "con.connamespace\nWHERE n.nspname = ANY(sqlc.arg('schemas')::text[])\n"
        "GROUP BY con.oid, n.nspname;\n");
  auto r = run_sqlgen("init --from-sqlc", dir.path().string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(contains(r.err, "skip_queries"));
  std::string yaml = util::read_file(dir.path() / "sqlgen.yaml").text.value_or("");
  INFO(yaml);
  CHECK(contains(yaml, "# sql[0] has no schema: its queries read PostgreSQL's own catalogs"));
  CHECK_FALSE(contains(yaml, "migrations:"));
  auto a = run_sqlgen("analyze", dir.path().string());
  INFO(a.err);
  CHECK(a.exit_code == 0);
  CHECK(contains(a.out, "\"name\": \"Constraints\""));
}
