#pragma once
/// What sqlgen's caches share (the dump cache of pg/ and the generate stamps of codegen/): cache
/// directories made private to this user, entries read only when this user owns them, and
/// eviction of the least recently used entries. Keys are made with cache_key.hpp.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace sqlgen::util {

/// Creates `dir` (mode 0700; missing parents with the default mode) when missing; false when it
/// is not a directory this user owns. A cache may live in a shared /tmp: a directory (or
/// symlink) another user planted is never trusted.
bool prepare_cache_dir(const std::filesystem::path& dir);

/// The directory of one kind of cache entry (`<cache dir>/dumps`, `<cache dir>/generate`) and
/// the cache directory above it, each made and checked as prepare_cache_dir() does: "" when
/// both are this user's own, else `cache dir "<the first that is not>" unusable`.
std::string prepare_cache_entry_dir(const std::filesystem::path& dir);

/// True when `dir` is a directory (not a symlink) this user owns.
bool owned_dir(const std::filesystem::path& dir);

/// A cache file as read_cache_file found it.
struct CacheFile {
  std::string text;
  int64_t mtime_ns = 0;  ///< of the file read
  uint64_t ino = 0;      ///< of the file read
};

/// The cache file at `path`, when it and its directory are this user's own and neither is a
/// symlink; nullopt otherwise or when it cannot be read.
std::optional<CacheFile> read_cache_file(const std::filesystem::path& path);

/// Keeps the `keep` most recently used (by mtime) entries of `dir`, the files whose name
/// `is_entry` accepts, and never removes `current`; removes the temp files of
/// write_file_atomic older than an hour (a crashed writer's). Errors are ignored: a cache that
/// cannot be cleaned only grows.
void evict_cache_entries(const std::filesystem::path& dir, size_t keep,
                         const std::function<bool(const std::string& name)>& is_entry,
                         const std::filesystem::path& current);

/// True when $SQLGEN_NO_CACHE is set to anything but "" or "0".
bool cache_disabled_by_env();

}  // namespace sqlgen::util
