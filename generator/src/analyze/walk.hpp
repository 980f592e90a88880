#pragma once
// Visiting every expression of a statement, including those inside subqueries, CTEs, FROM
// functions and joins (used by analyze/ and vet/).

#include <functional>

#include "parse/ast.hpp"

namespace sqlgen::analyze {

/// Called for each expression, parents before children.
using ExprVisitor = std::function<void(const parse::Expr&)>;

/// Visits every expression of `stmt` and of the statements nested in it.
void walk_stmt(const parse::Stmt& stmt, const ExprVisitor& fn);
/// Visits `expr` and every expression below it (subqueries included).
void walk_expr(const parse::Expr* expr, const ExprVisitor& fn);

}  // namespace sqlgen::analyze
