#pragma once
/// Applying migrations to a real database the way production runners do: in version order, on a
/// plain connection (no search_path of sqlgen's), all pending migrations in one transaction by
/// default, `-- +goose NO TRANSACTION` migrations outside any transaction, fixtures (seed data)
/// right after their migration, and what was applied recorded in `public.sqlgen_migrations`.
/// A failing statement becomes a diagnostic at its position in its file.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "diag/diag.hpp"
#include "pg/cluster.hpp"
#include "source/migrations.hpp"

namespace sqlgen::pg {

/// The table the runner creates and records applied migrations in; left out of schema dumps.
inline constexpr const char* k_tracking_table = "public.sqlgen_migrations";

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
};

/// What a successful run did.
struct MigrateReport {
  size_t applied = 0;       ///< migrations applied by this run
  size_t schema_files = 0;  ///< unversioned schema files applied (Migration::unversioned)
  size_t skipped = 0;       ///< migrations already recorded in the tracking table
  size_t fixtures = 0;      ///< fixture files run
  size_t statements = 0;    ///< statements executed, fixtures' included
  size_t transactions = 0;  ///< transactions committed
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

}  // namespace sqlgen::pg
