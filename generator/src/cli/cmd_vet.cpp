// `sqlgen vet`: the driver checks the migrations' transaction plan (and with --fix rewrites
// unsafe ADD VALUE statements); this prints what was rewritten.
#include "cli/cmd_vet.hpp"

#include <memory>

#include "cli/subcommands.hpp"
#include "driver/driver.hpp"

namespace sqlgen::cli {

int run_vet(Context& ctx, const VetOptions& opts, std::ostream& out) {
  std::optional<vet::TransactionMode> mode = vet::parse_transaction_mode(opts.mode);
  if (!mode) {
    out << "sqlgen vet: --mode must be \"single\" or \"per-migration\", not \"" << opts.mode
        << "\"\n";
    return k_exit_usage;
  }
  vet::Options options;
  options.mode = *mode;
  driver::VetResult r =
      driver::vet(driver::Inputs{ctx.config_path, opts.schema_paths, {}, {}, true}, options,
                  opts.fix, ctx.diags);
  if (r.fix_blocked) out << "sqlgen vet: nothing rewritten: fix the other errors first\n";
  for (const vet::FileFix& fix : r.fixes) {
    if (fix.rewritten > 0) {
      out << fix.path << ": rewrote " << fix.rewritten
          << " \"ADD VALUE\" statement(s) into a recreated type\n";
    }
    for (const std::string& change : fix.changes) {
      out << fix.path << ": " << (fix.created ? "created: " : "") << change << '\n';
    }
  }
  // The summary line, as generate prints one; with errors the diagnostics say it all.
  if (!ctx.diags.has_errors()) {
    out << "sqlgen: vet: " << counted(r.migrations, "migration") << ", "
        << (r.schema_files > 0 ? counted(r.schema_files, "schema file") + ", " : std::string())
        << counted(r.findings, "finding") << '\n';
  }
  return opts.strict && ctx.diags.warning_count() > 0 ? k_exit_diagnostics : k_exit_ok;
}

Subcommand add_vet_command(CLI::App& app) {
  auto opts = std::make_shared<VetOptions>();
  CLI::App* cmd =
      app.add_subcommand("vet", "check migrations and queries for hazards (rules: docs/vet.md)");
  cmd->add_option("--schema", opts->schema_paths,
                  "migration files or directories (default: sqlgen.yaml)");
  cmd->add_option("--mode", opts->mode, "single (default) or per-migration")
      ->check(CLI::IsMember({"single", "per-migration"}));
  cmd->add_flag("--fix", opts->fix,
                "apply the mechanical fixes: unsafe ADD VALUE into the recreate pattern, goose "
                "StatementBegin/End, CREATE INDEX CONCURRENTLY into a NO TRANSACTION migration");
  cmd->add_flag("--strict", opts->strict, "exit 1 on warnings too");
  return runs(cmd, opts, run_vet);
}

}  // namespace sqlgen::cli
