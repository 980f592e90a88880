// Expressions: one dispatch switch (expr), one expr_node per node kind.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

namespace {

template <class T>
std::unique_ptr<T> make(Span sp) {
  auto e = std::make_unique<T>();
  e->span = sp;
  return e;
}

AExpr::Op aexpr_op(A_Expr_Kind k) {
  switch (k) {
    case AEXPR_OP_ANY:
      return AExpr::Op::OpAny;
    case AEXPR_OP_ALL:
      return AExpr::Op::OpAll;
    case AEXPR_DISTINCT:
      return AExpr::Op::Distinct;
    case AEXPR_NOT_DISTINCT:
      return AExpr::Op::NotDistinct;
    case AEXPR_NULLIF:
      return AExpr::Op::NullIf;
    case AEXPR_IN:
      return AExpr::Op::In;
    case AEXPR_LIKE:
      return AExpr::Op::Like;
    case AEXPR_ILIKE:
      return AExpr::Op::ILike;
    case AEXPR_SIMILAR:
      return AExpr::Op::Similar;
    case AEXPR_BETWEEN:
      return AExpr::Op::Between;
    case AEXPR_NOT_BETWEEN:
      return AExpr::Op::NotBetween;
    case AEXPR_BETWEEN_SYM:
      return AExpr::Op::BetweenSym;
    case AEXPR_NOT_BETWEEN_SYM:
      return AExpr::Op::NotBetweenSym;
    default:
      return AExpr::Op::Op;
  }
}

SubLinkExpr::Type sublink_type(SubLinkType t) {
  switch (t) {
    case EXISTS_SUBLINK:
      return SubLinkExpr::Type::Exists;
    case ALL_SUBLINK:
      return SubLinkExpr::Type::All;
    case ANY_SUBLINK:
      return SubLinkExpr::Type::Any;
    case ROWCOMPARE_SUBLINK:
      return SubLinkExpr::Type::RowCompare;
    case MULTIEXPR_SUBLINK:
      return SubLinkExpr::Type::MultiExpr;
    case ARRAY_SUBLINK:
      return SubLinkExpr::Type::Array;
    case CTE_SUBLINK:
      return SubLinkExpr::Type::Cte;
    default:
      return SubLinkExpr::Type::Expr;
  }
}

}  // namespace

std::vector<IndirectionExpr::Step> Transformer::indirection(const List* nodes) {
  std::vector<IndirectionExpr::Step> out;
  for (const Node* node : items(nodes)) {
    IndirectionExpr::Step step;
    if (IsA(node, A_Indices)) {
      const auto* ind = as<A_Indices>(node);
      step.kind = ind->is_slice ? IndirectionExpr::Step::Kind::Slice
                                : IndirectionExpr::Step::Kind::Subscript;
      step.lower = expr(ind->lidx);
      step.upper = expr(ind->uidx);
    } else if (IsA(node, A_Star)) {
      step.kind = IndirectionExpr::Step::Kind::Star;
    } else {
      step.kind = IndirectionExpr::Step::Kind::Field;
      step.field = str(node);
    }
    out.push_back(std::move(step));
  }
  return out;
}

std::vector<ExprPtr> Transformer::exprs(const List* nodes) {
  std::vector<ExprPtr> out;
  out.reserve(items(nodes).size());
  for (const Node* node : items(nodes)) out.push_back(expr(node));
  return out;
}

ExprPtr Transformer::expr(const Node* node) {
  if (!node) return nullptr;
  switch (nodeTag(node)) {
    case T_ColumnRef:
      return expr_node(as<ColumnRef>(node));
    case T_ParamRef: {
      const auto* p = as<ParamRef>(node);
      auto e = make<ParamRefExpr>(span(p->location));
      e->number = p->number;
      return e;
    }
    case T_A_Const:
      return expr_node(as<A_Const>(node));
    case T_A_Expr:
      return expr_node(as<A_Expr>(node));
    case T_BoolExpr:
      return expr_node(as<::BoolExpr>(node));
    case T_FuncCall:
      return expr_node(as<FuncCall>(node));
    case T_TypeCast:
      return expr_node(as<TypeCast>(node));
    case T_NullTest:
      return expr_node(as<NullTest>(node));
    case T_BooleanTest:
      return expr_node(as<BooleanTest>(node));
    case T_SubLink:
      return expr_node(as<SubLink>(node));
    case T_CaseExpr:
      return expr_node(as<::CaseExpr>(node));
    case T_CoalesceExpr: {
      const auto* c = as<::CoalesceExpr>(node);
      auto e = make<CoalesceExpr>(span(c->location));
      e->args = exprs(c->args);
      return e;
    }
    case T_MinMaxExpr:
      return expr_node(as<::MinMaxExpr>(node));
    case T_A_ArrayExpr: {
      const auto* a = as<A_ArrayExpr>(node);
      auto e = make<ArrayExpr>(span(a->location));
      e->elements = exprs(a->elements);
      return e;
    }
    case T_A_Indirection:
      return expr_node(as<A_Indirection>(node));
    case T_RowExpr: {
      const auto* r = as<::RowExpr>(node);
      auto e = make<RowExpr>(span(r->location));
      e->args = exprs(r->args);
      return e;
    }
    case T_SQLValueFunction:
      return expr_node(as<SQLValueFunction>(node));
    case T_NamedArgExpr:
      return expr_node(as<::NamedArgExpr>(node));
    case T_SetToDefault:
      return make<SetToDefaultExpr>(span(as<SetToDefault>(node)->location));
    case T_CollateClause:
      return expr_node(as<CollateClause>(node));
    default: {
      auto e = make<UnsupportedExpr>(span(first_location(node)));
      e->node = node_name(node);
      return e;
    }
  }
}

ExprPtr Transformer::expr_node(const ColumnRef* c) {
  auto e = make<ColumnRefExpr>(span(c->location));
  for (const Node* field : items(c->fields)) {
    if (IsA(field, A_Star)) {
      e->star = true;
    } else {
      e->fields.push_back(str(field));
    }
  }
  return e;
}

ExprPtr Transformer::expr_node(const A_Const* c) {
  auto e = make<ConstExpr>(span(c->location));
  if (c->isnull) {
    e->type = ConstExpr::Type::Null;
  } else {
    switch (nodeTag(&c->val)) {
      case T_Integer:
        e->type = ConstExpr::Type::Integer;
        e->text = std::to_string(c->val.ival.ival);
        break;
      case T_Float:
        e->type = ConstExpr::Type::Float;
        e->text = cstr(c->val.fval.fval);
        break;
      case T_Boolean:
        e->type = ConstExpr::Type::Bool;
        e->text = c->val.boolval.boolval ? "true" : "false";
        break;
      case T_String:
        e->type = ConstExpr::Type::String;
        e->text = cstr(c->val.sval.sval);
        break;
      case T_BitString:
        e->type = ConstExpr::Type::BitString;
        e->text = cstr(c->val.bsval.bsval);
        break;
      default:
        e->type = ConstExpr::Type::Null;
        break;
    }
  }
  return e;
}

ExprPtr Transformer::expr_node(const A_Expr* a) {
  auto e = make<AExpr>(span(a->location));
  e->op = aexpr_op(a->kind);
  e->name = strs(a->name);
  e->lhs = expr(a->lexpr);
  // IN lists and BETWEEN bounds come as a List node on the right.
  if (a->rexpr && IsA(a->rexpr, List)) {
    e->list = exprs(as<List>(a->rexpr));
  } else {
    e->rhs = expr(a->rexpr);
  }
  return e;
}

ExprPtr Transformer::expr_node(const ::BoolExpr* b) {
  auto e = make<BoolExpr>(span(b->location));
  e->op = b->boolop == OR_EXPR    ? BoolExpr::Op::Or
          : b->boolop == NOT_EXPR ? BoolExpr::Op::Not
                                  : BoolExpr::Op::And;
  e->args = exprs(b->args);
  return e;
}

ExprPtr Transformer::expr_node(const FuncCall* f) {
  auto e = make<FuncCallExpr>(span(f->location));
  e->name = strs(f->funcname);
  e->args = exprs(f->args);
  e->agg_star = f->agg_star;
  e->agg_distinct = f->agg_distinct;
  e->variadic = f->func_variadic;
  e->has_over = f->over != nullptr;
  e->has_filter = f->agg_filter != nullptr;
  e->filter = expr(f->agg_filter);
  e->within_group = f->agg_within_group;
  e->agg_order = !items(f->agg_order).empty() && !f->agg_within_group;
  return e;
}

ExprPtr Transformer::expr_node(const TypeCast* c) {
  auto e = make<TypeCastExpr>(span(c->location));
  e->arg = expr(c->arg);
  e->type = type_name(c->typeName);
  return e;
}

ExprPtr Transformer::expr_node(const NullTest* n) {
  auto e = make<NullTestExpr>(span(n->location));
  e->arg = expr(reinterpret_cast<const Node*>(n->arg));
  e->is_not = n->nulltesttype == IS_NOT_NULL;
  return e;
}

ExprPtr Transformer::expr_node(const BooleanTest* b) {
  auto e = make<BooleanTestExpr>(span(b->location));
  e->arg = expr(reinterpret_cast<const Node*>(b->arg));
  e->test = enum_name(pg_query__bool_test_type__descriptor, b->booltesttype);
  return e;
}

ExprPtr Transformer::expr_node(const SubLink* s) {
  auto e = make<SubLinkExpr>(span(s->location));
  e->type = sublink_type(s->subLinkType);
  e->test = expr(s->testexpr);
  e->oper_name = strs(s->operName);
  e->subselect = stmt(s->subselect);
  return e;
}

ExprPtr Transformer::expr_node(const ::CaseExpr* c) {
  auto e = make<CaseExpr>(span(c->location));
  e->arg = expr(reinterpret_cast<const Node*>(c->arg));
  for (const Node* arg : items(c->args)) {
    if (!IsA(arg, CaseWhen)) continue;
    const auto* w = as<CaseWhen>(arg);
    e->whens.emplace_back(expr(reinterpret_cast<const Node*>(w->expr)),
                          expr(reinterpret_cast<const Node*>(w->result)));
  }
  e->default_result = expr(reinterpret_cast<const Node*>(c->defresult));
  return e;
}

ExprPtr Transformer::expr_node(const ::MinMaxExpr* m) {
  auto e = make<MinMaxExpr>(span(m->location));
  e->greatest = m->op == IS_GREATEST;
  e->args = exprs(m->args);
  return e;
}

ExprPtr Transformer::expr_node(const A_Indirection* ind) {
  auto e = make<IndirectionExpr>(m_stmt_span);
  e->arg = expr(ind->arg);
  if (e->arg) e->span = e->arg->span;
  e->steps = indirection(ind->indirection);
  return e;
}

ExprPtr Transformer::expr_node(const SQLValueFunction* f) {
  auto e = make<SqlValueFunctionExpr>(span(f->location));
  e->op = enum_name(pg_query__sqlvalue_function_op__descriptor, f->op);
  e->typmod = f->typmod;
  return e;
}

ExprPtr Transformer::expr_node(const ::NamedArgExpr* n) {
  auto e = make<NamedArgExpr>(span(n->location));
  e->name = cstr(n->name);
  e->arg = expr(reinterpret_cast<const Node*>(n->arg));
  return e;
}

ExprPtr Transformer::expr_node(const CollateClause* c) {
  auto e = make<CollateExpr>(span(c->location));
  e->arg = expr(c->arg);
  e->collation = strs(c->collname);
  return e;
}

}  // namespace sqlgen::parse::detail
