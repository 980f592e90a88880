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

// The query files are read and parsed while the catalog is built (driver::start_queries); what
// that finds is reported only when the queries are analyzed, so a command that stops at the
// catalog's errors still shows those alone, and the same files give the same diagnostics with
// any number of threads.
TEST_CASE("query files prepared beside the catalog report only when the queries are analyzed",
          "[cli][config]") {
  util::TempDir dir;
  REQUIRE(util::write_file_atomic(dir.path() / "sqlgen.yaml",
                                  "version: \"1\"\n"
                                  "modules:\n"
                                  "  - name: shop\n"
                                  "    migrations: migrations\n"
                                  "    queries: queries\n"
                                  "    schema: shop\n")
              .empty());
  REQUIRE(util::write_file_atomic(dir.path() / "queries/a.sql",
                                  "-- name: GetProduct :one\n"
                                  "SELECT id FROM shop.products WHERE id = $1;\n\n"
                                  "-- name: Broken :many\n"
                                  "SELECT id FROM shop.products WHERE;\n\n"
                                  "-- name: Bad :sometimes\n"
                                  "SELECT 1;\n")
              .empty());
  const std::string bad_table = "CREATE TABLE shop.products (id bigint PRIMARY KEY, id int);\n";
  const std::string good_table = "CREATE TABLE shop.products (id bigint PRIMARY KEY);\n";
  auto migration = [&](const std::string& table) {
    REQUIRE(util::write_file_atomic(dir.path() / "migrations/001_init.sql",
                                    "-- +goose Up\nCREATE SCHEMA shop;\n" + table)
                .empty());
  };

  migration(bad_table);
  auto r = run_sqlgen("generate", dir.path().string());
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("specified more than once") != std::string::npos);
  CHECK(r.err.find("queries/a.sql") == std::string::npos);
  CHECK(r.err.find("1 error generated") != std::string::npos);

  migration(good_table);
  std::string first;
  for (const char* jobs : {"-j 1", "-j 2", "-j 3"}) {
    for (const char* command : {"analyze", "generate"}) {
      auto q = run_sqlgen(std::string(jobs) + " " + command, dir.path().string());
      INFO(jobs << " " << command << "\n" << q.err);
      CHECK(q.exit_code == 1);
      CHECK(q.err.find("queries/a.sql:5:") != std::string::npos);  // the syntax error
      CHECK(q.err.find("queries/a.sql:7:") != std::string::npos);  // the unknown command
      if (first.empty()) first = q.err;
      CHECK(q.err == first);
    }
  }
}
