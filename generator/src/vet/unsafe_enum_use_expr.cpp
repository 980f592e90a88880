// Rule "unsafe enum use", expressions: where an untyped literal meets an enum
// (casts, comparisons, IN lists, CASE and COALESCE branches, array elements)
// and where a typed value is cast to one; and the reports.
#include "vet/enum_use_walker.hpp"

namespace sqlgen::vet::detail {

namespace {

using parse::Expr;
using parse::ExprKind;

const Expr* unwrap_collate(const Expr* e) {
  while (e && e->kind == ExprKind::Collate) e = e->as<parse::CollateExpr>().arg.get();
  return e;
}

/// The string literal under a chain of casts (`'v'::text`, `text 'v'`), or null.
const parse::ConstExpr* constant_string(const Expr* e) {
  while (e && (e->kind == ExprKind::TypeCast || e->kind == ExprKind::Collate)) {
    e = e->kind == ExprKind::TypeCast ? e->as<parse::TypeCastExpr>().arg.get()
                                      : e->as<parse::CollateExpr>().arg.get();
  }
  if (!e || e->kind != ExprKind::Const) return nullptr;
  const auto& c = e->as<parse::ConstExpr>();
  return c.type == parse::ConstExpr::Type::String ? &c : nullptr;
}

bool is_comparison(const std::vector<std::string>& name) {
  if (name.empty()) return false;
  const std::string& op = name.back();
  return op == "=" || op == "<>" || op == "!=" || op == "<" || op == ">" || op == "<=" ||
         op == ">=";
}

std::string migration_name(const source::Migration& m) {
  return m.path.empty() && m.source ? m.source->path() : m.path;
}

}  // namespace

void EnumUseWalker::expr(const Expr* e, Ctx ctx) {
  if (!e) return;
  switch (e->kind) {
    case ExprKind::TypeCast:
      cast(e->as<parse::TypeCastExpr>(), ctx);
      return;
    case ExprKind::AExpr:
      operator_expr(e->as<parse::AExpr>(), ctx);
      return;
    case ExprKind::BoolExpr:
      for (const parse::ExprPtr& a : e->as<parse::BoolExpr>().args) expr(a.get(), ctx);
      return;
    case ExprKind::FuncCall:
      for (const parse::ExprPtr& a : e->as<parse::FuncCallExpr>().args) expr(a.get(), ctx);
      return;
    case ExprKind::NullTest:
      expr(e->as<parse::NullTestExpr>().arg.get(), ctx);
      return;
    case ExprKind::BooleanTest:
      expr(e->as<parse::BooleanTestExpr>().arg.get(), ctx);
      return;
    case ExprKind::SubLink: {
      const auto& s = e->as<parse::SubLinkExpr>();
      expr(s.test.get(), ctx);
      if (s.subselect) statement(*s.subselect, ctx.scope);
      return;
    }
    case ExprKind::Case:
      case_expr(e->as<parse::CaseExpr>(), std::nullopt, ctx);
      return;
    case ExprKind::Coalesce: {
      std::vector<const Expr*> args;
      for (const parse::ExprPtr& a : e->as<parse::CoalesceExpr>().args) args.push_back(a.get());
      siblings(args, ctx);
      return;
    }
    case ExprKind::MinMax: {
      std::vector<const Expr*> args;
      for (const parse::ExprPtr& a : e->as<parse::MinMaxExpr>().args) args.push_back(a.get());
      siblings(args, ctx);
      return;
    }
    case ExprKind::Array:
      for (const parse::ExprPtr& a : e->as<parse::ArrayExpr>().elements) expr(a.get(), ctx);
      return;
    case ExprKind::Indirection: {
      const auto& ind = e->as<parse::IndirectionExpr>();
      expr(ind.arg.get(), ctx);
      for (const auto& step : ind.steps) {
        expr(step.lower.get(), ctx);
        expr(step.upper.get(), ctx);
      }
      return;
    }
    case ExprKind::Row:
      for (const parse::ExprPtr& a : e->as<parse::RowExpr>().args) expr(a.get(), ctx);
      return;
    case ExprKind::NamedArg:
      expr(e->as<parse::NamedArgExpr>().arg.get(), ctx);
      return;
    case ExprKind::Collate:
      expr(e->as<parse::CollateExpr>().arg.get(), ctx);
      return;
    default:
      return;  // column and parameter references, constants, DEFAULT, unmodelled nodes
  }
}

void EnumUseWalker::coerce(const Expr* e, const catalog::TypeRef& target, Ctx ctx) {
  if (!e) return;
  EnumTarget t = enum_target(m_state.cat, target);
  const Expr* inner = unwrap_collate(e);
  if (!pending(t) || !inner) {
    expr(e, ctx);
    return;
  }
  switch (inner->kind) {
    case ExprKind::Const: {
      const auto& c = inner->as<parse::ConstExpr>();
      if (c.type == parse::ConstExpr::Type::String) literal(c, t);
      return;
    }
    case ExprKind::Case:
      case_expr(inner->as<parse::CaseExpr>(), target, ctx);
      return;
    case ExprKind::Coalesce:
      for (const parse::ExprPtr& a : inner->as<parse::CoalesceExpr>().args) {
        coerce(a.get(), target, ctx);
      }
      return;
    case ExprKind::MinMax:
      for (const parse::ExprPtr& a : inner->as<parse::MinMaxExpr>().args) {
        coerce(a.get(), target, ctx);
      }
      return;
    default:
      break;
  }
  expr(e, ctx);
}

std::optional<catalog::TypeRef> EnumUseWalker::type_of(const Expr* e, Ctx ctx) const {
  e = unwrap_collate(e);
  if (!e) return std::nullopt;
  switch (e->kind) {
    case ExprKind::ColumnRef: {
      const auto& c = e->as<parse::ColumnRefExpr>();
      if (c.star || !ctx.scope) return std::nullopt;
      return column_type(*ctx.scope, c.fields);
    }
    case ExprKind::TypeCast:
      return resolve_type(m_state.cat, e->as<parse::TypeCastExpr>().type);
    case ExprKind::Indirection: {
      const auto& ind = e->as<parse::IndirectionExpr>();
      std::optional<catalog::TypeRef> base = type_of(ind.arg.get(), ctx);
      if (!base || ind.steps.empty()) return std::nullopt;
      for (const auto& step : ind.steps) {
        if (step.kind != parse::IndirectionExpr::Step::Kind::Subscript) return std::nullopt;
      }
      catalog::Oid elem = m_state.cat.element_type(base->oid);
      if (!elem) return std::nullopt;
      return catalog::TypeRef{elem, -1, 0};
    }
    default:
      return std::nullopt;
  }
}

void EnumUseWalker::operator_expr(const parse::AExpr& a, Ctx ctx) {
  const catalog::Catalog& cat = m_state.cat;
  auto enum_typed = [&](const Expr* e) -> std::optional<catalog::TypeRef> {
    std::optional<catalog::TypeRef> t = type_of(e, ctx);
    if (t && enum_target(cat, *t).type) return t;
    return std::nullopt;
  };
  const Expr* lhs = a.lhs.get();
  const Expr* rhs = a.rhs.get();
  using Op = parse::AExpr::Op;
  switch (a.op) {
    case Op::Op:
    case Op::Distinct:
    case Op::NotDistinct:
    case Op::NullIf:
      if (!lhs || !rhs || (a.op == Op::Op && !is_comparison(a.name))) break;
      if (auto lt = enum_typed(lhs)) {
        expr(lhs, ctx);
        coerce(rhs, *lt, ctx);
        return;
      }
      if (auto rt = enum_typed(rhs)) {
        coerce(lhs, *rt, ctx);
        expr(rhs, ctx);
        return;
      }
      break;
    case Op::OpAny:
    case Op::OpAll:
      if (!lhs || !rhs) break;
      if (auto lt = enum_typed(lhs); lt && !cat.element_type(lt->oid)) {
        if (catalog::Oid arr = cat.array_type(lt->oid)) {
          expr(lhs, ctx);
          coerce(rhs, catalog::TypeRef{arr, -1, 1}, ctx);
          return;
        }
      }
      if (auto rt = enum_typed(rhs)) {
        if (catalog::Oid elem = cat.element_type(rt->oid)) {
          coerce(lhs, catalog::TypeRef{elem, -1, 0}, ctx);
          expr(rhs, ctx);
          return;
        }
      }
      break;
    case Op::In:
    case Op::Between:
    case Op::NotBetween:
    case Op::BetweenSym:
    case Op::NotBetweenSym:
      if (auto lt = enum_typed(lhs)) {
        expr(lhs, ctx);
        for (const parse::ExprPtr& item : a.list) coerce(item.get(), *lt, ctx);
        coerce(rhs, *lt, ctx);
        return;
      }
      break;
    default:
      break;
  }
  expr(lhs, ctx);
  expr(rhs, ctx);
  for (const parse::ExprPtr& item : a.list) expr(item.get(), ctx);
}

void EnumUseWalker::cast(const parse::TypeCastExpr& c, Ctx ctx) {
  std::optional<catalog::TypeRef> target = resolve_type(m_state.cat, c.type);
  EnumTarget t = target ? enum_target(m_state.cat, *target) : EnumTarget{};
  const Expr* arg = unwrap_collate(c.arg.get());
  if (!arg || !pending(t)) {
    expr(c.arg.get(), ctx);
    return;
  }
  // An untyped literal is read as the enum while parsing; so are the elements of
  // ARRAY[...] under a cast to the enum's array type (the cast is pushed down).
  if (arg->kind == ExprKind::Const) {
    coerce(arg, *target, ctx);
    return;
  }
  if (arg->kind == ExprKind::Array) {
    cast_array(arg->as<parse::ArrayExpr>(), *target, ctx);
    return;
  }
  // Enum to enum: the inner value is checked where it is made.
  if (std::optional<catalog::TypeRef> from = type_of(arg, ctx);
      from && enum_target(m_state.cat, *from).type) {
    expr(arg, ctx);
    return;
  }
  // A typed value is read as the enum when the cast runs.
  if (const parse::ConstExpr* k = constant_string(arg)) {
    const std::map<std::string, size_t>* p = pending(t);
    std::vector<std::string> values =
        t.array ? array_literal_elements(k->text) : std::vector<std::string>{k->text};
    for (const std::string& v : values) {
      auto it = p->find(v);
      if (it == p->end()) continue;
      use(ctx.per_row || m_body ? diag::DiagId::warn_vet_unsafe_enum_per_row
                                : diag::DiagId::err_vet_unsafe_enum_use,
          k->span, *t.type, v, it->second);
    }
    return;
  }
  data_dependent(c.span, t);
  expr(arg, ctx);
}

void EnumUseWalker::cast_array(const parse::ArrayExpr& a, const catalog::TypeRef& target, Ctx ctx) {
  catalog::Oid elem = m_state.cat.element_type(target.oid);
  for (const parse::ExprPtr& e : a.elements) {
    const Expr* inner = unwrap_collate(e.get());
    if (inner && inner->kind == ExprKind::Array) {  // a row of a multidimensional array
      cast_array(inner->as<parse::ArrayExpr>(), target, ctx);
    } else if (elem) {
      coerce(e.get(), catalog::TypeRef{elem, -1, 0}, ctx);
    } else {
      expr(e.get(), ctx);
    }
  }
}

void EnumUseWalker::case_expr(const parse::CaseExpr& c,
                              const std::optional<catalog::TypeRef>& target, Ctx ctx) {
  std::optional<catalog::TypeRef> arg_type = type_of(c.arg.get(), ctx);
  if (arg_type && !enum_target(m_state.cat, *arg_type).type) arg_type.reset();
  expr(c.arg.get(), ctx);
  std::vector<const Expr*> results;
  for (const auto& [cond, result] : c.whens) {
    if (arg_type) {
      coerce(cond.get(), *arg_type, ctx);
    } else {
      expr(cond.get(), ctx);
    }
    results.push_back(result.get());
  }
  if (c.default_result) results.push_back(c.default_result.get());
  if (!target) {
    siblings(results, ctx);
    return;
  }
  for (const Expr* r : results) coerce(r, *target, ctx);
}

void EnumUseWalker::siblings(const std::vector<const Expr*>& exprs, Ctx ctx) {
  std::optional<catalog::TypeRef> typed;
  for (const Expr* e : exprs) {
    std::optional<catalog::TypeRef> t = type_of(e, ctx);
    if (t && enum_target(m_state.cat, *t).type) {
      typed = t;
      break;
    }
  }
  for (const Expr* e : exprs) {
    if (typed) {
      coerce(e, *typed, ctx);
    } else {
      expr(e, ctx);
    }
  }
}

const std::map<std::string, size_t>* EnumUseWalker::pending(const EnumTarget& t) const {
  if (!t.type) return nullptr;
  auto it = m_state.pending.find(t.type->oid);
  return it == m_state.pending.end() || it->second.empty() ? nullptr : &it->second;
}

void EnumUseWalker::literal(const parse::ConstExpr& c, const EnumTarget& t) {
  const std::map<std::string, size_t>* p = pending(t);
  if (!p) return;
  std::vector<std::string> values =
      t.array ? array_literal_elements(c.text) : std::vector<std::string>{c.text};
  for (const std::string& v : values) {
    auto it = p->find(v);
    if (it != p->end()) use(diag::DiagId::err_vet_unsafe_enum_use, c.span, *t.type, v, it->second);
  }
}

void EnumUseWalker::data_dependent(parse::Span at, const EnumTarget& t) {
  const std::map<std::string, size_t>* p = pending(t);
  if (!p) return;
  for (const auto& [label, site] : *p) {
    use(diag::DiagId::warn_vet_unsafe_enum_cast, at, *t.type, label, site);
  }
}

void EnumUseWalker::use(diag::DiagId id, parse::Span at, const catalog::Type& type,
                        const std::string& label, size_t site_index) {
  AddValueSite& site = m_state.sites[site_index];
  diag::Diagnostic d = diag::make(id, diag::Location::at(m_source, at.offset, at.length),
                                  {label, type_display(type)});
  d.note(diag::DiagId::note_vet_value_added,
         diag::Location::at(site.info.source, site.info.offset, site.info.length), {label});
  if (site.migration != m_state.migration) {
    d.note(diag::DiagId::note_vet_one_transaction, {},
           {migration_name(m_state.migrations[site.migration]),
            migration_name(m_state.migrations[m_state.migration]),
            std::string(transaction_mode_name(m_state.options.mode))});
  }
  if (m_body) d.note(diag::DiagId::note_vet_sql_body_checked, {});
  d.note(diag::DiagId::note_vet_fix_hint, {});
  if (!report(m_state, k_enum_rule, std::move(d))) return;
  if (diag::severity_of(id) == diag::Severity::Error) {
    ++site.info.errors;
  } else {
    ++site.info.warnings;
  }
}

}  // namespace sqlgen::vet::detail
