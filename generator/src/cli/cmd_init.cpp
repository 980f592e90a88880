// `sqlgen init [--module NAME]`: a starter project (driver::init_project); `sqlgen init
// --from-sqlc [FILE]`: sqlgen.yaml next to a sqlc config (config/sqlc_import.hpp translates).
#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "driver/driver.hpp"

namespace sqlgen::cli {

namespace fs = std::filesystem;

namespace {

/// The starter project, then the next three commands.
int run_init_starter(Context& ctx, const InitOptions& opts, std::ostream& out) {
  driver::InitResult r = driver::init_project({ctx.config_path, opts.module}, ctx.diags);
  if (!r.written) return k_exit_ok;  // diagnostics explain why; nothing written
  out << "sqlgen: wrote";
  for (size_t i = 0; i < r.files.size(); ++i) out << (i ? ", " : " ") << r.files[i];
  out << " (module \"" << r.module << "\")\n";
  const std::string sqlgen =
      fs::path(ctx.config_path).lexically_normal() == fs::path("sqlgen.yaml")
          ? "sqlgen"
          : "sqlgen -c " + fs::path(ctx.config_path).lexically_normal().generic_string();
  out << "next:\n"
      << "  " << sqlgen << " generate   # C++: " << r.output << "/" << r.module
      << "/models.hpp, queries.hpp and queries.cpp\n"
      << "  " << sqlgen
      << " dump       # the schema for a development database (psql -f): " << r.schema_dump << "\n"
      << "  c++ -std=c++20 -I" << r.output << " -I<sqlgen>/include main.cpp " << r.output
      << "/sqlgen_queries.cpp -lpqxx -lpq   # your program; see the README, \"Your "
         "own project\"\n";
  return k_exit_ok;
}

/// `--from-sqlc`: sqlgen.yaml translated from a sqlc config.
int run_init_from_sqlc(Context& ctx, const InitOptions& opts, std::ostream& out) {
  driver::ImportResult r = driver::import_sqlc_project({opts.sqlc_file, opts.force}, ctx.diags);
  if (!r.written) return k_exit_ok;  // diagnostics explain why; nothing written
  out << "sqlgen: wrote " << r.config << " (" << r.modules
      << (r.modules == 1 ? " module" : " modules") << ") from " << r.from;
  if (!r.skipped.empty()) {
    out << ", " << r.skipped.size() << (r.skipped.size() == 1 ? " query" : " queries")
        << " with errors in skip_queries";
  }
  out << '\n';
  return k_exit_ok;
}

}  // namespace

int run_init(Context& ctx, const InitOptions& opts, std::ostream& out) {
  return opts.from_sqlc ? run_init_from_sqlc(ctx, opts, out) : run_init_starter(ctx, opts, out);
}

Subcommand add_init_command(CLI::App& app) {
  auto opts = std::make_shared<InitOptions>();
  CLI::App* cmd = app.add_subcommand(
      "init",
      "start a project: sqlgen.yaml, a migration and a query file (never overwriting), or "
      "sqlgen.yaml from an existing sqlc config");
  CLI::Option* from_sqlc =
      cmd->add_option("--from-sqlc", opts->sqlc_file,
                      "sqlc.yaml, sqlc.yml or sqlc.json (default: the first found in the current "
                      "directory)")
          ->expected(0, 1);
  cmd->add_flag("--force", opts->force, "with --from-sqlc: overwrite an existing sqlgen.yaml")
      ->needs(from_sqlc);
  cmd->add_option("--module", opts->module,
                  "the starter module's name (default: the directory's name as an identifier, "
                  "or app)")
      ->excludes(from_sqlc);
  return {cmd, [opts, from_sqlc](Context& ctx, std::ostream& out) {
            opts->from_sqlc = from_sqlc->count() > 0;
            return run_init(ctx, *opts, out);
          }};
}

}  // namespace sqlgen::cli
