// libFuzzer target: the parser front end with the catalog builder. The input is a migration
// file (goose markers allowed): its Up statements go through libpg_query and parse/'s
// transformer (tree → sqlgen AST with spans), then catalog::build_catalog applies them with the
// analyzer binding views, as `sqlgen generate` does; the catalog is printed as SQL and JSON.
#include "analyze/analyze.hpp"
#include "catalog/catalog.hpp"
#include "fixture.hpp"
#include "source/migrations.hpp"

using namespace sqlgen;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::set_up();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  diag::DiagnosticEngine diags;
  source::Migration m;
  m.path = "migrations/001_init.sql";
  m.down_path = m.path;
  m.source = diag::make_source("/sqlgen-fuzz/" + m.path, fuzz::text_of(data, size));
  m.down_source = m.source;
  source::ParsedFile parsed = source::parse_migration_file(m.source, diags);
  m.up = std::move(parsed.up);
  m.down = std::move(parsed.down);
  m.format = parsed.format;
  m.no_transaction = parsed.no_transaction;
  m.version = m.local_version = 1;
  catalog::Catalog cat = catalog::build_catalog({m}, diags, analyze::view_binder());
  (void)cat.to_sql();
  (void)cat.to_json().dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  (void)diag::render_all(diags, false);
  return 0;
}
