// SELECT (incl. VALUES and set operations), select lists and WITH clauses.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

Alias Transformer::alias(const PgQuery__Alias* a) {
  Alias out;
  if (!a) return out;
  out.name = a->aliasname ? a->aliasname : "";
  out.columns = strs(a->n_colnames, a->colnames);
  return out;
}

std::vector<ResTarget> Transformer::res_targets(size_t n, PgQuery__Node** nodes) {
  std::vector<ResTarget> out;
  for (size_t i = 0; i < n; ++i) {
    if (nodes[i]->node_case != PG_QUERY__NODE__NODE_RES_TARGET) continue;
    const PgQuery__ResTarget* r = nodes[i]->res_target;
    ResTarget t;
    t.name = r->name ? r->name : "";
    t.indirection = indirection(r->n_indirection, r->indirection);
    t.span = span(r->location);
    // `SET (a, b) = (x, y)`: each target points at the shared source row.
    if (r->val && r->val->node_case == PG_QUERY__NODE__NODE_MULTI_ASSIGN_REF) {
      const PgQuery__MultiAssignRef* m = r->val->multi_assign_ref;
      t.multi_index = m->colno;
      t.multi_count = m->ncolumns;
      t.value = expr(m->source);
      if (t.value) {
        t.multi_source_span = t.value->span;
        if (t.value->kind == ExprKind::Row) {
          t.multi_source_fields = static_cast<int32_t>(t.value->as<RowExpr>().args.size());
        } else if (t.value->kind == ExprKind::SubLink) {
          t.multi_source_fields = -2;
        }
      }
      // The source row holds all values; keep the one for this column.
      if (t.value && t.value->kind == ExprKind::Row) {
        auto& row = static_cast<RowExpr&>(*t.value);
        if (m->colno >= 1 && static_cast<size_t>(m->colno) <= row.args.size()) {
          ExprPtr one = std::move(row.args[static_cast<size_t>(m->colno) - 1]);
          t.value = std::move(one);
        }
      }
    } else {
      t.value = expr(r->val);
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::optional<WithClause> Transformer::with_clause(const PgQuery__WithClause* w) {
  if (!w) return std::nullopt;
  WithClause out;
  out.recursive = w->recursive;
  for (size_t i = 0; i < w->n_ctes; ++i) {
    if (w->ctes[i]->node_case != PG_QUERY__NODE__NODE_COMMON_TABLE_EXPR) continue;
    const PgQuery__CommonTableExpr* c = w->ctes[i]->common_table_expr;
    CommonTableExpr cte;
    cte.name = c->ctename ? c->ctename : "";
    cte.columns = strs(c->n_aliascolnames, c->aliascolnames);
    cte.query = stmt(c->ctequery);
    cte.span = span(c->location);
    out.ctes.push_back(std::move(cte));
  }
  return out;
}

std::unique_ptr<SelectStmt> Transformer::select(const PgQuery__SelectStmt* s) {
  auto out = std::make_unique<SelectStmt>();
  out->node = "SelectStmt";
  out->span = m_stmt_span;
  if (!s) return out;
  out->with = with_clause(s->with_clause);
  switch (s->op) {
    case PG_QUERY__SET_OPERATION__SETOP_UNION:
      out->set_op = SelectStmt::SetOp::Union;
      break;
    case PG_QUERY__SET_OPERATION__SETOP_INTERSECT:
      out->set_op = SelectStmt::SetOp::Intersect;
      break;
    case PG_QUERY__SET_OPERATION__SETOP_EXCEPT:
      out->set_op = SelectStmt::SetOp::Except;
      break;
    default:
      break;
  }
  out->all = s->all;
  if (out->set_op != SelectStmt::SetOp::None) {
    out->left = select(s->larg);
    out->right = select(s->rarg);
  }
  // DISTINCT is a list with one empty node; DISTINCT ON (...) lists the expressions.
  if (s->n_distinct_clause > 0) {
    out->distinct = true;
    for (size_t i = 0; i < s->n_distinct_clause; ++i) {
      if (s->distinct_clause[i] &&
          s->distinct_clause[i]->node_case != PG_QUERY__NODE__NODE__NOT_SET) {
        out->distinct_on.push_back(expr(s->distinct_clause[i]));
      }
    }
  }
  out->targets = res_targets(s->n_target_list, s->target_list);
  out->from = from_list(s->n_from_clause, s->from_clause);
  out->where = expr(s->where_clause);
  out->group_by = exprs(s->n_group_clause, s->group_clause);
  out->having = expr(s->having_clause);
  for (size_t i = 0; i < s->n_values_lists; ++i) {
    const PgQuery__Node* row = s->values_lists[i];
    if (row->node_case == PG_QUERY__NODE__NODE_LIST) {
      out->values.push_back(exprs(row->list->n_items, row->list->items));
    }
  }
  for (size_t i = 0; i < s->n_sort_clause; ++i) {
    if (s->sort_clause[i]->node_case != PG_QUERY__NODE__NODE_SORT_BY) continue;
    const PgQuery__SortBy* sb = s->sort_clause[i]->sort_by;
    SortBy o;
    o.expr = expr(sb->node);
    o.desc = sb->sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
    o.span = span(sb->location);
    out->order_by.push_back(std::move(o));
  }
  out->limit = expr(s->limit_count);
  out->offset = expr(s->limit_offset);
  if (s->n_locking_clause > 0 &&
      s->locking_clause[0]->node_case == PG_QUERY__NODE__NODE_LOCKING_CLAUSE) {
    switch (s->locking_clause[0]->locking_clause->strength) {
      case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORKEYSHARE:
        out->locking = "FOR KEY SHARE";
        break;
      case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORSHARE:
        out->locking = "FOR SHARE";
        break;
      case PG_QUERY__LOCK_CLAUSE_STRENGTH__LCS_FORNOKEYUPDATE:
        out->locking = "FOR NO KEY UPDATE";
        break;
      default:
        out->locking = "FOR UPDATE";
        break;
    }
  }
  return out;
}

}  // namespace sqlgen::parse::detail
