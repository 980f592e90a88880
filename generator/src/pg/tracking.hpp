#pragma once
/// The tracking table: what a database records about the migrations applied to it, in sqlgen's
/// own schema (`sqlgen.migrations`, left out of schema dumps), and the module list of each batch
/// (`sqlgen.batches`), so that a module inserted mid-list (which shifts the namespaced versions
/// of the modules after it) is caught before anything runs.

#include <cstdint>
#include <string>
#include <vector>

#include "source/migrations.hpp"

namespace sqlgen::pg {

/// The schema sqlgen's tables live in; left out of schema dumps.
inline constexpr const char* k_tracking_schema = "sqlgen";
/// The table applied migrations are recorded in.
inline constexpr const char* k_tracking_table = "sqlgen.migrations";
/// The table each batch's module list is recorded in.
inline constexpr const char* k_batches_table = "sqlgen.batches";

/// One row of `sqlgen.migrations`.
struct AppliedMigration {
  int64_t version = 0;          ///< namespaced version (primary key)
  std::string module;           ///< the module's name ("" without a config)
  int64_t local_version = 0;    ///< the version within the module
  std::string name;             ///< the file's path as configured when it was applied
  std::string checksum;         ///< up_checksum() of the migration when it was applied
  std::string down_sql;         ///< down_sql() when it was applied ("" = no Down section)
  bool no_transaction = false;  ///< applied outside a transaction
  bool dirty = false;      ///< started outside a transaction and not finished (failed or killed)
  int64_t batch = 0;       ///< the `sqlgen.batches` id of the run that applied it
  std::string applied_at;  ///< when, as PostgreSQL prints a timestamptz
  std::string applied_by;  ///< "sqlgen <version>"
};

/// What the tracking tables hold.
struct TrackingState {
  bool exists = false;                 ///< sqlgen.migrations exists
  std::vector<AppliedMigration> rows;  ///< ordered by version
  /// The module list the latest batch recorded, in order; empty when none.
  std::vector<std::string> modules;
};

/// SHA-256 (hex) of the migration's Up statements, each followed by ";\n": edits to its Down
/// section or to comments between statements do not change it.
std::string up_checksum(const source::Migration& m);

/// The migration's Down statements, each followed by ";\n"; "" when it has none.
std::string down_sql(const source::Migration& m);

/// "sqlgen <version>": what `applied_by` records.
std::string applied_by();

namespace detail {
/// CREATE SCHEMA and CREATE TABLE IF NOT EXISTS for the tracking tables.
std::string tracking_tables_sql();
}  // namespace detail

}  // namespace sqlgen::pg
