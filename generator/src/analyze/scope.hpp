#pragma once
/// The scope model of a query: the FROM items (range entries) and CTEs each query level sees,
/// and where a column reference resolves among them (PostgreSQL's rules: the innermost level
/// that has it, an error when two entries of that level do). The analyzer builds scopes as it
/// walks a query (select.cpp, dml.cpp); vet/ types the column references of migrations with
/// the same model.

#include <string>
#include <utility>
#include <vector>

#include "analyze/types.hpp"
#include "catalog/catalog.hpp"

namespace sqlgen::analyze {

/// A column visible in a scope.
struct Col {
  std::string name;
  ExprType type;
  bool nullable = true;
  std::string table;  ///< source table name for plain table columns
  std::string schema;
  bool system = false;  ///< xmin, ctid, ...: found by name, never by `*`
};

/// One FROM item as the query sees it.
struct RangeEntry {
  std::string name;    ///< alias, or the table/CTE/function name
  std::string schema;  ///< for `schema.table.col` references of tables (empty with an alias)
  std::vector<Col> cols;
  bool nullable_side = false;       ///< under the nullable side of an outer join
  std::vector<std::string> merged;  ///< USING/NATURAL columns hidden from `*` on the right side
  catalog::Oid row_type = 0;        ///< tables and views: their composite row type
  catalog::Oid relation = 0;        ///< tables and views: the relation (system ones too)
  bool broken = false;              ///< a view whose definition had errors: columns unknown
};

/// A CTE's output.
struct CteDef {
  std::string name;
  std::vector<Col> cols;
};

/// Names visible at one query level; `parent` for correlated references.
struct Scope {
  std::vector<RangeEntry> entries;
  const Scope* parent = nullptr;
  std::vector<CteDef> ctes;
  /// A FROM item failed to resolve: column errors would only repeat it.
  bool broken = false;
  /// Columns known not null by WHERE / inner-join conditions: (entry, column).
  std::vector<std::pair<std::string, std::string>> narrowed;
  /// The CTE `name` visible here or in a parent.
  const CteDef* find_cte(const std::string& name) const;
};

/// The columns of a catalog relation as its range entry holds them, then (tables only) the
/// system columns every table has; none for a view or CREATE TABLE AS the catalog could not
/// bind.
std::vector<Col> relation_columns(const catalog::Relation& rel);

/// Where a column reference resolves.
struct ColumnMatch {
  const Scope* scope = nullptr;       ///< the level it resolves at; null when none has it
  const RangeEntry* entry = nullptr;  ///< the entry holding the column
  const Col* col = nullptr;           ///< null when the entry the qualifier names lacks it
  bool ambiguous = false;  ///< another entry of that level has it too (`entry`, `col`: the first)
};

/// Resolves a column reference (`c`, `t.c`, `s.t.c`), innermost level first: the first level
/// where an entry has the column (an unqualified name skips the USING/NATURAL columns merged
/// into another entry), or where an entry the qualifier names exists (then `col` is null when
/// it lacks the column). A bare FROM-item name (a whole row) is not looked at.
ColumnMatch find_column(const Scope& scope, const std::vector<std::string>& fields);

}  // namespace sqlgen::analyze
