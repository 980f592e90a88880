#pragma once
/// Where each migration stands on a database: the files of the working tree compared with the
/// tracking table (pg/tracking.hpp), without building anything: applied, pending, missing
/// (applied, file gone: the database is ahead of this branch), edited (checksum differs), out
/// of order, dirty; and the module list checked against the one the database recorded.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "diag/diag.hpp"
#include "pg/tracking.hpp"
#include "source/migrations.hpp"

namespace sqlgen::pg {

/// Where one migration stands.
enum class MigrationState {
  Applied,     ///< recorded, file unchanged
  Pending,     ///< a file not recorded
  Missing,     ///< recorded, no file (the database is ahead of this branch)
  Edited,      ///< recorded, the file's Up text changed since (checksum)
  OutOfOrder,  ///< pending, older than its module's latest applied migration
  Dirty,       ///< recorded as started outside a transaction and not finished
};

/// "applied", "pending", "missing", "edited", "out of order", "dirty".
std::string_view state_name(MigrationState state);

/// One migration of the files or of the tracking table.
struct MigrationStatus {
  std::string module;
  int64_t version = 0;
  int64_t local_version = 0;
  std::string path;  ///< the file's path, or the recorded name when it is missing
  MigrationState state = MigrationState::Pending;
  const source::Migration* file = nullptr;  ///< null when missing
  const AppliedMigration* row = nullptr;    ///< null when pending or out of order
};

/// Every versioned migration of `files` and of `state`, ordered by version. The pointers point
/// into `files` and `state`.
std::vector<MigrationStatus> migration_status(const std::vector<source::Migration>& files,
                                              const TrackingState& state);

/// The module list of `config` against the one the database recorded with its latest batch,
/// and every applied migration against its module's version range: a module inserted mid-list
/// (which shifts the namespaces after it) is an error explaining what to do.
std::vector<diag::Diagnostic> check_module_order(const config::Config& config,
                                                 const TrackingState& state);

}  // namespace sqlgen::pg
