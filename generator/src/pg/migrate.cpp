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
#include "util/fs.hpp"

namespace sqlgen::pg {

namespace fs = std::filesystem;
using diag::DiagId;
using source::Migration;

namespace {

/// What PostgreSQL reported about a failed command.
struct PgError {
  std::string sqlstate;
  std::string primary;
  std::string detail;
  std::string hint;
  std::string context;
  int position = 0;  ///< PG_DIAG_STATEMENT_POSITION: 1-based character of the statement; 0 = none
};

std::string error_field(const PGresult* result, int code) {
  const char* value = result ? pq().PQresultErrorField(result, code) : nullptr;
  return value ? value : "";
}

/// Waits for the rest of a command's results after a COPY it cannot serve.
void drain(PGconn* conn) {
  while (PGresult* r = pq().PQgetResult(conn)) pq().PQclear(r);
}

/// Runs one command (with text parameters, when given); nullopt on success.
std::optional<PgError> exec(PGconn* conn, const std::string& sql,
                            const std::vector<std::string>& params = {}) {
  ResultPtr result;
  if (params.empty()) {
    result.reset(pq().PQexec(conn, sql.c_str()));
  } else {
    std::vector<const char*> values;
    for (const std::string& p : params) values.push_back(p.c_str());
    result.reset(pq().PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                   values.data(), nullptr, nullptr, 0));
  }
  ExecStatusType status = result ? pq().PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    return std::nullopt;
  }
  if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
    if (status == PGRES_COPY_IN) pq().PQputCopyEnd(conn, "sqlgen has no COPY data to send");
    drain(conn);
    PgError e;
    e.sqlstate = "0A000";
    e.primary = "COPY to or from the client is not supported in migrations";
    return e;
  }
  PgError e;
  e.sqlstate = error_field(result.get(), PG_DIAG_SQLSTATE);
  e.primary = error_field(result.get(), PG_DIAG_MESSAGE_PRIMARY);
  if (e.primary.empty()) e.primary = clean_message(pq().PQerrorMessage(conn));
  e.detail = error_field(result.get(), PG_DIAG_MESSAGE_DETAIL);
  e.hint = error_field(result.get(), PG_DIAG_MESSAGE_HINT);
  e.context = error_field(result.get(), PG_DIAG_CONTEXT);
  std::string position = error_field(result.get(), PG_DIAG_STATEMENT_POSITION);
  if (!position.empty()) e.position = std::atoi(position.c_str());
  return e;
}

/// The statement's diagnostic at PostgreSQL's position in it (else at its start).
diag::Diagnostic statement_error(const PgError& e, const diag::SourcePtr& source,
                                 const source::Statement& stmt) {
  std::string_view text = std::string_view(source->text()).substr(stmt.offset, stmt.length);
  uint32_t offset = stmt.offset;
  uint32_t length = parse::token_length(text, 0);  // no position: the statement's first word
  if (e.position > 0) {
    uint32_t rel = diag::char_to_byte(text, static_cast<uint32_t>(e.position - 1));
    offset += rel;
    length = parse::token_length(text, rel);
  }
  diag::Location loc = diag::Location::at(source, offset, length);
  diag::Diagnostic d = e.sqlstate.empty()
                           ? diag::make(DiagId::err_pg_migrate, loc, {e.primary})
                           : diag::make(DiagId::err_pg_statement, loc, {e.primary, e.sqlstate});
  if (!e.detail.empty()) d.note(DiagId::note_generic, {}, {"detail: " + e.detail});
  if (!e.hint.empty()) d.note(DiagId::note_generic, {}, {"hint: " + e.hint});
  if (!e.context.empty()) d.note(DiagId::note_generic, {}, {"context: " + e.context});
  return d;
}

std::string tracking_table_sql() {
  return std::string("CREATE TABLE IF NOT EXISTS ") + k_tracking_table +
         " (version bigint PRIMARY KEY, module text NOT NULL, local_version bigint NOT NULL,"
         " path text NOT NULL)";
}

/// Versions recorded in the tracking table; empty when it does not exist yet.
Result<std::set<int64_t>> applied_versions(PGconn* conn, bool& table_exists) {
  std::string sql = std::string("SELECT version FROM ") + k_tracking_table;
  ResultPtr exists(pq().PQexec(
      conn, (std::string("SELECT to_regclass('") + k_tracking_table + "') IS NOT NULL").c_str()));
  if (pq().PQresultStatus(exists.get()) != PGRES_TUPLES_OK) {
    return diag::make(DiagId::err_pg_migrate, {}, {clean_message(pq().PQerrorMessage(conn))});
  }
  table_exists = std::string_view(pq().PQgetvalue(exists.get(), 0, 0)) == "t";
  std::set<int64_t> versions;
  if (!table_exists) return versions;
  ResultPtr rows(pq().PQexec(conn, sql.c_str()));
  if (pq().PQresultStatus(rows.get()) != PGRES_TUPLES_OK) {
    return diag::make(DiagId::err_pg_migrate, {}, {clean_message(pq().PQerrorMessage(conn))});
  }
  for (int i = 0; i < pq().PQntuples(rows.get()); ++i) {
    versions.insert(std::stoll(pq().PQgetvalue(rows.get(), i, 0)));
  }
  return versions;
}

/// An error not tied to a statement of a file: at the migration's file, when there is one.
diag::Diagnostic general_error(const PgError& e, const Migration* m) {
  diag::Location loc = m && m->source ? diag::Location::file(m->source) : diag::Location{};
  std::string msg = e.sqlstate.empty() ? e.primary : e.primary + " (SQLSTATE " + e.sqlstate + ")";
  diag::Diagnostic d = diag::make(DiagId::err_pg_migrate, loc, {msg});
  if (!e.detail.empty()) d.note(DiagId::note_generic, {}, {"detail: " + e.detail});
  return d;
}

/// One run: the connection, what is committed and what is pending in the open transaction.
class Runner {
 public:
  Runner(PGconn* conn, const std::vector<Fixture>& fixtures,
         diag::DiagnosticEngine* skip_server_objects)
      : m_conn(conn), m_skip_server_objects(skip_server_objects) {
    for (const Fixture& f : fixtures) m_fixtures[f.version].push_back(&f);
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
      if (std::optional<PgError> e = exec(m_conn, "BEGIN")) return general_error(*e, &m);
      m_in_transaction = true;
    }
    m_current = &m;
    if (std::optional<diag::Diagnostic> d = ensure_table(&m)) return d;
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
    std::vector<std::string> row = {std::to_string(m.version), m.module,
                                    std::to_string(m.local_version), m.path};
    std::string insert = std::string("INSERT INTO ") + k_tracking_table +
                         " (version, module, local_version, path) VALUES ($1, $2, $3, $4)";
    if (std::optional<PgError> e = exec(m_conn, insert, row)) return general_error(*e, &m);
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

  /// Creates the tracking table in the first transaction (so a rollback removes it too).
  std::optional<diag::Diagnostic> ensure_table(const Migration* m) {
    if (m_table_ready) return std::nullopt;
    if (std::optional<PgError> e = exec(m_conn, tracking_table_sql())) return general_error(*e, m);
    m_table_ready = true;
    return std::nullopt;
  }

  std::optional<diag::Diagnostic> commit() {
    if (!m_in_transaction) return std::nullopt;
    m_in_transaction = false;
    if (std::optional<PgError> e = exec(m_conn, "COMMIT")) {
      // Deferred constraints and triggers fire here, after the last statement.
      diag::Diagnostic d = general_error(*e, m_current);
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

  if (Result<const Libpq*> lib = load_libpq(); !lib) return lib.error();
  // dbname is expanded as a whole connection string; later keywords add to it.
  const char* keywords[] = {"dbname", "fallback_application_name", nullptr};
  const char* values[] = {conninfo.c_str(), "sqlgen", nullptr};
  ConnPtr conn(pq().PQconnectdbParams(keywords, values, 1));
  if (!conn || pq().PQstatus(conn.get()) != CONNECTION_OK) {
    return diag::make(DiagId::err_pg_connect, {}, {clean_message(pq().PQerrorMessage(conn.get()))});
  }
  // NOTICEs ("schema ... already exists, skipping") are not sqlgen's output.
  pq().PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);

  bool table_exists = false;
  Result<std::set<int64_t>> applied = applied_versions(conn.get(), table_exists);
  if (!applied) return applied.error();
  std::vector<const Migration*> pending;
  for (const Migration* m : ordered) {
    // Schema files have no version to record: they run on a database without the tracking table.
    bool done = m->unversioned ? table_exists : applied->contains(m->version);
    if (!done) pending.push_back(m);
  }
  for (const std::string& sql : options.prelude) {
    if (std::optional<PgError> e = exec(conn.get(), sql)) {
      diag::Diagnostic d = general_error(*e, nullptr);
      d.note(DiagId::note_generic, {}, {"while running: " + sql});
      return d;
    }
  }
  Runner runner(conn.get(), fixtures, options.skip_server_objects);
  Result<MigrateReport> report = runner.run(pending, table_exists, options.mode);
  if (report) report->skipped = ordered.size() - pending.size();
  return report;
}

}  // namespace sqlgen::pg
