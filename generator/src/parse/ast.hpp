#pragma once
/// sqlgen's own syntax tree. Built from libpg_query's parse tree by the
/// transform_*.cpp files; no libpg_query type appears here. Every node has a
/// Span: byte offsets into the ORIGINAL file (not the statement), so
/// diagnostics point at the right place.
///
/// Node kinds sqlgen consumes are typed; anything else becomes an
/// OtherStmt / UnsupportedExpr that keeps PostgreSQL's node name and span, so
/// later stages can say "not modelled" or "unsupported" precisely.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sqlgen::parse {

/// A byte range in a source file; `length` 0 when only the start is known.
struct Span {
  uint32_t offset = 0;
  uint32_t length = 0;
};

/// A possibly schema-qualified object name: `schema.name` or `name`.
struct QualName {
  std::string schema;  ///< empty when unqualified
  std::string name;
  Span span;
  /// `schema.name` or `name`, unquoted (for messages).
  std::string to_string() const { return schema.empty() ? name : schema + "." + name; }
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;
struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;

/// A type as written: `varchar(40)`, `pg_catalog.int4`, `mood[]`, `SETOF x`.
struct TypeName {
  std::vector<std::string> names;     ///< as the grammar gives them, e.g. {"pg_catalog","int4"}
  std::vector<ExprPtr> typmods;       ///< `(40)`, `(10,2)`
  std::vector<int32_t> array_bounds;  ///< one entry per `[]` (-1 when unsized)
  bool setof = false;
  bool pct_type = false;  ///< `tbl.col%TYPE`
  Span span;
  /// The name list joined with dots, for messages.
  std::string to_string() const;
};

// ---------------------------------------------------------------- expressions

enum class ExprKind {
  ColumnRef,
  ParamRef,
  Const,
  AExpr,
  BoolExpr,
  FuncCall,
  TypeCast,
  NullTest,
  BooleanTest,
  SubLink,
  Case,
  Coalesce,
  MinMax,
  Array,
  Indirection,
  Row,
  SqlValueFunction,
  NamedArg,
  SetToDefault,
  Collate,
  Unsupported,
};

/// Base of every expression node.
struct Expr {
  explicit Expr(ExprKind k) : kind(k) {}
  virtual ~Expr() = default;
  ExprKind kind;
  Span span;
  /// Downcast to the node type of `kind` (checked by the caller).
  template <class T>
  const T& as() const {
    return static_cast<const T&>(*this);
  }
};

/// `a`, `t.a`, `s.t.a`, `t.*`, `*`.
struct ColumnRefExpr : Expr {
  ColumnRefExpr() : Expr(ExprKind::ColumnRef) {}
  std::vector<std::string> fields;  ///< without the star
  bool star = false;
};

/// `$n`.
struct ParamRefExpr : Expr {
  ParamRefExpr() : Expr(ExprKind::ParamRef) {}
  int32_t number = 0;
};

/// A literal. `text` keeps the literal's value as PostgreSQL read it.
struct ConstExpr : Expr {
  enum class Type { Integer, Float, String, Bool, BitString, Null };
  ConstExpr() : Expr(ExprKind::Const) {}
  Type type = Type::Null;
  std::string text;
};

/// Operators and the special forms PostgreSQL's grammar folds into A_Expr.
struct AExpr : Expr {
  enum class Op {
    Op,           ///< `a + b`, `-a`, `a = b`
    OpAny,        ///< `a = ANY(b)`
    OpAll,        ///< `a = ALL(b)`
    Distinct,     ///< `a IS DISTINCT FROM b`
    NotDistinct,  ///< `a IS NOT DISTINCT FROM b`
    NullIf,
    In,  ///< rhs is a Row-less list in `list`
    Like,
    ILike,
    Similar,
    Between,
    NotBetween,
    BetweenSym,
    NotBetweenSym,
  };
  AExpr() : Expr(ExprKind::AExpr) {}
  Op op = Op::Op;
  std::vector<std::string> name;  ///< operator name, possibly schema-qualified
  ExprPtr lhs;                    ///< null for prefix operators
  ExprPtr rhs;
  std::vector<ExprPtr> list;  ///< `IN (a, b)` items and `BETWEEN a AND b` bounds
};

/// `AND`, `OR`, `NOT`.
struct BoolExpr : Expr {
  enum class Op { And, Or, Not };
  BoolExpr() : Expr(ExprKind::BoolExpr) {}
  Op op = Op::And;
  std::vector<ExprPtr> args;
};

/// A function or aggregate call, possibly a window call.
struct FuncCallExpr : Expr {
  FuncCallExpr() : Expr(ExprKind::FuncCall) {}
  std::vector<std::string> name;  ///< possibly schema-qualified
  std::vector<ExprPtr> args;
  bool agg_star = false;      ///< `count(*)`
  bool agg_distinct = false;  ///< `count(DISTINCT x)`
  bool variadic = false;      ///< `VARIADIC` before the last argument
  bool has_over = false;      ///< window call
  bool has_filter = false;
  ExprPtr filter;  ///< `FILTER (WHERE filter)`
  bool within_group = false;
  bool agg_order = false;  ///< `f(x ORDER BY y)` (not WITHIN GROUP)
};

/// `x::type`, `CAST(x AS type)`.
struct TypeCastExpr : Expr {
  TypeCastExpr() : Expr(ExprKind::TypeCast) {}
  ExprPtr arg;
  TypeName type;
};

/// `x IS [NOT] NULL`.
struct NullTestExpr : Expr {
  NullTestExpr() : Expr(ExprKind::NullTest) {}
  ExprPtr arg;
  bool is_not = false;
};

/// `x IS [NOT] TRUE/FALSE/UNKNOWN`.
struct BooleanTestExpr : Expr {
  BooleanTestExpr() : Expr(ExprKind::BooleanTest) {}
  ExprPtr arg;
  std::string test;  ///< "IS_TRUE", "IS_NOT_UNKNOWN", ...
};

/// A subquery in an expression: EXISTS, IN/ANY/ALL, scalar, ARRAY(...).
struct SubLinkExpr : Expr {
  enum class Type { Exists, All, Any, RowCompare, Expr, MultiExpr, Array, Cte };
  SubLinkExpr() : Expr(ExprKind::SubLink) {}
  Type type = Type::Expr;
  ExprPtr test;                        ///< lhs of `x IN (SELECT ...)`
  std::vector<std::string> oper_name;  ///< operator of ANY/ALL
  StmtPtr subselect;
  Span subselect_span;
};

/// `CASE [arg] WHEN ... THEN ... [ELSE ...] END`.
struct CaseExpr : Expr {
  CaseExpr() : Expr(ExprKind::Case) {}
  ExprPtr arg;
  std::vector<std::pair<ExprPtr, ExprPtr>> whens;
  ExprPtr default_result;
};

/// `COALESCE(...)`.
struct CoalesceExpr : Expr {
  CoalesceExpr() : Expr(ExprKind::Coalesce) {}
  std::vector<ExprPtr> args;
};

/// `GREATEST(...)` / `LEAST(...)`.
struct MinMaxExpr : Expr {
  MinMaxExpr() : Expr(ExprKind::MinMax) {}
  bool greatest = true;
  std::vector<ExprPtr> args;
};

/// `ARRAY[...]`.
struct ArrayExpr : Expr {
  ArrayExpr() : Expr(ExprKind::Array) {}
  std::vector<ExprPtr> elements;
};

/// `x[1]`, `x[1:2]`, `(x).field`, `(x).*`.
struct IndirectionExpr : Expr {
  struct Step {
    enum class Kind { Subscript, Slice, Field, Star } kind = Kind::Field;
    std::string field;
    ExprPtr lower;
    ExprPtr upper;
  };
  IndirectionExpr() : Expr(ExprKind::Indirection) {}
  ExprPtr arg;
  std::vector<Step> steps;
};

/// `ROW(a, b)` or `(a, b)`.
struct RowExpr : Expr {
  RowExpr() : Expr(ExprKind::Row) {}
  std::vector<ExprPtr> args;
};

/// `CURRENT_TIMESTAMP`, `CURRENT_USER`, ... with PostgreSQL's op name.
struct SqlValueFunctionExpr : Expr {
  SqlValueFunctionExpr() : Expr(ExprKind::SqlValueFunction) {}
  std::string op;  ///< e.g. "SVFOP_CURRENT_TIMESTAMP"
  int32_t typmod = -1;
};

/// `name => value` in a function call.
struct NamedArgExpr : Expr {
  NamedArgExpr() : Expr(ExprKind::NamedArg) {}
  std::string name;
  ExprPtr arg;
};

/// `DEFAULT` in INSERT VALUES / UPDATE SET.
struct SetToDefaultExpr : Expr {
  SetToDefaultExpr() : Expr(ExprKind::SetToDefault) {}
};

/// `x COLLATE "C"`.
struct CollateExpr : Expr {
  CollateExpr() : Expr(ExprKind::Collate) {}
  ExprPtr arg;
  std::vector<std::string> collation;
};

/// Any expression node sqlgen does not model; keeps PostgreSQL's node name.
struct UnsupportedExpr : Expr {
  UnsupportedExpr() : Expr(ExprKind::Unsupported) {}
  std::string node;  ///< e.g. "XmlExpr"
};

// ----------------------------------------------------------------- DDL parts

/// A column or table constraint.
struct Constraint {
  enum class Type {
    Null,
    NotNull,
    Default,
    Identity,
    Generated,
    Check,
    PrimaryKey,
    Unique,
    Exclusion,
    ForeignKey,
    Attribute,  ///< DEFERRABLE and friends
  };
  Type type = Type::Null;
  std::string name;               ///< `CONSTRAINT name`, or empty
  std::vector<std::string> keys;  ///< table-level PK/UNIQUE columns
  ExprPtr expr;                   ///< DEFAULT, CHECK, GENERATED ... AS (expr)
  std::string expr_sql;  ///< `expr` deparsed by PostgreSQL's deparser: defaults, generated columns,
                         ///< domain CHECKs
  char generated_when = 0;                 ///< 'a' ALWAYS, 'd' BY DEFAULT (identity)
  std::vector<std::string> sequence_name;  ///< identity `(SEQUENCE NAME s.x)`, if given
  QualName fk_table;
  std::vector<std::string> fk_columns;  ///< local columns of a table-level FK
  std::vector<std::string> pk_columns;  ///< referenced columns
  Span span;
};

/// A column definition in CREATE TABLE, ALTER TABLE ADD COLUMN, composite types.
struct ColumnDef {
  std::string name;
  TypeName type;
  std::vector<Constraint> constraints;
  std::vector<std::string> collation;
  ExprPtr raw_default;          ///< ALTER COLUMN TYPE ... USING expr lands here
  std::string raw_default_sql;  ///< `raw_default` deparsed
  Span span;
};

/// `LIKE other INCLUDING ...` in CREATE TABLE.
struct TableLike {
  QualName table;
  uint32_t options = 0;  ///< PostgreSQL's CREATE_TABLE_LIKE_* bits
  Span span;
  /// Bits of TableLikeOption as PostgreSQL defines them.
  static constexpr uint32_t k_comments = 1u << 0;
  static constexpr uint32_t k_defaults = 1u << 3;
  static constexpr uint32_t k_generated = 1u << 4;
  static constexpr uint32_t k_identity = 1u << 5;
  static constexpr uint32_t k_indexes = 1u << 6;
  static constexpr uint32_t k_all = 0x7FFFFFFF;
};

using TableElement = std::variant<ColumnDef, Constraint, TableLike>;

/// PostgreSQL's ObjectType, reduced to what sqlgen distinguishes.
enum class ObjectType {
  Other,
  Table,
  View,
  MatView,
  ForeignTable,
  Sequence,
  Index,
  Type,
  Domain,
  Schema,
  Function,
  Procedure,
  Routine,
  Aggregate,
  Column,
  Attribute,
  TabConstraint,
  DomConstraint,
  Extension,
  Trigger,
  Policy,
};

/// Lowercase name of an object type for messages ("table", "type", ...).
const char* object_type_name(ObjectType t);

/// An object named in DROP, COMMENT ON, ALTER ... SET SCHEMA: a name, and
/// for functions the argument types.
struct ObjectRef {
  std::vector<std::string> names;             ///< e.g. {"billing","accounts"} or {"t","col"}
  std::optional<std::vector<TypeName>> args;  ///< functions: types, when given
  Span span;
};

/// A parameter of CREATE FUNCTION/PROCEDURE.
struct FunctionParam {
  enum class Mode { In, Out, InOut, Variadic, Table, Default };
  std::string name;
  TypeName type;
  Mode mode = Mode::Default;
  ExprPtr default_value;
};

// ---------------------------------------------------------------- statements

enum class StmtKind {
  CreateSchema,
  CreateTable,
  AlterTable,
  CreateEnum,
  CreateComposite,
  CreateDomain,
  CreateRange,
  AlterEnum,
  Rename,
  AlterObjectSchema,
  Drop,
  CreateFunction,
  CreateSequence,
  CreateExtension,
  Comment,
  CreateView,
  CreateTableAs,
  VariableSet,
  Select,
  Insert,
  Update,
  Delete,
  Other,
};

/// Base of every statement node. `span` covers the statement text.
struct Stmt {
  explicit Stmt(StmtKind k) : kind(k) {}
  virtual ~Stmt() = default;
  StmtKind kind;
  Span span;
  std::string node;  ///< PostgreSQL's node name, e.g. "CreateStmt"
  template <class T>
  const T& as() const {
    return static_cast<const T&>(*this);
  }
};

/// `CREATE SCHEMA [IF NOT EXISTS] name [elements...]`.
struct CreateSchemaStmt : Stmt {
  CreateSchemaStmt() : Stmt(StmtKind::CreateSchema) {}
  std::string name;
  bool if_not_exists = false;
  std::vector<StmtPtr> elements;
};

/// `CREATE [UNLOGGED|TEMP] TABLE [IF NOT EXISTS] name (...)`, incl. PARTITION OF.
struct CreateTableStmt : Stmt {
  CreateTableStmt() : Stmt(StmtKind::CreateTable) {}
  QualName table;
  std::vector<TableElement> elements;  ///< in written order
  std::vector<QualName> inherits;      ///< INHERITS, or the parent of PARTITION OF
  bool partition_of = false;
  bool partitioned = false;  ///< PARTITION BY
  bool if_not_exists = false;
  char persistence = 'p';  ///< 'p' permanent, 'u' unlogged, 't' temp
  std::optional<TypeName> of_type;
};

/// One `ALTER TABLE` sub-command.
struct AlterTableCmd {
  enum class Type {
    AddColumn,
    DropColumn,
    AlterColumnType,
    SetNotNull,
    DropNotNull,
    ColumnDefault,  ///< SET DEFAULT (expr set) / DROP DEFAULT (expr null)
    AddConstraint,
    DropConstraint,
    AddIdentity,
    SetIdentity,
    DropIdentity,
    DropExpression,
    AttachPartition,
    DetachPartition,
    AddInherit,
    DropInherit,
    SetLogged,
    SetUnlogged,
    Other,
  };
  Type type = Type::Other;
  std::string pg_type;                   ///< PostgreSQL's AlterTableType name, for messages
  std::string name;                      ///< column or constraint name
  std::optional<ColumnDef> column;       ///< ADD COLUMN, ALTER COLUMN TYPE
  std::optional<Constraint> constraint;  ///< ADD CONSTRAINT, ADD IDENTITY
  ExprPtr expr;                          ///< SET DEFAULT
  std::string expr_sql;                  ///< `expr` deparsed
  std::optional<QualName> partition;     ///< ATTACH/DETACH PARTITION, INHERIT
  bool missing_ok = false;
  bool cascade = false;
  bool concurrently = false;  ///< DETACH PARTITION ... CONCURRENTLY
  Span span;
};

/// `ALTER TABLE|VIEW|SEQUENCE|INDEX ... cmd, cmd`.
struct AlterTableStmt : Stmt {
  AlterTableStmt() : Stmt(StmtKind::AlterTable) {}
  QualName table;
  ObjectType object_type = ObjectType::Table;
  bool missing_ok = false;
  std::vector<AlterTableCmd> cmds;
};

/// `CREATE TYPE name AS ENUM (...)`.
struct CreateEnumStmt : Stmt {
  CreateEnumStmt() : Stmt(StmtKind::CreateEnum) {}
  QualName type;
  std::vector<std::string> labels;
};

/// `CREATE TYPE name AS (field type, ...)`.
struct CreateCompositeStmt : Stmt {
  CreateCompositeStmt() : Stmt(StmtKind::CreateComposite) {}
  QualName type;
  std::vector<ColumnDef> fields;
};

/// `CREATE DOMAIN name AS type [constraints]`.
struct CreateDomainStmt : Stmt {
  CreateDomainStmt() : Stmt(StmtKind::CreateDomain) {}
  QualName domain;
  TypeName base;
  std::vector<Constraint> constraints;
};

/// `CREATE TYPE name AS RANGE (subtype = t, ...)`.
struct CreateRangeStmt : Stmt {
  CreateRangeStmt() : Stmt(StmtKind::CreateRange) {}
  QualName type;
  std::optional<TypeName> subtype;
  std::string multirange_name;  ///< `multirange_type_name = x`, or empty
};

/// `ALTER TYPE t ADD VALUE [IF NOT EXISTS] v [BEFORE|AFTER w]` / `RENAME VALUE`.
struct AlterEnumStmt : Stmt {
  AlterEnumStmt() : Stmt(StmtKind::AlterEnum) {}
  QualName type;
  std::string old_value;  ///< set for RENAME VALUE
  std::string new_value;
  std::string neighbor;  ///< BEFORE/AFTER target, or empty
  bool after = false;
  bool if_not_exists = false;
};

/// `ALTER ... RENAME [COLUMN|CONSTRAINT] x TO y` for every object type.
struct RenameStmt : Stmt {
  RenameStmt() : Stmt(StmtKind::Rename) {}
  ObjectType object_type = ObjectType::Other;    ///< what is renamed
  ObjectType relation_type = ObjectType::Other;  ///< for columns: the relation's type
  std::optional<QualName> relation;              ///< tables, views, columns, constraints
  std::optional<ObjectRef> object;               ///< types, schemas, functions, ...
  std::string subname;                           ///< old column/constraint/attribute name
  std::string new_name;
  bool missing_ok = false;
};

/// `ALTER <object> ... SET SCHEMA s`.
struct AlterObjectSchemaStmt : Stmt {
  AlterObjectSchemaStmt() : Stmt(StmtKind::AlterObjectSchema) {}
  ObjectType object_type = ObjectType::Other;
  std::optional<QualName> relation;
  std::optional<ObjectRef> object;
  std::string new_schema;
  bool missing_ok = false;
};

/// `DROP <type> [IF EXISTS] a, b [CASCADE]`.
struct DropStmt : Stmt {
  DropStmt() : Stmt(StmtKind::Drop) {}
  ObjectType object_type = ObjectType::Other;
  std::vector<ObjectRef> objects;
  bool missing_ok = false;
  bool cascade = false;
  bool concurrently = false;  ///< DROP INDEX CONCURRENTLY
};

/// `CREATE [OR REPLACE] FUNCTION|PROCEDURE`.
struct CreateFunctionStmt : Stmt {
  CreateFunctionStmt() : Stmt(StmtKind::CreateFunction) {}
  QualName name;
  bool is_procedure = false;
  bool replace = false;
  std::vector<FunctionParam> params;
  std::optional<TypeName> returns;  ///< absent for procedures and OUT-only functions
  std::string language;
  bool strict = false;    ///< STRICT / RETURNS NULL ON NULL INPUT
  char volatility = 'v';  ///< i immutable, s stable, v volatile
  /// `AS '...'` / `AS $$...$$`: the body's bytes in the file, when the literal holds them
  /// verbatim (dollar quotes, or single quotes without doubled quotes or backslashes).
  std::optional<Span> string_body;
  bool has_string_body = false;  ///< an `AS` string body, verbatim or not
  /// `BEGIN ATOMIC ... END`: its statements (parsed and checked at CREATE FUNCTION).
  std::vector<StmtPtr> atomic_body;
  /// `RETURN expr` (alone or in `BEGIN ATOMIC`): the returned expressions.
  std::vector<ExprPtr> body_returns;
};

/// `CREATE SEQUENCE`.
struct CreateSequenceStmt : Stmt {
  CreateSequenceStmt() : Stmt(StmtKind::CreateSequence) {}
  QualName sequence;
  bool if_not_exists = false;
  std::optional<TypeName> as_type;
};

/// `CREATE EXTENSION [IF NOT EXISTS] name [SCHEMA s] [CASCADE]`.
struct CreateExtensionStmt : Stmt {
  CreateExtensionStmt() : Stmt(StmtKind::CreateExtension) {}
  std::string name;
  std::string schema;
  bool if_not_exists = false;
  bool cascade = false;  ///< CASCADE: required extensions are created too
};

/// `COMMENT ON <object> IS 'text' | NULL`.
struct CommentStmt : Stmt {
  CommentStmt() : Stmt(StmtKind::Comment) {}
  ObjectType object_type = ObjectType::Other;
  ObjectRef object;
  std::optional<std::string> comment;  ///< nullopt for `IS NULL`
};

/// `CREATE [OR REPLACE] VIEW name [(cols)] AS query`.
struct CreateViewStmt : Stmt {
  CreateViewStmt() : Stmt(StmtKind::CreateView) {}
  QualName view;
  std::vector<std::string> column_names;
  bool replace = false;
  StmtPtr query;  ///< the defining query (a SelectStmt)
};

/// `CREATE TABLE x AS query` / `CREATE MATERIALIZED VIEW x AS query`.
struct CreateTableAsStmt : Stmt {
  CreateTableAsStmt() : Stmt(StmtKind::CreateTableAs) {}
  QualName table;
  bool materialized = false;
  bool if_not_exists = false;
  std::vector<std::string> column_names;
  StmtPtr query;  ///< the defining query (a SelectStmt)
};

/// `SET [LOCAL] name = value, ...` / `RESET name`.
struct VariableSetStmt : Stmt {
  VariableSetStmt() : Stmt(StmtKind::VariableSet) {}
  std::string name;                 ///< lowercase, e.g. "search_path"
  std::vector<std::string> values;  ///< literal or identifier values
  bool reset = false;               ///< RESET / SET ... TO DEFAULT
  bool is_local = false;
};

// ---------------------------------------------------------------- queries

/// `AS alias (col, ...)` on a FROM item.
struct Alias {
  std::string name;  ///< empty when there is no alias
  std::vector<std::string> columns;
};

struct SelectStmt;

/// One entry of a FROM clause.
struct FromItem {
  enum class Kind { Table, Subquery, Function, Join };
  explicit FromItem(Kind k) : kind(k) {}
  virtual ~FromItem() = default;
  Kind kind;
  Span span;
  Alias alias;
  bool lateral = false;
  template <class T>
  const T& as() const {
    return static_cast<const T&>(*this);
  }
};
using FromItemPtr = std::unique_ptr<FromItem>;

/// A table, view or CTE name in FROM.
struct TableRef : FromItem {
  TableRef() : FromItem(Kind::Table) {}
  QualName name;
  bool only = false;  ///< `ONLY t`
};

/// `(SELECT ...) AS s`.
struct SubqueryRef : FromItem {
  SubqueryRef() : FromItem(Kind::Subquery) {}
  StmtPtr query;
};

/// `f(...) [WITH ORDINALITY] AS x(cols)`, `ROWS FROM (...)`.
struct FunctionRef : FromItem {
  FunctionRef() : FromItem(Kind::Function) {}
  std::vector<ExprPtr> calls;
  bool ordinality = false;
  std::vector<ColumnDef> column_defs;  ///< `AS x(a int, b text)` for record functions
};

/// `a [NATURAL] {INNER|LEFT|RIGHT|FULL|CROSS} JOIN b {ON ...|USING (...)}`.
struct JoinRef : FromItem {
  enum class Type { Inner, Left, Right, Full };
  JoinRef() : FromItem(Kind::Join) {}
  Type type = Type::Inner;
  bool natural = false;
  FromItemPtr left;
  FromItemPtr right;
  ExprPtr on;  ///< null for CROSS JOIN, NATURAL and USING
  std::vector<std::string> using_columns;
};

/// A select-list entry, INSERT column or UPDATE SET target.
struct ResTarget {
  std::string name;                                ///< `AS name`, the INSERT/SET column
  ExprPtr value;                                   ///< null for INSERT column lists
  std::vector<IndirectionExpr::Step> indirection;  ///< `SET a[1] = ...`, `SET (a).f = ...`
  int32_t multi_index = 0;  ///< `SET (a, b) = (...)`: 1-based position, 0 otherwise
  int32_t multi_count = 0;  ///< `SET (a, b) = (...)`: the number of columns (2)
  /// `SET (a, b) = source`: the source's fields when it is a row (`(x, y)`, `ROW(x)`), -2 for
  /// a sub-SELECT, -1 for anything else (PostgreSQL rejects that); at `multi_source_span`.
  int32_t multi_source_fields = -1;
  Span multi_source_span;
  Span span;
};

/// `ORDER BY expr [ASC|DESC] [NULLS FIRST|LAST]`.
struct SortBy {
  ExprPtr expr;
  bool desc = false;
  Span span;
};

/// One `name [(cols)] AS [NOT] MATERIALIZED (query)` of a WITH clause.
struct CommonTableExpr {
  std::string name;
  std::vector<std::string> columns;
  StmtPtr query;
  Span span;
};

/// `WITH [RECURSIVE] ...`.
struct WithClause {
  bool recursive = false;
  std::vector<CommonTableExpr> ctes;
};

/// SELECT, VALUES, and UNION/INTERSECT/EXCEPT trees.
struct SelectStmt : Stmt {
  enum class SetOp { None, Union, Intersect, Except };
  SelectStmt() : Stmt(StmtKind::Select) {}
  std::optional<WithClause> with;
  bool distinct = false;
  std::vector<ExprPtr> distinct_on;
  std::vector<ResTarget> targets;
  std::vector<FromItemPtr> from;
  ExprPtr where;
  std::vector<ExprPtr> group_by;
  ExprPtr having;
  std::vector<std::vector<ExprPtr>> values;  ///< VALUES rows
  std::vector<SortBy> order_by;
  ExprPtr limit;
  ExprPtr offset;
  /// The first row-locking clause as PostgreSQL names it ("FOR UPDATE", "FOR NO KEY UPDATE",
  /// "FOR SHARE", "FOR KEY SHARE"); empty without one.
  std::string locking;
  SetOp set_op = SetOp::None;
  bool all = false;
  std::unique_ptr<SelectStmt> left;
  std::unique_ptr<SelectStmt> right;
};

/// `ON CONFLICT [(cols)] DO NOTHING | DO UPDATE SET ... [WHERE ...]`.
struct OnConflict {
  bool update = false;
  Span span;        ///< the `ON CONFLICT` keywords
  Span infer_span;  ///< the inference clause (`(cols)` or `ON CONSTRAINT`), where PostgreSQL
                    ///< reports its unknown columns
  std::vector<std::string> columns;
  bool has_expressions = false;  ///< the target lists an expression, `(lower(email))`
  bool has_where = false;        ///< `(cols) WHERE predicate`: a partial index may match
  std::string constraint;
  std::vector<ResTarget> set;
  ExprPtr where;
};

/// `INSERT INTO t [AS a] (cols) {VALUES ... | SELECT ... | DEFAULT VALUES}`.
struct InsertStmt : Stmt {
  InsertStmt() : Stmt(StmtKind::Insert) {}
  std::optional<WithClause> with;
  QualName table;
  std::string alias;
  std::vector<ResTarget> columns;
  std::unique_ptr<SelectStmt> source;  ///< null for DEFAULT VALUES
  char overriding = 0;                 ///< 's' `OVERRIDING SYSTEM VALUE`, 'u' `... USER VALUE`
  std::optional<OnConflict> on_conflict;
  std::vector<ResTarget> returning;
};

/// `UPDATE t [AS a] SET ... [FROM ...] [WHERE ...] [RETURNING ...]`.
struct UpdateStmt : Stmt {
  UpdateStmt() : Stmt(StmtKind::Update) {}
  std::optional<WithClause> with;
  QualName table;
  std::string alias;
  std::vector<ResTarget> set;
  std::vector<FromItemPtr> from;
  ExprPtr where;
  std::vector<ResTarget> returning;
};

/// `DELETE FROM t [AS a] [USING ...] [WHERE ...] [RETURNING ...]`.
struct DeleteStmt : Stmt {
  DeleteStmt() : Stmt(StmtKind::Delete) {}
  std::optional<WithClause> with;
  QualName table;
  std::string alias;
  std::vector<FromItemPtr> using_items;
  ExprPtr where;
  std::vector<ResTarget> returning;
};

/// `CREATE [UNIQUE] INDEX`: what the catalog keeps of it (ON CONFLICT infers its arbiter from
/// the unique ones).
struct IndexDef {
  std::string name;  ///< "" when PostgreSQL picks the name
  QualName table;
  bool unique = false;
  bool if_not_exists = false;
  std::vector<std::string> columns;  ///< the key columns named plainly
  bool has_expressions = false;      ///< a key is an expression
  bool partial = false;              ///< `WHERE predicate`
};

/// Any statement sqlgen does not model (indexes, triggers, grants, ...). For TRUNCATE, LOCK,
/// VACUUM/ANALYZE and REFRESH MATERIALIZED VIEW the relations they name; for CALL the call;
/// for CREATE INDEX its definition.
struct OtherStmt : Stmt {
  OtherStmt() : Stmt(StmtKind::Other) {}
  std::vector<QualName> relations;
  ExprPtr call;  ///< `CALL p(...)`: the FuncCallExpr
  std::optional<IndexDef> index;
  /// CONCURRENTLY: CREATE INDEX, REINDEX, REFRESH MATERIALIZED VIEW.
  bool concurrently = false;
  bool vacuum = false;  ///< a VacuumStmt that vacuums (not ANALYZE alone)
};

}  // namespace sqlgen::parse
