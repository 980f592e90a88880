// MigrationDatabase: the connection `sqlgen migrate` holds, with the migration lock, the
// tracking state, rollbacks, rehashes and resets.
#include <unistd.h>

#include <thread>

#include "pg/migrate.hpp"
#include "pg/pg_exec.hpp"

namespace sqlgen::pg {

using detail::exec;
using detail::general_error;
using detail::PgError;
using detail::Rows;
using diag::DiagId;

namespace {

using Clock = std::chrono::steady_clock;

/// The migration lock's key: "sqlgenmg" as a bigint. Advisory locks are per database.
constexpr const char* k_lock_key = "8318591744010611047";

/// What this process calls itself on its connections, so a waiting runner can name it.
std::string application_name() { return "sqlgen migrate (pid " + std::to_string(::getpid()) + ")"; }

diag::Diagnostic tracking_error(const PgError& e) {
  return diag::make(DiagId::err_migrate_tracking, {}, {e.primary});
}

/// "2.5 s", "60 s".
std::string seconds(std::chrono::milliseconds ms) {
  if (ms.count() % 1000 == 0) return std::to_string(ms.count() / 1000) + " s";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms.count()) / 1000.0);
  return buf;
}

}  // namespace

Result<std::unique_ptr<MigrationDatabase>> MigrationDatabase::open(
    const std::string& conninfo, std::optional<std::chrono::milliseconds> lock_timeout) {
  Result<ConnPtr> conn = detail::connect(conninfo, application_name());
  if (!conn) return conn.error();
  std::unique_ptr<MigrationDatabase> db(new MigrationDatabase());
  db->m_conn = conn->release();
  Rows rows;
  if (std::optional<PgError> e = exec(db->m_conn, "SELECT current_database()", {}, &rows)) {
    return general_error(*e);
  }
  db->m_name = rows.at(0).at(0);
  if (lock_timeout) {
    if (Result<> locked = db->take_lock(*lock_timeout); !locked) return locked.error();
  }
  return Result<std::unique_ptr<MigrationDatabase>>(std::move(db));
}

MigrationDatabase::~MigrationDatabase() {
  if (m_conn) pq().PQfinish(m_conn);
}

Result<> MigrationDatabase::take_lock(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  auto pause = std::chrono::milliseconds(5);
  Rows rows;
  for (;;) {
    std::string sql = std::string("SELECT pg_try_advisory_lock(") + k_lock_key + ")";
    if (std::optional<PgError> e = exec(m_conn, sql, {}, &rows)) return general_error(*e);
    if (rows.at(0).at(0) == "t") return {};
    if (Clock::now() >= deadline) break;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(100));
  }
  // Who holds it: the backend, and the sqlgen process its application_name names.
  std::string holder = "holder unknown";
  std::string sql = std::string(
                        "SELECT l.pid, coalesce(a.application_name, '') FROM pg_locks l"
                        " LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
                        " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                        " AND l.database = (SELECT oid FROM pg_database"
                        "   WHERE datname = current_database())"
                        " AND ((l.classid::bigint << 32) | l.objid::bigint) = ") +
                    k_lock_key;
  if (!exec(m_conn, sql, {}, &rows) && !rows.empty()) {
    const std::string& app = rows[0][1];
    const std::string prefix = "sqlgen migrate (pid ";
    if (app.starts_with(prefix) && app.ends_with(")")) {
      holder = "sqlgen PID " + app.substr(prefix.size(), app.size() - prefix.size() - 1) +
               ", server backend PID " + rows[0][0];
    } else {
      holder = "server backend PID " + rows[0][0] +
               (app.empty() ? std::string() : ", application \"" + app + "\"");
    }
  }
  diag::Diagnostic d =
      diag::make(DiagId::err_migrate_lock_timeout, {}, {m_name, holder, seconds(timeout)});
  d.note(DiagId::note_generic, {},
         {"runners take turns; wait for it to finish or raise --lock-timeout"});
  return d;
}

Result<TrackingState> MigrationDatabase::read() {
  TrackingState state;
  Rows rows;
  std::string exists = std::string("SELECT to_regclass('") + k_tracking_table +
                       "') IS NOT NULL, to_regclass('" + k_batches_table + "') IS NOT NULL";
  if (std::optional<PgError> e = exec(m_conn, exists, {}, &rows)) return tracking_error(*e);
  state.exists = rows.at(0).at(0) == "t";
  if (!state.exists) return state;
  std::string select = std::string(
                           "SELECT version, module, local_version, name, checksum, down_sql,"
                           " no_transaction, dirty, batch, applied_at, applied_by FROM ") +
                       k_tracking_table + " ORDER BY version";
  if (std::optional<PgError> e = exec(m_conn, select, {}, &rows)) return tracking_error(*e);
  for (const std::vector<std::string>& r : rows) {
    AppliedMigration a;
    a.version = std::stoll(r[0]);
    a.module = r[1];
    a.local_version = std::stoll(r[2]);
    a.name = r[3];
    a.checksum = r[4];
    a.down_sql = r[5];
    a.no_transaction = r[6] == "t";
    a.dirty = r[7] == "t";
    a.batch = std::stoll(r[8]);
    a.applied_at = r[9];
    a.applied_by = r[10];
    state.rows.push_back(std::move(a));
  }
  std::string modules = std::string("SELECT array_to_string(modules, ',') FROM ") +
                        k_batches_table + " ORDER BY id DESC LIMIT 1";
  if (std::optional<PgError> e = exec(m_conn, modules, {}, &rows)) return tracking_error(*e);
  if (!rows.empty()) {
    const std::string& list = rows[0][0];
    for (size_t start = 0; start < list.size();) {
      size_t comma = std::min(list.find(',', start), list.size());
      state.modules.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
  }
  return state;
}

Result<> MigrationDatabase::roll_back(int64_t version, const diag::SourcePtr& source,
                                      const std::vector<source::Statement>& down,
                                      bool no_transaction) {
  const std::string v = std::to_string(version);
  const std::string remove = std::string("DELETE FROM ") + k_tracking_table + " WHERE version = $1";
  if (no_transaction) {
    std::string dirty =
        std::string("UPDATE ") + k_tracking_table + " SET dirty = true WHERE version = $1";
    if (std::optional<PgError> e = exec(m_conn, dirty, {v})) return general_error(*e, source);
  } else if (std::optional<PgError> e = exec(m_conn, "BEGIN")) {
    return general_error(*e, source);
  }
  for (const source::Statement& stmt : down) {
    if (std::optional<PgError> e = exec(m_conn, source->text().substr(stmt.offset, stmt.length))) {
      if (!no_transaction) (void)exec(m_conn, "ROLLBACK");
      return detail::statement_error(*e, source, stmt);
    }
  }
  if (std::optional<PgError> e = exec(m_conn, remove, {v})) {
    if (!no_transaction) (void)exec(m_conn, "ROLLBACK");
    return general_error(*e, source);
  }
  if (!no_transaction) {
    if (std::optional<PgError> e = exec(m_conn, "COMMIT")) return general_error(*e, source);
  }
  return {};
}

Result<> MigrationDatabase::rehash(int64_t version, const std::string& checksum,
                                   const std::string& down) {
  std::string sql = std::string("UPDATE ") + k_tracking_table +
                    " SET checksum = $2, down_sql = $3 WHERE version = $1";
  if (std::optional<PgError> e = exec(m_conn, sql, {std::to_string(version), checksum, down})) {
    return general_error(*e);
  }
  return {};
}

Result<> MigrationDatabase::reset() {
  // Extensions first (their objects may live in several schemas), then every schema but
  // PostgreSQL's own; public comes back as initdb makes it.
  std::string sql =
      "BEGIN;\n"
      "DO $sqlgen$ DECLARE r record; BEGIN\n"
      "  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP\n"
      "    EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);\n"
      "  END LOOP;\n"
      "  FOR r IN SELECT nspname FROM pg_namespace\n"
      "      WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP\n"
      "    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);\n"
      "  END LOOP;\n"
      "END $sqlgen$;\n"
      "CREATE SCHEMA public;\n"
      "COMMENT ON SCHEMA public IS 'standard public schema';\n"
      "GRANT USAGE ON SCHEMA public TO PUBLIC;\n";
  if (pq().PQserverVersion(m_conn) >= 150000) {
    sql += "ALTER SCHEMA public OWNER TO pg_database_owner;\n";
  } else {
    sql += "GRANT CREATE ON SCHEMA public TO PUBLIC;\n";
  }
  sql += "COMMIT;";
  if (std::optional<PgError> e = exec(m_conn, sql)) {
    (void)exec(m_conn, "ROLLBACK");
    return general_error(*e);
  }
  return {};
}

}  // namespace sqlgen::pg
