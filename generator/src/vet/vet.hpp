#pragma once
/// The vet stage's public header: static hazard checks over the migrations as
/// production runners apply them. vet models the transaction plan (every
/// pending migration in one transaction, or one transaction per migration;
/// `-- +goose NO TRANSACTION` migrations split the batch and run each statement
/// on its own), walks the Up statements in order against a live catalog, and
/// reports enum values that `ALTER TYPE ... ADD VALUE` adds and the same
/// transaction then uses (PostgreSQL: "unsafe use of new value", SQLSTATE
/// 55P04). The fixer rewrites such ADD VALUE statements into the
/// recreate-the-type pattern, whose values are usable at once.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/analyze.hpp"
#include "catalog/catalog.hpp"
#include "diag/diag.hpp"
#include "source/migrations.hpp"
#include "source/query_file.hpp"

namespace sqlgen::vet {

using source::parse_transaction_mode;
using source::transaction_mode_name;
using source::TransactionMode;

/// How loud a rule is: its findings as errors, warnings, or not reported.
enum class Level { Off, Warning, Error };

/// One rule of `sqlgen vet` (docs/vet.md has a section per rule).
struct RuleInfo {
  std::string_view id;       ///< "delete-without-where"
  Level level;               ///< the default level
  std::string_view summary;  ///< one line, for `--list-rules` and the docs test
};

/// Every rule, in the order docs/vet.md lists them.
const std::vector<RuleInfo>& rules();

/// The rule named `id`, or null.
const RuleInfo* find_rule(std::string_view id);

/// "error", "warning" or "off" as a level; nullopt for anything else.
std::optional<Level> parse_level(std::string_view text);

/// A level given to a rule (sqlgen.yaml's `vet:`), with where it was given.
struct RuleLevel {
  std::string rule;  ///< the rule id as written (checked by check())
  Level level = Level::Warning;
  diag::Location loc;  ///< the config entry, for an unknown id
};

/// A column named under an audited table (sqlgen.yaml's `audit:`; its class is codegen's).
struct AuditColumn {
  std::string column;  ///< as written
  diag::Location loc;  ///< the config entry
};

/// An audited table as the config names it, for the rule audit-coverage.
struct AuditTable {
  std::string schema;                    ///< empty: the table is looked up along `search_path`
  std::string table;                     ///< as written
  std::vector<std::string> search_path;  ///< empty: the catalog's (what the migrations leave)
  std::vector<AuditColumn> columns;      ///< the classified columns
  diag::Location loc;                    ///< the config entry
};

/// What vet checks and how it models the run.
struct Options {
  TransactionMode mode = TransactionMode::Single;  ///< transaction grouping
  std::vector<RuleLevel> levels;                   ///< levels given in the config
  std::vector<AuditTable> audit;                   ///< audited tables (rule audit-coverage)
};

/// An `ALTER TYPE ... ADD VALUE` whose value is used in the transaction that adds it.
struct UnsafeAddValue {
  diag::SourcePtr source;  ///< the migration file holding the statement
  uint32_t offset = 0;     ///< the statement's first byte in `source`
  uint32_t length = 0;     ///< the statement's length, without its terminating semicolon
  std::string type;        ///< the enum type, "schema.name"
  std::string value;       ///< the added label
  size_t errors = 0;       ///< uses that always fail
  size_t warnings = 0;     ///< uses that fail only with some data
  /// The recreate pattern that replaces the statement (no trailing semicolon); "" when it
  /// cannot be rewritten.
  std::string replacement;
  std::string not_fixable;  ///< why `replacement` is empty
};

/// A mechanical rewrite a rule found (`--fix`): bytes [offset, offset + length) of `source`
/// replaced by `text`.
struct Edit {
  diag::SourcePtr source;
  uint32_t offset = 0;
  uint32_t length = 0;
  std::string text;
  std::string rule;  ///< the rule whose finding it fixes
  std::string what;  ///< printed when applied: "wrapped ... in StatementBegin/End"
};

/// A migration file a fix creates (a CONCURRENTLY statement moved into its own migration).
struct NewFile {
  std::string path;  ///< as the moved statement's file names its directory
  std::string text;
  std::string what;  ///< printed when written
};

/// What a check found, beyond the diagnostics it reported.
struct Report {
  std::vector<UnsafeAddValue> unsafe_add_values;  ///< in statement order
  std::vector<Edit> edits;                        ///< other rules' fixes, in statement order
  std::vector<NewFile> new_files;                 ///< files those fixes create
  /// Findings `--fix` cannot fix mechanically (warn_vet_fix_skipped, saying why).
  std::vector<diag::Diagnostic> not_fixable;
};

/// Applies the Up statements of `migrations` (in order, as loaded) to a fresh catalog and runs
/// every rule that is not off (rules()): findings carry their rule id, at the level the
/// options give it (else the finding's own), unless a `-- sqlgen:disable=rule reason` comment
/// on the statement suppresses them. Among them each unsafe use of a value added in the same
/// transaction: an error for uses PostgreSQL rejects whatever the data, a warning for casts
/// that fail only when rows hold the value. Parse and catalog errors are reported too, and
/// unknown rule ids in `options.levels`.
/// One query for the query rules: as read, and (optionally) its analysis.
struct QueryInput {
  const source::Query* query = nullptr;
  const analyze::AnalyzedQuery* analyzed = nullptr;  ///< null when not analyzed
  analyze::AnalyzeOptions options;                   ///< its module's analysis settings
};

/// The rules on the migrations also look at `queries` (a column or table dropped or renamed
/// while a query reads it: each query is analyzed against the catalog of that moment).
Report check(const std::vector<source::Migration>& migrations, const Options& options,
             diag::DiagnosticEngine& diags, const std::vector<QueryInput>& queries = {});

/// Runs the rules on queries ("delete-without-where", "update-without-where", "query-naming",
/// "one-many-rows") with the levels of `options`; unknown rule ids are reported by check(),
/// not here. "one-many-rows" needs the analysis and `cat` (the keys of the tables read).
void check_queries(const std::vector<QueryInput>& queries, const Options& options,
                   diag::DiagnosticEngine& diags, const catalog::Catalog* cat = nullptr);

/// The vet rule a diagnostic of an earlier stage is a finding of: "version-conflict" (a
/// duplicate version, a version outside the module's range), "one-without-returning",
/// "unused-parameter"; "" for any other.
std::string_view rule_of(diag::DiagId id);

/// Reports diagnostics of loading or analysis: findings of a vet rule (rule_of) tagged with
/// it, at the level the options give it, unless off or suppressed by a `sqlgen:disable`
/// comment; the others only when `keep_others`.
void report_stage_findings(const std::vector<diag::Diagnostic>& found, const Options& options,
                           bool keep_others, diag::DiagnosticEngine& diags);

/// One migration file's text after the fix.
struct FileFix {
  std::string path;      ///< the file, as its SourceBuffer names it
  std::string text;      ///< the whole new text; bytes outside rewritten statements unchanged
  size_t rewritten = 0;  ///< ADD VALUE statements replaced
  std::vector<std::string> changes;  ///< what the other fixes did, one line each
  bool created = false;              ///< a new migration file
};

/// The new text of every file with an unsafe ADD VALUE, each fixable statement replaced by
/// its recreate pattern, and of every file the other fixes (report.edits, new_files) touch.
/// Statements that cannot be rewritten are reported as warnings.
std::vector<FileFix> plan_fixes(const Report& report, diag::DiagnosticEngine& diags);

/// Writes each fix atomically (temp file and rename); failures are reported. True when
/// every file was written.
bool write_fixes(const std::vector<FileFix>& fixes, diag::DiagnosticEngine& diags);

/// Rule "audit-coverage" on a built catalog, every finding an error tagged with the rule id
/// whatever the config's levels (`generate` cannot write a diff helper without every column's
/// class): an audited table that does not exist or is no table, a classified column it does
/// not have, and each of its columns without a class. check() runs the same rule at its level.
void check_audit_coverage(const catalog::Catalog& cat, const std::vector<AuditTable>& tables,
                          diag::DiagnosticEngine& diags);

}  // namespace sqlgen::vet
