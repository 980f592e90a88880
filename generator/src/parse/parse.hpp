#pragma once
/// The parse stage's public header: SQL text → sqlgen's AST, with syntax
/// errors reported as diagnostics at the right line and column of the file.
/// Thread-safe: files may be parsed in parallel.

#include <optional>
#include <string_view>
#include <vector>

#include "diag/diag.hpp"
#include "parse/ast.hpp"
#include "parse/split.hpp"

namespace sqlgen::parse {

/// Parses the statements in `range` of `source` (usually one). On a syntax
/// error reports err_syntax at the error's position and returns nothing.
std::vector<StmtPtr> parse_range(const diag::SourcePtr& source, StatementRange range,
                                 diag::DiagnosticEngine& diags);

/// A statement range parsed: what parse_range returns for it, or nullopt when it is parse_range's
/// to parse (and to report what it finds).
using ParsedRange = std::optional<std::vector<StmtPtr>>;

/// A text split into statements and parsed by one parse of libpg_query (split_and_parse).
struct SplitParse {
  /// The statements, as split_statements finds them in the text, at their offsets in the file.
  std::vector<StatementRange> ranges;
  /// The whole text parses, so the parser split it (split_statements' `parsed`).
  bool parsed = false;
  /// When `parsed`, one entry per range: what parse_range(source, range) returns, or nullopt
  /// where parse_range would report something (a statement nested too deep), or could parse
  /// other bytes (see split_and_parse): such a statement is parse_range's to parse and report.
  /// Empty when the text does not parse: then every statement is parse_range's.
  std::vector<ParsedRange> stmts;
};

/// split_statements and parse_range of each statement in one parse: the text's parse tree gives
/// both the statement ranges and the statements. `text` holds the bytes at `offset` of
/// `source`'s text (or a copy of them with lines blanked, as plain schema files' psql
/// meta-commands are: a statement whose bytes differ from the file's is then left to
/// parse_range). Reports nothing: on a syntax error anywhere, the text is split as
/// split_statements splits it and each statement is parse_range's, which reports its errors.
SplitParse split_and_parse(const diag::SourcePtr& source, uint32_t offset, std::string_view text);

/// Splits and parses a whole file; statements with syntax errors are
/// reported and skipped, the others are returned in order.
std::vector<StmtPtr> parse_file(const diag::SourcePtr& source, diag::DiagnosticEngine& diags);

/// Parses a standalone expression text (e.g. a view's column default) by
/// wrapping it in SELECT; offsets are relative to `source` plus `offset`.
ExprPtr parse_expression(const diag::SourcePtr& source, uint32_t offset, uint32_t length,
                         diag::DiagnosticEngine& diags);

/// Whether the commonest defaults (`now()`, `0`, `''`, `false`, ...) are deparsed by sqlgen's
/// shortcut rather than PostgreSQL's deparser (on by default; tests turn it off to compare).
/// Not thread-safe: set it before parsing.
void set_deparse_shortcuts(bool on);

/// A short name of a statement kind for listings ("CreateStmt" → "create table").
std::string describe(const Stmt& stmt);

}  // namespace sqlgen::parse
