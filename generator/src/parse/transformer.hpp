#pragma once
// Internal to parse/: turns PostgreSQL's raw parse tree (libpg_query's pg_query_raw_parse, the
// node structs of PostgreSQL 15's own headers) into sqlgen's AST. The only header that includes
// libpg_query's or PostgreSQL's types; include it from parse/*.cpp only.

// The order of these includes matters:
// clang-format off
// The standard library first: PostgreSQL's port.h defines macros (snprintf, qsort, ...) that
// would rename what later standard headers declare; they are undefined below.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/ast.hpp"
#include "parse/pb_arena.hpp"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

// pg_query.h names libpg_query's PostgreSQL version (15.1); the server headers name theirs.
#undef PG_VERSION
#undef PG_VERSION_NUM
#undef PG_MAJORVERSION
extern "C" {
#include <postgres.h>
#include <nodes/nodes.h>
#include <nodes/parsenodes.h>
#include <nodes/pg_list.h>
#include <nodes/value.h>
#include <pg_query/pg_query_internal.h>

/// libpg_query's parse tree as its protobuf (declared in libpg_query's pg_query_outfuncs.h,
/// which is not installed): `obj` is a List of RawStmt; `data` is malloc'ed.
PgQueryProtobuf pg_query_nodes_to_protobuf(const void* obj);
}
#undef vsnprintf
#undef snprintf
#undef vsprintf
#undef sprintf
#undef vfprintf
#undef fprintf
#undef vprintf
#undef printf
#undef strerror
#undef strerror_r
#undef strtof
#undef qsort
#undef isinf
// clang-format on

namespace sqlgen::parse::detail {

/// A PostgreSQL node as its struct (`T` must be the struct of the node's tag).
template <class T>
const T* as(const Node* node) {
  return reinterpret_cast<const T*>(node);
}

/// The cells of a PostgreSQL List of nodes (NIL is empty), for range-for and indexing.
class Nodes {
 public:
  explicit Nodes(const List* list) : m_list(list) {}
  struct Iterator {
    const ListCell* cell;
    const Node* operator*() const { return static_cast<const Node*>(cell->ptr_value); }
    Iterator& operator++() {
      ++cell;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return cell != o.cell; }
  };
  size_t size() const { return m_list ? static_cast<size_t>(m_list->length) : 0; }
  bool empty() const { return size() == 0; }
  const Node* operator[](size_t i) const {
    return static_cast<const Node*>(m_list->elements[i].ptr_value);
  }
  Iterator begin() const { return {m_list ? m_list->elements : nullptr}; }
  Iterator end() const { return {m_list ? m_list->elements + m_list->length : nullptr}; }

 private:
  const List* m_list;
};

/// A List-typed Node (e.g. an IN list) as its cells.
inline Nodes items(const Node* list_node) { return Nodes(as<List>(list_node)); }
inline Nodes items(const List* list) { return Nodes(list); }

/// One subtree of the raw parse tree as libpg_query's protobuf, unpacked: a ParseResult with
/// one RawStmt holding `node`. The rare paths that still need protobuf (libpg_query's deparser,
/// the smallest location of any node, the depth of a long statement's tree) use it; the tree
/// itself is never converted on the common path.
class PbTree {
 public:
  /// How a node is wrapped: as the RawStmt's statement, or as the one target of a SELECT that
  /// is (libpg_query's deparser reads statements).
  enum class Wrap { Statement, SelectTarget };
  explicit PbTree(const Node* node, Wrap wrap = Wrap::Statement);
  /// The whole `stmts` list (List of RawStmt).
  explicit PbTree(const List* stmts);
  PbTree(const PbTree&) = delete;
  PbTree& operator=(const PbTree&) = delete;
  ~PbTree();
  /// Null when unpacking failed, and for Wrap::SelectTarget (only packed).
  const PgQuery__ParseResult* tree() const { return m_tree; }
  /// The converted `node`, or null.
  const PgQuery__Node* node() const {
    return m_tree && m_tree->n_stmts == 1 ? m_tree->stmts[0]->stmt : nullptr;
  }
  const PgQueryProtobuf& packed() const { return m_packed; }

 private:
  void unpack();

  PgQueryProtobuf m_packed{};
  std::unique_ptr<PbArena> m_arena;
  PgQuery__ParseResult* m_tree = nullptr;
};

/// Transforms nodes of one parsed statement. `base` is the offset of the
/// parsed text in the file; libpg_query's locations are relative to it.
class Transformer {
 public:
  Transformer(std::string_view file_text, uint32_t base, Span stmt_span)
      : m_text(file_text), m_base(base), m_stmt_span(stmt_span) {}

  StmtPtr stmt(const Node* node);
  ExprPtr expr(const Node* node);
  std::vector<ExprPtr> exprs(const List* nodes);
  /// One transform per expression node kind (transform_expr.cpp), dispatched by expr().
  ExprPtr expr_node(const ::ColumnRef* n);
  ExprPtr expr_node(const ::A_Const* n);
  ExprPtr expr_node(const ::A_Expr* n);
  ExprPtr expr_node(const ::BoolExpr* n);
  ExprPtr expr_node(const ::FuncCall* n);
  ExprPtr expr_node(const ::TypeCast* n);
  ExprPtr expr_node(const ::NullTest* n);
  ExprPtr expr_node(const ::BooleanTest* n);
  ExprPtr expr_node(const ::SubLink* n);
  ExprPtr expr_node(const ::CaseExpr* n);
  ExprPtr expr_node(const ::MinMaxExpr* n);
  ExprPtr expr_node(const ::A_Indirection* n);
  ExprPtr expr_node(const ::SQLValueFunction* n);
  ExprPtr expr_node(const ::NamedArgExpr* n);
  ExprPtr expr_node(const ::CollateClause* n);
  sqlgen::parse::TypeName type_name(const ::TypeName* tn);
  QualName range_var(const ::RangeVar* rv);
  IndexDef index_def(const ::IndexStmt* s);
  /// A name list (String nodes) as a QualName: last is the name, one before it the schema.
  QualName qual_name(const List* names, Span span);
  ObjectRef object_ref(const Node* node);
  sqlgen::parse::ColumnDef column_def(const ::ColumnDef* cd);
  /// A constraint; `expr_sql` (PostgreSQL's deparser, costly) only for the expressions the
  /// catalog keeps as text: defaults, generated columns and, with `check_sql`, a domain's CHECK.
  sqlgen::parse::Constraint constraint(const ::Constraint* c, bool check_sql = false);

  /// Span of a libpg_query location (-1 → the statement's span).
  Span span(int32_t location) const;
  Span stmt_span() const { return m_stmt_span; }

  // Statement transforms, one per node kind (transform_*.cpp).
  StmtPtr create_table(const ::CreateStmt* s);
  StmtPtr alter_table(const ::AlterTableStmt* s);
  StmtPtr create_enum(const ::CreateEnumStmt* s);
  StmtPtr create_composite(const ::CompositeTypeStmt* s);
  StmtPtr create_domain(const ::CreateDomainStmt* s);
  StmtPtr create_range(const ::CreateRangeStmt* s);
  StmtPtr alter_enum(const ::AlterEnumStmt* s);
  StmtPtr rename(const ::RenameStmt* s);
  StmtPtr alter_object_schema(const ::AlterObjectSchemaStmt* s);
  StmtPtr drop(const ::DropStmt* s);
  StmtPtr comment(const ::CommentStmt* s);
  StmtPtr create_function(const ::CreateFunctionStmt* s);
  /// A function's `RETURN expr` or `BEGIN ATOMIC` body into `out`.
  void function_body(const Node* body, sqlgen::parse::CreateFunctionStmt& out);
  StmtPtr create_schema(const ::CreateSchemaStmt* s);
  StmtPtr create_sequence(const ::CreateSeqStmt* s);
  StmtPtr create_extension(const ::CreateExtensionStmt* s);
  StmtPtr create_view(const ::ViewStmt* s);
  StmtPtr create_table_as(const ::CreateTableAsStmt* s);
  StmtPtr variable_set(const ::VariableSetStmt* s);
  /// TRUNCATE, LOCK, VACUUM/ANALYZE, REFRESH, CALL (transform_utility.cpp); others bare.
  StmtPtr utility(const Node* node);
  // transform_select.cpp / transform_from.cpp / transform_dml.cpp
  std::unique_ptr<sqlgen::parse::SelectStmt> select(const ::SelectStmt* s);
  StmtPtr insert(const ::InsertStmt* s);
  StmtPtr update(const ::UpdateStmt* s);
  StmtPtr delete_(const ::DeleteStmt* s);
  FromItemPtr from_item(const Node* node);
  std::vector<FromItemPtr> from_list(const List* nodes);
  std::vector<sqlgen::parse::ResTarget> res_targets(const List* nodes);
  std::optional<sqlgen::parse::WithClause> with_clause(const ::WithClause* w);
  sqlgen::parse::Alias alias(const ::Alias* a);
  std::vector<IndirectionExpr::Step> indirection(const List* nodes);

 private:
  std::string_view m_text;
  uint32_t m_base;
  Span m_stmt_span;
};

/// A C string field of a node, "" for null.
inline std::string cstr(const char* s) { return s ? s : ""; }
/// The String node's value, or "" for other nodes.
std::string str(const Node* node);
/// Values of a list of String nodes.
std::vector<std::string> strs(const List* nodes);
/// PostgreSQL's name of the node's struct, e.g. "CreateStmt" ("Node" for null).
std::string node_name(const Node* node);
sqlgen::parse::ObjectType object_type(::ObjectType t);
/// The name of PostgreSQL enum value `v` as libpg_query's protobuf enum `d` spells it (its
/// values are PostgreSQL's shifted by one, 0 being "undefined"); "" when out of range.
std::string enum_name(const ProtobufCEnumDescriptor& d, int v);
/// An expression node deparsed to SQL by libpg_query ("" if it cannot be).
std::string deparse_expr(const Node* node);
/// Length of a possibly qualified name at `offset` (`a`, `"A".b`, `s.t`).
uint32_t qualified_name_length(std::string_view text, uint32_t offset);
/// Smallest location found anywhere inside `node`, or -1.
int32_t first_location(const Node* node);
/// Nesting depth of libpg_query's protobuf message tree (each PostgreSQL node is two levels:
/// the Node wrapper and its message), walked without recursion.
uint32_t message_depth(const ProtobufCMessage* root);

}  // namespace sqlgen::parse::detail
