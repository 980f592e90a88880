#pragma once
// Internal to vet/: the state the rules share while the statements are walked,
// the scopes that give column references their types, and the rules' entry points.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

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
  size_t migration = 0;  ///< index of the migration being walked
};

/// A column visible to an expression, with its type.
struct ScopeColumn {
  std::string name;       ///< the column name
  catalog::TypeRef type;  ///< its type
};

/// A FROM item (or the table a statement writes) whose columns expressions may name.
struct ScopeRelation {
  std::string schema;                ///< empty for subqueries and functions
  std::string name;                  ///< the relation's (or the alias') name
  std::string alias;                 ///< when set, the only qualifier that names the relation
  std::vector<ScopeColumn> columns;  ///< empty when unknown (CTEs, subqueries)
};

/// The relations of one query level; `parent` is the enclosing level (correlated refs).
struct Scope {
  const Scope* parent = nullptr;         ///< the enclosing query level, if any
  std::vector<ScopeRelation> relations;  ///< FROM items in order
  std::set<std::string> ctes;            ///< WITH names: references to them have unknown columns
  /// The type of a column reference (`c`, `t.c`, `s.t.c`), innermost level first.
  std::optional<catalog::TypeRef> column_type(const std::vector<std::string>& fields) const;
  /// True when `name` is a CTE of this level or an enclosing one.
  bool is_cte(const std::string& name) const;
};

/// The columns of a catalog relation as a scope entry.
ScopeRelation scope_relation(const catalog::Relation& rel, const std::string& alias);

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

}  // namespace sqlgen::vet::detail
