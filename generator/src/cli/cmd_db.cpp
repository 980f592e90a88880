// `sqlgen db start|stop|status|url|psql|reset`: the driver finds, starts or stops the embedded
// development database in `.sqlgen/postgres/`; this prints what happened (psql replaces sqlgen).
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "driver/driver.hpp"

namespace sqlgen::cli {

int run_db(Context& ctx, driver::DbCommand command, std::ostream& out) {
  driver::DbResult r = driver::db(ctx.config_path, command, ctx.diags);
  if (!r.ok) return k_exit_ok;  // the diagnostics tell why
  using driver::DbCommand;
  const std::string running = "running (PID " + std::to_string(r.pid) + ")";
  switch (command) {
    case DbCommand::Start:
      out << "sqlgen: development database " << (r.started ? "started, " : "already ") << running
          << " in " << r.dir << '\n';
      break;
    case DbCommand::Stop:
      out << "sqlgen: development database " << (r.stopped ? "stopped" : "was not running") << '\n';
      break;
    case DbCommand::Status:
      if (r.running) {
        out << "sqlgen: development database " << running << " in " << r.dir << ": " << r.url
            << '\n';
      } else {
        out << "sqlgen: development database "
            << (r.initialized ? "stopped (\"sqlgen db start\" starts it)"
                              : "not created yet (\"sqlgen db start\" or \"sqlgen migrate up\" "
                                "creates it)")
            << " in " << r.dir << '\n';
      }
      break;
    case DbCommand::Url:
      out << r.url << '\n';
      break;
    case DbCommand::Reset:
      out << "sqlgen: development database emptied (dropped and created again)\n";
      break;
    case DbCommand::Psql: {
      out.flush();
      std::cout.flush();
      std::vector<char*> argv = {r.psql.data(), r.conninfo.data(), nullptr};
      ::execvp(r.psql.c_str(), argv.data());
      ctx.diags.report(diag::make(diag::DiagId::err_devdb, {},
                                  {"cannot run \"" + r.psql + "\": " + std::strerror(errno)}));
      break;
    }
  }
  return k_exit_ok;
}

Subcommand add_db_command(CLI::App& app) {
  auto command = std::make_shared<driver::DbCommand>(driver::DbCommand::Status);
  CLI::App* cmd = app.add_subcommand(
      "db", "the embedded development database in .sqlgen/postgres/ (start, stop, status, ...)");
  cmd->require_subcommand(1);
  using driver::DbCommand;
  const std::vector<std::tuple<const char*, const char*, DbCommand>> subs = {
      {"start", "start it (created on first use) and leave it running", DbCommand::Start},
      {"stop", "stop its server", DbCommand::Stop},
      {"status", "whether it runs, and its URL", DbCommand::Status},
      {"url", "print its postgresql:// URL (starting it)", DbCommand::Url},
      {"psql", "run psql on it", DbCommand::Psql},
      {"reset", "drop its database and create it empty", DbCommand::Reset}};
  for (const auto& [name, help, which] : subs) {
    DbCommand c = which;
    cmd->add_subcommand(name, help)->callback([command, c] { *command = c; });
  }
  return {cmd, [command](Context& ctx, std::ostream& out) { return run_db(ctx, *command, out); }};
}

}  // namespace sqlgen::cli
