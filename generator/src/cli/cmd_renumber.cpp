// `sqlgen renumber [MODULE] [--dry-run] [--base REV] [--db URL]`: the driver moves colliding
// migrations to free numbers; this prints every rename.
#include <memory>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "driver/driver.hpp"

namespace sqlgen::cli {

namespace {

int run_renumber(Context& ctx, const driver::RenumberOptions& opts, std::ostream& out) {
  driver::RenumberResult r = driver::renumber(ctx.config_path, opts, ctx.diags);
  if (!r.ok) return k_exit_ok;  // the diagnostics tell why
  for (const driver::Rename& rename : r.renames) {
    out << (opts.dry_run ? "would rename " : "renamed ") << rename.from << " -> " << rename.to
        << '\n';
  }
  if (r.renames.empty()) out << "sqlgen: no two migrations share a version\n";
  return k_exit_ok;
}

}  // namespace

Subcommand add_renumber_command(CLI::App& app) {
  auto opts = std::make_shared<driver::RenumberOptions>();
  CLI::App* cmd = app.add_subcommand(
      "renumber", "after a merge: move migrations that share a version to free numbers");
  cmd->add_option("module", opts->module, "only this module (default: every module)");
  cmd->add_flag("--dry-run", opts->dry_run, "print the renames, change nothing");
  cmd->add_option("--base", opts->base,
                  "a git revision (e.g. main): migrations it has keep their numbers");
  cmd->add_option("--db", opts->db_url,
                  "a database: migrations its tracking table records keep their numbers");
  return runs(cmd, opts, run_renumber);
}

}  // namespace sqlgen::cli
