// CREATE TYPE (enum, composite, range), CREATE DOMAIN, ALTER TYPE ... VALUE.
#include "parse/transformer.hpp"

namespace sqlgen::parse::detail {

StmtPtr Transformer::create_enum(const ::CreateEnumStmt* s) {
  auto out = std::make_unique<CreateEnumStmt>();
  out->type = qual_name(s->typeName, m_stmt_span);
  out->labels = strs(s->vals);
  return out;
}

StmtPtr Transformer::create_composite(const CompositeTypeStmt* s) {
  auto out = std::make_unique<CreateCompositeStmt>();
  out->type = range_var(s->typevar);
  for (const Node* c : items(s->coldeflist)) {
    if (IsA(c, ColumnDef)) out->fields.push_back(column_def(as<::ColumnDef>(c)));
  }
  return out;
}

StmtPtr Transformer::create_domain(const ::CreateDomainStmt* s) {
  auto out = std::make_unique<CreateDomainStmt>();
  out->domain = qual_name(s->domainname, m_stmt_span);
  out->base = type_name(s->typeName);
  for (const Node* c : items(s->constraints)) {
    if (IsA(c, Constraint)) out->constraints.push_back(constraint(as<::Constraint>(c), true));
  }
  return out;
}

StmtPtr Transformer::create_range(const ::CreateRangeStmt* s) {
  auto out = std::make_unique<CreateRangeStmt>();
  out->type = qual_name(s->typeName, m_stmt_span);
  for (const Node* p : items(s->params)) {
    if (!IsA(p, DefElem)) continue;
    const auto* d = as<DefElem>(p);
    std::string name = cstr(d->defname);
    if (name == "subtype" && d->arg && IsA(d->arg, TypeName)) {
      out->subtype = type_name(as<::TypeName>(d->arg));
    } else if (name == "multirange_type_name" && d->arg) {
      if (IsA(d->arg, TypeName)) {
        TypeName t = type_name(as<::TypeName>(d->arg));
        if (!t.names.empty()) out->multirange_name = t.names.back();
      }
    }
  }
  return out;
}

StmtPtr Transformer::alter_enum(const ::AlterEnumStmt* s) {
  auto out = std::make_unique<AlterEnumStmt>();
  out->type = qual_name(s->typeName, m_stmt_span);
  out->old_value = cstr(s->oldVal);
  out->new_value = cstr(s->newVal);
  out->neighbor = cstr(s->newValNeighbor);
  out->after = s->newValIsAfter;
  out->if_not_exists = s->skipIfNewValExists;
  return out;
}

}  // namespace sqlgen::parse::detail
