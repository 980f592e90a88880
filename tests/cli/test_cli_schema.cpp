#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;
using testing::run_sqlgen;

namespace {

/// A tiny project: a config with two modules and their migrations.
void write_project(const util::TempDir& dir) {
  auto w = [&](const std::string& rel, const std::string& text) {
    REQUIRE(util::write_file_atomic(dir.path() / rel, text).empty());
  };
  w("sqlgen.yaml",
    "version: \"1\"\nmodules:\n"
    "  - name: identity\n    migrations: migrations/identity\n    schema: identity\n"
    "  - name: billing\n    migrations: migrations/billing\n    schema: billing\n");
  w("migrations/identity/001_init.sql",
    "-- +goose Up\nCREATE SCHEMA identity;\n"
    "CREATE TABLE identity.users (id bigserial PRIMARY KEY, email text NOT NULL);\n"
    "-- +goose Down\nDROP SCHEMA identity CASCADE;\n");
  w("migrations/billing/001_init.sql",
    "-- +goose Up\nCREATE SCHEMA billing;\n"
    "CREATE TYPE billing.status AS ENUM ('draft', 'paid');\n"
    "CREATE TABLE billing.accounts (\n  id int GENERATED ALWAYS AS IDENTITY,\n"
    "  owner_id bigint REFERENCES identity.users,\n  amount numeric(10,2)[],\n"
    "  status billing.status NOT NULL DEFAULT 'draft'\n);\n"
    "-- +goose Down\nDROP SCHEMA billing CASCADE;\n");
}

}  // namespace

TEST_CASE("sqlgen schema prints the catalog JSON in the documented shape", "[cli][catalog]") {
  util::TempDir dir;
  write_project(dir);
  auto r = run_sqlgen("schema", dir.path().string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  const nlohmann::json* billing = nullptr;
  for (const auto& s : j["schemas"]) {
    if (s["name"] == "billing") billing = &s;
  }
  REQUIRE(billing);
  const auto& table = (*billing)["tables"][0];
  CHECK(table["name"] == "accounts");
  CHECK(table["kind"] == "table");
  CHECK(table["file"] == "migrations/billing/001_init.sql");
  CHECK(table["line"] == 4);
  const auto& cols = table["columns"];
  REQUIRE(cols.size() == 4);
  CHECK(cols[0]["name"] == "id");
  CHECK(cols[0]["type"] == "int4");
  CHECK(cols[0]["type_schema"] == "pg_catalog");
  CHECK(cols[0]["identity"] == "always");
  CHECK(cols[0]["not_null"] == true);
  CHECK(cols[0]["has_default"] == false);
  CHECK(cols[2]["type"] == "numeric");
  CHECK(cols[2]["array_dims"] == 1);
  CHECK(cols[2]["format_type"] == "numeric(10,2)[]");
  CHECK(cols[3]["type"] == "status");
  CHECK(cols[3]["type_schema"] == "billing");
  CHECK(cols[3]["format_type"] == "billing.status");
  CHECK(cols[3]["has_default"] == true);
  CHECK((*billing)["enums"][0]["labels"] == nlohmann::json({"draft", "paid"}));
  CHECK((*billing)["sequences"][0]["name"] == "accounts_id_seq");
}

TEST_CASE("sqlgen schema output is byte-identical across runs", "[cli][catalog]") {
  util::TempDir dir;
  write_project(dir);
  auto a = run_sqlgen("schema", dir.path().string());
  auto b = run_sqlgen("schema --format sql", dir.path().string());
  auto c = run_sqlgen("schema", dir.path().string());
  auto d = run_sqlgen("schema --format sql", dir.path().string());
  CHECK(a.exit_code == 0);
  CHECK(a.out == c.out);
  CHECK(b.out == d.out);
  CHECK(b.out.find("CREATE TYPE billing.status AS ENUM ('draft', 'paid');") != std::string::npos);
  CHECK(a.out.find(dir.path().string()) == std::string::npos);  // no absolute paths
}

TEST_CASE("sqlgen schema reports migration errors with exit code 1", "[cli][catalog]") {
  util::TempDir dir;
  write_project(dir);
  REQUIRE(util::write_file_atomic(dir.path() / "migrations/billing/002_bad.sql",
                                  "-- +goose Up\nALTER TABLE billing.acounts ADD COLUMN x int;\n")
              .empty());
  auto r = run_sqlgen("schema", dir.path().string());
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("migrations/billing/002_bad.sql:2:13: error: relation \"billing.acounts\" "
                   "does not exist, did you mean \"accounts\"?") == 0);
}

TEST_CASE("a missing or broken config is a diagnostic, not a crash", "[cli][config]") {
  util::TempDir dir;
  auto missing = run_sqlgen("schema", dir.path().string());
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("sqlgen.yaml") != std::string::npos);
  REQUIRE(util::write_file_atomic(dir.path() / "sqlgen.yaml", "modles: []\n").empty());
  auto typo = run_sqlgen("schema", dir.path().string());
  CHECK(typo.exit_code == 1);
  CHECK(typo.err.find("sqlgen.yaml:1:1: error: unknown key \"modles\", did you mean "
                      "\"modules\"?") == 0);
}

TEST_CASE("sqlgen generate writes generated/catalog.sql atomically and deterministically",
          "[cli][catalog]") {
  util::TempDir dir;
  write_project(dir);
  auto r = run_sqlgen("generate", dir.path().string());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto first = util::read_file(dir.path() / "generated/catalog.sql");
  REQUIRE(first.text);
  REQUIRE(run_sqlgen("generate", dir.path().string()).exit_code == 0);
  CHECK(util::read_file(dir.path() / "generated/catalog.sql").text == first.text);
  // With an error in the migrations nothing is (re)written.
  REQUIRE(util::write_file_atomic(dir.path() / "migrations/billing/002_bad.sql",
                                  "-- +goose Up\nCREATE TABLE billing.x (y nope);\n")
              .empty());
  CHECK(run_sqlgen("generate", dir.path().string()).exit_code == 1);
  CHECK(util::read_file(dir.path() / "generated/catalog.sql").text == first.text);
}
