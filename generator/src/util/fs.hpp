#pragma once
/// File helpers that depend on nothing project-specific: reading whole files,
/// atomic writes (temp file + rename), and temporary directories.

#include <filesystem>
#include <optional>
#include <string>

namespace sqlgen::util {

/// The outcome of reading a file: its text, or why it could not be read.
struct ReadResult {
  std::optional<std::string> text;
  std::string error;  ///< strerror-style reason when `text` is empty
  bool not_found = false;
};

/// Reads a whole file; never throws.
ReadResult read_file(const std::filesystem::path& path);

/// Writes `content` to `path` atomically: a temp file in the same directory,
/// fsync, then rename. Creates parent directories. Returns an error message or "".
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
