// `sqlgen generate`: reads sqlgen.yaml, builds the catalog from every
// module's migrations and writes what the pipeline can produce so far (the
// catalog-only schema) atomically. Query analysis and C++ code generation
// join this command as those stages land.
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "util/fs.hpp"

namespace sqlgen::cli {

int run_generate(Context& ctx, std::ostream& out) {
  std::optional<config::Config> config;
  std::vector<source::Migration> migrations = load_migrations(ctx, {}, &config);
  if (!config) return k_exit_ok;  // diagnostics explain why
  catalog::Catalog cat = catalog::build_catalog(migrations, ctx.diags);
  if (ctx.diags.has_errors()) return k_exit_ok;  // write nothing half-right

  std::filesystem::path target = config->resolve(config->output) / "catalog.sql";
  std::string err = util::write_file_atomic(target, cat.to_sql());
  if (!err.empty()) {
    ctx.diags.report(
        diag::make(diag::DiagId::err_file_write, diag::Location{}, {target.string(), err}));
    return k_exit_ok;
  }
  out << "sqlgen: " << migrations.size() << " migrations, wrote "
      << (std::filesystem::path(config->output) / "catalog.sql").string() << '\n';
  return k_exit_ok;
}

}  // namespace sqlgen::cli
