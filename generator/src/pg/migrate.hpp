#pragma once
/// Applying migrations to a real database the way production runners do: in version order, on a
/// plain connection (no search_path of sqlgen's), all pending migrations in one transaction by
/// default, `-- +goose NO TRANSACTION` migrations outside any transaction, fixtures (seed data)
/// right after their migration, and what was applied recorded in the tracking table
/// (`sqlgen.migrations`, pg/tracking.hpp). A failing statement becomes a diagnostic at its
/// position in its file. MigrationDatabase is the runner `sqlgen migrate` keeps a connection
/// to: the migration lock, the tracking state, applying, rolling back, rehashing, resetting.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "diag/diag.hpp"
#include "pg/cluster.hpp"
#include "pg/tracking.hpp"
#include "source/migrations.hpp"

struct pg_conn;

namespace sqlgen::pg {

using source::parse_transaction_mode;
using source::transaction_mode_name;
using source::TransactionMode;

/// Seed data: plain SQL run right after the migration with the same version, in its transaction,
/// so later migrations meet rows like production's (e.g. values they must cast).
struct Fixture {
  int64_t version = 0;                        ///< namespaced version of the migration it follows
  diag::SourcePtr source;                     ///< the fixture file
  std::vector<source::Statement> statements;  ///< statements of `source`, in order
};

/// A fixture file's number (local like 1, or namespaced like 5001) as the namespaced version of
/// the module at `module_index`; nullopt when it is neither.
std::optional<int64_t> fixture_version(const config::Config& config, size_t module_index,
                                       int64_t number);

/// A fixture for migration `version` from SQL text, split into statements.
Fixture make_fixture(int64_t version, diag::SourcePtr source);

/// The fixtures of every module of `config`: `<migrations>/fixtures/<version>[_name].sql`, the
/// version local (1) or namespaced (5001). Files for versions outside the module's range or
/// without a migration in `migrations` are reported. Ordered by version, then file name.
std::vector<Fixture> load_fixtures(const config::Config& config,
                                   const std::vector<source::Migration>& migrations,
                                   diag::DiagnosticEngine& diags);

/// How migrations are applied.
struct MigrateOptions {
  MigrateOptions() = default;
  /// `{mode}`: the options of a plain run in that transaction mode.
  MigrateOptions(TransactionMode m) : mode(m) {}  // NOLINT(google-explicit-constructor)

  TransactionMode mode = TransactionMode::Single;  ///< transaction grouping
  /// Statements run first, each on its own (e.g. CREATE EXTENSION for extensions the catalog
  /// assumed); a failure ends the run.
  std::vector<std::string> prelude;
  /// When set: in migrations that run outside a transaction, a statement PostgreSQL refuses
  /// because the server lacks a setting or a role (SQLSTATE 42704, "unrecognized configuration
  /// parameter" from a newer server's dump, "role ... does not exist" in `ALTER ... OWNER TO`
  /// or GRANT of a dump) is skipped, as psql goes on after it, with a warning reported here
  /// (also when a later statement fails).
  diag::DiagnosticEngine* skip_server_objects = nullptr;
  /// The module list recorded with the batch in `sqlgen.batches` (the config's, in order).
  std::vector<std::string> modules;
};

/// What a successful run did.
struct MigrateReport {
  size_t applied = 0;       ///< migrations applied by this run
  size_t schema_files = 0;  ///< unversioned schema files applied (Migration::unversioned)
  size_t skipped = 0;       ///< migrations already recorded in the tracking table
  size_t fixtures = 0;      ///< fixture files run
  size_t statements = 0;    ///< statements executed, fixtures' included
  size_t transactions = 0;  ///< transactions committed
  /// The versions applied by this run, in order.
  std::vector<int64_t> versions;
};

/// Applies the migrations not yet recorded in `k_tracking_table` (created when missing) to the
/// database `conninfo` names, in version order, each statement on its own, each fixture right
/// after its migration. Fails at the first failing statement with a diagnostic at that statement
/// (PostgreSQL's message and SQLSTATE; detail, hint and context as notes); the open transaction
/// is rolled back, so in Single mode nothing is left behind unless a NO TRANSACTION migration
/// split the run. Never throws.
Result<MigrateReport> apply_migrations(const std::string& conninfo,
                                       const std::vector<source::Migration>& migrations,
                                       const std::vector<Fixture>& fixtures,
                                       const MigrateOptions& options = {});

/// A database `sqlgen migrate` works on: one connection, holding the migration lock (a
/// session-level advisory lock, released when the connection closes, even on kill -9) when
/// opened with a lock timeout. Every method reports failures as diagnostics; none throws.
class MigrationDatabase {
 public:
  /// Connects to `conninfo`. With `lock_timeout`, takes the migration lock first, waiting up to
  /// that long for another runner to release it (err_migrate_lock_timeout names the holder:
  /// its sqlgen process's PID and its backend's).
  static Result<std::unique_ptr<MigrationDatabase>> open(
      const std::string& conninfo, std::optional<std::chrono::milliseconds> lock_timeout);
  /// Closes the connection (and so releases the lock).
  ~MigrationDatabase();
  /// Not copyable: it owns the connection.
  MigrationDatabase(const MigrationDatabase&) = delete;
  /// Not copyable.
  MigrationDatabase& operator=(const MigrationDatabase&) = delete;

  /// current_database().
  const std::string& name() const { return m_name; }
  /// The tracking tables' contents (exists = false on a database sqlgen never migrated).
  Result<TrackingState> read();
  /// Applies `pending` in the given order (fixtures right after their migration) and records
  /// each in the tracking table, as apply_migrations() does. A NO TRANSACTION migration is
  /// recorded dirty before it runs and clean once it succeeded.
  Result<MigrateReport> apply(const std::vector<const source::Migration*>& pending,
                              const std::vector<Fixture>& fixtures, const MigrateOptions& options);
  /// Runs `down` (statements of `source`) and deletes migration `version`'s tracking row, in
  /// one transaction (outside any, the row marked dirty first, when `no_transaction`).
  Result<> roll_back(int64_t version, const diag::SourcePtr& source,
                     const std::vector<source::Statement>& down, bool no_transaction);
  /// Records `checksum` and `down_sql` for applied migration `version`.
  Result<> rehash(int64_t version, const std::string& checksum, const std::string& down_sql);
  /// Drops every schema but PostgreSQL's own (sqlgen's tracking schema included) and every
  /// extension, then recreates `public` as PostgreSQL 15 creates it.
  Result<> reset();

 private:
  MigrationDatabase() = default;
  Result<> take_lock(std::chrono::milliseconds timeout);
  pg_conn* m_conn = nullptr;
  std::string m_name;
};

}  // namespace sqlgen::pg
