#pragma once
// Internal to vet/: the state the rules share while the statements are walked,
// the scopes that give column references their types (analyze's model), and the rules' entry
// points.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyze/scope.hpp"
#include "catalog/catalog.hpp"
#include "parse/ast.hpp"
#include "vet/vet.hpp"

namespace sqlgen::vet::detail {

/// An ADD VALUE the run executed: the report entry it becomes once a use is found.
struct AddValueSite {
  UnsafeAddValue info;   ///< the report entry, with its use counts
  size_t migration = 0;  ///< index into the migrations
};

/// Values added in the open transaction: enum type oid → label → index into the sites.
using PendingValues = std::map<catalog::Oid, std::map<std::string, size_t>>;

/// A `-- sqlgen:disable=rule,... reason` comment: the rules it names and where it is.
struct DisableComment {
  std::vector<std::string> rules;
  uint32_t offset = 0;
};

/// A query the rules on migrations look at, its statement parsed once.
struct QueryRef {
  const QueryInput* input = nullptr;
  parse::StmtPtr stmt;
};

/// A drop a query still reads, reported when its migration ends unless the migration made the
/// table or column again (a rebuild).
struct PendingDrop {
  diag::Diagnostic finding;
  std::string schema, table;  ///< the relation, by name
  std::string column;         ///< "" for the whole relation
};

/// What the rules share: the live catalog, the open transaction's added values, every
/// ADD VALUE site, and the relations each view reads (for the fixer).
struct VetState {
  /// A run over `ms` that starts from an empty catalog.
  VetState(const std::vector<source::Migration>& ms, const Options& opts, diag::DiagnosticEngine& d)
      : migrations(ms), options(opts), diags(d) {}
  const std::vector<source::Migration>& migrations;           ///< the run, in order
  Options options;                                            ///< the transaction plan
  diag::DiagnosticEngine& diags;                              ///< where rules report
  catalog::Catalog cat;                                       ///< the catalog before the statement
  PendingValues pending;                                      ///< added in the open transaction
  std::vector<AddValueSite> sites;                            ///< every ADD VALUE so far
  std::map<catalog::Oid, std::set<catalog::Oid>> view_reads;  ///< view → relations it reads
  size_t migration = 0;                 ///< index of the migration being walked
  std::map<std::string, Level> levels;  ///< every rule's level (defaults, then the options')
  std::map<std::string, std::vector<DisableComment>> disables;  ///< by file path, read once
  diag::SourcePtr statement_source;  ///< the file of the statement being walked
  parse::Span statement;             ///< the top-level statement being walked
  bool in_transaction = true;        ///< the runner runs the current migration in a transaction
  std::vector<QueryRef> queries;     ///< the config's queries (rules on risky changes)
  /// Relation → the migration that created it (relations of plain schema files: none).
  std::map<catalog::Oid, size_t> created_in;
  /// Relation → constraint name → the column its `CHECK (col IS NOT NULL)` proves not null.
  std::map<catalog::Oid, std::map<std::string, std::string>> not_null_checks;
  /// Relation → constraints `VALIDATE CONSTRAINT` validated.
  std::map<catalog::Oid, std::set<std::string>> validated;
  std::vector<PendingDrop> drops;             ///< drops of the current migration a query reads
  std::vector<Edit> edits;                    ///< fixes found so far (Report::edits)
  std::vector<NewFile> new_files;             ///< Report::new_files
  std::vector<diag::Diagnostic> not_fixable;  ///< Report::not_fixable
};

/// Every rule's level: the defaults, then `options.levels` (unknown ids reported).
void resolve_levels(const Options& options, std::map<std::string, Level>& levels,
                    diag::DiagnosticEngine& diags);

/// True when a `sqlgen:disable` comment on the statement holding `loc` (or anywhere in the
/// file, for a finding about a whole file) names `rule`.
bool suppressed(VetState& st, std::string_view rule, const diag::Location& loc);

/// Reports a finding of `rule`: dropped when the rule is off or the statement disables it,
/// else with the rule id and the level the options give the rule. True when reported.
bool report(VetState& st, std::string_view rule, diag::Diagnostic d);

/// Rule "non-transactional-in-transaction" on one statement (non_transactional.cpp).
void check_non_transactional(const parse::Stmt& stmt, const diag::SourcePtr& source,
                             VetState& state);

/// Rules "select-star-in-view" and "table-repeats-schema" on one statement (schema_rules.cpp).
void check_schema_rules(const parse::Stmt& stmt, const diag::SourcePtr& source, VetState& state);

/// Rules on changes to tables of earlier migrations, before `stmt` is applied
/// (risky_changes.cpp): drop-read-by-query, add-column-not-null, set-not-null,
/// alter-column-type, rename-read-column, index-not-concurrent.
void check_risky_changes(const parse::Stmt& stmt, const diag::SourcePtr& source, VetState& state);

/// After `stmt` was applied: the relations it created and the NOT NULL checks it added or
/// validated (risky_changes.cpp).
void record_changes(const parse::Stmt& stmt, VetState& state);

/// At the end of a migration: its drops a query reads, reported unless the migration made the
/// table or column again (risky_changes.cpp).
void finish_drops(VetState& state);

/// The fix for a non-transactional statement in a transaction: the statement moved into a new
/// `-- +goose NO TRANSACTION` migration (non_transactional_fix.cpp); why not, as a
/// not-fixable finding, when that is not mechanical.
void plan_move_to_no_transaction(const parse::Stmt& stmt, const diag::SourcePtr& source,
                                 VetState& state);

/// Rules on migration files as a whole: "missing-down", "version-conflict" (files named
/// without a config), "version-gap" (migration_files.cpp).
void check_migration_files(VetState& state);

/// Rule "goose-statement-block" on one Up statement of a goose file (migration_files.cpp).
void check_goose_block(const parse::Stmt& stmt, const diag::SourcePtr& source, VetState& state);

// Column references are typed through analyze's scope model (analyze/scope.hpp).
using analyze::Col;
using analyze::RangeEntry;
using analyze::Scope;

/// A range entry named `alias`, else `schema.name`, with no columns yet (a CTE, subquery or
/// function, whose columns vet does not know, or a table being created).
RangeEntry named_entry(const std::string& schema, const std::string& name,
                       const std::string& alias);

/// A catalog relation as a range entry: its columns with their types.
RangeEntry relation_entry(const catalog::Relation& rel, const std::string& alias);

/// A column of type `type` for a range entry.
Col typed_column(const std::string& name, const catalog::TypeRef& type);

/// The catalog type of a scope column.
catalog::TypeRef type_ref(const Col& col);

/// The type of a column reference (`c`, `t.c`, `s.t.c`) where analyze::find_column resolves
/// it (an ambiguous one: the first column); nullopt when none does or its columns are unknown.
std::optional<catalog::TypeRef> column_type(const Scope& scope,
                                            const std::vector<std::string>& fields);

/// A written type (`ai.kind`, `kind[]`) resolved in the live catalog; nullopt for builtins
/// and unknown names.
std::optional<catalog::TypeRef> resolve_type(const catalog::Catalog& cat,
                                             const parse::TypeName& type);

/// The enum behind a type: the type itself, its element type, or a domain's base.
struct EnumTarget {
  const catalog::Type* type = nullptr;  ///< null when the type is no enum
  bool array = false;                   ///< values are written as array literals
};

/// The enum a value of type `ref` holds, if any.
EnumTarget enum_target(const catalog::Catalog& cat, const catalog::TypeRef& ref);

/// The elements of an array literal (`{a,"b c",NULL}`), nested levels flattened.
std::vector<std::string> array_literal_elements(const std::string& text);

/// "schema.name" of a type, for messages.
std::string type_display(const catalog::Type& t);

/// Rule "unsafe enum use": reports uses of values in `state.pending` by `stmt`, which is
/// about to be applied to `state.cat`.
void check_enum_uses(const parse::Stmt& stmt, const diag::SourcePtr& source, VetState& state);

/// The relations a view's defining query reads, by oid (for the fixer's dependency check).
std::set<catalog::Oid> relations_read(const parse::Stmt& query, const catalog::Catalog& cat);

/// Fills `site.replacement` (or `site.not_fixable`) with the recreate pattern for the enum
/// `type` as the catalog holds it right after the ADD VALUE.
void plan_recreate(const catalog::Type& type, const VetState& state, UnsafeAddValue& site);

/// Rule "audit-coverage" on the catalog after the last migration, at the rule's level
/// (audit_coverage.cpp).
void check_audit(VetState& state);

}  // namespace sqlgen::vet::detail
