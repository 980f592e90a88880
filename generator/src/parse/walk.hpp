#pragma once
/// Visiting every expression of a statement, including those inside subqueries, CTEs, FROM
/// functions and joins: the one walker over the AST (used by catalog/, analyze/ and vet/).

#include <functional>

#include "parse/ast.hpp"

namespace sqlgen::parse {

/// Called for each expression, parents before children.
using ExprVisitor = std::function<void(const Expr&)>;

/// Called for each statement, the outer one first, then those nested in it.
using StmtVisitor = std::function<void(const Stmt&)>;

/// Visits every expression of `stmt` and of the statements nested in it, clause by clause in
/// the order sqlc's rewriter visits them (the order sqlc numbers named parameters in).
void walk_stmt(const Stmt& stmt, const ExprVisitor& fn);
/// Same, and calls `stmt_fn` for `stmt` and for each nested statement before its expressions.
void walk_stmt(const Stmt& stmt, const ExprVisitor& fn, const StmtVisitor& stmt_fn);
/// Visits `expr` and every expression below it (subqueries included).
void walk_expr(const Expr* expr, const ExprVisitor& fn);
/// Calls `fn` for each direct sub-expression of `expr` at its own query level: a SubLink's
/// test, never the expressions of its subquery.
void for_each_child(const Expr& expr, const ExprVisitor& fn);

}  // namespace sqlgen::parse
