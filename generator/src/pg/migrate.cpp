// Applying migrations and fixtures to a real database on plain libpq (for the error fields:
// SQLSTATE, statement position, detail, hint, context).
#include "pg/migrate.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <system_error>

#include "parse/split.hpp"
#include "pg/libpq.hpp"
#include "pg/pg_exec.hpp"
#include "util/fs.hpp"

namespace sqlgen::pg {

namespace fs = std::filesystem;
using diag::DiagId;
using source::Migration;

namespace {

using detail::exec;
using detail::general_error;
using detail::PgError;
using detail::statement_error;

/// One run: the connection, what is committed and what is pending in the open transaction.
class Runner {
 public:
  Runner(PGconn* conn, const std::vector<Fixture>& fixtures, const MigrateOptions& options,
         int64_t batch)
      : m_conn(conn), m_skip_server_objects(options.skip_server_objects), m_batch(batch) {
    for (const Fixture& f : fixtures) m_fixtures[f.version].push_back(&f);
    for (const std::string& module : options.modules) {
      if (!m_modules.empty()) m_modules += ',';
      m_modules += module;
    }
  }

  /// Applies `pending` (in order); the first failure ends the run.
  Result<MigrateReport> run(const std::vector<const Migration*>& pending, bool table_exists,
                            TransactionMode mode) {
    m_table_ready = table_exists;
    for (const Migration* m : pending) {
      if (std::optional<diag::Diagnostic> d = apply(*m, mode)) return fail(std::move(*d));
    }
    if (std::optional<diag::Diagnostic> d = commit()) return fail(std::move(*d));
    if (std::optional<diag::Diagnostic> d = ensure_table(nullptr)) return fail(std::move(*d));
    return m_report;
  }

 private:
  std::optional<diag::Diagnostic> apply(const Migration& m, TransactionMode mode) {
    // A NO TRANSACTION migration ends the batch before it and runs in autocommit.
    if (m.no_transaction) {
      if (std::optional<diag::Diagnostic> d = commit()) return d;
    } else if (!m_in_transaction) {
      if (std::optional<PgError> e = exec(m_conn, "BEGIN")) return general_error(*e, m.source);
      m_in_transaction = true;
    }
    m_current = &m;
    if (std::optional<diag::Diagnostic> d = ensure_table(&m)) return d;
    // Outside a transaction, the row is there (dirty) before the first statement runs, so a
    // failure or a kill part-way leaves the database marked.
    if (m.no_transaction && !m.unversioned) {
      if (std::optional<diag::Diagnostic> d = record(m, true)) return d;
    }
    if (std::optional<diag::Diagnostic> d = run_statements(m.source, m.up)) return d;
    if (m.unversioned) {  // plain schema: no fixtures, nothing to record
      ++m_report.schema_files;
      return mode == TransactionMode::PerMigration ? commit() : std::nullopt;
    }
    auto found = m_fixtures.find(m.version);
    if (found != m_fixtures.end()) {
      for (const Fixture* f : found->second) {
        if (std::optional<diag::Diagnostic> d = run_statements(f->source, f->statements)) return d;
        m_seeded.push_back(f);
        ++m_report.fixtures;
      }
    }
    if (m.no_transaction) {
      std::string clean =
          std::string("UPDATE ") + k_tracking_table + " SET dirty = false WHERE version = $1";
      if (std::optional<PgError> e = exec(m_conn, clean, {std::to_string(m.version)})) {
        return general_error(*e, m.source);
      }
    } else if (std::optional<diag::Diagnostic> d = record(m, false)) {
      return d;
    }
    m_report.versions.push_back(m.version);
    if (m_in_transaction) {
      m_uncommitted.push_back(&m);
    } else {
      ++m_report.applied;
    }
    if (mode == TransactionMode::PerMigration) return commit();
    return std::nullopt;
  }

  std::optional<diag::Diagnostic> run_statements(const diag::SourcePtr& source,
                                                 const std::vector<source::Statement>& stmts) {
    for (const source::Statement& stmt : stmts) {
      std::string sql = source->text().substr(stmt.offset, stmt.length);
      if (std::optional<PgError> e = exec(m_conn, sql)) {
        if (!missing_server_object(*e)) return statement_error(*e, source, stmt);
        m_skip_server_objects->report(diag::make(
            DiagId::warn_verify_statement_skipped,
            diag::Location::at(source, stmt.offset, stmt.length), {server_version(), e->primary}));
        continue;
      }
      ++m_report.statements;
    }
    return std::nullopt;
  }

  /// A statement refused for a setting or role the server lacks, skipped when so asked (only
  /// outside a transaction, where the failure leaves nothing to roll back).
  bool missing_server_object(const PgError& e) const {
    if (!m_skip_server_objects || m_in_transaction || e.sqlstate != "42704") return false;
    return e.primary.starts_with("unrecognized configuration parameter") ||
           (e.primary.starts_with("role \"") && e.primary.ends_with("\" does not exist"));
  }

  /// The server's major version, "15".
  std::string server_version() const {
    return std::to_string(pq().PQserverVersion(m_conn) / 10000);
  }

  /// Creates the tracking tables in the first transaction (so a rollback removes them too).
  std::optional<diag::Diagnostic> ensure_table(const Migration* m) {
    if (m_table_ready) return std::nullopt;
    if (std::optional<PgError> e = exec(m_conn, detail::tracking_tables_sql())) {
      return general_error(*e, m ? m->source : nullptr);
    }
    m_table_ready = true;
    return std::nullopt;
  }

  /// The tracking row of `m` (and its batch's row, once per transaction).
  std::optional<diag::Diagnostic> record(const Migration& m, bool dirty) {
    std::string batch = std::to_string(m_batch);
    std::string insert_batch = std::string("INSERT INTO ") + k_batches_table +
                               " (id, modules, applied_by) VALUES ($1, string_to_array($2, ','),"
                               " $3) ON CONFLICT (id) DO NOTHING";
    if (std::optional<PgError> e = exec(m_conn, insert_batch, {batch, m_modules, applied_by()})) {
      return general_error(*e, m.source);
    }
    std::vector<std::string> row = {std::to_string(m.version),
                                    m.module,
                                    std::to_string(m.local_version),
                                    m.path,
                                    up_checksum(m),
                                    down_sql(m),
                                    m.no_transaction ? "true" : "false",
                                    dirty ? "true" : "false",
                                    batch,
                                    applied_by()};
    std::string insert = std::string("INSERT INTO ") + k_tracking_table +
                         " (version, module, local_version, name, checksum, down_sql,"
                         " no_transaction, dirty, batch, applied_by)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    if (std::optional<PgError> e = exec(m_conn, insert, row)) return general_error(*e, m.source);
    return std::nullopt;
  }

  std::optional<diag::Diagnostic> commit() {
    if (!m_in_transaction) return std::nullopt;
    m_in_transaction = false;
    if (std::optional<PgError> e = exec(m_conn, "COMMIT")) {
      // Deferred constraints and triggers fire here, after the last statement.
      diag::Diagnostic d = general_error(*e, m_current ? m_current->source : nullptr);
      d.note(DiagId::note_generic, {}, {"raised by COMMIT (a deferred constraint or trigger)"});
      return d;
    }
    m_report.applied += m_uncommitted.size();
    m_uncommitted.clear();
    ++m_report.transactions;
    return std::nullopt;
  }

  /// Rolls the open transaction back and explains what stays applied.
  Result<MigrateReport> fail(diag::Diagnostic d) {
    if (m_in_transaction) {
      (void)exec(m_conn, "ROLLBACK");
      m_in_transaction = false;
    } else if (m_current && m_current->no_transaction) {
      d.note(DiagId::note_generic, diag::Location::file(m_current->source),
             {"this migration runs outside a transaction (+goose NO TRANSACTION): its statements "
              "before the failing one stay applied"});
    }
    for (const Fixture* f : m_seeded) {
      d.note(DiagId::note_generic, diag::Location::file(f->source),
             {"rows from this fixture were present"});
    }
    if (m_report.applied > 0) {
      d.note(DiagId::note_generic, {},
             {std::to_string(m_report.applied) +
              " migration(s) committed before the failure stay applied"});
    }
    return d;
  }

  PGconn* m_conn;
  diag::DiagnosticEngine* m_skip_server_objects = nullptr;  ///< where skips are reported
  int64_t m_batch = 1;                                      ///< this run's id in sqlgen.batches
  std::string m_modules;  ///< the module list it records, comma-separated
  std::map<int64_t, std::vector<const Fixture*>> m_fixtures;
  MigrateReport m_report;
  bool m_table_ready = false;
  bool m_in_transaction = false;
  const Migration* m_current = nullptr;
  std::vector<const Migration*> m_uncommitted;
  std::vector<const Fixture*> m_seeded;
};

/// The fixtures of one module, checked against its migrations.
void load_module_fixtures(const config::Config& config, size_t index,
                          const std::set<int64_t>& versions, std::vector<Fixture>& out,
                          diag::DiagnosticEngine& diags) {
  const config::Module& module = config.modules[index];
  std::vector<fs::path> files;
  // `fixtures/` of each directory the module's migrations come from, in listed order.
  for (const config::SourcePath& source_dir : module.migrations) {
    const fs::path dir = config.resolve(source_dir.path) / "fixtures";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    // The directory's own `*.sql` files, in name order.
    util::DirWalk walk =
        util::walk_files(dir, [](std::string_view, std::string_view) { return false; });
    if (!walk.error.empty()) {
      diags.report(diag::make(DiagId::err_file_unreadable, {},
                              {dir.lexically_normal().generic_string(), walk.error}));
    }
    for (const util::WalkedFile& f : walk.files) {
      if (f.rel.size() > 4 && f.rel.ends_with(".sql") && f.stat.regular) files.push_back(f.path);
    }
  }
  const config::VersionRange range = config.version_range(index);
  for (const fs::path& file : files) {
    const std::string display = file.lexically_normal().generic_string();
    util::ReadResult read = util::read_file(file);
    if (!read.text) {
      diags.report(diag::make(DiagId::err_file_unreadable, {}, {display, read.error}));
      continue;
    }
    diag::SourcePtr source = diag::make_source(display, std::move(*read.text));
    const std::string name = file.filename().string();
    std::optional<int64_t> number = source::leading_version(name);
    if (!number) {
      diags.report(diag::make(DiagId::err_fixture_bad_name, diag::Location::file(source), {name}));
      continue;
    }
    std::optional<int64_t> version = fixture_version(config, index, *number);
    if (!version) {
      diags.report(diag::make(DiagId::err_fixture_version, diag::Location::file(source),
                              {std::to_string(*number), module.name, std::to_string(range.first),
                               std::to_string(range.last)}));
      continue;
    }
    if (!versions.contains(*version)) {
      diags.report(diag::make(DiagId::err_fixture_no_migration, diag::Location::file(source),
                              {module.name, std::to_string(*version)}));
      continue;
    }
    out.push_back(make_fixture(*version, std::move(source)));
  }
}

}  // namespace

std::optional<int64_t> fixture_version(const config::Config& config, size_t module_index,
                                       int64_t number) {
  const config::VersionRange range = config.version_range(module_index);
  if (number >= range.first && number <= range.last) return number;
  if (number >= 1 && number < config.namespace_width) return range.first - 1 + number;
  return std::nullopt;
}

Fixture make_fixture(int64_t version, diag::SourcePtr source) {
  Fixture f;
  f.version = version;
  for (const parse::StatementRange& r : parse::split_statements(source->text())) {
    f.statements.push_back(source::Statement{r.offset, r.length});
  }
  f.source = std::move(source);
  return f;
}

std::vector<Fixture> load_fixtures(const config::Config& config,
                                   const std::vector<Migration>& migrations,
                                   diag::DiagnosticEngine& diags) {
  std::vector<Fixture> out;
  for (size_t i = 0; i < config.modules.size(); ++i) {
    std::set<int64_t> versions;
    for (const Migration& m : migrations) {
      if (m.module == config.modules[i].name && !m.unversioned) versions.insert(m.version);
    }
    load_module_fixtures(config, i, versions, out, diags);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Fixture& a, const Fixture& b) { return a.version < b.version; });
  return out;
}

Result<MigrateReport> apply_migrations(const std::string& conninfo,
                                       const std::vector<Migration>& migrations,
                                       const std::vector<Fixture>& fixtures,
                                       const MigrateOptions& options) {
  std::vector<const Migration*> ordered;
  for (const Migration& m : migrations) {
    if (m.source) ordered.push_back(&m);
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Migration* a, const Migration* b) { return a->version < b->version; });
  for (size_t i = 1; i < ordered.size(); ++i) {
    if (ordered[i]->version != ordered[i - 1]->version) continue;
    if (ordered[i]->unversioned || ordered[i - 1]->unversioned) continue;
    diag::Diagnostic d =
        diag::make(DiagId::err_migration_duplicate_version,
                   diag::Location::file(ordered[i]->source), {std::to_string(ordered[i]->version)});
    d.note(DiagId::note_previous_here, diag::Location::file(ordered[i - 1]->source),
           {"migration with this version"});
    return d;
  }

  Result<std::unique_ptr<MigrationDatabase>> db = MigrationDatabase::open(conninfo, std::nullopt);
  if (!db) return db.error();
  Result<TrackingState> state = (*db)->read();
  if (!state) return state.error();
  std::set<int64_t> applied;
  for (const AppliedMigration& row : state->rows) applied.insert(row.version);
  std::vector<const Migration*> pending;
  for (const Migration* m : ordered) {
    // Schema files have no version to record: they run on a database without the tracking table.
    bool done = m->unversioned ? state->exists : applied.contains(m->version);
    if (!done) pending.push_back(m);
  }
  Result<MigrateReport> report = (*db)->apply(pending, fixtures, options);
  if (report) report->skipped = ordered.size() - pending.size();
  return report;
}

Result<MigrateReport> MigrationDatabase::apply(const std::vector<const Migration*>& pending,
                                               const std::vector<Fixture>& fixtures,
                                               const MigrateOptions& options) {
  Result<TrackingState> state = read();
  if (!state) return state.error();
  int64_t batch = 1;
  if (state->exists) {
    detail::Rows rows;
    std::string sql = std::string("SELECT coalesce(max(id), 0) + 1 FROM ") + k_batches_table;
    if (std::optional<PgError> e = exec(m_conn, sql, {}, &rows)) return general_error(*e);
    batch = std::stoll(rows.at(0).at(0));
  }
  for (const std::string& sql : options.prelude) {
    if (std::optional<PgError> e = exec(m_conn, sql)) {
      diag::Diagnostic d = general_error(*e);
      d.note(DiagId::note_generic, {}, {"while running: " + sql});
      return d;
    }
  }
  Runner runner(m_conn, fixtures, options, batch);
  return runner.run(pending, state->exists, options.mode);
}

}  // namespace sqlgen::pg
