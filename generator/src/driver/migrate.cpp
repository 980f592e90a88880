// `sqlgen migrate`: the files compared with the database's tracking table, then up, down, redo
// or rehash under the migration lock. The checks run before anything changes: dirty, module
// order, applied versions without a file (branch switch: refused unless --rollback or --reset),
// edited migrations, out-of-order pending ones, syntax errors in pending ones.
#include "pg/migrate.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>

#include "driver/driver.hpp"
#include "driver/migrate_target.hpp"
#include "parse/parse.hpp"
#include "pg/migrate_plan.hpp"

namespace sqlgen::driver {

using diag::DiagId;
using pg::MigrationState;
using pg::MigrationStatus;

namespace {

MigrationLine line_of(const MigrationStatus& s) {
  MigrationLine line;
  line.module = s.module;
  line.version = s.version;
  line.local_version = s.local_version;
  line.path = s.path;
  line.state = std::string(pg::state_name(s.state));
  if (s.row) line.applied_at = s.row->applied_at;
  return line;
}

/// "1004 (migrations/ai/004_b.sql), 1005 (...)".
std::string version_list(const std::vector<const MigrationStatus*>& list) {
  std::string out;
  for (const MigrationStatus* s : list) {
    if (!out.empty()) out += ", ";
    out += std::to_string(s->version) + " (" + s->path + ")";
  }
  return out;
}

/// One migration run: the project, the database, the statuses, and what happened.
class MigrateRun {
 public:
  MigrateRun(const config::Config& config, const std::vector<source::Migration>& migrations,
             const MigrateOptions& options, MigrateResult& result, diag::DiagnosticEngine& diags)
      : m_config(config),
        m_migrations(migrations),
        m_options(options),
        m_result(result),
        m_diags(diags) {}

  /// Runs the command on `target`; false when something was reported.
  bool run(MigrateTarget& target) {
    const bool changes =
        m_options.command != MigrateCommand::Status && m_options.command != MigrateCommand::Version;
    if (!open(target, changes)) return false;
    if (m_options.reset && !reset(target)) return false;
    if (!refresh()) return false;
    switch (m_options.command) {
      case MigrateCommand::Status:
        for (const MigrationStatus& s : m_statuses) m_result.status.push_back(line_of(s));
        return true;
      case MigrateCommand::Version:
        versions();
        return true;
      case MigrateCommand::Rehash:
        return rehash();
      default:
        break;
    }
    if (!check_state()) return false;
    switch (m_options.command) {
      case MigrateCommand::Up:
        return up(m_options.to);
      case MigrateCommand::Down:
        return down();
      case MigrateCommand::Redo:
        return redo();
      default:
        return false;
    }
  }

 private:
  bool open(MigrateTarget& target, bool lock) {
    auto timeout = lock ? std::optional(m_options.lock_timeout) : std::nullopt;
    pg::Result<std::unique_ptr<pg::MigrationDatabase>> db =
        pg::MigrationDatabase::open(target.conninfo, timeout);
    if (!db) return fail(db.error());
    m_db = std::move(*db);
    m_result.database = m_db->name();
    return true;
  }

  /// Re-reads the tracking table and compares it with the files.
  bool refresh() {
    pg::Result<pg::TrackingState> state = m_db->read();
    if (!state) return fail(state.error());
    m_state = std::move(*state);
    m_statuses = pg::migration_status(m_migrations, m_state);
    return true;
  }

  bool fail(diag::Diagnostic d) {
    m_diags.report(std::move(d));
    return false;
  }

  std::vector<const MigrationStatus*> with_state(MigrationState state) const {
    std::vector<const MigrationStatus*> out;
    for (const MigrationStatus& s : m_statuses) {
      if (s.state == state) out.push_back(&s);
    }
    return out;
  }

  /// --reset: the embedded database is recreated; another server's schemas are dropped once
  /// --confirm names the database.
  bool reset(MigrateTarget& target) {
    if (target.embedded) {
      m_db.reset();  // the connection must go before its database does
      if (pg::Result<> r = target.recreate(); !r) return fail(r.error());
      if (!open(target, true)) return false;
    } else {
      if (m_options.confirm.empty()) {
        return fail(diag::make(DiagId::err_migrate_reset_confirm, {}, {m_db->name()}));
      }
      if (m_options.confirm != m_db->name()) {
        return fail(diag::make(DiagId::err_migrate_confirm_mismatch, {},
                               {m_options.confirm, m_db->name()}));
      }
      if (pg::Result<> r = m_db->reset(); !r) return fail(r.error());
    }
    m_result.reset = true;
    return true;
  }

  /// What must hold before anything runs: not dirty, the module list as recorded, every
  /// applied migration with an unedited file (missing ones rolled back with --rollback).
  bool check_state() {
    if (std::vector<const MigrationStatus*> dirty = with_state(MigrationState::Dirty);
        !dirty.empty()) {
      const MigrationStatus& s = *dirty.front();
      diag::Diagnostic d =
          diag::make(DiagId::err_migrate_dirty, {}, {std::to_string(s.version), s.path});
      d.note(DiagId::note_generic, {},
             {"look at what it changed, finish or undo it by hand, then mark it with \"UPDATE "
              "sqlgen.migrations SET dirty = false WHERE version = " +
              std::to_string(s.version) + "\" (done) or \"DELETE FROM sqlgen.migrations WHERE " +
              "version = " + std::to_string(s.version) + "\" (undone)"});
      d.note(DiagId::note_generic, {},
             {"on a development database, \"sqlgen migrate up --reset\" starts over"});
      return fail(std::move(d));
    }
    std::vector<diag::Diagnostic> order = pg::check_module_order(m_config, m_state);
    if (!order.empty()) {
      for (diag::Diagnostic& d : order) m_diags.report(std::move(d));
      return false;
    }
    if (std::vector<const MigrationStatus*> missing = with_state(MigrationState::Missing);
        !missing.empty()) {
      if (!(m_options.command == MigrateCommand::Up && m_options.rollback)) {
        return fail(missing_error(missing));
      }
      if (!roll_back_missing(missing) || !refresh()) return false;
    }
    bool ok = true;
    for (const MigrationStatus* s : with_state(MigrationState::Edited)) {
      diag::Diagnostic d =
          diag::make(DiagId::err_migrate_checksum, diag::Location::file(s->file->source),
                     {std::to_string(s->version), pg::up_checksum(*s->file).substr(0, 12),
                      s->row->checksum.substr(0, 12)});
      d.note(DiagId::note_generic, {},
             {"an applied migration is history: write a new migration for the change; if the edit "
              "is harmless (\"sqlgen dump --base <rev>\" shows no difference), accept it with "
              "\"sqlgen migrate rehash " +
              std::to_string(s->version) + "\""});
      m_diags.report(std::move(d));
      ok = false;
    }
    return ok;
  }

  diag::Diagnostic missing_error(const std::vector<const MigrationStatus*>& missing) {
    std::string count =
        std::to_string(missing.size()) + " applied migration" + (missing.size() == 1 ? "" : "s");
    diag::Diagnostic d =
        diag::make(DiagId::err_migrate_missing_files, {}, {count, version_list(missing)});
    d.note(DiagId::note_generic, {},
           {"the database is ahead of this branch: they were applied from files another branch "
            "has (switched branches?)"});
    d.note(DiagId::note_generic, {},
           {"\"sqlgen migrate up --rollback\" undoes them with the Down SQL recorded when they "
            "were applied, newest first, then applies this branch's pending migrations"});
    d.note(DiagId::note_generic, {},
           {"\"sqlgen migrate up --reset\" drops everything and applies this branch's migrations "
            "from scratch (add --confirm <database name> on a database sqlgen does not manage)"});
    return d;
  }

  /// --rollback: the stored Down SQL of applied migrations without a file, newest first, each
  /// in its own transaction with its tracking row; only a contiguous block at the top of each
  /// module's applied versions.
  bool roll_back_missing(const std::vector<const MigrationStatus*>& missing) {
    bool ok = true;
    for (const MigrationStatus* s : missing) {
      for (const pg::AppliedMigration& row : m_state.rows) {
        if (row.module != s->module || row.version <= s->version) continue;
        bool also_missing = std::any_of(missing.begin(), missing.end(),
                                        [&](const MigrationStatus* m) { return m->row == &row; });
        if (also_missing) continue;
        diag::Diagnostic d =
            diag::make(DiagId::err_migrate_rollback_gap, {},
                       {std::to_string(s->version), s->module, std::to_string(row.version)});
        d.note(DiagId::note_generic, {},
               {"rolling back out of the middle could undo what the newer one builds on; "
                "\"sqlgen migrate up --reset\" rebuilds the database from this branch's files"});
        m_diags.report(std::move(d));
        ok = false;
        break;
      }
      if (s->row->down_sql.empty()) {
        m_diags.report(diag::make(DiagId::err_migrate_no_stored_down, {},
                                  {std::to_string(s->version), s->path}));
        ok = false;
      }
    }
    if (!ok) return false;
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
      const MigrationStatus& s = **it;
      diag::SourcePtr source =
          diag::make_source(s.path + " (Down SQL recorded in sqlgen.migrations)", s.row->down_sql);
      std::vector<source::Statement> stmts;
      for (const parse::StatementRange& r : parse::split_statements(source->text())) {
        stmts.push_back(source::Statement{r.offset, r.length});
      }
      if (pg::Result<> r = m_db->roll_back(s.version, source, stmts, s.row->no_transaction); !r) {
        return fail(r.error());
      }
      m_result.rolled_back.push_back(line_of(s));
    }
    return true;
  }

  /// The version `to` names, checked to be a migration's.
  bool check_target(int64_t to) {
    for (const MigrationStatus& s : m_statuses) {
      if (s.version == to) return true;
    }
    std::string hint;
    for (const MigrationStatus& s : m_statuses) {
      if (s.local_version == to && s.file) {
        hint += (hint.empty() ? "" : " or ") + std::to_string(s.version) + " (module \"" +
                s.module + "\"'s " + std::to_string(to) + ")";
      }
    }
    if (!hint.empty()) hint = ": versions are namespaced, did you mean " + hint + "?";
    return fail(diag::make(DiagId::err_migrate_unknown_version, {}, {std::to_string(to), hint}));
  }

  bool up(std::optional<int64_t> to) {
    if (to && !check_target(*to)) return false;
    std::set<int64_t> wanted;
    bool ok = true;
    for (const MigrationStatus& s : m_statuses) {
      if (to && s.version > *to) continue;
      if (s.state == MigrationState::OutOfOrder && !m_options.allow_missing) {
        int64_t latest = 0;
        for (const pg::AppliedMigration& row : m_state.rows) {
          if (row.module == s.module) latest = std::max(latest, row.version);
        }
        diag::Diagnostic d =
            diag::make(DiagId::err_migrate_out_of_order, diag::Location::file(s.file->source),
                       {std::to_string(s.version), s.module, std::to_string(latest)});
        d.note(DiagId::note_generic, {},
               {"it was probably merged from a branch after newer ones were applied; "
                "\"--allow-missing\" applies it anyway"});
        m_diags.report(std::move(d));
        ok = false;
      }
      if (s.state == MigrationState::Pending || s.state == MigrationState::OutOfOrder) {
        wanted.insert(s.version);
      }
    }
    if (!ok) return false;
    std::vector<const source::Migration*> pending;
    for (const source::Migration& m : m_migrations) {
      if (!m.source) continue;
      // Plain schema files run once, on a database sqlgen never migrated (as `dump` does).
      if (m.unversioned ? !m_state.exists && (!to || m.version <= *to)
                        : wanted.contains(m.version)) {
        pending.push_back(&m);
      }
    }
    std::stable_sort(pending.begin(), pending.end(),
                     [](const source::Migration* a, const source::Migration* b) {
                       return a->version < b->version;
                     });
    // Syntax errors are found before anything is applied.
    size_t errors = m_diags.error_count();
    for (const source::Migration* m : pending) {
      for (const source::Statement& stmt : m->up) {
        (void)parse::parse_range(m->source, parse::StatementRange{stmt.offset, stmt.length},
                                 m_diags);
      }
    }
    if (m_diags.error_count() > errors) return false;
    pg::MigrateOptions run(m_options.mode);
    for (const config::Module& module : m_config.modules) run.modules.push_back(module.name);
    pg::Result<pg::MigrateReport> report = m_db->apply(pending, {}, run);
    // What committed is reported even when a later migration failed.
    if (!refresh()) return false;
    for (const source::Migration* m : pending) {
      for (const MigrationStatus& s : m_statuses) {
        if (s.version == m->version && s.file == m && s.row) m_result.applied.push_back(line_of(s));
      }
    }
    if (!report) return fail(report.error());
    m_result.transactions = report->transactions;
    return true;
  }

  /// Applied migrations with files, newest first.
  std::vector<const MigrationStatus*> applied_newest_first() const {
    std::vector<const MigrationStatus*> out;
    for (auto it = m_statuses.rbegin(); it != m_statuses.rend(); ++it) {
      if (it->row && it->file) out.push_back(&*it);
    }
    return out;
  }

  /// Rolls back `list` in order with their files' Down sections (all checked first).
  bool roll_back_files(const std::vector<const MigrationStatus*>& list) {
    bool ok = true;
    for (const MigrationStatus* s : list) {
      if (s->file->down.empty()) {
        diag::Diagnostic d =
            diag::make(DiagId::err_migrate_no_down, diag::Location::file(s->file->source),
                       {std::to_string(s->version)});
        d.note(DiagId::note_generic, {},
               {s->file->format == source::Migration::MigratePair
                    ? "add its .down.sql file"
                    : "add a \"-- +goose Down\" section with the statements that undo it"});
        m_diags.report(std::move(d));
        ok = false;
      }
    }
    if (!ok) return false;
    for (const MigrationStatus* s : list) {
      const source::Migration& m = *s->file;
      if (pg::Result<> r = m_db->roll_back(s->version, m.down_source, m.down, m.no_transaction);
          !r) {
        return fail(r.error());
      }
      m_result.rolled_back.push_back(line_of(*s));
    }
    return true;
  }

  bool down() {
    if (m_options.to && !check_target(*m_options.to)) return false;
    std::vector<const MigrationStatus*> list;
    for (const MigrationStatus* s : applied_newest_first()) {
      if (m_options.to ? s->version <= *m_options.to : list.size() >= m_options.steps) break;
      list.push_back(s);
    }
    return roll_back_files(list);
  }

  bool redo() {
    std::vector<const MigrationStatus*> latest = applied_newest_first();
    if (latest.empty()) return true;
    const int64_t version = latest.front()->version;
    if (!roll_back_files({latest.front()}) || !refresh()) return false;
    return up(version);
  }

  bool rehash() {
    auto found = std::find_if(m_statuses.begin(), m_statuses.end(), [&](const MigrationStatus& s) {
      return s.version == m_options.version;
    });
    if (found == m_statuses.end()) return check_target(m_options.version);
    const MigrationStatus& s = *found;
    if (!s.file) {
      return fail(diag::make(DiagId::err_migrate_unknown_version, {},
                             {std::to_string(s.version), " in the files (the database has it)"}));
    }
    if (!s.row) {
      return fail(diag::make(DiagId::err_migrate_not_applied, diag::Location::file(s.file->source),
                             {std::to_string(s.version)}));
    }
    if (pg::Result<> r = m_db->rehash(s.version, pg::up_checksum(*s.file), pg::down_sql(*s.file));
        !r) {
      return fail(r.error());
    }
    m_result.applied.push_back(line_of(s));
    return true;
  }

  void versions() {
    for (const config::Module& module : m_config.modules) {
      int64_t latest = 0;
      for (const pg::AppliedMigration& row : m_state.rows) {
        if (row.module == module.name) latest = std::max(latest, row.version);
      }
      m_result.versions.emplace_back(module.name, latest);
    }
  }

  const config::Config& m_config;
  const std::vector<source::Migration>& m_migrations;
  const MigrateOptions& m_options;
  MigrateResult& m_result;
  diag::DiagnosticEngine& m_diags;
  std::unique_ptr<pg::MigrationDatabase> m_db;
  pg::TrackingState m_state;
  std::vector<MigrationStatus> m_statuses;
};

}  // namespace

MigrateResult migrate(const std::string& config_path, const MigrateOptions& options,
                      diag::DiagnosticEngine& diags) {
  MigrateResult result;
  Project project = load(Inputs{config_path, {}, {}, {}}, diags);
  if (!project.config || diags.has_errors()) return result;
  std::optional<MigrateTarget> target = migrate_target(*project.config, options.db_url, diags);
  if (!target) return result;
  result.embedded = target->embedded;
  MigrateRun run(*project.config, project.migrations, options, result, diags);
  result.ok = run.run(*target);
  return result;
}

}  // namespace sqlgen::driver
