// The catalog oracle: the same Up statements go through sqlgen's catalog and
// into a real PostgreSQL; the catalogs must hold the same facts.
#include <catch2/catch.hpp>
#include <filesystem>
#include <pqxx/pqxx>

#include "catalog/catalog.hpp"
#include "config/config.hpp"
#include "source/migrations.hpp"
#include "support/catalog_facts.hpp"
#include "support/migrations.hpp"
#include "support/pg_fixture.hpp"

using namespace sqlgen;
namespace fs = std::filesystem;

namespace {

/// sqlgen's catalog of `migrations`, which must build without errors.
std::vector<std::string> sqlgen_facts(const std::vector<source::Migration>& migrations) {
  diag::DiagnosticEngine diags;
  catalog::Catalog cat = catalog::build_catalog(migrations, diags);
  INFO(diag::render_all(diags, false));
  REQUIRE(diags.error_count() == 0);
  return testing::catalog_facts(cat);
}

/// Builds both catalogs and compares their facts.
void check_against_postgres(const std::vector<source::Migration>& migrations) {
  REQUIRE_FALSE(migrations.empty());
  std::vector<std::string> ours = sqlgen_facts(migrations);
  testing::FreshDatabase db = testing::fresh_database();
  testing::apply_up_statements(db.conninfo(), migrations);
  std::vector<std::string> theirs = testing::postgres_facts(db.conninfo());
  // "- " lines are only in sqlgen's catalog, "+ " lines only in PostgreSQL's.
  std::string diff = testing::facts_diff(ours, theirs);
  CHECK(diff == "");
  CHECK(ours.size() > 3);
}

std::vector<source::Migration> load_set(const std::string& name) {
  return testing::load_case_migrations("catalog/" + name);
}

}  // namespace

TEST_CASE("catalog equals PostgreSQL's: tables, keys, identity, LIKE, partitions",
          "[catalog][oracle]") {
  check_against_postgres(load_set("tables"));
}

TEST_CASE("catalog equals PostgreSQL's: ALTER TABLE forms", "[catalog][oracle]") {
  check_against_postgres(load_set("alter_table"));
}

TEST_CASE("catalog equals PostgreSQL's: default constraint names cut to 63 bytes",
          "[catalog][oracle]") {
  diag::DiagnosticEngine diags;
  auto migrations = load_set("long_names");
  catalog::build_catalog(migrations, diags);
  INFO(diag::render_all(diags, false));
  CHECK(diags.error_count() == 0);  // the DROPs name the constraints as PostgreSQL cut them
  check_against_postgres(migrations);
}

TEST_CASE("catalog equals PostgreSQL's: enums, composites, domains, ranges, DROP TYPE",
          "[catalog][oracle]") {
  check_against_postgres(load_set("types"));
}

TEST_CASE("catalog equals PostgreSQL's: functions, procedures, extensions, drops",
          "[catalog][oracle]") {
  check_against_postgres(load_set("functions_extensions"));
}

TEST_CASE("catalog equals PostgreSQL's: contrib extensions and views over system catalogs",
          "[catalog][oracle]") {
  check_against_postgres(load_set("contrib_system"));
}

TEST_CASE("catalog equals PostgreSQL's: enum widened by ADD VALUE and by recreation",
          "[catalog][oracle]") {
  auto add_value = load_set("enum_add_value");
  auto recreate = load_set("enum_recreate");
  check_against_postgres(add_value);
  check_against_postgres(recreate);
  // The recreation pattern leaves exactly the catalog ADD VALUE leaves.
  auto a = sqlgen_facts(add_value);
  auto b = sqlgen_facts(recreate);
  CHECK(testing::facts_diff(a, b) == "");
}

TEST_CASE("catalog equals PostgreSQL's: the example app's modules", "[catalog][oracle]") {
  fs::path config_path = fs::path(SQLGEN_SOURCE_DIR) / "sqlgen.yaml";
  REQUIRE(fs::exists(config_path));
  diag::DiagnosticEngine diags;
  auto config = config::load_config(config_path, diags);
  REQUIRE(config);
  auto migrations = source::load_all_migrations(*config, diags);
  INFO(diag::render_all(diags, false));
  REQUIRE(diags.error_count() == 0);
  REQUIRE(config->modules.size() >= 4);
  check_against_postgres(migrations);
}
