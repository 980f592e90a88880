#pragma once
/// The analyze stage's public header: for each named query, its result
/// columns and parameters with PostgreSQL's types and sqlgen's nullability,
/// and the SQL sent to the server (`$n` parameters, stars expanded).

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "analyze/types.hpp"
#include "catalog/catalog.hpp"
#include "diag/diag.hpp"
#include "parse/ast.hpp"
#include "source/query_file.hpp"

namespace sqlgen::analyze {

/// A result column.
struct ResultColumn {
  std::string name;
  ExprType type;
  bool not_null = false;
  std::string table;         ///< the column's table when it is a plain table column
  std::string table_schema;  ///< its schema
  std::string embed;         ///< set for columns of `sqlgen.embed(table)`: the table's name
  std::string embed_schema;
  bool embed_nullable = false;  ///< the embedded table is on the nullable side of a join
  /// `array_agg(t)`, `json_agg(t)` or `jsonb_agg(t)` of the rows of a table or view (ORDER BY,
  /// FILTER and a COALESCE around it allowed): that row type's oid, else 0. The generated code
  /// reads such a column as a list of the table's struct (NULL: an empty list).
  catalog::Oid rows_of = 0;
};

/// A parameter `$n`.
struct ResultParam {
  int number = 0;
  std::string name;  ///< from `@name` / `sqlgen.arg(name)`; empty for `$n`
  ExprType type;
  bool not_null = true;
  bool slice = false;
  /// `-- @optional name` or `sqlgen.opt(name)`: the caller may leave it empty, and the AND term
  /// using it is then left out (AnalyzedQuery::variants).
  bool optional = false;
};

/// `ORDER BY sqlgen.sort(name: col, ...)`: the caller chooses a column and a direction.
struct QuerySort {
  std::string name;
  std::vector<std::string> columns;  ///< as PostgreSQL reads their names (the last part)
};

/// A table or view column the statement names: a column reference, a column a `*` expands to,
/// an INSERT or UPDATE target (vet's rules on dropped and renamed columns read these).
struct ColumnRead {
  std::string schema;
  std::string table;
  std::string column;
  uint32_t offset = 0;  ///< where the statement names it, in the query file
  uint32_t length = 0;
};

/// One analyzed query.
struct AnalyzedQuery {
  std::string name;
  source::QueryCommand command = source::QueryCommand::Exec;
  std::string module;
  std::string file;
  uint32_t line = 0;
  std::vector<std::string> doc;
  std::string sql;  ///< what is sent to the server
  std::vector<ResultColumn> columns;
  std::vector<ResultParam> params;
  /// The statement returns exactly one row whatever the data (an aggregate without GROUP BY or
  /// HAVING, expressions without FROM or WHERE, INSERT of one row ... RETURNING without ON
  /// CONFLICT DO NOTHING; cardinality.cpp): a `:one` returns it without std::optional.
  bool exactly_one_row = false;
  /// Every table column the statement names, in the order the analysis met them (repeats kept).
  std::vector<ColumnRead> reads;
  bool ok = false;  ///< false when the query had errors
  /// The sorts the caller chooses, in the order they are written.
  std::vector<QuerySort> sorts;
  /// With optional parameters or sorts, the SQL of every variant, each analyzed on its own (empty
  /// otherwise; `sql` is then the variant with every optional parameter set and each sort's
  /// first column ascending). Variant index: the mask of the set optional parameters (bit i: the
  /// i-th in parameter order) + 2^k × the sorts' choices, each `2 × column + descending` (0
  /// ascending, 1 descending), the first sort varying fastest.
  std::vector<std::string> variants;
};

/// Settings of one module.
struct AnalyzeOptions {
  std::vector<std::string> search_path;  ///< empty: the catalog's default
  std::string module;
  /// false (sqlc's `strict_function_checks: false`): a call of a function whose name the
  /// schema does not know is a warning and has type `unknown`, not an error.
  bool strict_function_checks = true;
};

/// A query's statement parsed before its analysis (parse_query), e.g. on another core while
/// the catalog is built: the statements and what parsing reported.
struct ParsedQuery {
  std::vector<parse::StmtPtr> stmts;
  std::vector<diag::Diagnostic> diagnostics;
  /// Parsed with its whole file (parse::split_and_parse), not by parse_query: the text as
  /// written, its `sqlgen.sort(...)` calls not looked at yet.
  bool from_file_parse = false;
};

/// Parses `query`'s statement as analyze_query would; needs no catalog.
ParsedQuery parse_query(const source::Query& query);

/// Analyzes one query; problems are reported at their place in the query file. With `parsed`
/// (parse_query's result for this query: its diagnostics taken, its statements read in place
/// and left there, to be freed with it), the statement is not parsed again.
AnalyzedQuery analyze_query(const catalog::Catalog& cat, const source::Query& query,
                            const AnalyzeOptions& opts, diag::DiagnosticEngine& diags,
                            ParsedQuery* parsed = nullptr);

/// The analyzer as the catalog's view binder: a view's (or CREATE TABLE AS's) query is
/// analyzed once, when the catalog applies it, with the search_path the migrations set;
/// errors are reported at the view's definition.
catalog::ViewBinder view_binder();

/// The `sqlgen analyze` JSON of one query (see the analyzer issue's contract).
nlohmann::json to_json(const catalog::Catalog& cat, const AnalyzedQuery& q);

}  // namespace sqlgen::analyze
