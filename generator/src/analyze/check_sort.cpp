// ORDER BY, DISTINCT and LIMIT as PostgreSQL's parse_clause.c checks them: positions in the
// select list, output-column names, DISTINCT's ORDER BY, DISTINCT ON's leading ORDER BY,
// LIMIT/OFFSET types; and structural equality of expressions (PostgreSQL's equal()).
#include <algorithm>
#include <set>

#include "analyze/analyzer.hpp"
#include "parse/walk.hpp"

namespace sqlgen::analyze {

namespace {

using namespace parse;

bool is_position(const Expr& e) {
  return e.kind == ExprKind::Const && e.as<ConstExpr>().type == ConstExpr::Type::Integer;
}

bool has_star_target(const SelectStmt& s) {
  for (const ResTarget& t : s.targets) {
    if (!t.value) continue;
    const Expr& v = *t.value;
    if (v.kind == ExprKind::ColumnRef && v.as<ColumnRefExpr>().star) return true;
    if (v.kind == ExprKind::Indirection && !v.as<IndirectionExpr>().steps.empty() &&
        v.as<IndirectionExpr>().steps.back().kind == IndirectionExpr::Step::Kind::Star) {
      return true;
    }
    if (v.kind == ExprKind::FuncCall && macro_name(v.as<FuncCallExpr>()) == "embed") return true;
  }
  return false;
}

/// Where an expression starts: PostgreSQL points at its leftmost token for some errors, while
/// an operator's own location is the operator.
Span leftmost_span(const Expr& e) {
  Span out = e.span;
  walk_expr(&e, [&](const Expr& x) {
    if (x.kind != ExprKind::SubLink && x.span.offset < out.offset) out = x.span;
  });
  return out;
}

/// Type names written alike (as same_expr compares casts).
bool same_type_name(const TypeName& x, const TypeName& y) {
  return x.to_string() == y.to_string() && x.array_bounds.size() == y.array_bounds.size() &&
         x.typmods.size() == y.typmods.size();
}

}  // namespace

bool Analyzer::same_expr(const Expr* a, const Expr* b) const {
  if (!a || !b) return a == b;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case ExprKind::ColumnRef:
      return same_column_ref(*a, *b);
    case ExprKind::ParamRef:
      return param_number(*a) == param_number(*b);
    case ExprKind::Const:
      return a->as<ConstExpr>().type == b->as<ConstExpr>().type &&
             a->as<ConstExpr>().text == b->as<ConstExpr>().text;
    case ExprKind::AExpr: {
      const auto& x = a->as<AExpr>();
      const auto& y = b->as<AExpr>();
      if (param_number(*a) || param_number(*b)) return param_number(*a) == param_number(*b);
      return x.op == y.op && x.name == y.name && same_expr(x.lhs.get(), y.lhs.get()) &&
             same_expr(x.rhs.get(), y.rhs.get()) && same_exprs(x.list, y.list);
    }
    case ExprKind::BoolExpr:
      return a->as<BoolExpr>().op == b->as<BoolExpr>().op &&
             same_exprs(a->as<BoolExpr>().args, b->as<BoolExpr>().args);
    case ExprKind::FuncCall:
      return same_call(*a, *b);
    case ExprKind::TypeCast:
      return same_type_name(a->as<TypeCastExpr>().type, b->as<TypeCastExpr>().type) &&
             same_expr(a->as<TypeCastExpr>().arg.get(), b->as<TypeCastExpr>().arg.get());
    case ExprKind::NullTest:
      return a->as<NullTestExpr>().is_not == b->as<NullTestExpr>().is_not &&
             same_expr(a->as<NullTestExpr>().arg.get(), b->as<NullTestExpr>().arg.get());
    case ExprKind::BooleanTest:
      return a->as<BooleanTestExpr>().test == b->as<BooleanTestExpr>().test &&
             same_expr(a->as<BooleanTestExpr>().arg.get(), b->as<BooleanTestExpr>().arg.get());
    case ExprKind::Case:
      return same_case(a->as<CaseExpr>(), b->as<CaseExpr>());
    case ExprKind::Coalesce:
      return same_exprs(a->as<CoalesceExpr>().args, b->as<CoalesceExpr>().args);
    case ExprKind::MinMax:
      return a->as<MinMaxExpr>().greatest == b->as<MinMaxExpr>().greatest &&
             same_exprs(a->as<MinMaxExpr>().args, b->as<MinMaxExpr>().args);
    case ExprKind::Array:
      return same_exprs(a->as<ArrayExpr>().elements, b->as<ArrayExpr>().elements);
    case ExprKind::Row:
      return same_exprs(a->as<RowExpr>().args, b->as<RowExpr>().args);
    case ExprKind::Indirection:
      return same_indirection(a->as<IndirectionExpr>(), b->as<IndirectionExpr>());
    case ExprKind::SqlValueFunction:
      return a->as<SqlValueFunctionExpr>().op == b->as<SqlValueFunctionExpr>().op &&
             a->as<SqlValueFunctionExpr>().typmod == b->as<SqlValueFunctionExpr>().typmod;
    case ExprKind::NamedArg:
      return a->as<NamedArgExpr>().name == b->as<NamedArgExpr>().name &&
             same_expr(a->as<NamedArgExpr>().arg.get(), b->as<NamedArgExpr>().arg.get());
    case ExprKind::Collate:
      return a->as<CollateExpr>().collation == b->as<CollateExpr>().collation &&
             same_expr(a->as<CollateExpr>().arg.get(), b->as<CollateExpr>().arg.get());
    default:
      return false;  // subqueries and unmodelled nodes: never the same
  }
}

bool Analyzer::same_exprs(const std::vector<ExprPtr>& x, const std::vector<ExprPtr>& y) const {
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i) {
    if (!same_expr(x[i].get(), y[i].get())) return false;
  }
  return true;
}

bool Analyzer::same_column_ref(const Expr& a, const Expr& b) const {
  auto ua = m_column_uses.find(&a);
  auto ub = m_column_uses.find(&b);
  if (ua != m_column_uses.end() && ub != m_column_uses.end()) {
    return ua->second.scope == ub->second.scope && ua->second.entry == ub->second.entry &&
           ua->second.column == ub->second.column;
  }
  return a.as<ColumnRefExpr>().fields == b.as<ColumnRefExpr>().fields &&
         a.as<ColumnRefExpr>().star == b.as<ColumnRefExpr>().star;
}

bool Analyzer::same_call(const Expr& a, const Expr& b) const {
  const auto& x = a.as<FuncCallExpr>();
  const auto& y = b.as<FuncCallExpr>();
  if (param_number(a) || param_number(b)) return param_number(a) == param_number(b);
  // FILTER, ORDER BY and OVER contents are not in the tree: such calls never match.
  if (x.has_filter || y.has_filter || x.agg_order || y.agg_order || x.has_over || y.has_over ||
      x.within_group || y.within_group) {
    return false;
  }
  return x.name.back() == y.name.back() && x.agg_star == y.agg_star &&
         x.agg_distinct == y.agg_distinct && x.variadic == y.variadic && same_exprs(x.args, y.args);
}

bool Analyzer::same_case(const CaseExpr& x, const CaseExpr& y) const {
  if (x.whens.size() != y.whens.size() || !same_expr(x.arg.get(), y.arg.get()) ||
      !same_expr(x.default_result.get(), y.default_result.get())) {
    return false;
  }
  for (size_t i = 0; i < x.whens.size(); ++i) {
    if (!same_expr(x.whens[i].first.get(), y.whens[i].first.get()) ||
        !same_expr(x.whens[i].second.get(), y.whens[i].second.get())) {
      return false;
    }
  }
  return true;
}

bool Analyzer::same_indirection(const IndirectionExpr& x, const IndirectionExpr& y) const {
  if (!same_expr(x.arg.get(), y.arg.get()) || x.steps.size() != y.steps.size()) return false;
  for (size_t i = 0; i < x.steps.size(); ++i) {
    if (x.steps[i].kind != y.steps[i].kind || x.steps[i].field != y.steps[i].field ||
        !same_expr(x.steps[i].lower.get(), y.steps[i].lower.get()) ||
        !same_expr(x.steps[i].upper.get(), y.steps[i].upper.get())) {
      return false;
    }
  }
  return true;
}

int Analyzer::target_ref(const SelectStmt& s, const Scope& scope, const Expr& e,
                         bool group_by) const {
  if (is_position(e)) {
    if (has_star_target(s)) return -2;
    long long pos = std::stoll(e.as<ConstExpr>().text);
    return pos >= 1 && pos <= static_cast<long long>(s.targets.size()) ? static_cast<int>(pos - 1)
                                                                       : -1;
  }
  if (e.kind != ExprKind::ColumnRef || e.as<ColumnRefExpr>().star ||
      e.as<ColumnRefExpr>().fields.size() != 1) {
    return -1;
  }
  const std::string& name = e.as<ColumnRefExpr>().fields[0];
  if (group_by) {
    // GROUP BY: a column of the FROM clause wins over an output name.
    for (const RangeEntry& en : scope.entries) {
      for (const Col& c : en.cols) {
        if (c.name == name) return -1;
      }
    }
  }
  for (size_t i = 0; i < s.targets.size(); ++i) {
    const ResTarget& t = s.targets[i];
    if (!t.value) continue;
    std::string out = t.name.empty() ? figure_name(*t.value) : t.name;
    if (out == name &&
        !(t.value->kind == ExprKind::ColumnRef && t.value->as<ColumnRefExpr>().star)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

void Analyzer::check_order_by(const SelectStmt& s, const Scope& scope, size_t ncols, bool set_op) {
  if (m_failed) return;
  for (const SortBy& o : s.order_by) {
    if (!o.expr) continue;
    const Expr& e = *o.expr;
    if (is_position(e)) {
      long long pos = std::stoll(e.as<ConstExpr>().text);
      if (pos < 1 || pos > static_cast<long long>(ncols)) {
        reject(diag::DiagId::err_position_not_in_select, e.span, "42P10",
               {"ORDER BY", e.as<ConstExpr>().text});
        return;
      }
      continue;
    }
    if (!set_op) continue;
    // A set operation's ORDER BY names its output columns only.
    const SelectStmt* leaf = &s;
    while (leaf->set_op != SelectStmt::SetOp::None && leaf->left) leaf = leaf->left.get();
    if (e.kind == ExprKind::ColumnRef && !e.as<ColumnRefExpr>().star &&
        e.as<ColumnRefExpr>().fields.size() == 1) {
      const std::string& name = e.as<ColumnRefExpr>().fields[0];
      if (has_star_target(*leaf)) continue;
      bool found = false;
      for (const ResTarget& t : leaf->targets) {
        if (t.value && (t.name.empty() ? figure_name(*t.value) : t.name) == name) found = true;
      }
      if (!found) {
        reject(diag::DiagId::err_column_unknown, e.span, "42703", {name, ""});
        return;
      }
      continue;
    }
    reject(diag::DiagId::err_set_op_order_by, leftmost_span(e), "0A000");
    return;
  }
  (void)scope;
}

void Analyzer::check_distinct_equality(const SelectStmt& s, const std::vector<Col>& cols) {
  if (m_failed || !s.distinct || !s.distinct_on.empty() || has_star_target(s) ||
      s.targets.size() != cols.size()) {
    return;  // `*` and sqlc.embed(t) expand: not followed
  }
  // Built-in types with neither a default btree nor a hash operator class.
  static const std::set<catalog::Oid> k_no_equality = {114, 142, 600, 601, 602, 603, 604, 628, 718};
  for (size_t i = 0; i < s.targets.size() && i < cols.size(); ++i) {
    catalog::Oid oid = base_type(m_cat, cols[i].type.oid);
    catalog::Oid elem = element_of(m_cat, oid);
    if (!k_no_equality.count(elem ? base_type(m_cat, elem) : oid) || !s.targets[i].value) continue;
    reject(diag::DiagId::err_type_resolution, s.targets[i].value->span, "42883",
           {"could not identify an equality operator for type " + format(m_cat, cols[i].type)});
    return;
  }
}

const Expr* Analyzer::dropped_cast_operand(const Expr* v) {
  if (!v || v->kind != ExprKind::TypeCast) return nullptr;
  const auto& c = v->as<TypeCastExpr>();
  auto use = c.arg ? m_column_uses.find(c.arg.get()) : m_column_uses.end();
  if (use == m_column_uses.end() || !use->second.scope) return nullptr;
  const RangeEntry& entry = use->second.scope->entries[use->second.entry];
  for (const Col& col : entry.cols) {
    if (col.name != use->second.column) continue;
    ExprType to = type_name(c.type);
    bool same = to.oid == col.type.oid && (to.typmod == -1 || to.typmod == col.type.typmod);
    return same ? c.arg.get() : nullptr;
  }
  return nullptr;
}

bool Analyzer::in_star_target(const SelectStmt& s, const Scope& scope, const Expr& e) const {
  if (e.kind != ExprKind::ColumnRef) return true;  // not followed into `*`: accept
  auto use = m_column_uses.find(&e);
  if (use == m_column_uses.end()) return false;
  if (use->second.scope != &scope) return true;  // not followed: accept
  auto entry_has = [&](const RangeEntry& entry) {
    return std::any_of(entry.cols.begin(), entry.cols.end(),
                       [&](const Col& c) { return c.name == use->second.column; });
  };
  for (const ResTarget& t : s.targets) {
    const Expr* v = t.value.get();
    std::string table;  // the entry a `t.*` or sqlc.embed(t) expands; "" for `*`
    if (v && v->kind == ExprKind::ColumnRef && v->as<ColumnRefExpr>().star) {
      const auto& fields = v->as<ColumnRefExpr>().fields;
      table = fields.empty() ? "" : fields.back();
    } else if (v && v->kind == ExprKind::FuncCall && macro_name(v->as<FuncCallExpr>()) == "embed") {
      const auto& args = v->as<FuncCallExpr>().args;
      if (args.empty() || args[0]->kind != ExprKind::ColumnRef) return true;
      const auto& fields = args[0]->as<ColumnRefExpr>().fields;
      if (fields.empty()) return true;
      table = fields.back();
    } else if (v && v->kind == ExprKind::Indirection) {
      return true;  // `(x).*`: not followed
    } else {
      continue;
    }
    for (const RangeEntry& entry : scope.entries) {
      if ((table.empty() || entry.name == table) && entry_has(entry)) return true;
    }
  }
  return false;
}

void Analyzer::check_distinct(const SelectStmt& s, const Scope& scope) {
  if (m_failed || !s.distinct || scope.broken) return;
  bool star = has_star_target(s);
  // The select-list entry an expression is, or -1.
  auto entry_of = [&](const Expr& e) -> int {
    int t = target_ref(s, scope, e, false);
    if (t != -1) return t;
    for (size_t i = 0; i < s.targets.size(); ++i) {
      if (same_expr(&e, s.targets[i].value.get())) return static_cast<int>(i);
      const Expr* inner = dropped_cast_operand(s.targets[i].value.get());
      if (inner && same_expr(&e, inner)) return static_cast<int>(i);
    }
    return -1;
  };
  if (s.distinct_on.empty()) {
    for (const SortBy& o : s.order_by) {
      if (!o.expr || entry_of(*o.expr) != -1 || (star && in_star_target(s, scope, *o.expr))) {
        continue;
      }
      if (o.expr->kind == ExprKind::Unsupported) continue;
      reject(diag::DiagId::err_distinct_order_by, leftmost_span(*o.expr), "42P10");
      return;
    }
    return;
  }
  if (star) return;
  // DISTINCT ON (a, b) needs ORDER BY to start with a and b (in any order).
  auto same_key = [&](const Expr& x, const Expr& y) {
    int tx = entry_of(x);
    int ty = entry_of(y);
    if (tx != -1 || ty != -1) return tx == ty;
    return same_expr(&x, &y);
  };
  std::vector<bool> covered(s.distinct_on.size(), false);
  bool skipped = false;
  for (const SortBy& o : s.order_by) {
    if (!o.expr) continue;
    int hit = -1;
    for (size_t i = 0; i < s.distinct_on.size(); ++i) {
      if (s.distinct_on[i] && same_key(*o.expr, *s.distinct_on[i])) {
        hit = static_cast<int>(i);
        break;
      }
    }
    if (hit < 0) {
      skipped = true;
      continue;
    }
    if (skipped) {
      reject(diag::DiagId::err_distinct_on_order_by, s.distinct_on[hit]->span, "42P10");
      return;
    }
    covered[hit] = true;
  }
  if (!skipped) return;
  for (size_t i = 0; i < s.distinct_on.size(); ++i) {
    if (covered[i] || !s.distinct_on[i]) continue;
    reject(diag::DiagId::err_distinct_on_order_by, s.distinct_on[i]->span, "42P10");
    return;
  }
}

void Analyzer::check_limit(const Expr& e, const Typed& t, const char* clause) {
  if (m_failed || t.is_param || t.type.oid == 0 || t.type.oid == pseudo_oid::k_unknown_oid) return;
  if (param_number(e)) return;
  if (can_coerce(m_cat, t.type.oid, catalog::builtins::type_oid::k_int8,
                 CoercionContext::Assignment)) {
    return;
  }
  reject(diag::DiagId::err_limit_type, e.span, "42804", {clause, format(m_cat, t.type)});
}

}  // namespace sqlgen::analyze
