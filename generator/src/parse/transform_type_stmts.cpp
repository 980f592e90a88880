// CREATE TYPE (enum, composite, range), CREATE DOMAIN, ALTER TYPE ... VALUE.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

StmtPtr Transformer::create_enum(const PgQuery__CreateEnumStmt* s) {
  auto out = std::make_unique<CreateEnumStmt>();
  out->type = qual_name(s->n_type_name, s->type_name, m_stmt_span);
  out->labels = strs(s->n_vals, s->vals);
  return out;
}

StmtPtr Transformer::create_composite(const PgQuery__CompositeTypeStmt* s) {
  auto out = std::make_unique<CreateCompositeStmt>();
  out->type = range_var(s->typevar);
  for (size_t i = 0; i < s->n_coldeflist; ++i) {
    if (s->coldeflist[i]->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
      out->fields.push_back(column_def(s->coldeflist[i]->column_def));
    }
  }
  return out;
}

StmtPtr Transformer::create_domain(const PgQuery__CreateDomainStmt* s) {
  auto out = std::make_unique<CreateDomainStmt>();
  out->domain = qual_name(s->n_domainname, s->domainname, m_stmt_span);
  out->base = type_name(s->type_name);
  for (size_t i = 0; i < s->n_constraints; ++i) {
    if (s->constraints[i]->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
      out->constraints.push_back(constraint(s->constraints[i]->constraint));
    }
  }
  return out;
}

StmtPtr Transformer::create_range(const PgQuery__CreateRangeStmt* s) {
  auto out = std::make_unique<CreateRangeStmt>();
  out->type = qual_name(s->n_type_name, s->type_name, m_stmt_span);
  for (size_t i = 0; i < s->n_params; ++i) {
    if (s->params[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem* d = s->params[i]->def_elem;
    std::string name = d->defname ? d->defname : "";
    if (name == "subtype" && d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) {
      out->subtype = type_name(d->arg->type_name);
    } else if (name == "multirange_type_name" && d->arg) {
      if (d->arg->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) {
        TypeName t = type_name(d->arg->type_name);
        if (!t.names.empty()) out->multirange_name = t.names.back();
      }
    }
  }
  return out;
}

StmtPtr Transformer::alter_enum(const PgQuery__AlterEnumStmt* s) {
  auto out = std::make_unique<AlterEnumStmt>();
  out->type = qual_name(s->n_type_name, s->type_name, m_stmt_span);
  out->old_value = s->old_val ? s->old_val : "";
  out->new_value = s->new_val ? s->new_val : "";
  out->neighbor = s->new_val_neighbor ? s->new_val_neighbor : "";
  out->after = s->new_val_is_after;
  out->if_not_exists = s->skip_if_new_val_exists;
  return out;
}

}  // namespace sqlgen::parse::detail
