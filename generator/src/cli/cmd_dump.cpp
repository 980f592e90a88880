// `sqlgen dump`: the driver builds the normalized schema dump (pg/ applies the migrations and
// runs pg_dump, or the dump cache answers); this prints the diff of --check / --base and the
// summary line.
#include <memory>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "driver/driver.hpp"

namespace sqlgen::cli {

int run_dump(Context& ctx, const DumpOptions& opts, std::ostream& out) {
  std::optional<source::TransactionMode> mode = source::parse_transaction_mode(opts.mode);
  if (!mode) return k_exit_usage;  // the command line checks the spelling
  driver::DumpResult r = driver::dump(
      ctx.config_path, {opts.db_url, *mode, opts.check, opts.output, opts.base, opts.no_cache},
      ctx.diags);
  using Outcome = driver::DumpResult::Outcome;
  out << r.diff;
  if (r.outcome == Outcome::SameAsBase) {
    out << "sqlgen: the migrations at " << opts.base
        << " and in the working tree build identical schemas (" << r.base_applied << " and "
        << r.applied << " migrations)\n";
  }
  if (r.outcome != Outcome::UpToDate && r.outcome != Outcome::Written) return k_exit_ok;
  // Plain schema files (list-form `migrations:`) are applied too but are not migrations.
  const std::string summary =
      counted(r.applied, "migration") + ", " +
      (r.schema_files > 0 ? counted(r.schema_files, "schema file") + ", " : std::string()) +
      counted(r.fixtures, "fixture") + ", " + std::string(source::transaction_mode_name(*mode)) +
      " mode";
  if (r.outcome == Outcome::UpToDate) {
    out << "sqlgen: " << r.path << " is up to date (" << summary << ")\n";
  } else {
    out << "sqlgen: " << summary << ", wrote " << r.path << '\n';
  }
  return k_exit_ok;
}

Subcommand add_dump_command(CLI::App& app) {
  auto opts = std::make_shared<DumpOptions>();
  CLI::App* cmd = app.add_subcommand(
      "dump", "apply the migrations to a fresh database and write its normalized pg_dump");
  cmd->add_option("--db", opts->db_url,
                  "PostgreSQL URL (default: $SQLGEN_DATABASE_URL, else a throwaway server)");
  cmd->add_option("--mode", opts->mode, "transactions: single (all in one) or per-migration")
      ->check(CLI::IsMember({"single", "per-migration"}));
  CLI::Option* check = cmd->add_flag(
      "--check", opts->check, "compare with the committed dump; exit 1 with a diff on drift");
  cmd->add_option("--output", opts->output, "dump file (default: the config's schema_dump)");
  cmd->add_option("--base", opts->base,
                  "compare with the schema the migrations at this git revision build")
      ->excludes(check);
  cmd->add_flag("--no-cache", opts->no_cache,
                "build the dump on a server even if the dump cache holds it (see also "
                "SQLGEN_NO_CACHE=1)");
  return runs(cmd, opts, run_dump);
}

}  // namespace sqlgen::cli
