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

}  // namespace sqlgen::vet::detail
