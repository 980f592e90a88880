#pragma once
// Runs the built sqlgen binary (or any command) and captures its output.

#include <string>

namespace sqlgen::testing {

/// Exit code, stdout and stderr of a finished command.
struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `args` (already shell-quoted) through /bin/sh in `cwd` (or the
/// current directory), stdin from /dev/null.
RunResult run_command(const std::string& args, const std::string& cwd = "");
/// Runs the sqlgen binary under test with `args`.
RunResult run_sqlgen(const std::string& args, const std::string& cwd = "");
/// Single-quotes a string for the shell.
std::string shell_quote(const std::string& s);

}  // namespace sqlgen::testing
