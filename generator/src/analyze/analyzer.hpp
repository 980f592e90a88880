#pragma once
// Internal to analyze/: the state of analyzing one query — scopes of FROM
// items (the model is scope.hpp's), parameter types, edits to the SQL — shared by
// infer_*.cpp, select.cpp and dml.cpp.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyze/analyze.hpp"
#include "analyze/params.hpp"
#include "analyze/scope.hpp"
#include "parse/ast.hpp"

namespace sqlgen::analyze {

struct VariantPlan;  // variants.hpp

/// The type and nullability of an expression.
struct Typed {
  ExprType type;
  bool nullable = true;
  const Col* origin = nullptr;  ///< the scope column a plain column reference names
  bool is_param = false;        ///< an untyped parameter or literal to bind later
};

/// Of type `unknown`: an untyped literal, NULL or parameter.
inline bool is_unknown(const Typed& t) { return t.type.oid == pseudo_oid::k_unknown_oid; }

/// Analyzes one statement of one query.
class Analyzer {
 public:
  Analyzer(const catalog::Catalog& cat, const source::Query& query, const AnalyzeOptions& opts,
           diag::DiagnosticEngine& diags);

  AnalyzedQuery run();
  /// run() takes the query's statements (and what parsing reported) from `parsed` instead of
  /// parsing them; consumed by run().
  void use_parsed(ParsedQuery* parsed) { m_parsed = parsed; }
  /// Analyzes the query as one SQL variant of a query with optional parameters or sorts (its
  /// source is the variant's text): `edits` (what is left out, the sort chosen) replace the
  /// edits inside them in the SQL sent, and no variants are planned again.
  void as_variant(std::vector<Edit> edits) {
    m_variant = true;
    m_variant_edits = std::move(edits);
  }
  /// The columns of a view's defining query, or nullopt when it had errors (reported).
  std::optional<catalog::BoundView> bind_view(const parse::Stmt& query);

  // select.cpp
  /// `keep_unknown`: a set operation's branch leaves untyped literals for the
  /// common type (elsewhere an unknown output column becomes text).
  std::vector<Col> select(const parse::SelectStmt& s, const Scope* parent,
                          std::vector<ResultColumn>* out = nullptr, bool keep_unknown = false);
  void add_from(const parse::FromItem& item, Scope& scope, const Scope* parent);
  /// A table, view or CTE in FROM; false (reported) when it does not exist.
  bool from_table(const parse::TableRef& t, Scope& scope, RangeEntry& entry);
  void from_subquery(const parse::SubqueryRef& sq, bool lateral, Scope& scope, RangeEntry& entry);
  void from_function(const parse::FunctionRef& fr, const parse::Alias& alias, Scope& scope,
                     RangeEntry& entry);
  /// The result columns of one call `f` (typed `t`) of a function in FROM.
  void function_cols(const parse::FunctionRef& fr, const parse::FuncCallExpr& f, const Typed& t,
                     Scope& scope, std::vector<Col>& cols);
  /// Both sides of a join, null-extended as its type says, USING/NATURAL columns merged, ON.
  void add_join(const parse::JoinRef& j, Scope& scope, const Scope* parent);
  std::vector<Col> statement_columns(const parse::Stmt& s, const Scope* parent);
  /// Types LIMIT and OFFSET (bigint) and checks them.
  void limit_offset(const parse::SelectStmt& s, Scope& scope);
  void add_ctes(const std::optional<parse::WithClause>& with, Scope& scope, const Scope* parent);
  /// UNION / INTERSECT / EXCEPT: both branches, their columns' common types.
  std::vector<Col> set_operation(const parse::SelectStmt& s, Scope& scope,
                                 std::vector<ResultColumn>* out, bool keep_unknown);
  /// A VALUES list: rows of one length, each column's common type.
  std::vector<Col> values_list(const parse::SelectStmt& s, Scope& scope,
                               std::vector<ResultColumn>* out, bool keep_unknown);
  std::vector<Col> target_list(const std::vector<parse::ResTarget>& targets, Scope& scope,
                               std::vector<ResultColumn>* out, bool keep_unknown = false);
  /// The columns a select list is building, and where its result columns go.
  struct TargetList {
    std::vector<Col> cols;
    std::vector<ResultColumn>* out = nullptr;
    bool keep_unknown = false;  ///< see select()
  };
  /// Adds one output column (`embed`: the entry of the `sqlgen.embed()` it comes from).
  void emit_column(TargetList& list, const Col& c, bool nullable, const RangeEntry* embed);
  /// Adds the columns of entry `e` (for `*`, `t.*` and embeds), appending `e.c` for each to
  /// `sql`, the text that replaces the star.
  void expand_entry(TargetList& list, const RangeEntry& e, const Scope& scope, bool skip_merged,
                    std::string& sql, bool embed);
  /// `*` or `t.*` in a select list, replaced by its columns in the SQL sent.
  void target_star(TargetList& list, const parse::Expr& v, const Scope& scope);
  /// `(p).*`: the fields of a composite value, each a column named after its field.
  void target_fields(TargetList& list, const parse::Expr& v, Scope& scope);
  /// `sqlgen.embed(t)`: t's columns, marked as its struct's.
  void target_embed(TargetList& list, const parse::Expr& v, const Scope& scope);
  // dml.cpp
  /// The column of the DML target `t` names (INSERT columns, SET); reported with a hint
  /// when there is none.
  const Col* target_column(const RangeEntry& target, const parse::ResTarget& t,
                           const std::string& table);
  std::vector<Col> insert(const parse::InsertStmt& s, const Scope* parent,
                          std::vector<ResultColumn>* out);
  /// INSERT's VALUES rows or SELECT, typed by the columns `cols` they fill; false after an
  /// error that ends the statement.
  bool insert_source(const parse::SelectStmt& source, const std::vector<const Col*>& cols,
                     Scope& scope);
  /// ON CONFLICT DO UPDATE: its SET and WHERE, with `excluded` in scope; false after an error
  /// that ends the statement.
  bool on_conflict_update(const parse::OnConflict& c, const RangeEntry& target,
                          const catalog::Relation& rel, Scope& scope);
  std::vector<Col> update(const parse::UpdateStmt& s, const Scope* parent,
                          std::vector<ResultColumn>* out);
  /// Utility statements under a name (TRUNCATE, CALL, DO, REFRESH, NOTIFY, SET, DDL, ...):
  /// no columns; the relations they name are checked and CALL's arguments typed.
  void utility(const parse::Stmt& s);
  std::vector<Col> delete_(const parse::DeleteStmt& s, const Scope* parent,
                           std::vector<ResultColumn>* out);
  /// A RETURNING list: result columns (no aggregates or window functions).
  std::vector<Col> returning(const std::vector<parse::ResTarget>& targets, Scope& scope,
                             std::vector<ResultColumn>* out);
  /// The CTEs and the target table of INSERT/UPDATE/DELETE; false after an error.
  bool dml_target(const parse::QualName& table, const std::string& alias,
                  const std::optional<parse::WithClause>& with, Scope& scope, const Scope* parent,
                  RangeEntry& target, const catalog::Relation** rel);
  // infer.cpp: typing one expression, one function per kind (infer_expr), dispatched by infer
  Typed infer(const parse::Expr& e, Scope& scope);
  /// A parameter (`$1`, `@name`, `sqlc.arg(x)`), also under its own casts (`@name::type`).
  Typed infer_param(const parse::Expr& e, int n);
  Typed infer_expr(const parse::ColumnRefExpr& c, Scope& scope);
  Typed infer_expr(const parse::ConstExpr& c);
  Typed infer_expr(const parse::FuncCallExpr& f, Scope& scope);
  Typed infer_expr(const parse::TypeCastExpr& c, Scope& scope);
  Typed infer_expr(const parse::CaseExpr& c, Scope& scope);
  Typed infer_expr(const parse::ArrayExpr& arr, Scope& scope);
  Typed infer_expr(const parse::IndirectionExpr& ind, Scope& scope);
  /// COALESCE, GREATEST and LEAST (`ctx`): the common type of `list`.
  Typed infer_common(const std::vector<parse::ExprPtr>& list, const char* ctx, parse::Span span,
                     Scope& scope);
  /// What resolve_function needs to know of a call besides its name and argument types.
  CallFlags call_flags(const parse::FuncCallExpr& f) const;
  /// Whether a call to `m` may return NULL (`any_null`: some argument may be NULL).
  static bool call_nullable(const parse::FuncCallExpr& f, const FunctionMatch& m, bool any_null);
  /// The type of field `name` of a composite type (or a table's row type).
  std::optional<ExprType> field_type(ExprType composite, const std::string& name) const;
  // infer_operators.cpp
  Typed infer_expr(const parse::AExpr& a, Scope& scope);
  Typed infer_expr(const parse::BoolExpr& b, Scope& scope);
  Typed infer_expr(const parse::SubLinkExpr& s, Scope& scope);
  /// Row comparisons (`(a, b) < (x, y)`, `(a, b) = (SELECT ...)`, `(a, b) IN ((..), (..))`);
  /// nullopt when `a` is not one.
  std::optional<Typed> infer_row_operator(const parse::AExpr& a, Scope& scope);
  Typed infer_any_all(const parse::AExpr& a, Scope& scope);
  Typed infer_nullif(const parse::AExpr& a, Scope& scope);
  Typed infer_in(const parse::AExpr& a, Scope& scope);
  Typed infer_between(const parse::AExpr& a, Scope& scope);
  /// Binary operator `op` (prefix when `l` is null) resolved as PostgreSQL's make_op does.
  /// `left`: the left operand already typed by the caller (IN, BETWEEN and CASE compare one
  /// operand with several others); an untyped parameter is typed again, as an earlier
  /// comparison may have bound it.
  Typed resolve_binary(const std::vector<std::string>& op, const parse::Expr* l,
                       const parse::Expr* r, parse::Span span, Scope& scope,
                       const Typed* left = nullptr);
  /// `(a, b) < (x, y)`: PostgreSQL's make_row_comparison_op compares field by field; each
  /// pair resolves like a binary operator and the result is boolean.
  Typed row_compare(const std::vector<std::string>& op, const parse::Expr& l, const parse::Expr& r,
                    parse::Span span, Scope& scope);
  /// `x IN (SELECT y ...)`, `(a, b) IN (SELECT x, y ...)`, `(a, b) = (SELECT x, y)`: one
  /// operator per column of the subquery.
  Typed row_vs_subquery(const std::vector<std::string>& op, const parse::Expr& test,
                        const std::vector<Col>& cols, parse::Span span, Scope& scope);
  /// Types `e` and coerces it to `target` (parameters and literals take it).
  Typed infer_as(const parse::Expr& e, Scope& scope, ExprType target, bool nullable_target);
  /// Types the elements of `ARRAY[...]` under a cast to an array of `elem` (nested
  /// `ARRAY[[...]]` dimensions too).
  void typed_array(const parse::ArrayExpr& arr, Scope& scope, ExprType elem);
  /// Gives an untyped parameter (or parameter under a cast) its type.
  void bind(const parse::Expr& e, ExprType type);
  /// Offers `name` as the name of `e` when it is a positional parameter (INSERT/SET columns,
  /// declared function arguments; priority 1 for a function's own name).
  void hint_param_name(const parse::Expr& e, const std::string& name, int priority = 0);
  /// Marks a parameter nullable (IS NULL comparisons, nullable targets, narg).
  void bind_nullable(const parse::Expr& e);
  std::string figure_name(const parse::Expr& e) const;
  /// Resolves a column reference; reports and returns null when it fails.
  std::optional<Typed> column_ref(const parse::ColumnRefExpr& c, const Scope& scope);
  void narrow(const parse::Expr* cond, Scope& scope);

  // check_*.cpp: what PostgreSQL's parse analysis rejects, with its wording and SQLSTATE
  /// The clause an expression sits in, for where aggregates and window functions may appear.
  enum class Clause {
    Select,
    Where,
    JoinOn,
    GroupBy,
    Having,
    Values,
    Update,
    Returning,
    Limit,
    Offset,
    Filter
  };
  // check_grouping.cpp
  /// Aggregates and window functions where `clause` forbids them, and nested calls.
  void check_calls(const parse::Expr* e, Clause clause, const Scope& scope);
  /// Whether `call` is an aggregate of `scope`'s level (PostgreSQL's agglevelsup 0: its
  /// arguments' columns are not all from outer levels).
  bool local_aggregate(const parse::Expr& call, const Scope& scope) const;
  /// An aggregate / a window call by what the call resolved to.
  bool is_aggregate_call(const parse::Expr& e) const;
  bool is_window_call(const parse::Expr& e) const;
  /// GROUP BY/ORDER BY positions, then ungrouped columns of a grouped SELECT (select list,
  /// ORDER BY, HAVING; functional dependency on a grouped primary key).
  void check_grouping(const parse::SelectStmt& s, const Scope& scope, const std::vector<Col>& cols);
  /// What a grouped SELECT groups by.
  struct Grouping {
    std::set<std::pair<size_t, std::string>> cols;  ///< (entry, column) of this level
    std::vector<const parse::Expr*> exprs;          ///< other expressions, matched structurally
    std::set<size_t> entries;  ///< entries whose primary key is grouped: every column is
    /// True when column `col` of entry `entry` may be used.
    bool has(size_t entry, const std::string& col) const {
      return entries.count(entry) || cols.count({entry, col});
    }
  };
  /// The GROUP BY of `s` (functional dependency on a grouped primary key included); nullopt
  /// when it is not modelled (GROUPING SETS, ROLLUP, CUBE, a position into `*`).
  std::optional<Grouping> grouping_of(const parse::SelectStmt& s, const Scope& scope) const;
  /// Reports the first ungrouped column `star` (`*`, `t.*`) expands to; true when one was.
  bool ungrouped_star(const parse::Expr& star, const Scope& scope, const Grouping& grouping);
  /// Reports the first ungrouped column of this level in `x` (not inside a grouped
  /// expression or an aggregate of this level); true when one was.
  bool ungrouped_in(const parse::Expr& x, const Scope& scope, const Grouping& grouping);
  /// The same in a subquery, where only plain columns of this level are looked at.
  bool ungrouped_in_subquery(const parse::Stmt& sub, const Scope& scope, const Grouping& grouping);
  /// FOR UPDATE/SHARE where PostgreSQL's CheckSelectLocking forbids it (set operations,
  /// DISTINCT, GROUP BY, HAVING, aggregates, window functions, set-returning functions in the
  /// select list), after the grouping checks as in transformSelectStmt.
  void check_locking(const parse::SelectStmt& s, const Scope& scope);
  /// What a SELECT's select list and ORDER BY call (PostgreSQL's hasAggs, hasWindowFuncs,
  /// hasTargetSRFs), which decide whether it is grouped and whether it may lock rows.
  struct CallsUsed {
    bool aggregates = false;   ///< of `scope`'s level (local_aggregate)
    bool windows = false;      ///< window functions
    bool target_srfs = false;  ///< set-returning functions in the select list
  };
  CallsUsed calls_used(const parse::SelectStmt& s, const Scope& scope) const;
  // check_sort.cpp
  /// ORDER BY positions out of range; of a set operation, only output columns.
  void check_order_by(const parse::SelectStmt& s, const Scope& scope, size_t ncols, bool set_op);
  /// DISTINCT vs ORDER BY, DISTINCT ON vs the leading ORDER BY items.
  void check_distinct(const parse::SelectStmt& s, const Scope& scope);
  /// The column a select-list cast to its operand's own type casts (PostgreSQL drops such a
  /// cast: `(t.x)::int` of an int column is `t.x`), or null.
  const parse::Expr* dropped_cast_operand(const parse::Expr* v);
  /// Whether `e` (an ORDER BY item) is a column that a `*`, `t.*` or sqlc.embed(t) of the
  /// select list covers: some entry those expand has a column of its name (so a JOIN USING
  /// column counts for either side and nothing PostgreSQL accepts is rejected).
  bool in_star_target(const parse::SelectStmt& s, const Scope& scope, const parse::Expr& e) const;
  /// SELECT DISTINCT needs an equality operator for every output column (json, xml and the
  /// geometric types have none: transformDistinctClause's "could not identify an equality
  /// operator").
  void check_distinct_equality(const parse::SelectStmt& s, const std::vector<Col>& cols);
  /// LIMIT/OFFSET must be coercible to bigint.
  void check_limit(const parse::Expr& e, const Typed& t, const char* clause);
  /// Whether two expressions of the same query level are the same (PostgreSQL's equal()).
  bool same_expr(const parse::Expr* a, const parse::Expr* b) const;
  bool same_exprs(const std::vector<parse::ExprPtr>& x, const std::vector<parse::ExprPtr>& y) const;
  /// Column references naming the same column (as bound, else as written).
  bool same_column_ref(const parse::Expr& a, const parse::Expr& b) const;
  bool same_call(const parse::Expr& a, const parse::Expr& b) const;
  bool same_case(const parse::CaseExpr& x, const parse::CaseExpr& y) const;
  bool same_indirection(const parse::IndirectionExpr& x, const parse::IndirectionExpr& y) const;
  /// The select-list entry a bare name or position of ORDER BY / DISTINCT ON / GROUP BY
  /// names (PostgreSQL's findTargetlistEntrySQL92), or -1; `group_by`: FROM columns win.
  int target_ref(const parse::SelectStmt& s, const Scope& scope, const parse::Expr& e,
                 bool group_by) const;
  // check_literals.cpp
  /// An untyped string literal coerced to `target` must pass the type's input function.
  void check_literal(const parse::Expr& e, ExprType target);
  // check_writes.cpp
  /// INSERT: duplicate columns, VALUES lists of one length, as many values as columns.
  bool check_insert(const parse::InsertStmt& s, const std::vector<const Col*>& cols);
  /// INSERT: generated and GENERATED ALWAYS identity columns given a value (the rewriter's
  /// check, so after the rest of the statement).
  void check_insert_defaults(const parse::InsertStmt& s, const std::vector<const Col*>& cols,
                             const catalog::Relation& rel);
  /// A value written to `col` must have a type with an assignment cast to the column's
  /// (transformAssignedExpr's "column is of type ... but expression is of type ...").
  /// An UPDATE / ON CONFLICT SET target's value typed as `target` (a `SET (a, b) = (SELECT
  /// ...)` sub-SELECT by its column for `t`), then checked assignable to `col`.
  void infer_assigned(const parse::ResTarget& t, Scope& scope, ExprType target, const Col& col);
  /// Reported at `value` (or at `at` when given: a column of `SET (a, b) = (SELECT ...)`).
  void check_assignable(const parse::Expr& value, const Col& col, const Typed& t,
                        parse::Span at = {});
  /// Where PostgreSQL reports a SET target's value: the value, or for `SET (a, b) =
  /// (SELECT x, y ...)` the sub-SELECT's output column of the target.
  parse::Span assigned_span(const parse::ResTarget& t) const;
  /// ON CONFLICT's target as parse analysis checks it (transformOnConflictArbiter): DO UPDATE
  /// needs one, its columns exist, ON CONSTRAINT names a constraint of the table.
  bool check_conflict_target(const parse::OnConflict& c, const RangeEntry& target,
                             const catalog::Relation& rel);
  /// ON CONFLICT's arbiter as the planner infers it (infer_arbiter_indexes): a constraint
  /// without an index, or columns no unique key matches. What fails at the first execution
  /// whatever the data.
  void check_conflict_arbiter(const parse::OnConflict& c, const catalog::Relation& rel);
  /// A view's query as the rewriter judges it (view_query_is_auto_updatable): "" when writes
  /// can go through to `base`, else PostgreSQL's DETAIL why not; marks the columns of `cols`
  /// (the view's) that are plain columns of the base relation.
  std::string view_not_updatable(const parse::Stmt& query, std::vector<catalog::Column>& cols,
                                 catalog::Oid& base);
  /// INSERT/UPDATE/DELETE on a view that is not
  /// automatically updatable, or writing `written` columns that are not updatable (the
  /// rewriter's errors, which PREPARE reports).
  enum class Write { Insert, Update, Delete };
  void check_view_write(const catalog::Relation& rel, Write command, parse::Span at,
                        const std::vector<parse::ResTarget>& written);
  /// UPDATE / ON CONFLICT SET: generated columns and columns assigned twice.
  void check_set(const std::vector<parse::ResTarget>& set, const catalog::Relation& rel);
  /// `SET (a, b) = source` (its first target): a row of as many fields as columns or a
  /// sub-SELECT (its width is not checked here), as PostgreSQL's transformMultiAssignRef.
  bool check_multi_assign(const parse::ResTarget& t);
  // cardinality.cpp
  /// Whether `stmt` returns exactly one row whatever the data (AnalyzedQuery::exactly_one_row).
  bool exactly_one_row(const parse::Stmt& stmt) const;
  /// The same for a SELECT or VALUES (also an INSERT's source).
  bool select_exactly_one_row(const parse::SelectStmt& s) const;
  /// Whether `pred` holds for an expression of `exprs` or below it at the same query level
  /// (not inside subqueries).
  bool any_call_of_this_level(const std::vector<const parse::Expr*>& exprs,
                              const std::function<bool(const parse::Expr&)>& pred) const;
  // check_params.cpp
  /// `sqlgen.slice(x)` typed as a single value (not in an array position).
  void check_slices();

  /// The FROM entry a column reference resolved to (for the grouping checks).
  struct ColumnUse {
    const Scope* scope = nullptr;
    size_t entry = 0;
    std::string column;
  };
  std::map<const parse::Expr*, ColumnUse> m_column_uses;
  /// Table columns the statement names (AnalyzedQuery::reads).
  std::vector<ColumnRead> m_reads;
  /// Records that the statement names table column `c` at `span` (nothing for other columns).
  void record_read(const Col& c, parse::Span span);
  /// The pg_proc kind of each resolved call ('f', 'a', 'w'; 's' a set-returning function).
  std::map<const parse::Expr*, char> m_call_kinds;
  /// `array_agg(t)`, `json_agg(t)`, `jsonb_agg(t)` calls whose argument is a table's or view's
  /// row: that row type (ResultColumn::rows_of).
  std::map<const parse::Expr*, catalog::Oid> m_row_lists;
  /// The row type a select-list value aggregates (ResultColumn::rows_of), else 0.
  catalog::Oid rows_of(const parse::Expr& v) const;
  /// `SET (a, b) = (SELECT ...)`: the sub-SELECT being typed for one of its columns (each SET
  /// target holds its own copy), the column's 1-based position and the number of columns.
  struct MultiSource {
    const parse::Expr* expr = nullptr;
    int32_t index = 0;
    int32_t count = 0;
  };
  MultiSource m_multi_source;
  /// Literals already checked against a type (reported once).
  std::set<const parse::Expr*> m_literals_checked;

  // shared
  void error(diag::DiagId id, parse::Span span, std::vector<std::string> args = {});
  /// error() with PostgreSQL's SQLSTATE for the same mistake.
  void reject(diag::DiagId id, parse::Span span, std::string sqlstate,
              std::vector<std::string> args = {});
  const catalog::Relation* find_relation(const parse::QualName& name);
  /// Inserts `schema.` before an unqualified name at `span` in the SQL sent.
  void qualify(const std::string& schema, parse::Span span);
  ExprType type_of(const catalog::TypeRef& t) const { return ExprType{t.oid, t.typmod}; }
  ExprType type_name(const parse::TypeName& tn);
  std::string quote(const std::string& ident) const;
  const diag::SourcePtr& source() const { return m_query.source; }

  std::vector<Edit> m_edits;
  bool m_failed = false;
  int m_quiet = 0;              ///< > 0 while retyping what was already typed: nothing reported
  bool m_binding_cast = false;  ///< bind() called for a parameter's own cast

 private:
  // analyze.cpp: the steps of run()
  /// Analyzes the statement by kind into `out.columns`; a command that needs rows from a
  /// statement that returns none is an error.
  void statement(const parse::Stmt& stmt, AnalyzedQuery& out);
  /// `out.params`: every number from 1 to the highest, typed, named and with nullability.
  void result_params(const parse::Stmt& stmt, AnalyzedQuery& out);
  /// `-- @nullable name` / `-- @not-null name` (a column, else a parameter).
  void apply_annotations(AnalyzedQuery& out);

  const catalog::Catalog& m_cat;
  const source::Query& m_query;
  AnalyzeOptions m_opts;
  diag::DiagnosticEngine& m_diags;
  std::vector<std::string> m_search_path;
  ParamPlan m_plan;
  struct ParamState {
    ExprType type;
    bool typed = false;
    bool nullable = false;
    const parse::Expr* typed_at = nullptr;
  };
  std::map<int, ParamState> m_params;
  NameHints m_name_hints;
  const parse::Expr* m_procedure_call = nullptr;  ///< the call of a CALL statement
  ParsedQuery* m_parsed = nullptr;                ///< see use_parsed
  bool m_variant = false;                         ///< see as_variant
  std::vector<Edit> m_variant_edits;

  /// run() for a query with optional parameters or sorts: each variant analyzed (variants.cpp).
  AnalyzedQuery run_variants(const VariantPlan& plan);

 public:
  /// The `$n` of a parameter node, or 0.
  int param_number(const parse::Expr& e) const;
  const ParamPlan& plan() const { return m_plan; }
};

}  // namespace sqlgen::analyze
