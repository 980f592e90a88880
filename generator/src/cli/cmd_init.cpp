// `sqlgen init [--module NAME]`: a starter project (driver::init_project); `sqlgen init
// --from-sqlc [FILE]`: sqlgen.yaml next to a sqlc config (config/sqlc_import.hpp translates).
#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "config/sqlc_import.hpp"
#include "driver/driver.hpp"
#include "util/fs.hpp"

namespace sqlgen::cli {

namespace fs = std::filesystem;
using diag::DiagId;

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
      << "  " << sqlgen << " generate   # C++ headers: " << r.output << "/" << r.module
      << "/models.hpp and queries.hpp\n"
      << "  " << sqlgen
      << " dump       # the schema for a development database (psql -f): " << r.schema_dump << "\n"
      << "  c++ -std=c++20 -I" << r.output
      << " -I<sqlgen>/include main.cpp -lpqxx -lpq   # your program; see the README, \"Your "
         "own project\"\n";
  return k_exit_ok;
}

/// `--from-sqlc`: sqlgen.yaml translated from a sqlc config.
int run_init_from_sqlc(Context& ctx, const InitOptions& opts, std::ostream& out) {
  fs::path sqlc_path(opts.sqlc_file);
  if (opts.sqlc_file.empty()) {
    std::optional<fs::path> found = config::find_sqlc_config({});
    if (!found) {
      ctx.diags.report(diag::make(DiagId::err_sqlc_no_config, {}, {fs::current_path().string()}));
      return k_exit_ok;
    }
    sqlc_path = *found;
  }
  const std::string display = sqlc_path.lexically_normal().generic_string();
  util::ReadResult read = util::read_file(sqlc_path);
  if (!read.text) {
    ctx.diags.report(read.not_found
                         ? diag::make(DiagId::err_file_not_found, {}, {display})
                         : diag::make(DiagId::err_file_unreadable, {}, {display, read.error}));
    return k_exit_ok;
  }
  std::optional<config::SqlcImport> imported =
      config::import_sqlc(diag::make_source(display, std::move(*read.text)), ctx.diags);
  if (!imported) return k_exit_ok;  // diagnostics explain why; nothing written
  const fs::path target = sqlc_path.parent_path() / "sqlgen.yaml";
  const std::string target_display = target.lexically_normal().generic_string();
  std::error_code ec;
  if (!opts.force && fs::exists(target, ec)) {
    ctx.diags.report(diag::make(DiagId::err_init_exists, {}, {target_display}));
    return k_exit_ok;
  }
  if (std::string err = util::write_file_atomic(target, imported->yaml); !err.empty()) {
    ctx.diags.report(diag::make(DiagId::err_file_write, {}, {target_display, err}));
    return k_exit_ok;
  }
  out << "sqlgen: wrote " << target_display << " (" << imported->modules
      << (imported->modules == 1 ? " module" : " modules") << ") from " << display << '\n';
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
