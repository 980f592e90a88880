// Optional filters and sorts without 2^n queries (issue 15): the golden case
// tests/cases/codegen/optional_filters (refresh with SQLGEN_UPDATE_GOLDEN=1) and its program,
// which runs every combination of set and empty optional parameters with every sort against a
// real PostgreSQL and checks the rows.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "codegen/codegen_support.hpp"
#include "support/migrations.hpp"
#include "support/pg_fixture.hpp"
#include "support/run.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;

TEST_CASE(
    "golden: tests/cases/codegen/optional_filters generates its expected/ "
    "(SQLGEN_UPDATE_GOLDEN=1)",
    "[codegen][golden]") {
  const char* update = std::getenv("SQLGEN_UPDATE_GOLDEN");
  cli::GenerateOptions opts;
  opts.check = !(update && std::string(update) == "1");
  GenerateRun r = generate(codegen_case("optional_filters") / "sqlgen.yaml", opts);
  INFO(r.out << r.diagnostics);
  CHECK(r.exit_code == 0);
  CHECK(r.diagnostics.empty());
  const std::string header =
      read_text(codegen_case("optional_filters") / "expected/work/queries.hpp");
  const std::string source =
      read_text(codegen_case("optional_filters") / "expected/work/queries.cpp");
  CHECK(header.find("enum class ListTasksOrderBy {") != std::string::npos);
  CHECK(source.find("conn.prepare(\"work_ListTasks_47\", ") != std::string::npos);
  CHECK(source.find("conn.prepare(\"work_ListTasks\", ") == std::string::npos);
  CHECK(source.find("sqlgen::runtime::omit_if_empty(team)") != std::string::npos);
}

TEST_CASE("optional filters and sorts: every variant's rows from PostgreSQL", "[codegen][pg]") {
  FreshDatabase db = fresh_database();
  apply_up_statements(db.conninfo(), load_case_migrations("codegen/optional_filters/migrations"));
  RunResult r = run_case_program("optional_filters", db.conninfo());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "ok\n");
}

TEST_CASE("optional parameters in a Params struct (max_params) compile and pick the variant",
          "[codegen][compile]") {
  util::TempDir tmp("sqlgen-optional");
  const std::filesystem::path dir = tmp.path();
  REQUIRE(util::write_file_atomic(dir / "sqlgen.yaml",
                                  "version: \"1\"\noutput: out\noptions:\n  max_params: 1\n"
                                  "modules:\n  - name: m\n    migrations: migrations\n"
                                  "    queries: queries\n")
              .empty());
  REQUIRE(util::write_file_atomic(dir / "migrations/001_init.sql",
                                  "-- +goose Up\nCREATE TABLE t (id bigint PRIMARY KEY, "
                                  "a text NOT NULL, b integer);\n")
              .empty());
  REQUIRE(util::write_file_atomic(dir / "queries/q.sql",
                                  "-- name: Find :many\n-- @optional a\n"
                                  "SELECT id FROM t WHERE a = @a AND b > @b\n"
                                  "ORDER BY sqlgen.sort(by: id, a);\n")
              .empty());
  std::string queries = generate_and_read(dir, "out/m/queries.hpp");
  CHECK(queries.find("std::optional<std::string> a{};") != std::string::npos);
  const std::string source = read_text(dir / "out/m/queries.cpp");
  CHECK(source.find("sqlgen::runtime::Variant{k_find_variants[(params.a ? 1 : 0) + 2 * ("
                    "sqlgen::runtime::sort_choice(by, 2, by_dir))]}, "
                    "sqlgen::runtime::omit_if_empty(params.a), params.b") != std::string::npos);
  CHECK(
      queries.find("const FindParams& params, FindBy by, sqlgen::runtime::SortDirection by_dir") !=
      std::string::npos);
  REQUIRE(util::write_file_atomic(dir / "tu.cpp", "#include \"m/queries.cpp\"\n").empty());
  auto [code, output] =
      compile("-fsyntax-only -I" + (dir / "out").string() + " " + (dir / "tu.cpp").string());
  INFO(output);
  CHECK(code == 0);
}
