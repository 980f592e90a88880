// List-form `migrations:` through the binary: `sqlgen dump` applies plain schema files and
// versioned migrations in the documented order and counts them apart; fixtures of a listed
// directory still run.
#include <catch2/catch.hpp>
#include <filesystem>

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

}  // namespace

TEST_CASE("sqlgen dump applies plain schema files among versioned migrations", "[dump][cli]") {
  util::TempDir dir;
  write(dir, "sqlgen.yaml",
        "schema_dump: schema.sql\nmodules:\n  - name: app\n    migrations:\n"
        "      - base.sql\n      - migrations\n      - views.sql\n");
  write(dir, "base.sql", "CREATE SCHEMA app;\n");
  write(dir, "migrations/001_users.sql",
        "-- +goose Up\nCREATE TABLE app.users (id int PRIMARY KEY, status text);\n"
        "-- +goose Down\nDROP TABLE app.users;\n");
  write(dir, "migrations/002_orders.up.sql",
        "CREATE TABLE app.orders (id int, user_id int REFERENCES app.users);\n");
  write(dir, "migrations/002_orders.down.sql", "DROP TABLE app.orders;\n");
  write(dir, "migrations/fixtures/1.sql", "INSERT INTO app.users VALUES (1, 'x');\n");
  write(dir, "views.sql",
        "CREATE VIEW app.user_orders AS SELECT u.id, count(o.id) AS n FROM app.users u "
        "LEFT JOIN app.orders o ON o.user_id = u.id GROUP BY u.id;\n");
  auto r = run_sqlgen("dump --db " + shell_quote(testing::test_server().conninfo()),
                      dir.path().string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out ==
        "sqlgen: 2 migrations, 2 schema files, 1 fixture, single mode, wrote schema.sql\n");
  std::string dump = util::read_file(dir.path() / "schema.sql").text.value_or("");
  CHECK(dump.find("CREATE VIEW app.user_orders") != std::string::npos);

  auto schema = run_sqlgen("schema --format sql", dir.path().string());
  INFO(schema.err);
  CHECK(schema.exit_code == 0);
  auto vet = run_sqlgen("vet", dir.path().string());
  INFO(vet.err << vet.out);
  CHECK(vet.exit_code == 0);
}
