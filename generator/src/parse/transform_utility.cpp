// Utility statements a query file may name (TRUNCATE, LOCK, VACUUM/ANALYZE, REFRESH
// MATERIALIZED VIEW, CALL): the relations they name and CALL's procedure call, so the
// analyzer can check them. Everything else stays a bare OtherStmt.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

StmtPtr Transformer::utility(const PgQuery__Node* node) {
  auto out = std::make_unique<OtherStmt>();
  auto add_relations = [&](size_t n, PgQuery__Node** nodes) {
    for (size_t i = 0; i < n; ++i) {
      if (nodes[i]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
        out->relations.push_back(range_var(nodes[i]->range_var));
      }
    }
  };
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
      add_relations(node->truncate_stmt->n_relations, node->truncate_stmt->relations);
      break;
    case PG_QUERY__NODE__NODE_LOCK_STMT:
      add_relations(node->lock_stmt->n_relations, node->lock_stmt->relations);
      break;
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
      out->vacuum = node->vacuum_stmt->is_vacuumcmd;
      for (size_t i = 0; i < node->vacuum_stmt->n_rels; ++i) {
        const PgQuery__Node* r = node->vacuum_stmt->rels[i];
        if (r->node_case == PG_QUERY__NODE__NODE_VACUUM_RELATION && r->vacuum_relation->relation) {
          out->relations.push_back(range_var(r->vacuum_relation->relation));
        }
      }
      break;
    case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
      out->concurrently = node->refresh_mat_view_stmt->concurrent;
      if (node->refresh_mat_view_stmt->relation) {
        out->relations.push_back(range_var(node->refresh_mat_view_stmt->relation));
      }
      break;
    case PG_QUERY__NODE__NODE_CALL_STMT:
      if (node->call_stmt->funccall) {
        PgQuery__Node wrapper = PG_QUERY__NODE__INIT;
        wrapper.node_case = PG_QUERY__NODE__NODE_FUNC_CALL;
        wrapper.func_call = node->call_stmt->funccall;
        out->call = expr(&wrapper);
      }
      break;
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      out->index = index_def(node->index_stmt);
      out->concurrently = node->index_stmt->concurrent;
      break;
    case PG_QUERY__NODE__NODE_REINDEX_STMT:
      if (node->reindex_stmt->relation)
        out->relations.push_back(range_var(node->reindex_stmt->relation));
      for (size_t i = 0; i < node->reindex_stmt->n_params; ++i) {
        const PgQuery__Node* p = node->reindex_stmt->params[i];
        if (p->node_case == PG_QUERY__NODE__NODE_DEF_ELEM && p->def_elem->defname &&
            std::string_view(p->def_elem->defname) == "concurrently") {
          out->concurrently = true;
        }
      }
      break;
    default:
      break;
  }
  return out;
}

IndexDef Transformer::index_def(const PgQuery__IndexStmt* s) {
  IndexDef def;
  def.name = s->idxname ? s->idxname : "";
  if (s->relation) def.table = range_var(s->relation);
  def.unique = s->unique;
  def.if_not_exists = s->if_not_exists;
  def.partial = s->where_clause != nullptr;
  for (size_t i = 0; i < s->n_index_params; ++i) {
    const PgQuery__Node* p = s->index_params[i];
    if (p->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM && p->index_elem->name &&
        *p->index_elem->name) {
      def.columns.push_back(p->index_elem->name);
    } else {
      def.has_expressions = true;
    }
  }
  return def;
}

}  // namespace sqlgen::parse::detail
