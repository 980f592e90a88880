#pragma once
/// Directories in sqlgen's cache (default_cache_dir()) for caches kept outside pg/, such as
/// `sqlgen generate`'s stamps: made as pg/ makes its own (mode 0700, never one another user
/// owns, which a shared /tmp could hold).

#include <filesystem>

namespace sqlgen::pg {

/// Creates `dir` and its parent (each mode 0700) when missing; false when either is not a
/// directory this user owns.
bool prepare_cache_subdir(const std::filesystem::path& dir);

}  // namespace sqlgen::pg
