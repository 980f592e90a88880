// SELECT (incl. VALUES and set operations), select lists and WITH clauses.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

Alias Transformer::alias(const ::Alias* a) {
  Alias out;
  if (!a) return out;
  out.name = cstr(a->aliasname);
  out.columns = strs(a->colnames);
  return out;
}

std::vector<ResTarget> Transformer::res_targets(const List* nodes) {
  std::vector<ResTarget> out;
  for (const Node* node : items(nodes)) {
    if (!IsA(node, ResTarget)) continue;
    const auto* r = as<::ResTarget>(node);
    ResTarget t;
    t.name = cstr(r->name);
    t.indirection = indirection(r->indirection);
    t.span = span(r->location);
    // `SET (a, b) = (x, y)`: each target points at the shared source row.
    if (r->val && IsA(r->val, MultiAssignRef)) {
      const auto* m = as<MultiAssignRef>(r->val);
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

std::optional<WithClause> Transformer::with_clause(const ::WithClause* w) {
  if (!w) return std::nullopt;
  WithClause out;
  out.recursive = w->recursive;
  for (const Node* node : items(w->ctes)) {
    if (!IsA(node, CommonTableExpr)) continue;
    const auto* c = as<::CommonTableExpr>(node);
    CommonTableExpr cte;
    cte.name = cstr(c->ctename);
    cte.columns = strs(c->aliascolnames);
    cte.query = stmt(c->ctequery);
    cte.span = span(c->location);
    out.ctes.push_back(std::move(cte));
  }
  return out;
}

std::unique_ptr<SelectStmt> Transformer::select(const ::SelectStmt* s) {
  auto out = std::make_unique<SelectStmt>();
  out->node = "SelectStmt";
  out->span = m_stmt_span;
  if (!s) return out;
  out->with = with_clause(s->withClause);
  switch (s->op) {
    case SETOP_UNION:
      out->set_op = SelectStmt::SetOp::Union;
      break;
    case SETOP_INTERSECT:
      out->set_op = SelectStmt::SetOp::Intersect;
      break;
    case SETOP_EXCEPT:
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
  if (!items(s->distinctClause).empty()) {
    out->distinct = true;
    for (const Node* node : items(s->distinctClause)) {
      if (node) out->distinct_on.push_back(expr(node));
    }
  }
  out->targets = res_targets(s->targetList);
  out->from = from_list(s->fromClause);
  out->where = expr(s->whereClause);
  out->group_by = exprs(s->groupClause);
  out->having = expr(s->havingClause);
  for (const Node* row : items(s->valuesLists)) {
    if (IsA(row, List)) out->values.push_back(exprs(as<List>(row)));
  }
  for (const Node* node : items(s->sortClause)) {
    if (!IsA(node, SortBy)) continue;
    const auto* sb = as<::SortBy>(node);
    SortBy o;
    o.expr = expr(sb->node);
    o.desc = sb->sortby_dir == SORTBY_DESC;
    o.span = span(sb->location);
    out->order_by.push_back(std::move(o));
  }
  out->limit = expr(s->limitCount);
  out->offset = expr(s->limitOffset);
  Nodes locking = items(s->lockingClause);
  if (!locking.empty() && IsA(locking[0], LockingClause)) {
    switch (as<LockingClause>(locking[0])->strength) {
      case LCS_FORKEYSHARE:
        out->locking = "FOR KEY SHARE";
        break;
      case LCS_FORSHARE:
        out->locking = "FOR SHARE";
        break;
      case LCS_FORNOKEYUPDATE:
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
