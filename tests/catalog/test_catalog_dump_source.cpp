// Plain schema files work as a catalog source: a pg_dump of a migrated
// database, read back by sqlgen, gives the catalog PostgreSQL holds.
#include <catch2/catch.hpp>

#include "catalog/catalog.hpp"
#include "pg/cluster.hpp"
#include "source/migrations.hpp"
#include "support/catalog_facts.hpp"
#include "support/migrations.hpp"
#include "support/pg_fixture.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

using namespace sqlgen;

TEST_CASE("a pg_dump of each migration set builds the same catalog as PostgreSQL's",
          "[catalog][oracle]") {
  auto bins = pg::find_binaries();
  REQUIRE(bins.ok());
  for (const char* set : {"tables", "alter_table", "types", "functions_extensions"}) {
    INFO("migration set: " << set);
    auto migrations = testing::load_case_migrations(std::string("catalog/") + set);
    testing::FreshDatabase db = testing::fresh_database();
    testing::apply_up_statements(db.conninfo(), migrations);
    util::TempDir dir;
    std::string dump = (dir.path() / "schema.sql").string();
    auto r = testing::run_command(testing::shell_quote((bins->bindir / "pg_dump").string()) +
                                  " --schema-only --no-owner --no-privileges -f " +
                                  testing::shell_quote(dump) + " -d " +
                                  testing::shell_quote(db.conninfo()));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);

    diag::DiagnosticEngine diags;
    auto from_dump = source::load_schema_paths({dump}, diags);
    catalog::Catalog cat = catalog::build_catalog(from_dump, diags);
    INFO(diag::render_all(diags, false));
    REQUIRE(diags.error_count() == 0);
    std::string diff =
        testing::facts_diff(testing::catalog_facts(cat), testing::postgres_facts(db.conninfo()));
    CHECK(diff == "");
  }
}
