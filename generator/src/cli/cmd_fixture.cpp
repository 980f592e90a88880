// `sqlgen fixture MODULE VERSION`: the driver creates the fixture file; this prints its path.
#include <memory>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "driver/driver.hpp"

namespace sqlgen::cli {

int run_fixture(Context& ctx, const std::string& module, long long version, std::ostream& out) {
  if (std::optional<std::string> path =
          driver::create_fixture(ctx.config_path, module, version, ctx.diags)) {
    out << "sqlgen: created " << *path << '\n';
  }
  return k_exit_ok;
}

Subcommand add_fixture_command(CLI::App& app) {
  struct Options {
    std::string module;
    long long version = 0;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "fixture", "create migrations/<module>/fixtures/<version>.sql for seed data");
  cmd->add_option("module", opts->module, "module name")->required();
  cmd->add_option("version", opts->version, "migration version (local 1 or namespaced 5001)")
      ->required();
  return {cmd, [opts](Context& ctx, std::ostream& out) {
            return run_fixture(ctx, opts->module, opts->version, out);
          }};
}

}  // namespace sqlgen::cli
