// `sqlgen verify`: the driver analyzes the project and has the verify stage check it against
// PostgreSQL; this prints the summary line or JSON.
#include "cli/cmd_verify.hpp"

#include <memory>
#include <nlohmann/json.hpp>

#include "cli/subcommands.hpp"
#include "driver/driver.hpp"

namespace sqlgen::cli {

int run_verify(Context& ctx, const VerifyOptions& opts, std::ostream& out) {
  verify::Report report =
      driver::verify({ctx.config_path, opts.schema_paths, opts.query_paths, opts.search_path},
                     {opts.db_url, opts.strict, opts.all}, ctx.diags);
  if (opts.format == "json") {
    out << verify::to_json(report).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
  } else {
    out << "sqlgen: " << verify::summary(report) << '\n';
  }
  return k_exit_ok;
}

Subcommand add_verify_command(CLI::App& app) {
  auto opts = std::make_shared<VerifyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "PREPARE every query on PostgreSQL and compare its types with sqlgen's analysis");
  add_input_options(*cmd, opts->schema_paths, opts->query_paths, opts->search_path);
  cmd->add_option("--db", opts->db_url,
                  "PostgreSQL URL (default: $SQLGEN_DATABASE_URL, else a throwaway server)");
  cmd->add_option("--format", opts->format, "text (a summary line) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--strict", opts->strict, "report type differences as errors");
  cmd->add_flag("--all", opts->all,
                "also PREPARE the queries sqlgen rejects and measure agreement on acceptance "
                "(their errors are results, not diagnostics)");
  return runs(cmd, opts, run_verify);
}

}  // namespace sqlgen::cli
