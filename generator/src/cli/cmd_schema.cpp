// `sqlgen schema`: prints the catalog the migrations build.
#include <nlohmann/json.hpp>

#include "analyze/analyze.hpp"
#include "cli/commands.hpp"
#include "cli/load.hpp"

namespace sqlgen::cli {

int run_schema(Context& ctx, const SchemaOptions& opts, std::ostream& out) {
  std::vector<source::Migration> migrations = load_migrations(ctx, opts.schema_paths);
  catalog::Catalog cat = catalog::build_catalog(migrations, ctx.diags, analyze::view_binder());
  if (opts.format == "sql") {
    out << cat.to_sql();
  } else {
    out << cat.to_json().dump(2) << '\n';
  }
  return k_exit_ok;
}

}  // namespace sqlgen::cli
