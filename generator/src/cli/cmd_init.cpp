// `sqlgen init --from-sqlc [FILE]`: writes sqlgen.yaml next to a sqlc config
// (config/sqlc_import.hpp does the translation).
#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "config/sqlc_import.hpp"
#include "util/fs.hpp"

namespace sqlgen::cli {

namespace fs = std::filesystem;
using diag::DiagId;

int run_init(Context& ctx, const InitOptions& opts, std::ostream& out) {
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

Subcommand add_init_command(CLI::App& app) {
  auto opts = std::make_shared<InitOptions>();
  CLI::App* cmd = app.add_subcommand("init", "write sqlgen.yaml from an existing sqlc config");
  cmd->add_option("--from-sqlc", opts->sqlc_file,
                  "sqlc.yaml, sqlc.yml or sqlc.json (default: the first found in the current "
                  "directory)")
      ->expected(0, 1)
      ->required();
  cmd->add_flag("--force", opts->force, "overwrite an existing sqlgen.yaml");
  return {cmd, [opts](Context& ctx, std::ostream& out) { return run_init(ctx, *opts, out); }};
}

}  // namespace sqlgen::cli
