#pragma once
// Internal to parse/: turns libpg_query's protobuf tree into sqlgen's AST.
// The only header that includes libpg_query's types.

#include <pg_query/pg_query.pb-c.h>

#include <string>
#include <string_view>

#include "parse/ast.hpp"

namespace sqlgen::parse::detail {

/// Transforms nodes of one parsed statement. `base` is the offset of the
/// parsed text in the file; libpg_query's locations are relative to it.
class Transformer {
 public:
  Transformer(std::string_view file_text, uint32_t base, Span stmt_span)
      : m_text(file_text), m_base(base), m_stmt_span(stmt_span) {}

  StmtPtr stmt(const PgQuery__Node* node);
  ExprPtr expr(const PgQuery__Node* node);
  std::vector<ExprPtr> exprs(size_t n, PgQuery__Node** nodes);
  /// One transform per expression node kind (transform_expr.cpp), dispatched by expr().
  ExprPtr expr_node(const PgQuery__ColumnRef* n);
  ExprPtr expr_node(const PgQuery__AConst* n);
  ExprPtr expr_node(const PgQuery__AExpr* n);
  ExprPtr expr_node(const PgQuery__BoolExpr* n);
  ExprPtr expr_node(const PgQuery__FuncCall* n);
  ExprPtr expr_node(const PgQuery__TypeCast* n);
  ExprPtr expr_node(const PgQuery__NullTest* n);
  ExprPtr expr_node(const PgQuery__BooleanTest* n);
  ExprPtr expr_node(const PgQuery__SubLink* n);
  ExprPtr expr_node(const PgQuery__CaseExpr* n);
  ExprPtr expr_node(const PgQuery__MinMaxExpr* n);
  ExprPtr expr_node(const PgQuery__AIndirection* n);
  ExprPtr expr_node(const PgQuery__SQLValueFunction* n);
  ExprPtr expr_node(const PgQuery__NamedArgExpr* n);
  ExprPtr expr_node(const PgQuery__CollateClause* n);
  TypeName type_name(const PgQuery__TypeName* tn);
  QualName range_var(const PgQuery__RangeVar* rv);
  IndexDef index_def(const PgQuery__IndexStmt* s);
  /// A name list (String nodes) as a QualName: last is the name, one before it the schema.
  QualName qual_name(size_t n, PgQuery__Node** names, Span span);
  ObjectRef object_ref(const PgQuery__Node* node);
  ColumnDef column_def(const PgQuery__ColumnDef* cd);
  Constraint constraint(const PgQuery__Constraint* c);

  /// Span of a libpg_query location (-1 → the statement's span).
  Span span(int32_t location) const;
  Span stmt_span() const { return m_stmt_span; }

  // Statement transforms, one per node kind (transform_*.cpp).
  StmtPtr create_table(const PgQuery__CreateStmt* s);
  StmtPtr alter_table(const PgQuery__AlterTableStmt* s);
  StmtPtr create_enum(const PgQuery__CreateEnumStmt* s);
  StmtPtr create_composite(const PgQuery__CompositeTypeStmt* s);
  StmtPtr create_domain(const PgQuery__CreateDomainStmt* s);
  StmtPtr create_range(const PgQuery__CreateRangeStmt* s);
  StmtPtr alter_enum(const PgQuery__AlterEnumStmt* s);
  StmtPtr rename(const PgQuery__RenameStmt* s);
  StmtPtr alter_object_schema(const PgQuery__AlterObjectSchemaStmt* s);
  StmtPtr drop(const PgQuery__DropStmt* s);
  StmtPtr comment(const PgQuery__CommentStmt* s);
  StmtPtr create_function(const PgQuery__CreateFunctionStmt* s);
  /// A function's `RETURN expr` or `BEGIN ATOMIC` body into `out`.
  void function_body(const PgQuery__Node* body, CreateFunctionStmt& out);
  StmtPtr create_schema(const PgQuery__CreateSchemaStmt* s);
  StmtPtr create_sequence(const PgQuery__CreateSeqStmt* s);
  StmtPtr create_extension(const PgQuery__CreateExtensionStmt* s);
  StmtPtr create_view(const PgQuery__ViewStmt* s);
  StmtPtr create_table_as(const PgQuery__CreateTableAsStmt* s);
  StmtPtr variable_set(const PgQuery__VariableSetStmt* s);
  /// TRUNCATE, LOCK, VACUUM/ANALYZE, REFRESH, CALL (transform_utility.cpp); others bare.
  StmtPtr utility(const PgQuery__Node* node);
  // transform_select.cpp / transform_from.cpp / transform_dml.cpp
  std::unique_ptr<SelectStmt> select(const PgQuery__SelectStmt* s);
  StmtPtr insert(const PgQuery__InsertStmt* s);
  StmtPtr update(const PgQuery__UpdateStmt* s);
  StmtPtr delete_(const PgQuery__DeleteStmt* s);
  FromItemPtr from_item(const PgQuery__Node* node);
  std::vector<FromItemPtr> from_list(size_t n, PgQuery__Node** nodes);
  std::vector<ResTarget> res_targets(size_t n, PgQuery__Node** nodes);
  std::optional<WithClause> with_clause(const PgQuery__WithClause* w);
  Alias alias(const PgQuery__Alias* a);
  std::vector<IndirectionExpr::Step> indirection(size_t n, PgQuery__Node** nodes);

 private:
  std::string_view m_text;
  uint32_t m_base;
  Span m_stmt_span;
};

/// The String node's value, or "" for other nodes.
std::string str(const PgQuery__Node* node);
/// Values of a list of String nodes.
std::vector<std::string> strs(size_t n, PgQuery__Node** nodes);
/// PostgreSQL's message name of the node inside a Node wrapper, e.g. "CreateStmt".
std::string node_name(const PgQuery__Node* node);
ObjectType object_type(PgQuery__ObjectType t);
/// An expression node deparsed to SQL by libpg_query ("" if it cannot be).
std::string deparse_expr(const PgQuery__Node* node);
/// Length of a possibly qualified name at `offset` (`a`, `"A".b`, `s.t`).
uint32_t qualified_name_length(std::string_view text, uint32_t offset);
/// Smallest location found anywhere inside `node`, or -1.
int32_t first_location(const PgQuery__Node* node);

}  // namespace sqlgen::parse::detail
