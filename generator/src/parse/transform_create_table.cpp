// CREATE TABLE, its column definitions, constraints and LIKE clauses.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

namespace {

Constraint::Type constraint_type(ConstrType t) {
  switch (t) {
    case CONSTR_NOTNULL:
      return Constraint::Type::NotNull;
    case CONSTR_DEFAULT:
      return Constraint::Type::Default;
    case CONSTR_IDENTITY:
      return Constraint::Type::Identity;
    case CONSTR_GENERATED:
      return Constraint::Type::Generated;
    case CONSTR_CHECK:
      return Constraint::Type::Check;
    case CONSTR_PRIMARY:
      return Constraint::Type::PrimaryKey;
    case CONSTR_UNIQUE:
      return Constraint::Type::Unique;
    case CONSTR_EXCLUSION:
      return Constraint::Type::Exclusion;
    case CONSTR_FOREIGN:
      return Constraint::Type::ForeignKey;
    case CONSTR_NULL:
      return Constraint::Type::Null;
    default:
      return Constraint::Type::Attribute;
  }
}

}  // namespace

Constraint Transformer::constraint(const ::Constraint* c, bool check_sql) {
  Constraint k;
  k.type = constraint_type(c->contype);
  k.name = cstr(c->conname);
  k.keys = strs(c->keys);
  k.expr = expr(c->raw_expr);
  if (k.type == Constraint::Type::Default || k.type == Constraint::Type::Generated ||
      (check_sql && k.type == Constraint::Type::Check)) {
    k.expr_sql = deparse_expr(c->raw_expr);
  }
  k.generated_when = c->generated_when;
  for (const Node* o : items(c->options)) {
    if (!IsA(o, DefElem)) continue;
    const auto* d = as<DefElem>(o);
    if (d->defname && std::string_view(d->defname) == "sequence_name" && d->arg &&
        IsA(d->arg, List)) {
      k.sequence_name = strs(as<List>(d->arg));
    }
  }
  if (c->pktable) k.fk_table = range_var(c->pktable);
  k.fk_columns = strs(c->fk_attrs);
  k.pk_columns = strs(c->pk_attrs);
  k.span = span(c->location);
  return k;
}

ColumnDef Transformer::column_def(const ::ColumnDef* cd) {
  ColumnDef col;
  col.name = cstr(cd->colname);
  col.type = type_name(cd->typeName);
  for (const Node* c : items(cd->constraints)) {
    if (IsA(c, Constraint)) col.constraints.push_back(constraint(as<::Constraint>(c)));
  }
  if (cd->collClause) col.collation = strs(cd->collClause->collname);
  col.raw_default = expr(cd->raw_default);
  col.raw_default_sql = deparse_expr(cd->raw_default);
  col.span = span(cd->location);
  return col;
}

StmtPtr Transformer::create_table(const CreateStmt* s) {
  auto out = std::make_unique<CreateTableStmt>();
  out->table = range_var(s->relation);
  out->persistence = s->relation && s->relation->relpersistence ? s->relation->relpersistence : 'p';
  out->if_not_exists = s->if_not_exists;
  out->partitioned = s->partspec != nullptr;
  out->partition_of = s->partbound != nullptr;
  for (const Node* r : items(s->inhRelations)) {
    if (IsA(r, RangeVar)) out->inherits.push_back(range_var(as<RangeVar>(r)));
  }
  if (s->ofTypename) out->of_type = type_name(s->ofTypename);
  for (const Node* e : items(s->tableElts)) {
    switch (nodeTag(e)) {
      case T_ColumnDef:
        out->elements.emplace_back(column_def(as<::ColumnDef>(e)));
        break;
      case T_Constraint:
        out->elements.emplace_back(constraint(as<::Constraint>(e)));
        break;
      case T_TableLikeClause: {
        const auto* l = as<TableLikeClause>(e);
        TableLike like;
        like.table = range_var(l->relation);
        like.options = l->options;
        like.span = like.table.span;
        out->elements.emplace_back(std::move(like));
        break;
      }
      default:
        break;
    }
  }
  // Table constraints may also arrive in `constraints` (e.g. for PARTITION OF).
  for (const Node* c : items(s->constraints)) {
    if (IsA(c, Constraint)) out->elements.emplace_back(constraint(as<::Constraint>(c)));
  }
  return out;
}

}  // namespace sqlgen::parse::detail
