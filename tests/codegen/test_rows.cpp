// Named and shared rows (`-- @row Name`): the golden case tests/cases/codegen/rows (refresh
// with SQLGEN_UPDATE_GOLDEN=1) and its program run against a real PostgreSQL. The malformed
// annotations and rows that differ are bad-input cases (tests/cases/bad_input/query_row_*).
#include <catch2/catch.hpp>
#include <cstdlib>

#include "codegen/codegen_support.hpp"
#include "support/migrations.hpp"
#include "support/pg_fixture.hpp"
#include "support/run.hpp"

using namespace sqlgen;
using namespace sqlgen::testing;
namespace fs = std::filesystem;

TEST_CASE("golden: tests/cases/codegen/rows generates its expected/ (SQLGEN_UPDATE_GOLDEN=1)",
          "[codegen][golden]") {
  const char* update = std::getenv("SQLGEN_UPDATE_GOLDEN");
  cli::GenerateOptions opts;
  opts.check = !(update && std::string(update) == "1");
  GenerateRun r = generate(codegen_case("rows") / "sqlgen.yaml", opts);
  INFO(r.out << r.diagnostics);
  CHECK(r.exit_code == 0);
  CHECK(r.diagnostics.empty());
  // One struct for the three queries naming BookCard, none of the per-query row names.
  const std::string header = read_text(codegen_case("rows") / "expected/library/queries.hpp");
  size_t structs = 0;
  for (size_t at = header.find("struct BookCard {"); at != std::string::npos;
       at = header.find("struct BookCard {", at + 1)) {
    ++structs;
  }
  CHECK(structs == 1);
  CHECK(header.find("/// A row of queries ListBooks, GetBook and SearchBooks.") !=
        std::string::npos);
  CHECK(header.find("ListBooksRow") == std::string::npos);
  CHECK(header.find("GetBookRow") == std::string::npos);
}

TEST_CASE("@row: queries sharing a struct, run against PostgreSQL", "[codegen][pg]") {
  FreshDatabase db = fresh_database();
  apply_up_statements(db.conninfo(), load_case_migrations("codegen/rows/migrations"));
  RunResult r = run_case_program("rows", db.conninfo());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "ok\n");
}
