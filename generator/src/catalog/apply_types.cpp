// CREATE TYPE (enum, composite, range), CREATE DOMAIN, ALTER TYPE ... VALUE.
#include <algorithm>

#include "catalog/catalog_builder.hpp"

namespace sqlgen::catalog {

void CatalogBuilder::create_enum(const parse::CreateEnumStmt& s) {
  auto sch = creation_schema(s.type.schema, s.span);
  if (!sch || type_name_taken(*sch, s.type.name, s.span)) return;
  Type t;
  t.schema = *sch;
  t.name = s.type.name;
  t.typtype = 'e';
  for (const std::string& label : s.labels) {
    if (std::find(t.labels.begin(), t.labels.end(), label) != t.labels.end()) {
      error(diag::DiagId::err_enum_label_exists, s.span, {label});
      return;
    }
    t.labels.push_back(label);
  }
  t.origin = origin(s.span);
  add_type(std::move(t));
}

void CatalogBuilder::create_composite(const parse::CreateCompositeStmt& s) {
  auto sch = creation_schema(s.type.schema, s.type.span);
  if (!sch || type_name_taken(*sch, s.type.name, s.type.span)) return;
  // A composite type is a relation in pg_class too: names collide with tables.
  if (relation_name_taken(*sch, s.type.name, s.type.span)) return;
  Type t;
  t.schema = *sch;
  t.name = s.type.name;
  t.typtype = 'c';
  for (const parse::ColumnDef& def : s.fields) {
    auto type = resolve_type(def.type);
    if (!type) return;
    for (const Column& f : t.fields) {
      if (f.name == def.name) {
        error(diag::DiagId::err_column_duplicate, def.span, {def.name});
        return;
      }
    }
    Column f;
    f.name = def.name;
    f.type = *type;
    f.origin = origin(def.span);
    t.fields.push_back(std::move(f));
  }
  t.origin = origin(s.type.span);
  add_type(std::move(t));
}

void CatalogBuilder::create_domain(const parse::CreateDomainStmt& s) {
  auto sch = creation_schema(s.domain.schema, s.span);
  if (!sch || type_name_taken(*sch, s.domain.name, s.span)) return;
  auto base = resolve_type(s.base);
  if (!base) return;
  Type t;
  t.schema = *sch;
  t.name = s.domain.name;
  t.typtype = 'd';
  t.base = *base;
  for (const parse::Constraint& c : s.constraints) {
    if (c.type == parse::Constraint::Type::NotNull) t.not_null = true;
    if (c.type == parse::Constraint::Type::Null) t.not_null = false;
    if (c.type == parse::Constraint::Type::Default) t.has_default = true;
    if (c.type == parse::Constraint::Type::Check) t.checks.push_back(c.expr_sql);
  }
  t.origin = origin(s.span);
  add_type(std::move(t));
}

void CatalogBuilder::create_range(const parse::CreateRangeStmt& s) {
  auto sch = creation_schema(s.type.schema, s.span);
  if (!sch || type_name_taken(*sch, s.type.name, s.span)) return;
  Type t;
  t.schema = *sch;
  t.name = s.type.name;
  t.typtype = 'r';
  if (s.subtype) {
    auto sub = resolve_type(*s.subtype);
    if (!sub) return;
    t.base = *sub;
  }
  t.origin = origin(s.span);
  TypeRef subtype = t.base;
  Oid range_oid = add_type(std::move(t));
  // Like PostgreSQL 14+, every range type gets a multirange type.
  std::string mr = s.multirange_name;
  if (mr.empty()) {
    size_t p = s.type.name.find("range");
    mr = p == std::string::npos
             ? s.type.name + "_multirange"
             : s.type.name.substr(0, p) + "multirange" + s.type.name.substr(p + 5);
  }
  if (type_name_taken(*sch, mr, s.span)) return;
  Type m;
  m.schema = *sch;
  m.name = mr;
  m.typtype = 'm';
  m.base = subtype;
  m.origin = origin(s.span);
  Oid multi_oid = add_type(std::move(m));

  // The constructor functions PostgreSQL creates with every range type.
  auto constructor = [&](const std::string& name, Oid returns, std::vector<FunctionArg> args) {
    Function f;
    f.oid = new_oid();
    f.schema = *sch;
    f.name = name;
    f.args = std::move(args);
    f.returns = TypeRef{returns, -1, 0};
    f.volatility = 'i';
    f.language = "internal";
    f.origin = origin(s.span);
    schema(*sch)->functions.emplace(f.name, f.oid);
    m_cat.m_functions[f.oid] = std::move(f);
  };
  FunctionArg bound{"", TypeRef{subtype.oid, -1, 0}, 'i', false};
  FunctionArg flags{"", TypeRef{builtins::type_oid::k_text, -1, 0}, 'i', false};
  constructor(s.type.name, range_oid, {bound, bound});
  constructor(s.type.name, range_oid, {bound, bound, flags});
  constructor(mr, multi_oid, {});
  constructor(mr, multi_oid, {FunctionArg{"", TypeRef{range_oid, -1, 0}, 'i', false}});
  constructor(mr, multi_oid,
              {FunctionArg{"", TypeRef{m_cat.array_type(range_oid), -1, 1}, 'v', false}});
}

void CatalogBuilder::alter_enum(const parse::AlterEnumStmt& s) {
  std::vector<std::string> names;
  if (!s.type.schema.empty()) names.push_back(s.type.schema);
  names.push_back(s.type.name);
  Type* t = lookup_type(names, s.span, false);
  if (!t) return;
  if (t->typtype != 'e') {
    error(diag::DiagId::err_not_an_enum, s.span, {s.type.to_string()});
    return;
  }
  auto find = [&](const std::string& label) {
    return std::find(t->labels.begin(), t->labels.end(), label);
  };
  if (!s.old_value.empty()) {  // RENAME VALUE old TO new
    auto it = find(s.old_value);
    if (it == t->labels.end()) {
      error(diag::DiagId::err_enum_label_not_found, s.span, {s.old_value});
      return;
    }
    if (find(s.new_value) != t->labels.end()) {
      error(diag::DiagId::err_enum_label_exists, s.span, {s.new_value});
      return;
    }
    *it = s.new_value;
    return;
  }
  if (find(s.new_value) != t->labels.end()) {
    if (s.if_not_exists) return;
    error(diag::DiagId::err_enum_label_exists, s.span, {s.new_value});
    return;
  }
  if (s.neighbor.empty()) {
    t->labels.push_back(s.new_value);
    return;
  }
  auto at = find(s.neighbor);
  if (at == t->labels.end()) {
    error(diag::DiagId::err_enum_label_not_found, s.span, {s.neighbor});
    return;
  }
  t->labels.insert(s.after ? at + 1 : at, s.new_value);
}

}  // namespace sqlgen::catalog
