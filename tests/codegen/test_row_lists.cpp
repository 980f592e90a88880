// One-to-many results read in one query (issue 15): array_agg(t), json_agg(t) and jsonb_agg(t)
// of a table's rows as std::vector of its struct. The golden case tests/cases/codegen/row_lists
// (refresh with SQLGEN_UPDATE_GOLDEN=1) and its program run against a real PostgreSQL; the JSON
// plan (`options: json`) and `-- @raw-json` on projects written here.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "codegen/codegen_support.hpp"
#include "support/migrations.hpp"
#include "support/pg_fixture.hpp"
#include "support/run.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;
namespace fs = std::filesystem;

namespace {

void write_project(const fs::path& dir, const std::string& options, const std::string& queries) {
  std::string yaml = "version: \"1\"\noutput: out\n" + options +
                     "modules:\n  - name: m\n    migrations: migrations\n    queries: queries\n";
  REQUIRE(util::write_file_atomic(dir / "sqlgen.yaml", yaml).empty());
  REQUIRE(util::write_file_atomic(
              dir / "migrations/001_init.sql",
              "-- +goose Up\nCREATE TABLE orders (id bigint PRIMARY KEY);\n"
              "CREATE TABLE lines (id bigint PRIMARY KEY, order_id bigint NOT NULL, item text);\n")
              .empty());
  REQUIRE(util::write_file_atomic(dir / "queries/q.sql", queries).empty());
}

const char* k_json_query =
    "-- name: OrdersJson :many\n"
    "SELECT o.id, json_agg(l) FILTER (WHERE l.id IS NOT NULL) AS lines\n"
    "FROM orders o LEFT JOIN lines l ON l.order_id = o.id GROUP BY o.id;\n";

}  // namespace

TEST_CASE("golden: tests/cases/codegen/row_lists generates its expected/ (SQLGEN_UPDATE_GOLDEN=1)",
          "[codegen][golden]") {
  const char* update = std::getenv("SQLGEN_UPDATE_GOLDEN");
  cli::GenerateOptions opts;
  opts.check = !(update && std::string(update) == "1");
  GenerateRun r = generate(codegen_case("row_lists") / "sqlgen.yaml", opts);
  INFO(r.out << r.diagnostics);
  CHECK(r.exit_code == 0);
  CHECK(r.diagnostics.empty());
  const std::string header = read_text(codegen_case("row_lists") / "expected/shop/queries.hpp");
  const std::string source = read_text(codegen_case("row_lists") / "expected/shop/queries.cpp");
  CHECK(header.find("std::vector<OrderLine> lines{};") != std::string::npos);
  CHECK(source.find("sqlgen::runtime::read_rows(r[2], row_.lines);") != std::string::npos);
  CHECK(source.find("sqlgen::runtime::read_json_rows(r[1], row_.labels);") != std::string::npos);
  CHECK(source.find("sqlgen::runtime::read_rows(r[0], row_);") != std::string::npos);
}

TEST_CASE("array_agg and json_agg of a table's rows: orders with their lines from PostgreSQL",
          "[codegen][pg]") {
  FreshDatabase db = fresh_database();
  apply_up_statements(db.conninfo(), load_case_migrations("codegen/row_lists/migrations"));
  RunResult r = run_case_program("row_lists", db.conninfo());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "ok\n");
}

TEST_CASE("json_agg of a table's rows gives the module JSON (options: json: auto)",
          "[codegen][compile]") {
  util::TempDir tmp("sqlgen-row-lists");
  write_project(tmp.path(), "", k_json_query);
  std::string queries = generate_and_read(tmp.path(), "out/m/queries.hpp");
  CHECK(queries.find("std::vector<Line> lines{};") != std::string::npos);
  CHECK(queries.find("#include <sqlgen/runtime/json.hpp>") != std::string::npos);
  // No json or jsonb value anywhere, yet the struct's from_json is generated: the reader uses it.
  std::string models = read_text(tmp.path() / "out/m/models.hpp");
  CHECK(models.find("inline void from_json([[maybe_unused]] const nlohmann::json& j, "
                    "[[maybe_unused]] Line& v)") != std::string::npos);
  REQUIRE(util::write_file_atomic(tmp.path() / "tu.cpp", "#include \"m/queries.cpp\"\n").empty());
  auto [code, output] = compile("-fsyntax-only -I" + (tmp.path() / "out").string() + " " +
                                (tmp.path() / "tu.cpp").string());
  INFO(output);
  CHECK(code == 0);
}

TEST_CASE("json_agg of a table's rows stays its text with options: json: false", "[codegen]") {
  util::TempDir tmp("sqlgen-row-lists");
  write_project(tmp.path(), "options:\n  json: false\n", k_json_query);
  std::string queries = generate_and_read(tmp.path(), "out/m/queries.hpp");
  CHECK(queries.find("std::optional<std::string> lines{};") != std::string::npos);
  CHECK(queries.find("read_json_rows") == std::string::npos);
  CHECK(queries.find("nlohmann") == std::string::npos);
}

TEST_CASE("@raw-json keeps a json_agg of rows as nlohmann::json, @override wins over the list",
          "[codegen]") {
  util::TempDir tmp("sqlgen-row-lists");
  write_project(tmp.path(), "",
                "-- name: OrdersJson :many\n"
                "-- @raw-json lines\n"
                "SELECT o.id, json_agg(l) AS lines, jsonb_agg(l) AS lines_b,\n"
                "       array_agg(l) AS line_array\n"
                "FROM orders o JOIN lines l ON l.order_id = o.id GROUP BY o.id;\n"
                "-- name: OrdersArray :many\n"
                "-- @override lines std::string\n"
                "SELECT o.id, array_agg(l) AS lines\n"
                "FROM orders o JOIN lines l ON l.order_id = o.id GROUP BY o.id;\n");
  std::string queries = generate_and_read(tmp.path(), "out/m/queries.hpp");
  CHECK(queries.find("std::optional<nlohmann::json> lines{};") != std::string::npos);
  CHECK(queries.find("std::vector<Line> lines_b{};") != std::string::npos);
  CHECK(queries.find("std::vector<Line> line_array{};") != std::string::npos);
  CHECK(queries.find("std::optional<std::string> lines{};") != std::string::npos);
  CHECK(read_text(tmp.path() / "out/m/queries.cpp")
            .find("sqlgen::runtime::read(r[1], row_.lines);") != std::string::npos);
}

TEST_CASE("@raw-json names json_agg columns of a table's rows only", "[codegen]") {
  util::TempDir tmp("sqlgen-row-lists");
  write_project(tmp.path(), "",
                "-- name: OrdersJson :many\n"
                "-- @raw-json id line_array nosuch\n"
                "SELECT o.id, array_agg(l) AS line_array\n"
                "FROM orders o JOIN lines l ON l.order_id = o.id GROUP BY o.id;\n");
  GenerateRun r = generate(tmp.path() / "sqlgen.yaml");
  CHECK(r.exit_code == 1);
  for (const char* name : {"id", "line_array", "nosuch"}) {
    CHECK(r.diagnostics.find("queries/q.sql:2:1: error: column \"" + std::string(name) +
                             "\" does not exist among the query's json_agg / jsonb_agg columns "
                             "of a table's rows") != std::string::npos);
  }
}
