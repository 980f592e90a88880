// Expression typing of operators (infer.cpp dispatches here): binary operators resolved as
// PostgreSQL's make_op does, row comparisons, ANY/ALL, NULLIF, IN, BETWEEN, AND/OR/NOT and
// sublinks, one function per kind.
#include "analyze/analyzer.hpp"

namespace sqlgen::analyze {

namespace {

using namespace parse;
using catalog::Oid;
namespace builtin_type = catalog::builtins::type_oid;

constexpr Oid k_unknown_oid = pseudo_oid::k_unknown_oid;

/// Operators that may return NULL for non-null operands (missing keys, ...).
bool null_returning_operator(const std::string& name) {
  return name == "->" || name == "->>" || name == "#>" || name == "#>>";
}

bool is_row(const Expr* x) { return x && x->kind == ExprKind::Row; }

Typed boolean(bool nullable) { return Typed{{builtin_type::k_bool, -1}, nullable, nullptr, false}; }

}  // namespace

Typed Analyzer::resolve_binary(const std::vector<std::string>& op, const Expr* l, const Expr* r,
                               Span span, Scope& scope, const Typed* left) {
  Typed lt = !l ? Typed{} : left && !left->is_param ? *left : infer(*l, scope);
  Typed rt = infer(*r, scope);
  if ((l && lt.type.oid == 0) || rt.type.oid == 0) return Typed{};  // operand already failed
  OperatorMatch m = resolve_operator(m_cat, op, l ? lt.type.oid : 0, rt.type.oid, m_search_path);
  if (!m.ok()) {
    // A parameter typed by an earlier use: if it resolves as untyped, the
    // real problem is that its uses disagree (reported by bind()). A parameter under its
    // own cast (`@max::text`) is a value of that type, as a cast literal is.
    bool l_param = l && param_number(*l) && !lt.is_param && !param_under_cast(*l);
    bool r_param = param_number(*r) && !rt.is_param && !param_under_cast(*r);
    if (l_param || r_param) {
      OperatorMatch retry =
          resolve_operator(m_cat, op, l ? (l_param ? k_unknown_oid : lt.type.oid) : 0,
                           r_param ? k_unknown_oid : rt.type.oid, m_search_path);
      if (retry.ok()) m = retry;
    }
  }
  Typed out;
  if (!m.ok()) {
    error(diag::DiagId::err_type_resolution, span, {m.error});
    return out;
  }
  if (l) bind(*l, {m.left, -1});
  bind(*r, {m.right, -1});
  out.type = {m.result, -1};
  bool any_null = (l && lt.nullable) || rt.nullable;
  out.nullable = m.strict ? any_null : true;
  if (!op.empty() && null_returning_operator(op.back())) out.nullable = true;
  return out;
}

Typed Analyzer::row_compare(const std::vector<std::string>& op, const Expr& l, const Expr& r,
                            Span span, Scope& scope) {
  const auto& lr = l.as<RowExpr>().args;
  const auto& rr = r.as<RowExpr>().args;
  if (lr.size() != rr.size()) {
    error(diag::DiagId::err_type_resolution, span,
          {"unequal number of entries in row expressions"});
    return Typed{};
  }
  Typed out = boolean(false);
  for (size_t i = 0; i < lr.size(); ++i) {
    Typed t = resolve_binary(op, lr[i].get(), rr[i].get(), span, scope);
    if (t.type.oid == 0) return Typed{};
    out.nullable = out.nullable || t.nullable;
  }
  return out;
}

Typed Analyzer::row_vs_subquery(const std::vector<std::string>& op, const Expr& test,
                                const std::vector<Col>& cols, Span span, Scope& scope) {
  std::vector<const Expr*> tests;
  if (test.kind == ExprKind::Row) {
    for (const ExprPtr& x : test.as<RowExpr>().args) tests.push_back(x.get());
  } else {
    tests.push_back(&test);
  }
  if (tests.size() != cols.size()) {
    error(diag::DiagId::err_type_resolution, span,
          {tests.size() < cols.size() ? "subquery has too many columns"
                                      : "subquery has too few columns"});
    return Typed{};
  }
  for (size_t i = 0; i < tests.size(); ++i) {
    Typed lt = infer(*tests[i], scope);
    if (lt.type.oid == 0 || cols[i].type.oid == 0) return Typed{};
    OperatorMatch m = resolve_operator(m_cat, op, lt.type.oid, cols[i].type.oid, m_search_path);
    if (!m.ok()) {
      error(diag::DiagId::err_type_resolution, span, {m.error});
      return Typed{};
    }
    bind(*tests[i], {m.left, -1});
  }
  return boolean(true);
}

std::optional<Typed> Analyzer::infer_row_operator(const AExpr& a, Scope& scope) {
  if (is_row(a.lhs.get()) && is_row(a.rhs.get()) &&
      (a.op == AExpr::Op::Op || a.op == AExpr::Op::Distinct || a.op == AExpr::Op::NotDistinct)) {
    Typed t = row_compare(a.op == AExpr::Op::Op ? a.name : std::vector<std::string>{"="}, *a.lhs,
                          *a.rhs, a.span, scope);
    if (a.op != AExpr::Op::Op && t.type.oid != 0) t.nullable = false;
    return t;
  }
  if (is_row(a.lhs.get()) && a.op == AExpr::Op::Op && a.rhs && a.rhs->kind == ExprKind::SubLink &&
      a.rhs->as<SubLinkExpr>().type == SubLinkExpr::Type::Expr &&
      a.rhs->as<SubLinkExpr>().subselect) {
    // `(a, b) = (SELECT x, y)`: PostgreSQL makes it a ROWCOMPARE sublink.
    std::vector<Col> cols = statement_columns(*a.rhs->as<SubLinkExpr>().subselect, &scope);
    if (cols.empty()) return Typed{};
    return row_vs_subquery(a.name, *a.lhs, cols, a.span, scope);
  }
  if (a.op == AExpr::Op::In && is_row(a.lhs.get())) {
    Typed out = boolean(false);
    for (const ExprPtr& item : a.list) {
      if (!is_row(item.get())) {
        error(diag::DiagId::err_type_resolution, item->span,
              {"operator does not exist: record = " + format(m_cat, infer(*item, scope).type)});
        return Typed{};
      }
      Typed t = row_compare({"="}, *a.lhs, *item, a.span, scope);
      if (t.type.oid == 0) return Typed{};
      out.nullable = out.nullable || t.nullable;
    }
    return out;
  }
  return std::nullopt;
}

Typed Analyzer::infer_expr(const AExpr& a, Scope& scope) {
  if (std::optional<Typed> row = infer_row_operator(a, scope)) return *row;
  switch (a.op) {
    case AExpr::Op::Op:
    case AExpr::Op::Like:
    case AExpr::Op::ILike:
    case AExpr::Op::Similar:
      return resolve_binary(a.name, a.lhs.get(), a.rhs.get(), a.span, scope);
    case AExpr::Op::OpAny:
    case AExpr::Op::OpAll:
      return infer_any_all(a, scope);
    case AExpr::Op::Distinct:
    case AExpr::Op::NotDistinct: {
      Typed t = resolve_binary({"="}, a.lhs.get(), a.rhs.get(), a.span, scope);
      t.nullable = false;
      t.type = {builtin_type::k_bool, -1};
      return t;
    }
    case AExpr::Op::NullIf:
      return infer_nullif(a, scope);
    case AExpr::Op::In:
      return infer_in(a, scope);
    case AExpr::Op::Between:
    case AExpr::Op::NotBetween:
    case AExpr::Op::BetweenSym:
    case AExpr::Op::NotBetweenSym:
      return infer_between(a, scope);
  }
  return Typed{};
}

Typed Analyzer::infer_any_all(const AExpr& a, Scope& scope) {
  Typed lt = infer(*a.lhs, scope);
  Typed rt = infer(*a.rhs, scope);
  Oid elem = is_unknown(rt) ? k_unknown_oid : element_of(m_cat, rt.type.oid);
  if (elem == 0) {
    error(diag::DiagId::err_type_resolution, a.rhs->span,
          {"op ANY/ALL (array) requires array on right side"});
    return Typed{};
  }
  OperatorMatch m = resolve_operator(m_cat, a.name, lt.type.oid, elem, m_search_path);
  if (!m.ok()) {
    error(diag::DiagId::err_type_resolution, a.span, {m.error});
    return Typed{};
  }
  bind(*a.lhs, {m.left, -1});
  bind(*a.rhs, {array_of(m_cat, m.right), -1});
  // NULL when nothing matches and the array holds a NULL element.
  return boolean(true);
}

Typed Analyzer::infer_nullif(const AExpr& a, Scope& scope) {
  // The result has the type of the `=` operator's left input
  // (nullif(varchar, '') is text, as varchar compares as text).
  Typed lt = infer(*a.lhs, scope);
  Typed rt = infer(*a.rhs, scope);
  if (lt.type.oid == 0 || rt.type.oid == 0) return Typed{};
  OperatorMatch m = resolve_operator(m_cat, {"="}, lt.type.oid, rt.type.oid, m_search_path);
  if (!m.ok()) {
    error(diag::DiagId::err_type_resolution, a.span, {m.error});
    return Typed{};
  }
  bind(*a.lhs, {m.left, -1});
  bind(*a.rhs, {m.right, -1});
  ExprType type = m.left == lt.type.oid ? lt.type : ExprType{m.left, -1};
  return Typed{type, true, nullptr, false};
}

Typed Analyzer::infer_in(const AExpr& a, Scope& scope) {
  if (m_plan.slice_lists.count(&a)) {
    // `x [NOT] IN (sqlgen.slice(ids))`, sent as `x = ANY($n)` / `x <> ALL($n)`.
    Typed lhs = infer(*a.lhs, scope);
    if (lhs.type.oid == 0) return Typed{};
    Oid array = array_of(m_cat, lhs.type.oid);
    if (array == 0) {
      error(diag::DiagId::err_type_resolution, a.span,
            {"could not find array type for data type " + format(m_cat, lhs.type)});
      return Typed{};
    }
    infer(*a.list[0], scope);
    bind(*a.list[0], {array, -1});
    return boolean(true);
  }
  // `x IN (a, b)` compares like `x = a OR x = b` (strict `=`).
  bool nullable = false;
  Typed lhs = infer(*a.lhs, scope);
  for (const ExprPtr& item : a.list) {
    Typed t = resolve_binary({"="}, a.lhs.get(), item.get(), a.span, scope, &lhs);
    nullable = nullable || t.nullable;
  }
  return boolean(nullable);
}

Typed Analyzer::infer_between(const AExpr& a, Scope& scope) {
  Typed lhs = infer(*a.lhs, scope);
  bool nullable = lhs.nullable;
  if (a.list.size() == 2) {
    Typed lo = resolve_binary({">="}, a.lhs.get(), a.list[0].get(), a.span, scope, &lhs);
    if (lo.type.oid == 0) return Typed{};  // one error for the whole BETWEEN
    Typed hi = resolve_binary({"<="}, a.lhs.get(), a.list[1].get(), a.span, scope, &lhs);
    if (hi.type.oid == 0) return Typed{};
    nullable = lo.nullable || hi.nullable || nullable;
  }
  return boolean(nullable);
}

Typed Analyzer::infer_expr(const BoolExpr& b, Scope& scope) {
  bool nullable = false;
  for (const ExprPtr& arg : b.args) {
    nullable = infer_as(*arg, scope, {builtin_type::k_bool, -1}, false).nullable || nullable;
  }
  return boolean(nullable);
}

Typed Analyzer::infer_expr(const SubLinkExpr& s, Scope& scope) {
  if (!s.subselect) return Typed{};
  std::vector<Col> cols = statement_columns(*s.subselect, &scope);
  switch (s.type) {
    case SubLinkExpr::Type::Exists:
      return boolean(false);
    case SubLinkExpr::Type::Array:
      if (cols.empty()) return Typed{};
      if (cols.size() > 1) {
        reject(diag::DiagId::err_subquery_one_column, s.span, "42601");
        return Typed{};
      }
      return Typed{{array_of(m_cat, cols[0].type.oid), -1}, false, nullptr, false};
    case SubLinkExpr::Type::Any:
    case SubLinkExpr::Type::All:
    case SubLinkExpr::Type::RowCompare: {
      if (!s.test || cols.empty()) return Typed{};
      std::vector<std::string> op =
          s.oper_name.empty() ? std::vector<std::string>{"="} : s.oper_name;
      return row_vs_subquery(op, *s.test, cols, s.span, scope);
    }
    default:
      break;
  }
  if (cols.empty()) return Typed{};
  if (m_multi_source.expr == &s) {  // a column of `SET (a, b) = (SELECT ...)`
    if (cols.size() != static_cast<size_t>(m_multi_source.count)) {
      if (m_multi_source.index == 1) reject(diag::DiagId::err_multi_assign_count, s.span, "42601");
      return Typed{};
    }
    return Typed{cols[static_cast<size_t>(m_multi_source.index) - 1].type, true, nullptr, false};
  }
  if (s.type == SubLinkExpr::Type::Expr && cols.size() > 1) {
    reject(diag::DiagId::err_subquery_one_column, s.span, "42601");
    return Typed{};
  }
  return Typed{cols[0].type, true, nullptr, false};
}

}  // namespace sqlgen::analyze
