#pragma once
/// `sqlgen vet`: static hazard checks over the migrations (vet/vet.hpp, run by
/// driver::vet); its options apart from commands.hpp so the vet tests include only this.

#include <ostream>
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace sqlgen::cli {

/// Options of `sqlgen vet`.
struct VetOptions {
  std::vector<std::string> schema_paths;  ///< --schema; empty: the config's modules
  std::string mode = "single";            ///< --mode: single | per-migration
  bool fix = false;     ///< --fix: rewrite unsafe ADD VALUE statements, then check again
  bool strict = false;  ///< --strict: warnings make the exit code 1 too
};

/// `sqlgen vet [--mode single|per-migration] [--fix] [--strict] [--schema PATH...]`: runs
/// vet's rules (docs/vet.md) over the migrations' transaction plan and the config's queries
/// (errors make the exit code 1; warnings too with --strict). With --fix, rewrites
/// each such `ALTER TYPE ... ADD VALUE` in its file into the recreate-the-type pattern, prints
/// what it rewrote to `out`, and reports what the check finds in the rewritten files.
int run_vet(Context& ctx, const VetOptions& opts, std::ostream& out);

}  // namespace sqlgen::cli
