#pragma once
/// Finding query files: `*.sql` under a module's queries directory (or under
/// paths given on the command line), recursively, sorted by path.

#include <filesystem>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "diag/diag.hpp"

namespace sqlgen::source {

/// One query file, not yet read.
struct QueryFile {
  /// Name of the owning module; empty for paths given without a config.
  std::string module;
  /// Path relative to the config file's directory (as configured), or as given on the command line.
  std::string path;
  /// Path to open.
  std::filesystem::path fs_path;
};

/// Query files of `module` (none when it has no `queries` key), sorted by
/// path; `fixtures/` subdirectories are skipped. A missing directory is
/// reported at the config's `queries` value.
std::vector<QueryFile> list_query_files(const config::Module& module, const config::Config& config,
                                        diag::DiagnosticEngine& diags);

/// Query files of every module, module by module.
std::vector<QueryFile> list_all_query_files(const config::Config& config,
                                            diag::DiagnosticEngine& diags);

/// Query files from command-line paths: files as given, directories searched
/// recursively for `*.sql` (sorted by path), in argument order.
std::vector<QueryFile> list_query_paths(const std::vector<std::string>& paths,
                                        diag::DiagnosticEngine& diags);

}  // namespace sqlgen::source
