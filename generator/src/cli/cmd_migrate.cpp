// `sqlgen migrate up|down|redo|status|version|rehash`: the driver compares the files with the
// database's tracking table and applies or rolls back; this prints what happened.
#include <cmath>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/subcommands.hpp"
#include "driver/driver.hpp"

namespace sqlgen::cli {

namespace {

/// "applied  1001  migrations/ai/001_init.sql".
void print_line(std::ostream& out, const std::string& what, const driver::MigrationLine& l) {
  out << what << std::string(what.size() < 12 ? 12 - what.size() : 1, ' ') << l.version << "  "
      << l.path << '\n';
}

void print_status(std::ostream& out, const driver::MigrateResult& r, bool json) {
  if (json) {
    nlohmann::ordered_json doc;
    doc["database"] = r.database;
    doc["embedded"] = r.embedded;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const driver::MigrationLine& l : r.status) {
      nlohmann::ordered_json m;
      m["module"] = l.module;
      m["version"] = l.version;
      m["local_version"] = l.local_version;
      m["path"] = l.path;
      m["state"] = l.state;
      m["applied_at"] =
          l.applied_at.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(l.applied_at);
      list.push_back(std::move(m));
    }
    doc["migrations"] = std::move(list);
    out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return;
  }
  out << "database \"" << r.database << "\"" << (r.embedded ? " (embedded)" : "") << '\n';
  std::string module = "\x01";
  std::map<std::string, size_t> counts;
  for (const driver::MigrationLine& l : r.status) {
    if (l.module != module) {
      module = l.module;
      out << "module " << (module.empty() ? "(none)" : module) << '\n';
    }
    out << "  ";
    print_line(out, l.state, l);
    ++counts[l.state];
  }
  std::string summary;
  for (const char* state : {"applied", "pending", "missing", "edited", "out of order", "dirty"}) {
    if (counts[state] == 0) continue;
    summary += (summary.empty() ? "" : ", ") + std::to_string(counts[state]) + " " + state;
  }
  out << "sqlgen: " << (summary.empty() ? "no migrations" : summary) << '\n';
}

}  // namespace

int run_migrate(Context& ctx, const MigrateOptions& opts, std::ostream& out) {
  driver::MigrateOptions o;
  o.command = opts.command;
  o.db_url = opts.db_url;
  if (opts.to_given) o.to = opts.to;
  o.steps = opts.steps;
  o.mode =
      opts.per_migration ? source::TransactionMode::PerMigration : source::TransactionMode::Single;
  o.allow_missing = opts.allow_missing;
  o.lock_timeout = std::chrono::milliseconds(std::llround(opts.lock_timeout * 1000));
  o.rollback = opts.rollback;
  o.reset = opts.reset;
  o.confirm = opts.confirm;
  o.version = opts.version;
  driver::MigrateResult r = driver::migrate(ctx.config_path, o, ctx.diags);
  using driver::MigrateCommand;
  if (r.reset) out << "reset database \"" << r.database << "\"\n";
  for (const driver::MigrationLine& l : r.rolled_back) print_line(out, "rolled back", l);
  if (opts.command == MigrateCommand::Rehash) {
    for (const driver::MigrationLine& l : r.applied) print_line(out, "rehashed", l);
    return k_exit_ok;
  }
  for (const driver::MigrationLine& l : r.applied) print_line(out, "applied", l);
  if (!r.ok) return k_exit_ok;  // the diagnostics tell why
  switch (opts.command) {
    case MigrateCommand::Status:
      print_status(out, r, opts.format == "json");
      break;
    case MigrateCommand::Version:
      for (const auto& [module, version] : r.versions) {
        out << module << ' ' << (version == 0 ? "none" : std::to_string(version)) << '\n';
      }
      break;
    case MigrateCommand::Up:
    case MigrateCommand::Redo:
      if (r.applied.empty() && r.rolled_back.empty()) {
        out << "sqlgen: database \"" << r.database << "\" is up to date\n";
      } else {
        out << "sqlgen: database \"" << r.database
            << "\": " << counted(r.applied.size(), "migration") << " applied"
            << (r.rolled_back.empty()
                    ? ""
                    : ", " + counted(r.rolled_back.size(), "migration") + " rolled back")
            << " (" << (opts.per_migration ? "per-migration" : "single") << " mode, "
            << counted(r.transactions, "transaction") << ")\n";
      }
      break;
    case MigrateCommand::Down:
      out << "sqlgen: database \"" << r.database
          << "\": " << counted(r.rolled_back.size(), "migration") << " rolled back\n";
      break;
    default:
      break;
  }
  return k_exit_ok;
}

Subcommand add_migrate_command(CLI::App& app) {
  auto opts = std::make_shared<MigrateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "migrate", "apply migrations to a database and track them (up, down, redo, status, ...)");
  cmd->require_subcommand(1);
  // Every subcommand takes the database options.
  auto common = [opts](CLI::App* sub) {
    sub->add_option("--db", opts->db_url,
                    "PostgreSQL URL (default: $SQLGEN_DATABASE_URL, else sqlgen.yaml's "
                    "database:, else the embedded development database)");
    sub->add_option("--lock-timeout", opts->lock_timeout,
                    "seconds to wait for another runner's lock (default 60)")
        ->check(CLI::NonNegativeNumber);
  };
  using driver::MigrateCommand;
  CLI::App* up = cmd->add_subcommand("up", "apply pending migrations");
  common(up);
  up->add_option("--to", opts->to, "apply up to this (namespaced) version")
      ->each([opts](const std::string&) { opts->to_given = true; });
  up->add_flag("--per-migration", opts->per_migration,
               "one transaction per migration (default: one for the whole batch)");
  up->add_flag("--allow-missing", opts->allow_missing,
               "apply pending migrations older than the latest applied one of their module");
  CLI::Option* rollback = up->add_flag(
      "--rollback", opts->rollback,
      "first roll back applied migrations this branch has no file for (their recorded Down SQL)");
  CLI::Option* reset = up->add_flag("--reset", opts->reset,
                                    "drop everything the migrations built and apply from scratch");
  reset->excludes(rollback);
  up->add_option("--confirm", opts->confirm,
                 "the database's name, required by --reset on a database sqlgen does not manage")
      ->needs(reset);
  up->callback([opts] { opts->command = MigrateCommand::Up; });

  CLI::App* down = cmd->add_subcommand("down", "roll back the latest migration (or N, or to V)");
  common(down);
  CLI::Option* steps = down->add_option("N", opts->steps, "how many to roll back (default 1)")
                           ->check(CLI::PositiveNumber);
  down->add_option("--to", opts->to, "roll back every migration above this version")
      ->each([opts](const std::string&) { opts->to_given = true; })
      ->excludes(steps);
  down->callback([opts] { opts->command = MigrateCommand::Down; });

  CLI::App* redo = cmd->add_subcommand("redo", "roll back the latest migration and apply it again");
  common(redo);
  redo->add_flag("--per-migration", opts->per_migration, "one transaction per migration");
  redo->callback([opts] { opts->command = MigrateCommand::Redo; });

  CLI::App* status = cmd->add_subcommand(
      "status", "every migration: applied, pending, missing, edited, out of order, dirty");
  common(status);
  status->add_option("--format", opts->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  status->callback([opts] { opts->command = MigrateCommand::Status; });

  CLI::App* version = cmd->add_subcommand("version", "the latest applied version of each module");
  common(version);
  version->callback([opts] { opts->command = MigrateCommand::Version; });

  CLI::App* rehash = cmd->add_subcommand(
      "rehash", "accept an edit of applied migration V: record its current checksum and Down");
  common(rehash);
  rehash->add_option("V", opts->version, "the migration's namespaced version")->required();
  rehash->callback([opts] { opts->command = MigrateCommand::Rehash; });
  return runs(cmd, opts, run_migrate);
}

}  // namespace sqlgen::cli
