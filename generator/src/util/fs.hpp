#pragma once
/// File helpers that depend on nothing project-specific: reading whole files, stats, the one
/// directory walker, atomic writes (temp file + rename), and temporary directories.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sqlgen::util {

/// The outcome of reading a file: its text, or why it could not be read.
struct ReadResult {
  std::optional<std::string> text;
  std::string error;  ///< strerror-style reason when `text` is empty
  bool not_found = false;
};

/// Reads a whole file; never throws.
ReadResult read_file(const std::filesystem::path& path);

/// What stat() says of a file, as the generate stamp records it; `regular` is false (and the
/// rest zero) for anything stat() does not show as a regular file: missing, a directory, ...
struct FileStat {
  bool regular = false;
  int64_t size = -1;
  int64_t mtime = 0;  ///< ns since the epoch
  int64_t ctime = 0;  ///< ns since the epoch
  uint64_t ino = 0;
  uint64_t dev = 0;
  /// Same in every field.
  bool operator==(const FileStat&) const = default;
};

/// stat() of `path`, symlinks followed (as reading it does).
FileStat stat_file(const std::filesystem::path& path);

/// A file walk_files() found.
struct WalkedFile {
  std::string rel;   ///< relative to the directory walked, '/' separators
  std::string path;  ///< the directory as given (without trailing '/') + "/" + rel
  FileStat stat;     ///< its stat(), symlinks followed; not `regular` for a dangling symlink
};

/// What walk_files() found.
struct DirWalk {
  std::vector<WalkedFile> files;  ///< sorted by `rel`
  std::string error_path;         ///< the first directory that could not be read, if any
  std::string error;              ///< why (strerror), empty when every directory was read
};

/// Which subdirectories walk_files() enters: called with a subdirectory's path relative to the
/// directory walked ('/' separators) and its name.
using DescendFilter = std::function<bool(std::string_view rel, std::string_view name)>;

/// The one directory walker: every entry below the directory `dir` that is not a directory,
/// following symlinks to files but never into directories (as
/// std::filesystem::recursive_directory_iterator with no options), entering the subdirectories
/// `descend` accepts (all when it is empty). One fstatat() per entry, relative to its open
/// directory, gives the stat. A directory that cannot be read is skipped and the first such
/// is reported in the result; never throws.
DirWalk walk_files(const std::filesystem::path& dir, const DescendFilter& descend = {});

/// A file written in full under a temporary name beside its target, not yet in place: commit()
/// renames it over the target; destroyed uncommitted, it is removed. Until then an interrupt
/// (SIGINT, SIGTERM, SIGHUP) removes it too (signal_cleanup.hpp). Staging every output first and
/// committing them after all were written keeps a set of files old or new together.
class StagedFile {
 public:
  StagedFile() = default;
  StagedFile(StagedFile&& other) noexcept;
  StagedFile& operator=(StagedFile&& other) noexcept;
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  ~StagedFile();

  /// Renames the temp file over the target. Returns an error message or "".
  std::string commit();

 private:
  friend std::string stage_file(const std::filesystem::path&, const std::string&, StagedFile&);
  void discard();
  std::string m_temp;  ///< "" when there is none (committed, discarded or never made)
  std::filesystem::path m_target;
  int m_slot = -1;  ///< its signal-cleanup slot
};

/// Writes `content` to a temp file beside `path` (creating parent directories), fsynced, into
/// `staged`. Returns an error message or "" (then `staged` holds the file).
std::string stage_file(const std::filesystem::path& path, const std::string& content,
                       StagedFile& staged);

/// Writes `content` to `path` atomically: stage_file, then commit. Returns an error message or
/// "".
std::string write_file_atomic(const std::filesystem::path& path, const std::string& content);

/// A directory under the system temp dir, removed (recursively) on destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "sqlgen");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

}  // namespace sqlgen::util
