#pragma once
/// Internal to driver/: the database `sqlgen migrate` and `sqlgen db` work on: `--db`, else
/// $SQLGEN_DATABASE_URL, else the config's `database:`, else the embedded development
/// database (pg/devdb.hpp), started when it is not running.

#include <optional>
#include <string>

#include "config/config.hpp"
#include "diag/diag.hpp"
#include "pg/cluster.hpp"
#include "pg/devdb.hpp"

namespace sqlgen::driver {

/// A database to migrate.
struct MigrateTarget {
  std::string conninfo;   ///< a URL or key=value string
  bool embedded = false;  ///< the development database
  pg::DevDatabase dev;    ///< when embedded
  /// Embedded: drops and creates the database (the caller's connections closed first).
  pg::Result<> recreate() const { return pg::recreate_dev_database(dev); }
};

/// The development database's directory for the project of `config`.
std::filesystem::path dev_dir(const config::Config& config);

/// The target for `db_url` (--db) and `config`; nullopt when the development database could
/// not be started (reported).
std::optional<MigrateTarget> migrate_target(const config::Config& config, const std::string& db_url,
                                            diag::DiagnosticEngine& diags);

}  // namespace sqlgen::driver
