// Diagnostics in cause order: a module whose migrations directory does not exist is reported,
// and the errors it would cause in the queries ("relation ... does not exist") are not.
#include <catch2/catch.hpp>
#include <string>

#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using testing::run_sqlgen;

TEST_CASE("a missing migrations directory is reported instead of what it causes", "[cli][config]") {
  util::TempDir dir;
  REQUIRE(util::write_file_atomic(dir.path() / "sqlgen.yaml",
                                  "version: \"1\"\n"
                                  "modules:\n"
                                  "  - name: shop\n"
                                  "    migrations: migrations/shop\n"
                                  "    queries: queries/shop\n"
                                  "    schema: shop\n")
              .empty());
  REQUIRE(util::write_file_atomic(dir.path() / "queries/shop/queries.sql",
                                  "-- name: ListProducts :many\n"
                                  "SELECT * FROM products;\n\n"
                                  "-- name: GetProduct :one\n"
                                  "SELECT * FROM shop.products WHERE id = $1;\n")
              .empty());
  for (const char* command : {"analyze", "generate"}) {
    auto r = run_sqlgen(command, dir.path().string());
    INFO(command << "\n" << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("sqlgen.yaml:4:17: error: no such file or directory \"migrations/shop\"") !=
          std::string::npos);
    CHECK(r.err.find("does not exist") == std::string::npos);
    CHECK(r.err.find("1 error generated") != std::string::npos);
  }
}

TEST_CASE("a missing --schema path is reported instead of what it causes", "[cli]") {
  util::TempDir dir;
  REQUIRE(util::write_file_atomic(dir.path() / "queries.sql",
                                  "-- name: ListProducts :many\n"
                                  "SELECT * FROM products;\n")
              .empty());
  auto r = run_sqlgen("analyze --schema migrations --queries queries.sql", dir.path().string());
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("migrations") != std::string::npos);
  CHECK(r.err.find("does not exist") == std::string::npos);
  CHECK(r.err.find("1 error generated") != std::string::npos);
}
