#pragma once
// Running sqlgen as a child process with a deadline, and the checks of the bad-input and
// interrupted-run tests (tests/cli/test_bad_input.cpp, test_interrupt.cpp).

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sqlgen::testing {

/// How a child process ended.
struct SpawnResult {
  int exit_code = -1;      ///< -1 unless it exited
  int signal = 0;          ///< the signal that ended it, or 0
  bool timed_out = false;  ///< killed at the deadline
  std::string out;
  std::string err;
};

/// Options of spawn_sqlgen.
struct SpawnOptions {
  std::chrono::milliseconds deadline{30000};  ///< killed (SIGKILL) and timed_out after this
  /// When set: `signal` is sent this long after the start (the interrupt tests).
  std::chrono::microseconds signal_after{-1};
  int signal = 0;
  /// When root: run as nobody (after share_with_nobody), so that an unreadable file is
  /// unreadable and a read-only directory read-only.
  bool drop_root = false;
  /// SQLGEN_NO_CACHE=1 (every cache off) unless false; `env`: further variables.
  bool no_cache = true;
  /// When >= 0: RLIMIT_FSIZE in bytes with SIGXFSZ ignored, so a longer write fails as on a
  /// full disk (EFBIG).
  long file_size_limit = -1;
  std::vector<std::pair<std::string, std::string>> env;
};

/// Runs the sqlgen binary under test with `args` in `cwd`, stdin from /dev/null, SQLGEN_NO_CACHE=1.
SpawnResult spawn_sqlgen(const std::vector<std::string>& args, const std::filesystem::path& cwd,
                         const SpawnOptions& options = {});

/// When root: lets nobody read every entry under `dir` (directories also enter), except the
/// ones with no permissions at all.
void share_with_nobody(const std::filesystem::path& dir);

/// `text` split at spaces.
std::vector<std::string> split_words(const std::string& text);

/// Every entry under a directory: relative path -> type, size, mtime and (for files) content.
using TreeSnapshot = std::map<std::string, std::string>;
TreeSnapshot snapshot_tree(const std::filesystem::path& dir);

/// True when every `path:line:col: error|warning:` line of rendered diagnostics is followed by
/// its source line and a caret line.
bool every_position_has_a_caret(const std::string& err);

/// Makes every entry under `dir` readable and writable again (before a TempDir removes it).
void restore_permissions(const std::filesystem::path& dir);

}  // namespace sqlgen::testing
