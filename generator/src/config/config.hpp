#pragma once
/// `sqlgen.yaml` → a validated `Config`: global settings and the ordered list
/// of modules, each owning a namespace of migration versions. Errors are
/// reported with the line and column of the offending YAML node.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diag.hpp"

namespace sqlgen::config {

/// Replaces the C++ type chosen for a database type or for one column.
struct Override {
  /// Database type the override applies to (e.g. "uuid"); empty when `column` is set.
  std::string db_type;
  /// "table.column" or "schema.table.column"; empty when `db_type` is set.
  std::string column;
  /// The C++ type to use (e.g. "boost::uuids::uuid").
  std::string cpp_type;
  /// Header to include for `cpp_type` (e.g. "<boost/uuid/uuid.hpp>"); may be empty.
  std::string include;
  /// Whether the override applies to nullable columns (true) or NOT NULL ones (false).
  bool nullable = false;
  /// The override's mapping in the config file.
  diag::Location loc;
};

/// One entry of a module's `migrations:` or `queries:`: a file or a directory.
struct SourcePath {
  /// Path relative to the config file's directory, lexically normalized, no trailing slash.
  std::string path;
  /// The entry's value in the config file.
  diag::Location loc;
};

struct Config;

/// One module: a group of migrations and queries with its own C++ namespace
/// and its own range of migration versions.
struct Module {
  /// Identifier naming the module (required, unique).
  std::string name;
  /// Schema sources: one directory (`migrations: dir`) or the entries of a YAML list, in order.
  std::vector<SourcePath> migrations;
  /// Query sources: one directory (`queries: dir`) or the entries of a YAML list, in order.
  std::vector<SourcePath> queries;
  /// `migrations:` was a YAML list: entries are read as sqlc reads schema files (files as
  /// listed, a directory's own `*.sql` files in name order; unmarked files are plain schema).
  bool migrations_listed = false;
  /// `queries:` was a YAML list: a directory's own `*.sql` files, not its subdirectories.
  bool queries_listed = false;
  /// PostgreSQL schema the module owns; empty when not set.
  std::string schema;
  /// C++ namespace of the generated code ("a::b" allowed); defaults to `name`.
  std::string cpp_namespace;
  /// Module-specific search_path as written; empty when not set (see effective_search_path).
  std::vector<std::string> search_path;
  /// Module-specific renames (SQL name → C++ name), on top of the global ones.
  std::map<std::string, std::string> rename;
  /// Module-specific type overrides, checked before the global ones.
  std::vector<Override> overrides;
  /// `strict_function_checks: false` (sqlc's setting of that name, off by default in sqlc):
  /// a call of a function the schema does not define is a warning, its result typed
  /// `unknown`, instead of PostgreSQL's error.
  bool strict_function_checks = true;
  /// `skip_queries:` queries (by `-- name:`) that are neither analyzed nor generated: SQL that
  /// PostgreSQL rejects, kept for another engine's code path. Each with the location of its
  /// list entry.
  std::vector<std::pair<std::string, diag::Location>> skip_queries;
  /// The module's mapping and its `name` value.
  diag::Location loc, name_loc;

  /// The schemas the module's queries search, in order: its own `search_path` when set; else,
  /// with `schema: x`, `x` followed by the global search_path (`public` when that is empty);
  /// else the global search_path (empty: the search_path the migrations leave, PostgreSQL's
  /// default `"$user", public`). The one place this default is decided.
  std::vector<std::string> effective_search_path(const Config& config) const;
};

/// One `vet:` entry: the level given to a `sqlgen vet` rule (vet checks the rule id).
struct VetRule {
  std::string rule;    ///< the rule id as written
  std::string level;   ///< "error", "warning" or "off"
  diag::Location loc;  ///< the entry's key
};

/// How `sqlgen generate`'s audit diff treats a column of an audited table.
enum class AuditClass {
  Track,   ///< `track`: a change is reported with the old and new value
  Ignore,  ///< `ignore`: never reported
  Secret,  ///< `secret`: a change is reported, its values masked
};

/// One column of an `audit:` table: its class, as written.
struct AuditColumn {
  std::string column;  ///< the column name as written
  AuditClass audit_class = AuditClass::Track;
  diag::Location loc;  ///< the column's key
};

/// One `audit:` entry: a table whose every column must be classified.
struct AuditTable {
  std::string schema;                ///< empty when the name was written without one
  std::string table;                 ///< the table name
  std::vector<AuditColumn> columns;  ///< in the order written
  diag::Location loc;                ///< the table's key

  /// The name as written: "schema.table" or "table".
  std::string display() const { return schema.empty() ? table : schema + "." + table; }
};

/// An inclusive range of migration versions.
struct VersionRange {
  int64_t first = 0;
  int64_t last = 0;
};

/// The validated contents of `sqlgen.yaml`. Paths are relative to the config
/// file's directory, lexically normalized, never absolute.
struct Config {
  /// The config file as read (its path as the user gave it).
  diag::SourcePtr source;
  /// Directory of the config file as given (may be empty or relative); paths resolve against it.
  std::filesystem::path dir;
  /// Config format version; only "1" exists.
  std::string version = "1";
  /// Output directory for generated code.
  std::string output = "generated";
  /// Directory of the `*.mustache` templates; sqlgen's built-in ones when it does not exist
  /// and `templates:` was not written.
  std::string templates = "templates";
  /// Where `templates:`'s value was written (no source when the key was not): a directory
  /// named explicitly must exist.
  diag::Location templates_loc;
  /// Global search_path (schema names), in order.
  std::vector<std::string> search_path;
  /// Global renames (SQL name → C++ name).
  std::map<std::string, std::string> rename;
  /// Global type overrides.
  std::vector<Override> overrides;
  /// Size W of each module's version namespace.
  int64_t namespace_width = 1000;
  /// Where the normalized schema dump is written.
  std::string schema_dump = "generated/schema.sql";
  /// `database:`: the database `sqlgen migrate` and `sqlgen db` work on (a postgresql:// URL or
  /// key=value string), after `--db` and $SQLGEN_DATABASE_URL; "" = the embedded development
  /// database under `.sqlgen/postgres/`.
  std::string database;
  /// Free-form generator options, values as written.
  std::map<std::string, std::string> options;
  /// Modules in the order they are listed (and their migrations applied).
  std::vector<Module> modules;
  /// `vet:` rule levels, in the order written.
  std::vector<VetRule> vet;
  /// `audit:` tables, in the order written; checked against the catalog by vet's
  /// audit-coverage rule and by `generate`, which writes each table's diff helper.
  std::vector<AuditTable> audit;

  /// `rel` (a path from this config) as a path to open: `dir / rel`, normalized.
  std::filesystem::path resolve(const std::string& rel) const;
  /// Versions owned by the module at `module_index`; see `module_version_range`.
  VersionRange version_range(size_t module_index) const;
};

/// The keys `sqlgen.yaml` accepts at the top level, in the reader's order (docs/config.md
/// documents each; a test keeps the two equal).
const std::vector<std::string>& global_keys();
/// The keys a `modules:` entry accepts.
const std::vector<std::string>& module_keys();
/// The keys an `overrides:` entry (global or in a module) accepts.
const std::vector<std::string>& override_keys();
/// The column classes of `audit:` ("track", "ignore", "secret").
const std::vector<std::string>& audit_classes();
/// The keys of `options:` (the code generator reads and checks their values).
const std::vector<std::string>& option_keys();

/// `text` (e.g. a directory name) as a module name: characters other than ASCII letters, digits
/// and `_` become `_`, a leading digit gets `m_` before it, a C++ reserved word or a namespace
/// the generated code uses (`std`, `sqlgen`, `pqxx`) gets `_app` after it; "app" when `text`
/// has no letter or digit.
std::string module_name_from(std::string_view text);

/// The `sqlgen.yaml` `sqlgen init` writes: version 1, one module `module` reading
/// `migrations/<module>` and `queries/<module>`, and every other key commented out with its
/// meaning and default, so the file doubles as a reference. It parses with parse_config().
std::string starter_config(const std::string& module);

/// Versions owned by the module at `module_index` with namespace width `width`:
/// (i+1)*W+1 .. (i+1)*W+(W-1).
VersionRange module_version_range(size_t module_index, int64_t width);

/// Parses and validates config text; `source->path()` is the config file's
/// path. Returns nullopt when any error was reported.
std::optional<Config> parse_config(diag::SourcePtr source, diag::DiagnosticEngine& diags);

/// Reads `path` and parses it with `parse_config`; an unreadable file is reported too.
std::optional<Config> load_config(const std::filesystem::path& path, diag::DiagnosticEngine& diags);

}  // namespace sqlgen::config
