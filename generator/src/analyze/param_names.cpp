// Names of positional parameters, derived the way sqlc derives them: the column a `$n` is
// compared with, LIMIT/OFFSET, a named function argument; the analyzer adds the columns
// written by INSERT/UPDATE and functions' declared argument names (see analyze.cpp).
#include <algorithm>
#include <set>

#include "analyze/params.hpp"
#include "parse/walk.hpp"

namespace sqlgen::analyze {

namespace {

using namespace parse;

/// The first plain column name inside `e` (`lower(u.email)` → "email"), or "".
std::string first_column(const Expr* e) {
  std::string found;
  walk_expr(e, [&](const Expr& x) {
    if (!found.empty() || x.kind != ExprKind::ColumnRef) return;
    const auto& c = x.as<ColumnRefExpr>();
    if (!c.star && !c.fields.empty()) found = c.fields.back();
  });
  return found;
}

}  // namespace

int positional_param(const ParamPlan& plan, const Expr* e) {
  while (e && (e->kind == ExprKind::TypeCast || e->kind == ExprKind::Collate)) {
    e = e->kind == ExprKind::TypeCast ? e->as<TypeCastExpr>().arg.get()
                                      : e->as<CollateExpr>().arg.get();
  }
  if (!e || e->kind != ExprKind::ParamRef) return 0;
  auto it = plan.number_of.find(e);
  return it == plan.number_of.end() ? 0 : it->second;
}

void syntactic_name_hints(const Stmt& stmt, const ParamPlan& plan, NameHints& hints) {
  auto hint = [&](const Expr* e, const std::string& name, int priority = 0) {
    int n = positional_param(plan, e);
    if (n == 0 || name.empty()) return;
    hints[n].push_back(NameHint{priority, e->span.offset, name});
  };
  // `col OP $1`, `$1 OP col`, `col IN ($1, $2)`, `col BETWEEN $1 AND $2`, `col = ANY($1)`.
  auto compared = [&](const Expr* a, const Expr* b) {
    if (positional_param(plan, b) && !positional_param(plan, a)) hint(b, first_column(a));
  };
  // `(a, b) = ($1, $2)`: field by field.
  auto rows_compared = [&](const Expr* a, const Expr* b) {
    if (!a || !b || a->kind != ExprKind::Row || b->kind != ExprKind::Row) return false;
    const auto& l = a->as<RowExpr>().args;
    const auto& r = b->as<RowExpr>().args;
    for (size_t i = 0; i < l.size() && i < r.size(); ++i) {
      compared(l[i].get(), r[i].get());
      compared(r[i].get(), l[i].get());
    }
    return true;
  };
  walk_stmt(
      stmt,
      [&](const Expr& e) {
        if (e.kind == ExprKind::AExpr) {
          const auto& a = e.as<AExpr>();
          if (a.op == AExpr::Op::In || a.op == AExpr::Op::Between ||
              a.op == AExpr::Op::NotBetween || a.op == AExpr::Op::BetweenSym ||
              a.op == AExpr::Op::NotBetweenSym) {
            std::string col = first_column(a.lhs.get());
            for (const ExprPtr& item : a.list) {
              if (!rows_compared(a.lhs.get(), item.get())) hint(item.get(), col);
            }
          } else if (a.lhs && a.rhs && !rows_compared(a.lhs.get(), a.rhs.get())) {
            compared(a.lhs.get(), a.rhs.get());
            compared(a.rhs.get(), a.lhs.get());
          }
        } else if (e.kind == ExprKind::NamedArg) {
          hint(e.as<NamedArgExpr>().arg.get(), e.as<NamedArgExpr>().name);
        }
      },
      [&](const Stmt& s) {
        if (s.kind != StmtKind::Select) return;
        const auto& sel = s.as<SelectStmt>();
        hint(sel.limit.get(), "limit");
        hint(sel.offset.get(), "offset");
      });
}

std::map<int, std::string> choose_param_names(const ParamPlan& plan, const NameHints& hints) {
  std::map<int, std::string> out;
  std::set<std::string> taken;
  for (const ParamSlot& p : plan.params) {
    if (!p.name.empty()) taken.insert(p.name);
  }
  for (const ParamSlot& p : plan.params) {
    if (!p.name.empty()) continue;
    std::string name = "dollar_" + std::to_string(p.number);
    if (auto it = hints.find(p.number); it != hints.end() && !it->second.empty()) {
      const NameHint& best = *std::min_element(
          it->second.begin(), it->second.end(), [](const NameHint& a, const NameHint& b) {
            return a.priority != b.priority ? a.priority < b.priority : a.offset < b.offset;
          });
      name = best.name;
    }
    // sqlc's collision rule: the second `created_at` becomes `created_at_2`, and so on.
    std::string unique = name;
    for (int k = 2; taken.count(unique); ++k) unique = name + "_" + std::to_string(k);
    taken.insert(unique);
    out[p.number] = unique;
  }
  return out;
}

}  // namespace sqlgen::analyze
