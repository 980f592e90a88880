#pragma once
/// The embedded development database: a persistent PostgreSQL cluster in the project's
/// `.sqlgen/postgres/` (data/, the unix socket, server.log), started on demand by `sqlgen
/// migrate` and `sqlgen db start` and left running; run as "postgres" when sqlgen runs as root;
/// listening only on its socket. A second sqlgen process finds the running server (its
/// postmaster.pid and a ping) instead of starting another; concurrent starts take turns on a
/// lock file.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "pg/cluster.hpp"

namespace sqlgen::pg {

/// The database sqlgen creates in the development cluster and migrates.
inline constexpr const char* k_dev_database = "dev";

/// What the development database's directory holds.
struct DevDatabase {
  std::filesystem::path dir;  ///< `<project>/.sqlgen/postgres`, absolute
  bool initialized = false;   ///< data/ holds a cluster
  bool running = false;       ///< its server accepts connections
  bool started = false;       ///< this call started it
  pid_t pid = 0;              ///< the postmaster, when running

  /// key=value connection string for `dbname` ("" = k_dev_database).
  std::string conninfo(const std::string& dbname = "") const;
  /// postgresql:// URL of k_dev_database (for `sqlgen db url`).
  std::string url() const;
};

/// `<project_dir>/.sqlgen/postgres`, absolute and normalized.
std::filesystem::path dev_database_dir(const std::filesystem::path& project_dir);

/// What is there; starts nothing.
DevDatabase dev_database_status(const std::filesystem::path& dir);

/// The running development database: started (initdb'd first, and `.sqlgen/.gitignore`
/// written) unless it runs already, and k_dev_database created when missing.
Result<DevDatabase> start_dev_database(const std::filesystem::path& dir,
                                       const ClusterOptions& options = {});

/// Fast shutdown of a running development database (immediate after `timeout`); nothing to do
/// when it is not running.
Result<DevDatabase> stop_dev_database(const std::filesystem::path& dir,
                                      std::chrono::milliseconds timeout = std::chrono::seconds(30));

/// Drops and creates k_dev_database on the running `db`.
Result<> recreate_dev_database(const DevDatabase& db);

}  // namespace sqlgen::pg
