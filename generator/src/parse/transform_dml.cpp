// INSERT, UPDATE and DELETE.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

namespace {

/// The alias of a DML statement's target relation, "" without one.
std::string target_alias(const RangeVar* rv) {
  return rv && rv->alias ? cstr(rv->alias->aliasname) : "";
}

}  // namespace

StmtPtr Transformer::insert(const ::InsertStmt* s) {
  auto out = std::make_unique<InsertStmt>();
  out->with = with_clause(s->withClause);
  out->table = range_var(s->relation);
  out->alias = target_alias(s->relation);
  out->columns = res_targets(s->cols);
  if (s->selectStmt && IsA(s->selectStmt, SelectStmt)) {
    out->source = select(as<::SelectStmt>(s->selectStmt));
  }
  out->overriding = s->override == OVERRIDING_SYSTEM_VALUE ? 's'
                    : s->override == OVERRIDING_USER_VALUE ? 'u'
                                                           : 0;
  if (const OnConflictClause* oc = s->onConflictClause) {
    OnConflict c;
    c.update = oc->action == ONCONFLICT_UPDATE;
    c.span = span(oc->location);  // `ON`
    if (oc->infer) {
      c.infer_span = span(oc->infer->location);
      for (const Node* e : items(oc->infer->indexElems)) {
        if (IsA(e, IndexElem) && as<IndexElem>(e)->name && *as<IndexElem>(e)->name) {
          c.columns.push_back(as<IndexElem>(e)->name);
        } else {
          c.has_expressions = true;
        }
      }
      c.has_where = oc->infer->whereClause != nullptr;
      c.constraint = cstr(oc->infer->conname);
    }
    c.set = res_targets(oc->targetList);
    c.where = expr(oc->whereClause);
    out->on_conflict = std::move(c);
  }
  out->returning = res_targets(s->returningList);
  return out;
}

StmtPtr Transformer::update(const ::UpdateStmt* s) {
  auto out = std::make_unique<UpdateStmt>();
  out->with = with_clause(s->withClause);
  out->table = range_var(s->relation);
  out->alias = target_alias(s->relation);
  out->set = res_targets(s->targetList);
  out->from = from_list(s->fromClause);
  out->where = expr(s->whereClause);
  out->returning = res_targets(s->returningList);
  return out;
}

StmtPtr Transformer::delete_(const ::DeleteStmt* s) {
  auto out = std::make_unique<DeleteStmt>();
  out->with = with_clause(s->withClause);
  out->table = range_var(s->relation);
  out->alias = target_alias(s->relation);
  out->using_items = from_list(s->usingClause);
  out->where = expr(s->whereClause);
  out->returning = res_targets(s->returningList);
  return out;
}

}  // namespace sqlgen::parse::detail
