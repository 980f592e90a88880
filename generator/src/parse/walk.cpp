#include "parse/walk.hpp"

namespace sqlgen::parse {

namespace {

/// The callbacks of one walk: every expression, and (optionally) every statement.
struct Visitors {
  const ExprVisitor* expr = nullptr;
  const StmtVisitor* stmt = nullptr;
};

void walk_expr(const Expr* e, const Visitors& fn);
void walk_stmt(const Stmt& stmt, const Visitors& fn);

void walk_targets(const std::vector<ResTarget>& targets, const Visitors& fn) {
  for (const ResTarget& t : targets) {
    walk_expr(t.value.get(), fn);
    for (const IndirectionExpr::Step& s : t.indirection) {
      walk_expr(s.lower.get(), fn);
      walk_expr(s.upper.get(), fn);
    }
  }
}

void walk_from(const FromItem* item, const Visitors& fn) {
  if (!item) return;
  switch (item->kind) {
    case FromItem::Kind::Table:
      break;
    case FromItem::Kind::Subquery:
      if (const auto& q = item->as<SubqueryRef>().query) walk_stmt(*q, fn);
      break;
    case FromItem::Kind::Function:
      for (const ExprPtr& c : item->as<FunctionRef>().calls) walk_expr(c.get(), fn);
      break;
    case FromItem::Kind::Join: {
      const auto& j = item->as<JoinRef>();
      walk_from(j.left.get(), fn);
      walk_from(j.right.get(), fn);
      walk_expr(j.on.get(), fn);
      break;
    }
  }
}

void walk_with(const std::optional<WithClause>& with, const Visitors& fn) {
  if (!with) return;
  for (const CommonTableExpr& cte : with->ctes) {
    if (cte.query) walk_stmt(*cte.query, fn);
  }
}

void walk_list(const std::vector<ExprPtr>& list, const Visitors& fn) {
  for (const ExprPtr& e : list) walk_expr(e.get(), fn);
}

void walk_expr(const Expr* e, const Visitors& fn) {
  if (!e) return;
  (*fn.expr)(*e);
  switch (e->kind) {
    case ExprKind::AExpr: {
      const auto& a = e->as<AExpr>();
      walk_expr(a.lhs.get(), fn);
      walk_expr(a.rhs.get(), fn);
      walk_list(a.list, fn);
      break;
    }
    case ExprKind::BoolExpr:
      walk_list(e->as<BoolExpr>().args, fn);
      break;
    case ExprKind::FuncCall:
      walk_list(e->as<FuncCallExpr>().args, fn);
      walk_expr(e->as<FuncCallExpr>().filter.get(), fn);
      break;
    case ExprKind::TypeCast:
      walk_expr(e->as<TypeCastExpr>().arg.get(), fn);
      break;
    case ExprKind::NullTest:
      walk_expr(e->as<NullTestExpr>().arg.get(), fn);
      break;
    case ExprKind::BooleanTest:
      walk_expr(e->as<BooleanTestExpr>().arg.get(), fn);
      break;
    case ExprKind::SubLink: {
      const auto& s = e->as<SubLinkExpr>();
      walk_expr(s.test.get(), fn);
      if (s.subselect) walk_stmt(*s.subselect, fn);
      break;
    }
    case ExprKind::Case: {
      const auto& c = e->as<CaseExpr>();
      walk_expr(c.arg.get(), fn);
      for (const auto& [when, then] : c.whens) {
        walk_expr(when.get(), fn);
        walk_expr(then.get(), fn);
      }
      walk_expr(c.default_result.get(), fn);
      break;
    }
    case ExprKind::Coalesce:
      walk_list(e->as<CoalesceExpr>().args, fn);
      break;
    case ExprKind::MinMax:
      walk_list(e->as<MinMaxExpr>().args, fn);
      break;
    case ExprKind::Array:
      walk_list(e->as<ArrayExpr>().elements, fn);
      break;
    case ExprKind::Indirection: {
      const auto& i = e->as<IndirectionExpr>();
      walk_expr(i.arg.get(), fn);
      for (const IndirectionExpr::Step& s : i.steps) {
        walk_expr(s.lower.get(), fn);
        walk_expr(s.upper.get(), fn);
      }
      break;
    }
    case ExprKind::Row:
      walk_list(e->as<RowExpr>().args, fn);
      break;
    case ExprKind::NamedArg:
      walk_expr(e->as<NamedArgExpr>().arg.get(), fn);
      break;
    case ExprKind::Collate:
      walk_expr(e->as<CollateExpr>().arg.get(), fn);
      break;
    default:
      break;
  }
}

void walk_stmt(const Stmt& stmt, const Visitors& fn) {
  if (fn.stmt) (*fn.stmt)(stmt);
  switch (stmt.kind) {
    // The clauses in the order of the fields of sqlc's AST nodes, which its rewriter visits
    // (internal/sql/astutils/rewrite.go) and numbers named parameters in: a WITH clause after
    // the statement's own clauses, OFFSET before LIMIT, an UPDATE's FROM after its WHERE, a
    // set operation's ORDER BY and LIMIT before its branches.
    case StmtKind::Select: {
      const auto& s = stmt.as<SelectStmt>();
      walk_list(s.distinct_on, fn);
      walk_targets(s.targets, fn);
      for (const FromItemPtr& f : s.from) walk_from(f.get(), fn);
      walk_expr(s.where.get(), fn);
      walk_list(s.group_by, fn);
      walk_expr(s.having.get(), fn);
      for (const auto& row : s.values) walk_list(row, fn);
      for (const SortBy& o : s.order_by) walk_expr(o.expr.get(), fn);
      walk_expr(s.offset.get(), fn);
      walk_expr(s.limit.get(), fn);
      walk_with(s.with, fn);
      if (s.set_op != SelectStmt::SetOp::None) {
        if (s.left) walk_stmt(*s.left, fn);
        if (s.right) walk_stmt(*s.right, fn);
      }
      break;
    }
    case StmtKind::Insert: {
      const auto& s = stmt.as<InsertStmt>();
      if (s.source) walk_stmt(*s.source, fn);
      if (s.on_conflict) {
        walk_targets(s.on_conflict->set, fn);
        walk_expr(s.on_conflict->where.get(), fn);
      }
      walk_targets(s.returning, fn);
      walk_with(s.with, fn);
      break;
    }
    case StmtKind::Update: {
      const auto& s = stmt.as<UpdateStmt>();
      walk_targets(s.set, fn);
      walk_expr(s.where.get(), fn);
      for (const FromItemPtr& f : s.from) walk_from(f.get(), fn);
      walk_targets(s.returning, fn);
      walk_with(s.with, fn);
      break;
    }
    case StmtKind::Delete: {
      const auto& s = stmt.as<DeleteStmt>();
      for (const FromItemPtr& f : s.using_items) walk_from(f.get(), fn);
      walk_expr(s.where.get(), fn);
      walk_targets(s.returning, fn);
      walk_with(s.with, fn);
      break;
    }
    case StmtKind::Other:
      walk_expr(stmt.as<OtherStmt>().call.get(), fn);
      break;
    case StmtKind::CreateView:
      if (const auto& q = stmt.as<CreateViewStmt>().query) walk_stmt(*q, fn);
      break;
    case StmtKind::CreateTableAs:
      if (const auto& q = stmt.as<CreateTableAsStmt>().query) walk_stmt(*q, fn);
      break;
    default:
      break;
  }
}

}  // namespace

void walk_stmt(const Stmt& stmt, const ExprVisitor& fn) { walk_stmt(stmt, Visitors{&fn, nullptr}); }

void walk_stmt(const Stmt& stmt, const ExprVisitor& fn, const StmtVisitor& stmt_fn) {
  walk_stmt(stmt, Visitors{&fn, &stmt_fn});
}

void walk_expr(const Expr* expr, const ExprVisitor& fn) { walk_expr(expr, Visitors{&fn, nullptr}); }

void for_each_child(const Expr& expr, const ExprVisitor& fn) {
  auto one = [&](const ExprPtr& e) {
    if (e) fn(*e);
  };
  auto list = [&](const std::vector<ExprPtr>& l) {
    for (const ExprPtr& e : l) one(e);
  };
  switch (expr.kind) {
    case ExprKind::AExpr: {
      const auto& a = expr.as<AExpr>();
      one(a.lhs);
      one(a.rhs);
      list(a.list);
      break;
    }
    case ExprKind::BoolExpr:
      list(expr.as<BoolExpr>().args);
      break;
    case ExprKind::FuncCall:
      list(expr.as<FuncCallExpr>().args);
      one(expr.as<FuncCallExpr>().filter);
      break;
    case ExprKind::TypeCast:
      one(expr.as<TypeCastExpr>().arg);
      break;
    case ExprKind::NullTest:
      one(expr.as<NullTestExpr>().arg);
      break;
    case ExprKind::BooleanTest:
      one(expr.as<BooleanTestExpr>().arg);
      break;
    case ExprKind::SubLink:
      one(expr.as<SubLinkExpr>().test);
      break;
    case ExprKind::Case: {
      const auto& c = expr.as<CaseExpr>();
      one(c.arg);
      for (const auto& [when, then] : c.whens) {
        one(when);
        one(then);
      }
      one(c.default_result);
      break;
    }
    case ExprKind::Coalesce:
      list(expr.as<CoalesceExpr>().args);
      break;
    case ExprKind::MinMax:
      list(expr.as<MinMaxExpr>().args);
      break;
    case ExprKind::Array:
      list(expr.as<ArrayExpr>().elements);
      break;
    case ExprKind::Indirection: {
      const auto& i = expr.as<IndirectionExpr>();
      one(i.arg);
      for (const IndirectionExpr::Step& s : i.steps) {
        one(s.lower);
        one(s.upper);
      }
      break;
    }
    case ExprKind::Row:
      list(expr.as<RowExpr>().args);
      break;
    case ExprKind::NamedArg:
      one(expr.as<NamedArgExpr>().arg);
      break;
    case ExprKind::Collate:
      one(expr.as<CollateExpr>().arg);
      break;
    default:
      break;
  }
}

}  // namespace sqlgen::parse
