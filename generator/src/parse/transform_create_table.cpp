// CREATE TABLE, its column definitions, constraints and LIKE clauses.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

namespace {

Constraint::Type constraint_type(PgQuery__ConstrType t) {
  switch (t) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
      return Constraint::Type::NotNull;
    case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
      return Constraint::Type::Default;
    case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
      return Constraint::Type::Identity;
    case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
      return Constraint::Type::Generated;
    case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
      return Constraint::Type::Check;
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
      return Constraint::Type::PrimaryKey;
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
      return Constraint::Type::Unique;
    case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
      return Constraint::Type::Exclusion;
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
      return Constraint::Type::ForeignKey;
    case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
      return Constraint::Type::Null;
    default:
      return Constraint::Type::Attribute;
  }
}

}  // namespace

Constraint Transformer::constraint(const PgQuery__Constraint* c) {
  Constraint k;
  k.type = constraint_type(c->contype);
  k.name = c->conname ? c->conname : "";
  k.keys = strs(c->n_keys, c->keys);
  k.expr = expr(c->raw_expr);
  k.expr_sql = deparse_expr(c->raw_expr);
  k.generated_when = c->generated_when && *c->generated_when ? c->generated_when[0] : 0;
  for (size_t i = 0; i < c->n_options; ++i) {
    const PgQuery__Node* o = c->options[i];
    if (o->node_case == PG_QUERY__NODE__NODE_DEF_ELEM && o->def_elem->defname &&
        std::string_view(o->def_elem->defname) == "sequence_name" && o->def_elem->arg &&
        o->def_elem->arg->node_case == PG_QUERY__NODE__NODE_LIST) {
      k.sequence_name = strs(o->def_elem->arg->list->n_items, o->def_elem->arg->list->items);
    }
  }
  if (c->pktable) k.fk_table = range_var(c->pktable);
  k.fk_columns = strs(c->n_fk_attrs, c->fk_attrs);
  k.pk_columns = strs(c->n_pk_attrs, c->pk_attrs);
  k.span = span(c->location);
  return k;
}

ColumnDef Transformer::column_def(const PgQuery__ColumnDef* cd) {
  ColumnDef col;
  col.name = cd->colname ? cd->colname : "";
  col.type = type_name(cd->type_name);
  for (size_t i = 0; i < cd->n_constraints; ++i) {
    if (cd->constraints[i]->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
      col.constraints.push_back(constraint(cd->constraints[i]->constraint));
    }
  }
  if (cd->coll_clause) col.collation = strs(cd->coll_clause->n_collname, cd->coll_clause->collname);
  col.raw_default = expr(cd->raw_default);
  col.raw_default_sql = deparse_expr(cd->raw_default);
  col.span = span(cd->location);
  return col;
}

StmtPtr Transformer::create_table(const PgQuery__CreateStmt* s) {
  auto out = std::make_unique<CreateTableStmt>();
  out->table = range_var(s->relation);
  out->persistence = s->relation && s->relation->relpersistence && *s->relation->relpersistence
                         ? s->relation->relpersistence[0]
                         : 'p';
  out->if_not_exists = s->if_not_exists;
  out->partitioned = s->partspec != nullptr;
  out->partition_of = s->partbound != nullptr;
  for (size_t i = 0; i < s->n_inh_relations; ++i) {
    if (s->inh_relations[i]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
      out->inherits.push_back(range_var(s->inh_relations[i]->range_var));
    }
  }
  if (s->of_typename) out->of_type = type_name(s->of_typename);
  for (size_t i = 0; i < s->n_table_elts; ++i) {
    const PgQuery__Node* e = s->table_elts[i];
    switch (e->node_case) {
      case PG_QUERY__NODE__NODE_COLUMN_DEF:
        out->elements.emplace_back(column_def(e->column_def));
        break;
      case PG_QUERY__NODE__NODE_CONSTRAINT:
        out->elements.emplace_back(constraint(e->constraint));
        break;
      case PG_QUERY__NODE__NODE_TABLE_LIKE_CLAUSE: {
        TableLike like;
        like.table = range_var(e->table_like_clause->relation);
        like.options = e->table_like_clause->options;
        like.span = like.table.span;
        out->elements.emplace_back(std::move(like));
        break;
      }
      default:
        break;
    }
  }
  // Table constraints may also arrive in `constraints` (e.g. for PARTITION OF).
  for (size_t i = 0; i < s->n_constraints; ++i) {
    if (s->constraints[i]->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
      out->elements.emplace_back(constraint(s->constraints[i]->constraint));
    }
  }
  return out;
}

}  // namespace sqlgen::parse::detail
