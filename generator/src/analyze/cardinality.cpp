// Statements that return exactly one row by construction, whatever the data: a SELECT that
// aggregates without GROUP BY or HAVING, a SELECT of expressions without FROM or WHERE, a
// one-row VALUES, and an INSERT of one such row into a table with RETURNING (without ON
// CONFLICT DO NOTHING or a DO UPDATE ... WHERE, which may skip the row). Codegen returns their
// `:one` row or value without std::optional. Where this says no, the statement may still
// always return one row: it only answers yes when the syntax proves it.
#include "analyze/analyzer.hpp"
#include "parse/walk.hpp"

namespace sqlgen::analyze {

namespace {

using namespace parse;

/// An integer constant's value, or nullopt.
std::optional<long long> integer_const(const Expr* e) {
  if (!e || e->kind != ExprKind::Const) return std::nullopt;
  const auto& c = e->as<ConstExpr>();
  if (c.type != ConstExpr::Type::Integer) return std::nullopt;
  try {
    return std::stoll(c.text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

/// LIMIT and OFFSET keep every row: no LIMIT (or LIMIT ALL / NULL) or a positive constant, no
/// OFFSET or OFFSET 0.
bool keeps_first_row(const SelectStmt& s) {
  if (s.limit) {
    bool null_limit =
        s.limit->kind == ExprKind::Const && s.limit->as<ConstExpr>().type == ConstExpr::Type::Null;
    std::optional<long long> n = integer_const(s.limit.get());
    if (!null_limit && !(n && *n >= 1)) return false;
  }
  if (s.offset) {
    std::optional<long long> n = integer_const(s.offset.get());
    if (!n || *n != 0) return false;
  }
  return true;
}

}  // namespace

bool Analyzer::any_call_of_this_level(const std::vector<const Expr*>& exprs,
                                      const std::function<bool(const Expr&)>& pred) const {
  bool found = false;
  std::function<void(const Expr&)> visit = [&](const Expr& x) {
    if (found) return;
    if (pred(x)) {
      found = true;
      return;
    }
    for_each_child(x, visit);
  };
  for (const Expr* e : exprs) {
    if (e) visit(*e);
  }
  return found;
}

bool Analyzer::select_exactly_one_row(const SelectStmt& s) const {
  if (s.set_op != SelectStmt::SetOp::None || !s.group_by.empty() || s.having) return false;
  if (!keeps_first_row(s)) return false;
  auto is_srf = [&](const Expr& x) {
    auto it = m_call_kinds.find(&x);
    return it != m_call_kinds.end() && it->second == 's';
  };
  // Every expression of this level that is evaluated once per row (a set-returning function
  // there multiplies or removes rows).
  std::vector<const Expr*> per_row;
  for (const ResTarget& t : s.targets) per_row.push_back(t.value.get());
  for (const SortBy& o : s.order_by) per_row.push_back(o.expr.get());
  for (const ExprPtr& d : s.distinct_on) per_row.push_back(d.get());
  if (!s.values.empty()) {
    if (s.values.size() != 1) return false;
    for (const ExprPtr& v : s.values[0]) per_row.push_back(v.get());
    return !any_call_of_this_level(per_row, is_srf);
  }
  if (any_call_of_this_level(per_row, is_srf)) return false;
  // Without FROM and WHERE: one row of expressions.
  if (s.from.empty() && !s.where) return true;
  // An aggregate of this level (the top level of a statement has no outer one) groups every
  // row into one, also when there is none.
  std::vector<const Expr*> grouped;
  for (const ResTarget& t : s.targets) grouped.push_back(t.value.get());
  for (const SortBy& o : s.order_by) grouped.push_back(o.expr.get());
  return any_call_of_this_level(grouped, [&](const Expr& x) { return is_aggregate_call(x); });
}

bool Analyzer::exactly_one_row(const Stmt& stmt) const {
  if (stmt.kind == StmtKind::Select) return select_exactly_one_row(stmt.as<SelectStmt>());
  if (stmt.kind != StmtKind::Insert) return false;
  const auto& ins = stmt.as<InsertStmt>();
  if (ins.returning.empty()) return false;
  if (ins.on_conflict && (!ins.on_conflict->update || ins.on_conflict->where)) return false;
  // A view (INSTEAD OF triggers, rules) or a foreign table may take the row and return none.
  const catalog::Relation* rel =
      m_cat.find_relation(ins.table.schema, ins.table.name, m_search_path);
  if (!rel ||
      (rel->kind != catalog::RelKind::Table && rel->kind != catalog::RelKind::PartitionedTable)) {
    return false;
  }
  return !ins.source || select_exactly_one_row(*ins.source);  // DEFAULT VALUES: one row
}

}  // namespace sqlgen::analyze
