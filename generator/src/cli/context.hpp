#pragma once
/// What every subcommand shares: the diagnostics engine, how to print
/// diagnostics, and the exit-code contract.

#include <iosfwd>
#include <string>

#include "diag/diag.hpp"

namespace sqlgen::cli {

/// Process exit codes: the contract scripts and CI rely on, written here and in the README
/// ("Diagnostics and exit codes").
enum ExitCode : int {
  k_exit_ok = 0,
  k_exit_diagnostics = 1,  ///< user errors, printed as diagnostics
  k_exit_usage = 2,        ///< bad command line
  k_exit_internal = 3,     ///< a bug in sqlgen
};

/// Shared state of one sqlgen invocation.
struct Context {
  diag::DiagnosticEngine diags;
  bool json_diagnostics = false;
  std::string color = "auto";  ///< auto | always | never
  bool verbose = false;        ///< print remarks (what was skipped, and why)
  std::string config_path = "sqlgen.yaml";

  /// Prints collected diagnostics to `err` and returns the exit code they imply.
  int finish(std::ostream& err, bool err_is_tty) const;
};

}  // namespace sqlgen::cli
