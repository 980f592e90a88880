// INSERT, UPDATE and DELETE.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

StmtPtr Transformer::insert(const PgQuery__InsertStmt* s) {
  auto out = std::make_unique<InsertStmt>();
  out->with = with_clause(s->with_clause);
  out->table = range_var(s->relation);
  if (s->relation && s->relation->alias && s->relation->alias->aliasname) {
    out->alias = s->relation->alias->aliasname;
  }
  out->columns = res_targets(s->n_cols, s->cols);
  if (s->select_stmt && s->select_stmt->node_case == PG_QUERY__NODE__NODE_SELECT_STMT) {
    out->source = select(s->select_stmt->select_stmt);
  }
  out->overriding = s->override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_SYSTEM_VALUE ? 's'
                    : s->override == PG_QUERY__OVERRIDING_KIND__OVERRIDING_USER_VALUE ? 'u'
                                                                                      : 0;
  if (const PgQuery__OnConflictClause* oc = s->on_conflict_clause) {
    OnConflict c;
    c.update = oc->action == PG_QUERY__ON_CONFLICT_ACTION__ONCONFLICT_UPDATE;
    c.span = span(oc->location);  // `ON`
    if (oc->infer) {
      c.infer_span = span(oc->infer->location);
      for (size_t i = 0; i < oc->infer->n_index_elems; ++i) {
        const PgQuery__Node* e = oc->infer->index_elems[i];
        if (e->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM && e->index_elem->name &&
            *e->index_elem->name) {
          c.columns.push_back(e->index_elem->name);
        } else {
          c.has_expressions = true;
        }
      }
      c.has_where = oc->infer->where_clause != nullptr;
      c.constraint = oc->infer->conname ? oc->infer->conname : "";
    }
    c.set = res_targets(oc->n_target_list, oc->target_list);
    c.where = expr(oc->where_clause);
    out->on_conflict = std::move(c);
  }
  out->returning = res_targets(s->n_returning_list, s->returning_list);
  return out;
}

StmtPtr Transformer::update(const PgQuery__UpdateStmt* s) {
  auto out = std::make_unique<UpdateStmt>();
  out->with = with_clause(s->with_clause);
  out->table = range_var(s->relation);
  if (s->relation && s->relation->alias && s->relation->alias->aliasname) {
    out->alias = s->relation->alias->aliasname;
  }
  out->set = res_targets(s->n_target_list, s->target_list);
  out->from = from_list(s->n_from_clause, s->from_clause);
  out->where = expr(s->where_clause);
  out->returning = res_targets(s->n_returning_list, s->returning_list);
  return out;
}

StmtPtr Transformer::delete_(const PgQuery__DeleteStmt* s) {
  auto out = std::make_unique<DeleteStmt>();
  out->with = with_clause(s->with_clause);
  out->table = range_var(s->relation);
  if (s->relation && s->relation->alias && s->relation->alias->aliasname) {
    out->alias = s->relation->alias->aliasname;
  }
  out->using_items = from_list(s->n_using_clause, s->using_clause);
  out->where = expr(s->where_clause);
  out->returning = res_targets(s->n_returning_list, s->returning_list);
  return out;
}

}  // namespace sqlgen::parse::detail
