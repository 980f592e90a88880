#pragma once
/// `sqlgen init --from-sqlc`: a sqlc config (`sqlc.yaml` / `sqlc.yml` / `sqlc.json`, versions 1
/// and 2) translated into `sqlgen.yaml` text. One module per PostgreSQL package, its schema and
/// query paths in sqlc's order, renames, overrides with the C++ type that fits the Go type, and
/// the options with a C++ meaning; the rest is named in YAML comments. The output depends only
/// on the config's text and the files its paths name (sorted), so a re-run writes the same bytes.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diag.hpp"

namespace sqlgen::config {

/// File names sqlc looks for, in the order it tries them.
inline constexpr const char* k_sqlc_config_names[] = {"sqlc.yaml", "sqlc.yml", "sqlc.json"};

/// The first of `k_sqlc_config_names` that exists in `dir`; nullopt when none does.
std::optional<std::filesystem::path> find_sqlc_config(const std::filesystem::path& dir);

/// A C++ type for a Go type of a sqlc override.
struct GoTypeMapping {
  std::string cpp_type;  ///< empty: no C++ meaning (sqlgen's default mapping stays)
  std::string include;   ///< header for `cpp_type`, may be empty
};

/// The C++ type for Go type `go_type` (spelled "int64", "*string", "[]byte",
/// "github.com/google/uuid.UUID", "pgtype.Text", ...) of an override of database type `db_type`
/// (empty for column overrides; picks the std::chrono type for `time.Time`).
GoTypeMapping map_go_type(std::string_view go_type, std::string_view db_type);

/// A query `init --from-sqlc` lists in a module's `skip_queries`, and why.
struct SkippedQuery {
  std::string name;    ///< its `-- name:`
  std::string reason;  ///< "path:line:col: message" of its first error
};

/// Per module name: the queries written into its `skip_queries`, in query order.
using QuerySkips = std::map<std::string, std::vector<SkippedQuery>>;

/// What an import produced.
struct SqlcImport {
  std::string yaml;    ///< the sqlgen.yaml text
  size_t modules = 0;  ///< PostgreSQL packages translated
};

/// Translates the sqlc config in `source` (JSON when its path ends in ".json", else YAML);
/// paths in it are relative to its directory, which is read to expand globs and to size the
/// version namespaces. Syntax errors, an unknown `version` and missing required keys are
/// reported at their line and column; packages of other engines are noted and skipped. Each
/// module named in `skips` gets those queries as `skip_queries`, each with its reason in a
/// comment. Returns nullopt when an error was reported.
std::optional<SqlcImport> import_sqlc(const diag::SourcePtr& source, diag::DiagnosticEngine& diags,
                                      const QuerySkips& skips = {});

}  // namespace sqlgen::config
