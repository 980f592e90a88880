// Utility statements a query file may name (TRUNCATE, LOCK, VACUUM/ANALYZE, REFRESH
// MATERIALIZED VIEW, CALL): the relations they name and CALL's procedure call, so the
// analyzer can check them. Everything else stays a bare OtherStmt.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

StmtPtr Transformer::utility(const Node* node) {
  auto out = std::make_unique<OtherStmt>();
  auto add_relations = [&](const List* nodes) {
    for (const Node* r : items(nodes)) {
      if (IsA(r, RangeVar)) out->relations.push_back(range_var(as<RangeVar>(r)));
    }
  };
  switch (nodeTag(node)) {
    case T_TruncateStmt:
      add_relations(as<TruncateStmt>(node)->relations);
      break;
    case T_LockStmt:
      add_relations(as<LockStmt>(node)->relations);
      break;
    case T_VacuumStmt: {
      const auto* v = as<VacuumStmt>(node);
      out->vacuum = v->is_vacuumcmd;
      for (const Node* r : items(v->rels)) {
        if (IsA(r, VacuumRelation) && as<VacuumRelation>(r)->relation) {
          out->relations.push_back(range_var(as<VacuumRelation>(r)->relation));
        }
      }
      break;
    }
    case T_RefreshMatViewStmt: {
      const auto* r = as<RefreshMatViewStmt>(node);
      out->concurrently = r->concurrent;
      if (r->relation) out->relations.push_back(range_var(r->relation));
      break;
    }
    case T_CallStmt:
      if (const FuncCall* call = as<CallStmt>(node)->funccall) {
        out->call = expr(reinterpret_cast<const Node*>(call));
      }
      break;
    case T_IndexStmt:
      out->index = index_def(as<IndexStmt>(node));
      out->concurrently = as<IndexStmt>(node)->concurrent;
      break;
    case T_ReindexStmt: {
      const auto* r = as<ReindexStmt>(node);
      if (r->relation) out->relations.push_back(range_var(r->relation));
      for (const Node* p : items(r->params)) {
        if (IsA(p, DefElem) && as<DefElem>(p)->defname &&
            std::string_view(as<DefElem>(p)->defname) == "concurrently") {
          out->concurrently = true;
        }
      }
      break;
    }
    default:
      break;
  }
  return out;
}

IndexDef Transformer::index_def(const IndexStmt* s) {
  IndexDef def;
  def.name = cstr(s->idxname);
  if (s->relation) def.table = range_var(s->relation);
  def.unique = s->unique;
  def.if_not_exists = s->if_not_exists;
  def.partial = s->whereClause != nullptr;
  for (const Node* p : items(s->indexParams)) {
    if (IsA(p, IndexElem) && as<IndexElem>(p)->name && *as<IndexElem>(p)->name) {
      def.columns.push_back(as<IndexElem>(p)->name);
    } else {
      def.has_expressions = true;
    }
  }
  return def;
}

}  // namespace sqlgen::parse::detail
