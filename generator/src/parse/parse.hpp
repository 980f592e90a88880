#pragma once
/// The parse stage's public header: SQL text → sqlgen's AST, with syntax
/// errors reported as diagnostics at the right line and column of the file.
/// Thread-safe: files may be parsed in parallel.

#include <vector>

#include "diag/diag.hpp"
#include "parse/ast.hpp"
#include "parse/split.hpp"

namespace sqlgen::parse {

/// Parses the statements in `range` of `source` (usually one). On a syntax
/// error reports err_syntax at the error's position and returns nothing.
std::vector<StmtPtr> parse_range(const diag::SourcePtr& source, StatementRange range,
                                 diag::DiagnosticEngine& diags);

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
