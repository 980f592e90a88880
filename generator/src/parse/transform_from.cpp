// FROM items: tables, subqueries, functions, joins.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

std::vector<FromItemPtr> Transformer::from_list(const List* nodes) {
  std::vector<FromItemPtr> out;
  for (const Node* node : items(nodes)) out.push_back(from_item(node));
  return out;
}

FromItemPtr Transformer::from_item(const Node* node) {
  if (!node) return nullptr;
  switch (nodeTag(node)) {
    case T_RangeVar: {
      const auto* rv = as<RangeVar>(node);
      auto t = std::make_unique<TableRef>();
      t->name = range_var(rv);
      t->span = t->name.span;
      t->alias = alias(rv->alias);
      t->only = !rv->inh;
      return t;
    }
    case T_RangeSubselect: {
      const auto* r = as<RangeSubselect>(node);
      auto t = std::make_unique<SubqueryRef>();
      t->query = stmt(r->subquery);
      t->alias = alias(r->alias);
      t->lateral = r->lateral;
      int32_t loc = first_location(r->subquery);
      t->span = span(loc);
      return t;
    }
    case T_RangeFunction: {
      const auto* r = as<RangeFunction>(node);
      auto t = std::make_unique<FunctionRef>();
      // Each entry is a List of (function call, column definition list).
      for (const Node* f : items(r->functions)) {
        if (IsA(f, List) && !items(f).empty()) t->calls.push_back(expr(items(f)[0]));
      }
      for (const Node* c : items(r->coldeflist)) {
        if (IsA(c, ColumnDef)) t->column_defs.push_back(column_def(as<::ColumnDef>(c)));
      }
      t->ordinality = r->ordinality;
      t->lateral = r->lateral;
      t->alias = alias(r->alias);
      t->span = t->calls.empty() || !t->calls[0] ? m_stmt_span : t->calls[0]->span;
      return t;
    }
    case T_JoinExpr: {
      const auto* j = as<JoinExpr>(node);
      auto t = std::make_unique<JoinRef>();
      switch (j->jointype) {
        case JOIN_LEFT:
          t->type = JoinRef::Type::Left;
          break;
        case JOIN_RIGHT:
          t->type = JoinRef::Type::Right;
          break;
        case JOIN_FULL:
          t->type = JoinRef::Type::Full;
          break;
        default:
          t->type = JoinRef::Type::Inner;
          break;
      }
      t->natural = j->isNatural;
      t->left = from_item(j->larg);
      t->right = from_item(j->rarg);
      t->on = expr(j->quals);
      t->using_columns = strs(j->usingClause);
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
