// FROM items: tables, subqueries, functions, joins.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

std::vector<FromItemPtr> Transformer::from_list(size_t n, PgQuery__Node** nodes) {
  std::vector<FromItemPtr> out;
  for (size_t i = 0; i < n; ++i) out.push_back(from_item(nodes[i]));
  return out;
}

FromItemPtr Transformer::from_item(const PgQuery__Node* node) {
  if (!node) return nullptr;
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR: {
      const PgQuery__RangeVar* rv = node->range_var;
      auto t = std::make_unique<TableRef>();
      t->name = range_var(rv);
      t->span = t->name.span;
      t->alias = alias(rv->alias);
      t->only = !rv->inh;
      return t;
    }
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT: {
      const PgQuery__RangeSubselect* r = node->range_subselect;
      auto t = std::make_unique<SubqueryRef>();
      t->query = stmt(r->subquery);
      t->alias = alias(r->alias);
      t->lateral = r->lateral;
      int32_t loc = first_location(r->subquery);
      t->span = span(loc);
      return t;
    }
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION: {
      const PgQuery__RangeFunction* r = node->range_function;
      auto t = std::make_unique<FunctionRef>();
      // Each entry is a List of (function call, column definition list).
      for (size_t i = 0; i < r->n_functions; ++i) {
        const PgQuery__Node* f = r->functions[i];
        if (f->node_case == PG_QUERY__NODE__NODE_LIST && f->list->n_items >= 1) {
          t->calls.push_back(expr(f->list->items[0]));
        }
      }
      for (size_t i = 0; i < r->n_coldeflist; ++i) {
        if (r->coldeflist[i]->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
          t->column_defs.push_back(column_def(r->coldeflist[i]->column_def));
        }
      }
      t->ordinality = r->ordinality;
      t->lateral = r->lateral;
      t->alias = alias(r->alias);
      t->span = t->calls.empty() || !t->calls[0] ? m_stmt_span : t->calls[0]->span;
      return t;
    }
    case PG_QUERY__NODE__NODE_JOIN_EXPR: {
      const PgQuery__JoinExpr* j = node->join_expr;
      auto t = std::make_unique<JoinRef>();
      switch (j->jointype) {
        case PG_QUERY__JOIN_TYPE__JOIN_LEFT:
          t->type = JoinRef::Type::Left;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_RIGHT:
          t->type = JoinRef::Type::Right;
          break;
        case PG_QUERY__JOIN_TYPE__JOIN_FULL:
          t->type = JoinRef::Type::Full;
          break;
        default:
          t->type = JoinRef::Type::Inner;
          break;
      }
      t->natural = j->is_natural;
      t->left = from_item(j->larg);
      t->right = from_item(j->rarg);
      t->on = expr(j->quals);
      t->using_columns = strs(j->n_using_clause, j->using_clause);
      t->alias = alias(j->alias);
      t->span = t->left ? t->left->span : m_stmt_span;
      return t;
    }
    default: {
      // e.g. TABLESAMPLE, XMLTABLE: keep a placeholder table the analyzer reports.
      auto t = std::make_unique<TableRef>();
      t->name.name = node_name(node);
      t->span = span(first_location(node));
      return t;
    }
  }
}

}  // namespace sqlgen::parse::detail
