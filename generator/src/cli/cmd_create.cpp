// `sqlgen create MODULE NAME [--sql|--goose]`: the driver writes the next migration file(s);
// this prints their paths.
#include <memory>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "driver/driver.hpp"

namespace sqlgen::cli {

namespace {

struct CreateOptions {
  std::string module;
  std::string name;
  bool sql = false;
  bool goose = false;
};

int run_create(Context& ctx, const CreateOptions& opts, std::ostream& out) {
  driver::MigrationStyle style = opts.sql     ? driver::MigrationStyle::Pair
                                 : opts.goose ? driver::MigrationStyle::Goose
                                              : driver::MigrationStyle::Existing;
  for (const std::string& path :
       driver::create_migration(ctx.config_path, opts.module, opts.name, style, ctx.diags)) {
    out << "sqlgen: created " << path << '\n';
  }
  return k_exit_ok;
}

}  // namespace

Subcommand add_create_command(CLI::App& app) {
  auto opts = std::make_shared<CreateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "create", "create the next migration of a module, in the style of its other files");
  cmd->add_option("module", opts->module, "module name")->required();
  cmd->add_option("name", opts->name, "what the migration does, e.g. add_tags")->required();
  CLI::Option* sql =
      cmd->add_flag("--sql", opts->sql, "an .up.sql/.down.sql pair (default: the module's style)");
  cmd->add_flag("--goose", opts->goose, "a goose file with Up and Down sections")->excludes(sql);
  return runs(cmd, opts, run_create);
}

}  // namespace sqlgen::cli
