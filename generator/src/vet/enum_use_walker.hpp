#pragma once
// Internal to vet/: the walker behind rule "unsafe enum use". Statements are in
// unsafe_enum_use.cpp, expressions and reports in unsafe_enum_use_expr.cpp.
//
// PostgreSQL rejects an uncommitted enum value wherever it reads the label:
// an untyped literal coerced to the enum (casts, assignments, comparisons,
// defaults, CHECKs) is read while the statement is parsed, so it always fails;
// a cast of a typed value (`'v'::text::e`, `col::text::e`) is read when it is
// evaluated: in quals the planner folds constant ones, elsewhere it runs per
// row, so it fails only when rows reach it.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "vet/internal.hpp"

namespace sqlgen::vet::detail {

/// Finds uses of the open transaction's added enum values in one statement.
class EnumUseWalker {
 public:
  EnumUseWalker(VetState& state, const diag::SourcePtr& source)
      : m_state(state), m_source(source) {}

  /// Walks a statement; `outer` is the enclosing query level of a nested one.
  void statement(const parse::Stmt& s, const Scope* outer);

 private:
  /// Where an expression is evaluated.
  struct Ctx {
    const Scope* scope = nullptr;
    bool per_row = false;  ///< evaluated per row reached, never folded by the planner
  };
  using Types = std::vector<std::optional<catalog::TypeRef>>;

  // statements (unsafe_enum_use.cpp)
  void select(const parse::SelectStmt& s, const Scope* outer, const Types* targets = nullptr);
  void insert(const parse::InsertStmt& s, const Scope* outer);
  void update(const parse::UpdateStmt& s, const Scope* outer);
  void delete_from(const parse::DeleteStmt& s, const Scope* outer);
  void create_table(const parse::CreateTableStmt& s);
  void alter_table(const parse::AlterTableStmt& s);
  void alter_column_type(const parse::AlterTableCmd& cmd, const Scope& scope);
  void create_domain(const parse::CreateDomainStmt& s);
  void create_function(const parse::CreateFunctionStmt& s);
  void sql_body(const parse::CreateFunctionStmt& s);
  void plpgsql_body(const parse::CreateFunctionStmt& s);
  void with_clause(const std::optional<parse::WithClause>& with, Scope& scope);
  void from_item(const parse::FromItem& item, Scope& scope,
                 std::vector<const parse::Expr*>& join_quals);
  void assign(const parse::ResTarget& target, const RangeEntry& rel, Ctx ctx);
  void column_constraints(const parse::ColumnDef& def, const std::optional<catalog::TypeRef>& type,
                          const Scope& scope);
  void returning(const std::vector<parse::ResTarget>& targets, const Scope& scope);
  RangeEntry target_relation(const parse::QualName& name, const std::string& alias) const;

  // expressions (unsafe_enum_use_expr.cpp)
  void expr(const parse::Expr* e, Ctx ctx);
  void coerce(const parse::Expr* e, const catalog::TypeRef& target, Ctx ctx);
  std::optional<catalog::TypeRef> type_of(const parse::Expr* e, Ctx ctx) const;
  void operator_expr(const parse::AExpr& a, Ctx ctx);
  void cast(const parse::TypeCastExpr& c, Ctx ctx);
  void cast_array(const parse::ArrayExpr& a, const catalog::TypeRef& target, Ctx ctx);
  void case_expr(const parse::CaseExpr& c, const std::optional<catalog::TypeRef>& target, Ctx ctx);
  void siblings(const std::vector<const parse::Expr*>& exprs, Ctx ctx);

  // reports (unsafe_enum_use_expr.cpp)
  const std::map<std::string, size_t>* pending(const EnumTarget& t) const;
  void literal(const parse::ConstExpr& c, const EnumTarget& t);
  void data_dependent(parse::Span at, const EnumTarget& t);
  void use(diag::DiagId id, parse::Span at, const catalog::Type& type, const std::string& label,
           size_t site);

  VetState& m_state;
  const diag::SourcePtr& m_source;
  /// Walking the body of a LANGUAGE sql routine: PostgreSQL parses and analyzes it at
  /// CREATE (literals read as the enum fail there) but evaluates nothing.
  bool m_body = false;
};

/// The rule these findings belong to.
inline constexpr std::string_view k_enum_rule = "enum-value-used-in-transaction";

}  // namespace sqlgen::vet::detail
