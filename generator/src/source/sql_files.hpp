#pragma once
/// Internal to source/: finding `*.sql` files under a directory and reading
/// them into source buffers, with problems reported as diagnostics.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "diag/diag.hpp"

namespace sqlgen::source::detail {

/// A `*.sql` file found under a directory.
struct FoundFile {
  /// Path relative to the directory searched, with '/' separators.
  std::string rel;
  /// Path to open (the directory as given joined with `rel`).
  std::filesystem::path path;
  /// Found as sqlc finds files (a listed file or directory entry, or a file named alone):
  /// unmarked migration files are unversioned schema.
  bool listed = false;
};

/// How a directory is searched.
enum class FindMode {
  Recursive,     ///< subdirectories too, `fixtures/` skipped (a string `migrations:`/`queries:`)
  TopLevelOnly,  ///< the directory's own files, hidden ones skipped (list entries, as sqlc)
};

/// All `*.sql` regular files under `dir`, recursively, skipping `fixtures/`
/// subdirectories, sorted by relative path. Errors (missing directory,
/// unreadable entries) are reported at `where`, or without a location.
std::vector<FoundFile> find_sql_files(const std::filesystem::path& dir,
                                      diag::DiagnosticEngine& diags,
                                      const diag::Location& where = {},
                                      FindMode mode = FindMode::Recursive);

/// The files of a module's `migrations:` or `queries:` entries, in order: a directory's `*.sql`
/// files sorted by name (recursively for the string form, its own files for a list), a file as
/// listed. `rel` is the path as configured (entry joined with the found path). A missing entry
/// is reported at its config value (and `*missing`, when given, set).
std::vector<FoundFile> module_source_files(const std::vector<config::SourcePath>& sources,
                                           bool listed, const config::Config& config,
                                           diag::DiagnosticEngine& diags, bool* missing = nullptr);

/// Reads `path` into a buffer named `display`; reports err_file_not_found or
/// err_file_unreadable at `where` and returns null when it cannot.
diag::SourcePtr read_source(const std::filesystem::path& path, const std::string& display,
                            diag::DiagnosticEngine& diags, const diag::Location& where = {});

/// True when `name` ends with ".sql".
bool has_sql_extension(const std::string& name);

}  // namespace sqlgen::source::detail
