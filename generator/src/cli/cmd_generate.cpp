// `sqlgen generate` and `sqlgen diff`: the driver generates (or with --check compares) the
// output of sqlgen.yaml; this prints its summary: files written, unchanged and removed, or that
// the no-op stamp answered the run.
#include <memory>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "driver/driver.hpp"

namespace sqlgen::cli {

int run_generate(Context& ctx, const GenerateOptions& opts, std::ostream& out) {
  driver::GenerateResult r =
      driver::generate(ctx.config_path, {opts.check, opts.output}, out, ctx.diags);
  if (!r.completed) return k_exit_ok;  // diagnostics explain why
  if (r.up_to_date) {
    // The summary line of a run that found every file unchanged, named as a skip.
    out << "sqlgen: up to date (no inputs changed); 0 files written, " << r.files
        << " unchanged, 0 removed\n";
    return k_exit_ok;
  }
  if (opts.check) {
    if (r.summary.written.empty() && r.summary.removed.empty()) {
      out << "sqlgen: " << r.files << " generated files are up to date\n";
    }
    return k_exit_ok;  // differences are reported as errors (exit 1)
  }
  out << "sqlgen: " << counted(r.migrations, "migration") << ", "
      << counted(r.queries, "query", "queries") << "; " << counted(r.summary.written.size(), "file")
      << " written, " << r.summary.unchanged.size() << " unchanged, " << r.summary.removed.size()
      << " removed\n";
  for (const std::string& f : r.summary.written) out << "  wrote " << f << '\n';
  for (const std::string& f : r.summary.removed) out << "  removed " << f << '\n';
  return k_exit_ok;
}

Subcommand add_generate_command(CLI::App& app) {
  auto opts = std::make_shared<GenerateOptions>();
  CLI::App* cmd =
      app.add_subcommand("generate", "build everything sqlgen.yaml asks for into its output");
  cmd->add_flag("--check", opts->check,
                "write nothing; print a diff and exit 1 when the output is stale");
  cmd->add_option("--output", opts->output, "output directory (default: the config's output)");
  return runs(cmd, opts, run_generate);
}

Subcommand add_diff_command(CLI::App& app) {
  CLI::App* cmd =
      app.add_subcommand("diff", "same as \"generate --check\": diff the output, write nothing");
  return {cmd, [](Context& ctx, std::ostream& out) {
            return run_generate(ctx, GenerateOptions{.check = true}, out);
          }};
}

}  // namespace sqlgen::cli
