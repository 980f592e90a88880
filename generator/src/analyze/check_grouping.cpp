// Aggregates and window functions where PostgreSQL allows them, and the columns of grouped
// queries (parse_agg.c: check_agglevels_and_constraints, check_agg_arguments,
// parseCheckAggregates' ungrouped columns and functional dependency on a primary key).
#include <algorithm>

#include "analyze/analyzer.hpp"
#include "parse/walk.hpp"

namespace sqlgen::analyze {

namespace {

using namespace parse;
using Clause = Analyzer::Clause;

const char* clause_name(Clause c) {
  switch (c) {
    case Clause::Where:
      return "WHERE";
    case Clause::JoinOn:
      return "JOIN conditions";
    case Clause::GroupBy:
      return "GROUP BY";
    case Clause::Having:
      return "HAVING";
    case Clause::Values:
      return "VALUES";
    case Clause::Update:
      return "UPDATE";
    case Clause::Returning:
      return "RETURNING";
    case Clause::Limit:
      return "LIMIT";
    case Clause::Offset:
      return "OFFSET";
    case Clause::Select:
      return "SELECT";
    case Clause::Filter:
      return "FILTER";
  }
  return "";
}

bool aggregates_allowed(Clause c) { return c == Clause::Select || c == Clause::Having; }
bool srfs_allowed(Clause c) {
  return c == Clause::Select || c == Clause::GroupBy || c == Clause::Values;
}
bool windows_allowed(Clause c) { return c == Clause::Select; }

bool is_star(const ResTarget& t) {
  if (!t.value) return false;
  const Expr& v = *t.value;
  if (v.kind == ExprKind::ColumnRef) return v.as<ColumnRefExpr>().star;
  if (v.kind == ExprKind::Indirection) {
    const auto& steps = v.as<IndirectionExpr>().steps;
    return !steps.empty() && steps.back().kind == IndirectionExpr::Step::Kind::Star;
  }
  return v.kind == ExprKind::FuncCall && macro_name(v.as<FuncCallExpr>()) == "embed";
}

}  // namespace

bool Analyzer::is_aggregate_call(const Expr& e) const {
  if (e.kind != ExprKind::FuncCall) return false;
  auto it = m_call_kinds.find(&e);
  return it != m_call_kinds.end() && it->second == 'a' && !e.as<FuncCallExpr>().has_over;
}

bool Analyzer::is_window_call(const Expr& e) const {
  if (e.kind != ExprKind::FuncCall) return false;
  auto it = m_call_kinds.find(&e);
  return it != m_call_kinds.end() &&
         (it->second == 'w' || (it->second == 'a' && e.as<FuncCallExpr>().has_over));
}

bool Analyzer::local_aggregate(const Expr& call, const Scope& scope) const {
  // Only the columns an aggregate's arguments name decide its level: none (count(*)) or one
  // of this level makes it this level's; all from outer levels, an outer query's aggregate.
  bool local = false;
  bool outer = false;
  for_each_child(call, [&](const Expr& arg) {
    walk_expr(&arg, [&](const Expr& x) {
      auto it = m_column_uses.find(&x);
      if (it == m_column_uses.end()) return;
      if (it->second.scope == &scope) {
        local = true;
        return;
      }
      for (const Scope* p = scope.parent; p; p = p->parent) {
        if (it->second.scope == p) outer = true;
      }
    });
  });
  return local || !outer;
}

void Analyzer::check_calls(const Expr* e, Clause clause, const Scope& scope) {
  if (!e || m_failed) return;
  bool done = false;
  // Post-order, as PostgreSQL transforms arguments before the call: the innermost
  // offending call is the one reported. `around`: the nearest enclosing aggregate, window
  // call, CASE or COALESCE (which a set-returning function may not be inside).
  auto check_one = [&](const Expr& x, bool agg, bool win, int in_agg, int in_win) {
    if (!agg && !win) return;
    if (agg && !aggregates_allowed(clause)) {
      reject(diag::DiagId::err_aggregate_not_allowed, x.span, "42803", {clause_name(clause)});
    } else if (agg && in_agg > 0) {
      reject(diag::DiagId::err_aggregate_nested, x.span, "42803");
    } else if (win && !windows_allowed(clause)) {
      reject(diag::DiagId::err_window_not_allowed, x.span, "42P20", {clause_name(clause)});
    } else if (win && in_agg > 0) {
      reject(diag::DiagId::err_aggregate_contains_window, x.span, "42803");
    } else if (win && in_win > 0) {
      reject(diag::DiagId::err_window_nested, x.span, "42P20");
    } else {
      return;
    }
    done = true;
  };
  std::function<void(const Expr&, int, int, const char*)> visit = [&](const Expr& x, int in_agg,
                                                                      int in_win,
                                                                      const char* around) {
    if (done) return;
    bool agg = is_aggregate_call(x) && local_aggregate(x, scope);
    bool win = is_window_call(x);
    auto kind = m_call_kinds.find(&x);
    bool srf = kind != m_call_kinds.end() && kind->second == 's';
    const char* inner = agg                            ? "aggregate"
                        : win                          ? "window"
                        : x.kind == ExprKind::Case     ? "CASE"
                        : x.kind == ExprKind::Coalesce ? "COALESCE"
                                                       : around;
    const Expr* filter = x.kind == ExprKind::FuncCall ? x.as<FuncCallExpr>().filter.get() : nullptr;
    for_each_child(x, [&](const Expr& c) {
      if (&c != filter) visit(c, in_agg + (agg ? 1 : 0), in_win + (win ? 1 : 0), inner);
    });
    if (done) return;
    if (filter) {  // its own clause: no aggregate, window or set-returning call in it
      check_calls(filter, Clause::Filter, scope);
      if (m_failed) {
        done = true;
        return;
      }
    }
    if (srf) {
      std::string where = around ? around : "";
      if (!srfs_allowed(clause)) {
        reject(diag::DiagId::err_srf_not_allowed, x.span, "0A000", {clause_name(clause)});
      } else if (where == "aggregate" || where == "window") {
        reject(diag::DiagId::err_call_contains_srf, x.span, "0A000", {where});
      } else if (!where.empty()) {
        reject(diag::DiagId::err_srf_not_allowed, x.span, "0A000", {where});
      } else {
        return;
      }
      done = true;
      return;
    }
    check_one(x, agg, win, in_agg, in_win);
  };
  visit(*e, 0, 0, nullptr);
}

void Analyzer::check_grouping(const SelectStmt& s, const Scope& scope,
                              const std::vector<Col>& cols) {
  if (m_failed || scope.broken) return;
  // GROUP BY positions (ORDER BY's are checked with the sort clauses).
  for (const ExprPtr& g : s.group_by) {
    if (!g || g->kind != ExprKind::Const || g->as<ConstExpr>().type != ConstExpr::Type::Integer) {
      continue;
    }
    long long pos = std::stoll(g->as<ConstExpr>().text);
    if (pos < 1 || pos > static_cast<long long>(cols.size())) {
      reject(diag::DiagId::err_position_not_in_select, g->span, "42P10",
             {"GROUP BY", g->as<ConstExpr>().text});
      return;
    }
  }
  // Grouped: GROUP BY, HAVING, or an aggregate of this level in the select list / ORDER BY.
  if (s.group_by.empty() && !s.having && !calls_used(s, scope).aggregates) return;
  std::optional<Grouping> grouping = grouping_of(s, scope);
  if (!grouping) return;

  // The select list (a `*` is checked column by column, at the star), then ORDER BY items that
  // are not select-list entries, then HAVING: PostgreSQL's order. The first ungrouped column
  // is reported.
  for (const ResTarget& t : s.targets) {
    if (!t.value) break;
    const Expr& v = *t.value;
    if (v.kind == ExprKind::ColumnRef && v.as<ColumnRefExpr>().star) {
      if (ungrouped_star(v, scope, *grouping)) return;
      continue;
    }
    if (is_star(t)) continue;
    if (ungrouped_in(v, scope, *grouping)) return;
  }
  for (const SortBy& o : s.order_by) {
    if (!o.expr) break;
    if (target_ref(s, scope, *o.expr, false) != -1) continue;
    if (ungrouped_in(*o.expr, scope, *grouping)) return;
  }
  if (s.having) ungrouped_in(*s.having, scope, *grouping);
}

std::optional<Analyzer::Grouping> Analyzer::grouping_of(const SelectStmt& s,
                                                        const Scope& scope) const {
  bool has_star = std::any_of(s.targets.begin(), s.targets.end(), is_star);
  // What is grouped: columns of this level, and other expressions matched structurally.
  Grouping out;
  for (const ExprPtr& g : s.group_by) {
    if (!g) continue;
    if (g->kind == ExprKind::Unsupported) return std::nullopt;  // GROUPING SETS, ...: not modelled
    const Expr* ge = g.get();
    int t = target_ref(s, scope, *g, true);
    if (t == -2 || (t >= 0 && has_star)) return std::nullopt;  // a position into `*`
    if (t >= 0) ge = s.targets[static_cast<size_t>(t)].value.get();
    if (!ge) return std::nullopt;
    auto use = m_column_uses.find(ge);
    if (ge->kind == ExprKind::ColumnRef && use != m_column_uses.end() &&
        use->second.scope == &scope) {
      out.cols.emplace(use->second.entry, use->second.column);
    } else {
      out.exprs.push_back(ge);
    }
  }
  // Functional dependency: a table whose primary key columns are all grouped.
  for (size_t i = 0; i < scope.entries.size(); ++i) {
    const RangeEntry& e = scope.entries[i];
    // By the relation itself: a system catalog's row type is not among the built-in types.
    const catalog::Relation* rel = e.relation ? m_cat.relation(e.relation) : nullptr;
    if (!rel ||
        (rel->kind != catalog::RelKind::Table && rel->kind != catalog::RelKind::PartitionedTable)) {
      continue;
    }
    for (const catalog::TableConstraint& c : rel->constraints) {
      if (c.type != 'p' || c.columns.empty()) continue;
      bool all = std::all_of(c.columns.begin(), c.columns.end(), [&](const std::string& col) {
        return out.cols.count({i, col});
      });
      if (all) out.entries.insert(i);
    }
  }
  return out;
}

bool Analyzer::ungrouped_star(const Expr& star, const Scope& scope, const Grouping& grouping) {
  const auto& c = star.as<ColumnRefExpr>();
  for (size_t i = 0; i < scope.entries.size(); ++i) {
    const RangeEntry& e = scope.entries[i];
    if (!c.fields.empty() && e.name != c.fields.back()) continue;
    for (const Col& col : e.cols) {
      if (col.system ||
          (c.fields.empty() && std::count(e.merged.begin(), e.merged.end(), col.name))) {
        continue;
      }
      if (grouping.has(i, col.name)) continue;
      reject(diag::DiagId::err_ungrouped_column, star.span, "42803", {e.name, col.name});
      return true;
    }
  }
  return false;
}

bool Analyzer::ungrouped_in(const Expr& x, const Scope& scope, const Grouping& grouping) {
  for (const Expr* g : grouping.exprs) {
    if (same_expr(&x, g)) return false;
  }
  if (is_aggregate_call(x) && local_aggregate(x, scope)) return false;
  if (x.kind == ExprKind::ColumnRef) {
    auto it = m_column_uses.find(&x);
    if (it == m_column_uses.end() || it->second.scope != &scope) return false;
    if (grouping.has(it->second.entry, it->second.column)) return false;
    reject(diag::DiagId::err_ungrouped_column, x.span, "42803",
           {scope.entries[it->second.entry].name, it->second.column});
    return true;
  }
  bool reported = false;
  for_each_child(x,
                 [&](const Expr& c) { reported = reported || ungrouped_in(c, scope, grouping); });
  if (reported) return true;
  if (x.kind == ExprKind::SubLink && x.as<SubLinkExpr>().subselect) {
    return ungrouped_in_subquery(*x.as<SubLinkExpr>().subselect, scope, grouping);
  }
  return false;
}

bool Analyzer::ungrouped_in_subquery(const Stmt& sub, const Scope& scope,
                                     const Grouping& grouping) {
  // A column of this level inside a subquery: PostgreSQL matches only plain columns there,
  // and aggregates of the subquery are skipped (their level is not followed).
  std::vector<const Expr*> refs;
  std::set<const Expr*> in_aggregate;
  walk_stmt(sub, [&](const Expr& x) {
    if (x.kind == ExprKind::ColumnRef) refs.push_back(&x);
    if (is_aggregate_call(x)) {
      walk_expr(&x, [&](const Expr& y) { in_aggregate.insert(&y); });
    }
  });
  for (const Expr* r : refs) {
    if (in_aggregate.count(r)) continue;
    auto it = m_column_uses.find(r);
    if (it == m_column_uses.end() || it->second.scope != &scope) continue;
    if (grouping.has(it->second.entry, it->second.column)) continue;
    reject(diag::DiagId::err_ungrouped_outer_column, r->span, "42803",
           {scope.entries[it->second.entry].name, it->second.column});
    return true;
  }
  return false;
}

void Analyzer::check_locking(const SelectStmt& s, const Scope& scope) {
  if (s.locking.empty() || m_failed) return;
  // PostgreSQL's CheckSelectLocking, in its order; it reports no position.
  auto reject_with = [&](const char* what) {
    reject(diag::DiagId::err_locking_not_allowed, s.span, "0A000", {s.locking, what});
  };
  if (s.set_op != SelectStmt::SetOp::None) return reject_with("UNION/INTERSECT/EXCEPT");
  if (s.distinct || !s.distinct_on.empty()) return reject_with("DISTINCT clause");
  if (!s.group_by.empty()) return reject_with("GROUP BY clause");
  if (s.having) return reject_with("HAVING clause");
  CallsUsed used = calls_used(s, scope);
  if (used.aggregates) return reject_with("aggregate functions");
  if (used.windows) return reject_with("window functions");
  if (used.target_srfs) return reject_with("set-returning functions in the target list");
}

Analyzer::CallsUsed Analyzer::calls_used(const SelectStmt& s, const Scope& scope) const {
  CallsUsed used;
  std::function<void(const Expr&, bool)> visit = [&](const Expr& x, bool in_targets) {
    if (is_aggregate_call(x) && local_aggregate(x, scope)) used.aggregates = true;
    if (is_window_call(x)) used.windows = true;
    if (in_targets && x.kind == ExprKind::FuncCall) {
      auto kind = m_call_kinds.find(&x);
      if (kind != m_call_kinds.end() && kind->second == 's') used.target_srfs = true;
    }
    for_each_child(x, [&](const Expr& c) { visit(c, in_targets); });
  };
  for (const ResTarget& t : s.targets) {
    if (t.value) visit(*t.value, true);
  }
  for (const SortBy& o : s.order_by) {
    if (o.expr) visit(*o.expr, false);
  }
  return used;
}

}  // namespace sqlgen::analyze
