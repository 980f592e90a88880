// A module's default search_path as the commands see it: `schema: shop` without `search_path`
// resolves unqualified names in shop first, then public.
#include <catch2/catch.hpp>
#include <string>

#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using testing::run_sqlgen;
namespace fs = std::filesystem;

TEST_CASE("search_path: a module with a schema searches it, then public", "[cli][config]") {
  util::TempDir dir;
  auto write = [&](const std::string& rel, const std::string& text) {
    REQUIRE(util::write_file_atomic(dir.path() / rel, text).empty());
  };
  write("sqlgen.yaml",
        "version: \"1\"\n"
        "modules:\n"
        "  - name: shop\n"
        "    migrations: migrations/shop\n"
        "    queries: queries/shop\n"
        "    schema: shop\n");
  write("migrations/shop/001_init.sql",
        "-- +goose Up\n"
        "CREATE SCHEMA shop;\n"
        "CREATE TABLE shop.products (id bigint PRIMARY KEY, name text NOT NULL);\n"
        "CREATE TABLE public.settings (key text PRIMARY KEY, value text);\n");
  write("queries/shop/queries.sql",
        "-- name: ListProducts :many\n"
        "SELECT id, name FROM products ORDER BY id;\n\n"
        "-- name: GetSetting :one\n"
        "SELECT value FROM settings WHERE key = $1;\n");
  auto analyze = run_sqlgen("analyze", dir.path().string());
  INFO(analyze.err);
  CHECK(analyze.exit_code == 0);
  CHECK(analyze.err.find("does not exist") == std::string::npos);
  auto gen = run_sqlgen("generate", dir.path().string());
  INFO(gen.err);
  CHECK(gen.exit_code == 0);
  CHECK(fs::exists(dir.path() / "generated/shop/queries.hpp"));
}
