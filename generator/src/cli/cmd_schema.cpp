// `sqlgen schema`: prints the catalog the migrations build.
#include <memory>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "driver/driver.hpp"

namespace sqlgen::cli {

int run_schema(Context& ctx, const SchemaOptions& opts, std::ostream& out) {
  out << driver::schema(driver::Inputs{ctx.config_path, opts.schema_paths, {}, {}, true},
                        opts.format, ctx.diags);
  return k_exit_ok;
}

Subcommand add_schema_command(CLI::App& app) {
  auto opts = std::make_shared<SchemaOptions>();
  CLI::App* cmd =
      app.add_subcommand("schema", "print the catalog the migrations build (JSON or SQL)");
  cmd->add_option("--schema", opts->schema_paths,
                  "migration files or directories (default: the config's modules)");
  cmd->add_option("--format", opts->format, "json or sql")->check(CLI::IsMember({"json", "sql"}));
  return runs(cmd, opts, run_schema);
}

}  // namespace sqlgen::cli
