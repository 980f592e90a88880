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

AExpr::Op aexpr_op(PgQuery__AExprKind k) {
  switch (k) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
      return AExpr::Op::OpAny;
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL:
      return AExpr::Op::OpAll;
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
      return AExpr::Op::Distinct;
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT:
      return AExpr::Op::NotDistinct;
    case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF:
      return AExpr::Op::NullIf;
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN:
      return AExpr::Op::In;
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
      return AExpr::Op::Like;
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE:
      return AExpr::Op::ILike;
    case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR:
      return AExpr::Op::Similar;
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
      return AExpr::Op::Between;
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
      return AExpr::Op::NotBetween;
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
      return AExpr::Op::BetweenSym;
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM:
      return AExpr::Op::NotBetweenSym;
    default:
      return AExpr::Op::Op;
  }
}

SubLinkExpr::Type sublink_type(PgQuery__SubLinkType t) {
  switch (t) {
    case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK:
      return SubLinkExpr::Type::Exists;
    case PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK:
      return SubLinkExpr::Type::All;
    case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK:
      return SubLinkExpr::Type::Any;
    case PG_QUERY__SUB_LINK_TYPE__ROWCOMPARE_SUBLINK:
      return SubLinkExpr::Type::RowCompare;
    case PG_QUERY__SUB_LINK_TYPE__MULTIEXPR_SUBLINK:
      return SubLinkExpr::Type::MultiExpr;
    case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK:
      return SubLinkExpr::Type::Array;
    case PG_QUERY__SUB_LINK_TYPE__CTE_SUBLINK:
      return SubLinkExpr::Type::Cte;
    default:
      return SubLinkExpr::Type::Expr;
  }
}

}  // namespace

std::vector<IndirectionExpr::Step> Transformer::indirection(size_t n, PgQuery__Node** nodes) {
  std::vector<IndirectionExpr::Step> out;
  for (size_t i = 0; i < n; ++i) {
    const PgQuery__Node* node = nodes[i];
    IndirectionExpr::Step step;
    if (node->node_case == PG_QUERY__NODE__NODE_A_INDICES) {
      step.kind = node->a_indices->is_slice ? IndirectionExpr::Step::Kind::Slice
                                            : IndirectionExpr::Step::Kind::Subscript;
      step.lower = expr(node->a_indices->lidx);
      step.upper = expr(node->a_indices->uidx);
    } else if (node->node_case == PG_QUERY__NODE__NODE_A_STAR) {
      step.kind = IndirectionExpr::Step::Kind::Star;
    } else {
      step.kind = IndirectionExpr::Step::Kind::Field;
      step.field = str(node);
    }
    out.push_back(std::move(step));
  }
  return out;
}

std::vector<ExprPtr> Transformer::exprs(size_t n, PgQuery__Node** nodes) {
  std::vector<ExprPtr> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(expr(nodes[i]));
  return out;
}

ExprPtr Transformer::expr(const PgQuery__Node* node) {
  if (!node) return nullptr;
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_COLUMN_REF:
      return expr_node(node->column_ref);
    case PG_QUERY__NODE__NODE_PARAM_REF: {
      auto e = make<ParamRefExpr>(span(node->param_ref->location));
      e->number = node->param_ref->number;
      return e;
    }
    case PG_QUERY__NODE__NODE_A_CONST:
      return expr_node(node->a_const);
    case PG_QUERY__NODE__NODE_A_EXPR:
      return expr_node(node->a_expr);
    case PG_QUERY__NODE__NODE_BOOL_EXPR:
      return expr_node(node->bool_expr);
    case PG_QUERY__NODE__NODE_FUNC_CALL:
      return expr_node(node->func_call);
    case PG_QUERY__NODE__NODE_TYPE_CAST:
      return expr_node(node->type_cast);
    case PG_QUERY__NODE__NODE_NULL_TEST:
      return expr_node(node->null_test);
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST:
      return expr_node(node->boolean_test);
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return expr_node(node->sub_link);
    case PG_QUERY__NODE__NODE_CASE_EXPR:
      return expr_node(node->case_expr);
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: {
      auto e = make<CoalesceExpr>(span(node->coalesce_expr->location));
      e->args = exprs(node->coalesce_expr->n_args, node->coalesce_expr->args);
      return e;
    }
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
      return expr_node(node->min_max_expr);
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR: {
      auto e = make<ArrayExpr>(span(node->a_array_expr->location));
      e->elements = exprs(node->a_array_expr->n_elements, node->a_array_expr->elements);
      return e;
    }
    case PG_QUERY__NODE__NODE_A_INDIRECTION:
      return expr_node(node->a_indirection);
    case PG_QUERY__NODE__NODE_ROW_EXPR: {
      auto e = make<RowExpr>(span(node->row_expr->location));
      e->args = exprs(node->row_expr->n_args, node->row_expr->args);
      return e;
    }
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
      return expr_node(node->sqlvalue_function);
    case PG_QUERY__NODE__NODE_NAMED_ARG_EXPR:
      return expr_node(node->named_arg_expr);
    case PG_QUERY__NODE__NODE_SET_TO_DEFAULT:
      return make<SetToDefaultExpr>(span(node->set_to_default->location));
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE:
      return expr_node(node->collate_clause);
    default: {
      auto e = make<UnsupportedExpr>(span(first_location(node)));
      e->node = node_name(node);
      return e;
    }
  }
}

ExprPtr Transformer::expr_node(const PgQuery__ColumnRef* c) {
  auto e = make<ColumnRefExpr>(span(c->location));
  for (size_t i = 0; i < c->n_fields; ++i) {
    if (c->fields[i]->node_case == PG_QUERY__NODE__NODE_A_STAR) {
      e->star = true;
    } else {
      e->fields.push_back(str(c->fields[i]));
    }
  }
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__AConst* c) {
  auto e = make<ConstExpr>(span(c->location));
  if (c->isnull) {
    e->type = ConstExpr::Type::Null;
  } else {
    switch (c->val_case) {
      case PG_QUERY__A__CONST__VAL_IVAL:
        e->type = ConstExpr::Type::Integer;
        e->text = std::to_string(c->ival->ival);
        break;
      case PG_QUERY__A__CONST__VAL_FVAL:
        e->type = ConstExpr::Type::Float;
        e->text = c->fval->fval ? c->fval->fval : "";
        break;
      case PG_QUERY__A__CONST__VAL_BOOLVAL:
        e->type = ConstExpr::Type::Bool;
        e->text = c->boolval->boolval ? "true" : "false";
        break;
      case PG_QUERY__A__CONST__VAL_SVAL:
        e->type = ConstExpr::Type::String;
        e->text = c->sval->sval ? c->sval->sval : "";
        break;
      case PG_QUERY__A__CONST__VAL_BSVAL:
        e->type = ConstExpr::Type::BitString;
        e->text = c->bsval->bsval ? c->bsval->bsval : "";
        break;
      default:
        e->type = ConstExpr::Type::Null;
        break;
    }
  }
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__AExpr* a) {
  auto e = make<AExpr>(span(a->location));
  e->op = aexpr_op(a->kind);
  e->name = strs(a->n_name, a->name);
  e->lhs = expr(a->lexpr);
  // IN lists and BETWEEN bounds come as a List node on the right.
  if (a->rexpr && a->rexpr->node_case == PG_QUERY__NODE__NODE_LIST) {
    e->list = exprs(a->rexpr->list->n_items, a->rexpr->list->items);
  } else {
    e->rhs = expr(a->rexpr);
  }
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__BoolExpr* b) {
  auto e = make<BoolExpr>(span(b->location));
  e->op = b->boolop == PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR    ? BoolExpr::Op::Or
          : b->boolop == PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR ? BoolExpr::Op::Not
                                                            : BoolExpr::Op::And;
  e->args = exprs(b->n_args, b->args);
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__FuncCall* f) {
  auto e = make<FuncCallExpr>(span(f->location));
  e->name = strs(f->n_funcname, f->funcname);
  e->args = exprs(f->n_args, f->args);
  e->agg_star = f->agg_star;
  e->agg_distinct = f->agg_distinct;
  e->variadic = f->func_variadic;
  e->has_over = f->over != nullptr;
  e->has_filter = f->agg_filter != nullptr;
  e->filter = expr(f->agg_filter);
  e->within_group = f->agg_within_group;
  e->agg_order = f->n_agg_order > 0 && !f->agg_within_group;
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__TypeCast* c) {
  auto e = make<TypeCastExpr>(span(c->location));
  e->arg = expr(c->arg);
  e->type = type_name(c->type_name);
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__NullTest* n) {
  auto e = make<NullTestExpr>(span(n->location));
  e->arg = expr(n->arg);
  e->is_not = n->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL;
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__BooleanTest* b) {
  auto e = make<BooleanTestExpr>(span(b->location));
  e->arg = expr(b->arg);
  const ProtobufCEnumValue* v =
      protobuf_c_enum_descriptor_get_value(&pg_query__bool_test_type__descriptor, b->booltesttype);
  e->test = v ? v->name : "";
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__SubLink* s) {
  auto e = make<SubLinkExpr>(span(s->location));
  e->type = sublink_type(s->sub_link_type);
  e->test = expr(s->testexpr);
  e->oper_name = strs(s->n_oper_name, s->oper_name);
  e->subselect = stmt(s->subselect);
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__CaseExpr* c) {
  auto e = make<CaseExpr>(span(c->location));
  e->arg = expr(c->arg);
  for (size_t i = 0; i < c->n_args; ++i) {
    if (c->args[i]->node_case != PG_QUERY__NODE__NODE_CASE_WHEN) continue;
    const PgQuery__CaseWhen* w = c->args[i]->case_when;
    e->whens.emplace_back(expr(w->expr), expr(w->result));
  }
  e->default_result = expr(c->defresult);
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__MinMaxExpr* m) {
  auto e = make<MinMaxExpr>(span(m->location));
  e->greatest = m->op == PG_QUERY__MIN_MAX_OP__IS_GREATEST;
  e->args = exprs(m->n_args, m->args);
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__AIndirection* ind) {
  auto e = make<IndirectionExpr>(m_stmt_span);
  e->arg = expr(ind->arg);
  if (e->arg) e->span = e->arg->span;
  e->steps = indirection(ind->n_indirection, ind->indirection);
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__SQLValueFunction* f) {
  auto e = make<SqlValueFunctionExpr>(span(f->location));
  const ProtobufCEnumValue* v =
      protobuf_c_enum_descriptor_get_value(&pg_query__sqlvalue_function_op__descriptor, f->op);
  e->op = v ? v->name : "";
  e->typmod = f->typmod;
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__NamedArgExpr* n) {
  auto e = make<NamedArgExpr>(span(n->location));
  e->name = n->name ? n->name : "";
  e->arg = expr(n->arg);
  return e;
}

ExprPtr Transformer::expr_node(const PgQuery__CollateClause* c) {
  auto e = make<CollateExpr>(span(c->location));
  e->arg = expr(c->arg);
  e->collation = strs(c->n_collname, c->collname);
  return e;
}

}  // namespace sqlgen::parse::detail
