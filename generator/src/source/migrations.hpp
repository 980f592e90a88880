#pragma once
/// Finding and reading migration files: goose files (`-- +goose Up/Down`,
/// `StatementBegin/End`, `NO TRANSACTION`), golang-migrate `.up.sql` /
/// `.down.sql` pairs and plain schema files; per-module version namespaces,
/// numeric ordering, and statements as byte ranges of their file.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "diag/diag.hpp"

namespace sqlgen::source {

/// One statement: a byte range in its file, without the terminating semicolon.
struct Statement {
  uint32_t offset = 0;
  uint32_t length = 0;
};

/// A migration's Up statements parsed (parse_up.hpp).
struct ParsedUp;

/// One migration version with its Up and Down statements.
struct Migration {
  /// How the file marks its sections.
  enum Format { Goose, MigratePair, Plain, Dbmate };

  /// Name of the owning module; empty for paths loaded without a config.
  std::string module;
  /// Namespaced version (e.g. 2001 for "001_x.sql" in the second module with W=1000).
  int64_t version = 0;
  /// The version within the module, 1..W-1 (1 for both "001_x.sql" and "2001_x.sql").
  int64_t local_version = 0;
  /// The (up) file's path relative to the config file's directory, as configured.
  std::string path;
  /// The (up) file; `up` (and, except for pairs, `down`) are ranges in it.
  diag::SourcePtr source;
  /// Path of the file holding the Down statements (the .down.sql of a pair; else `path`).
  std::string down_path;
  /// The file `down` ranges point into; null for a pair without its .down.sql.
  diag::SourcePtr down_source;
  /// Statements applied when migrating up, in order.
  std::vector<Statement> up;
  /// Statements applied when migrating down, in order; never part of the schema.
  std::vector<Statement> down;
  /// The `up` statements as splitting the file parsed them (ParsedFile::parsed_up), else null.
  std::shared_ptr<const ParsedUp> parsed_up;
  /// `-- +goose NO TRANSACTION`: run outside a transaction.
  bool no_transaction = false;
  /// The file's format.
  Format format = Plain;
  /// A plain schema file from a list-form `migrations:` (sqlc's schema files): it has no version
  /// of its own and is not recorded as applied. `version` is then the version of the migration
  /// it runs after (the highest one listed before it, else the module's range start - 1) and
  /// `local_version` is 0.
  bool unversioned = false;
};

/// A migration file's sections, as read from its text.
struct ParsedFile {
  /// Statements of the Up section (the whole file for plain and .up.sql files).
  std::vector<Statement> up;
  /// Statements of the Down section (the whole file for .down.sql files).
  std::vector<Statement> down;
  /// The Up statements from the parses that split the file (one per run of statements between
  /// annotations or markers, one per StatementBegin/End block), when each of them parsed without
  /// a diagnostic; else null, and parse_up parses them one by one, reporting what it finds.
  std::shared_ptr<const ParsedUp> parsed_up;
  /// `-- +goose NO TRANSACTION` was present.
  bool no_transaction = false;
  /// How the file marks its sections.
  Migration::Format format = Migration::Plain;
};

/// Leading decimal digits of a file name as a number; nullopt when there are
/// none or they overflow.
std::optional<int64_t> leading_version(std::string_view file_name);

/// Splits one migration file (`source->path()` decides `.up.sql` / `.down.sql`)
/// into statements; goose annotation errors are reported at their line and column.
ParsedFile parse_migration_file(const diag::SourcePtr& source, diag::DiagnosticEngine& diags);

/// Migrations of the module at `module_index`, ordered by version; files that
/// cannot be used are reported and left out. `*missing`, when given, is set when a
/// `migrations:` entry does not exist (reported at it).
std::vector<Migration> load_module_migrations(const config::Module& module, size_t module_index,
                                              const config::Config& config,
                                              diag::DiagnosticEngine& diags,
                                              bool* missing = nullptr);

/// Migrations of every module of `config`, ordered by version; `*missing` as
/// load_module_migrations() sets it.
std::vector<Migration> load_all_migrations(const config::Config& config,
                                           diag::DiagnosticEngine& diags, bool* missing = nullptr);

/// Schema files given on the command line without a config: each path is a
/// file or a directory searched recursively for `*.sql` (numbered files in
/// numeric order, unnumbered first). `*.down.sql` files are skipped and Down
/// sections only kept in `down`; `version` is the file's number. An unnumbered plain
/// file is `unversioned` schema (as a config's list-form schema file), its `version` the
/// highest number named before it (0 when none). `*missing`, when given, is set when a path
/// does not exist (reported).
std::vector<Migration> load_schema_paths(const std::vector<std::string>& paths,
                                         diag::DiagnosticEngine& diags, bool* missing = nullptr);

/// How a migration runner groups migrations into transactions (what `sqlgen dump` runs and
/// what `sqlgen vet` models).
enum class TransactionMode {
  Single,        ///< every pending migration in one transaction (a deploy of several at once)
  PerMigration,  ///< each migration, with its fixtures, in its own transaction
};

/// "single" or "per-migration"; nullopt for anything else.
std::optional<TransactionMode> parse_transaction_mode(std::string_view text);

/// The mode's command-line spelling.
std::string_view transaction_mode_name(TransactionMode mode);

}  // namespace sqlgen::source
