#pragma once
/// The dump cache: normalized schema dumps stored under `<cache dir>/dumps/<key>.sql`, so a
/// repeated `sqlgen dump` (or `dump --check`, `dump --base`) with the same inputs returns the
/// stored text without starting PostgreSQL, like ccache.
///
/// Why a cache of the output and not of a migrated data dir: a dump on a throwaway cluster is a
/// pure function of what `dump_cache_key` hashes (the server's version string, sqlgen's version
/// and build, the transaction mode, the modules in config order, every migration's and fixture's
/// module, version, path and bytes, the pg_dump flags and normalizer version, and the libpq
/// session settings taken from the environment). Storing that function's value is simpler and
/// faster than snapshotting a migrated cluster (no copy, no server start, no pg_dump), and it
/// cannot go stale the way a data dir could. Only successful runs are stored (written whole to a
/// temp file, then renamed), so a failing migration is never cached. The newest
/// `k_dump_cache_entries` entries (by last use) are kept. Servers sqlgen did not start (`--db`,
/// $SQLGEN_DATABASE_URL) bypass the cache: their identity is not part of the key.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "pg/migrate.hpp"
#include "source/migrations.hpp"

namespace sqlgen::pg {

/// Entries kept in the dump cache; older ones are removed when a new one is stored.
inline constexpr size_t k_dump_cache_entries = 32;

/// The cache key of a dump: SHA-256 of every input the normalized dump depends on (see the
/// header comment). `server_version` is `Binaries::version` of the server that would run it.
std::string dump_cache_key(const config::Config& config,
                           const std::vector<source::Migration>& migrations,
                           const std::vector<Fixture>& fixtures, TransactionMode mode,
                           const std::string& server_version);

/// A stored dump with the counts its run reported.
struct CachedDump {
  std::string text;     ///< the normalized dump
  size_t applied = 0;   ///< migrations applied
  size_t fixtures = 0;  ///< fixture files run
};

/// The dump cache in `<cache_dir>/dumps/`.
class DumpCache {
 public:
  /// `cache_dir` "" = default_cache_dir().
  explicit DumpCache(std::filesystem::path cache_dir = {});

  /// The entry for `key`, when there is a valid one; marks it as just used.
  std::optional<CachedDump> load(const std::string& key) const;
  /// Stores `dump` under `key` atomically, then removes all but the `keep` most recently used
  /// entries. Returns an error message or "" (callers treat failures as a miss next time).
  std::string store(const std::string& key, const CachedDump& dump,
                    size_t keep = k_dump_cache_entries) const;

  /// `<cache_dir>/dumps`.
  const std::filesystem::path& dir() const { return m_dir; }
  /// The file holding the entry for `key`.
  std::filesystem::path entry_path(const std::string& key) const;

 private:
  std::filesystem::path m_root;
  std::filesystem::path m_dir;
};

}  // namespace sqlgen::pg
