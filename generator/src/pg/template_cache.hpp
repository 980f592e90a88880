#pragma once
/// Internal to pg/: the cache of initdb'd template data dirs, keyed by PostgreSQL version and
/// the uid that runs the server, so a new cluster copies a directory instead of running initdb.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

namespace sqlgen::pg::detail {

/// An owner for copied files.
struct Owner {
  uid_t uid = 0;
  gid_t gid = 0;
};

/// The cache entry name for a data dir made by `version` and run by `uid`.
std::string template_key(const std::string& version, uid_t uid);

/// The cached data dir for `key`, when there is one.
std::optional<std::filesystem::path> cached_template(const std::filesystem::path& cache_dir,
                                                     const std::string& key);

/// Copies `data_dir` into the cache under `key` atomically (copy to a temp dir, then rename;
/// losing a race to another process is fine). Returns an error message or "".
std::string store_template(const std::filesystem::path& cache_dir, const std::string& key,
                           const std::filesystem::path& data_dir);

/// Copies a directory tree keeping file modes; chowns the copy to `owner` when given.
/// Returns an error message or "".
std::string copy_tree(const std::filesystem::path& from, const std::filesystem::path& to,
                      std::optional<Owner> owner);

}  // namespace sqlgen::pg::detail
