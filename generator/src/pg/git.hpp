#pragma once
/// Renaming files the way the work tree expects: `git mv` inside a git work tree (so the rename
/// is staged as one), a plain rename elsewhere or for files git does not track.

#include <filesystem>
#include <string>

namespace sqlgen::pg {

/// How a file was moved.
enum class MoveResult { Git, Renamed, Failed };

/// Moves `from` to `to` (both paths to open); `error` says why on Failed. Never overwrites.
MoveResult move_file(const std::filesystem::path& from, const std::filesystem::path& to,
                     std::string& error);

}  // namespace sqlgen::pg
