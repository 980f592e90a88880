// The statement dispatch and the helpers every apply_*.cpp shares.
#include "catalog/catalog_builder.hpp"

#include <algorithm>

#include "parse/parse.hpp"

namespace sqlgen::catalog {

using parse::StmtKind;

void CatalogBuilder::apply(const parse::Stmt& stmt) {
  switch (stmt.kind) {
    case StmtKind::CreateSchema:
      return create_schema(stmt.as<parse::CreateSchemaStmt>());
    case StmtKind::CreateTable:
      return create_table(stmt.as<parse::CreateTableStmt>());
    case StmtKind::AlterTable:
      return alter_table(stmt.as<parse::AlterTableStmt>());
    case StmtKind::CreateEnum:
      return create_enum(stmt.as<parse::CreateEnumStmt>());
    case StmtKind::CreateComposite:
      return create_composite(stmt.as<parse::CreateCompositeStmt>());
    case StmtKind::CreateDomain:
      return create_domain(stmt.as<parse::CreateDomainStmt>());
    case StmtKind::CreateRange:
      return create_range(stmt.as<parse::CreateRangeStmt>());
    case StmtKind::AlterEnum:
      return alter_enum(stmt.as<parse::AlterEnumStmt>());
    case StmtKind::Rename:
      return rename(stmt.as<parse::RenameStmt>());
    case StmtKind::AlterObjectSchema:
      return alter_object_schema(stmt.as<parse::AlterObjectSchemaStmt>());
    case StmtKind::Drop:
      return drop(stmt.as<parse::DropStmt>());
    case StmtKind::CreateFunction:
      return create_function(stmt.as<parse::CreateFunctionStmt>());
    case StmtKind::CreateSequence:
      return create_sequence(stmt.as<parse::CreateSequenceStmt>());
    case StmtKind::CreateExtension:
      return create_extension(stmt.as<parse::CreateExtensionStmt>());
    case StmtKind::Comment:
      return comment(stmt.as<parse::CommentStmt>());
    case StmtKind::CreateView:
      return create_view(stmt.as<parse::CreateViewStmt>());
    case StmtKind::CreateTableAs:
      return create_table_as(stmt.as<parse::CreateTableAsStmt>());
    case StmtKind::VariableSet:
      return variable_set(stmt.as<parse::VariableSetStmt>());
    case StmtKind::Select:
    case StmtKind::Insert:
    case StmtKind::Update:
    case StmtKind::Delete:
      break;  // data changes and queries leave the catalog as it is
    case StmtKind::Other:
      if (const auto& other = stmt.as<parse::OtherStmt>(); other.index) create_index(*other.index);
      break;
  }
  // Not modelled: recorded; DO blocks can run any DDL, so they are flagged.
  std::string kind = parse::describe(stmt);
  bool first_of_kind = std::none_of(m_cat.m_not_modelled.begin(), m_cat.m_not_modelled.end(),
                                    [&](const NotModelled& n) { return n.kind == kind; });
  m_cat.m_not_modelled.push_back(NotModelled{kind, origin(stmt.span)});
  if (stmt.node == "DoStmt") {
    parse::Span head{stmt.span.offset, 2};
    error(diag::DiagId::warn_not_modelled_may_change, head, {"DO"});
    return;
  }
  // A rule rewrites the statements queries run: warned once. Triggers, policies and grants
  // change no type or nullability a query sees; `sqlgen schema` lists them as not modelled.
  if (stmt.node == "RuleStmt" && first_of_kind) {
    error(diag::DiagId::warn_not_modelled, stmt.span,
          {"CREATE RULE", "the query rewrite it adds is invisible to sqlgen"});
  }
}

void CatalogBuilder::error(diag::DiagId id, parse::Span span, std::vector<std::string> args) {
  m_diags.report(diag::make(id, location(span), std::move(args)));
}

std::string CatalogBuilder::text(parse::Span span) const {
  return m_source->text().substr(span.offset, span.length);
}

std::vector<std::string> CatalogBuilder::path_schemas() const {
  std::vector<std::string> out;
  for (const std::string& s : m_cat.m_search_path) {
    if (s != "$user" && m_cat.m_schemas.count(s)) out.push_back(s);
  }
  return out;
}

Schema* CatalogBuilder::schema(const std::string& name) {
  auto it = m_cat.m_schemas.find(name);
  return it == m_cat.m_schemas.end() ? nullptr : &it->second;
}

std::optional<std::string> CatalogBuilder::creation_schema(const std::string& explicit_schema,
                                                           parse::Span span) {
  if (!explicit_schema.empty()) {
    if (schema(explicit_schema)) return explicit_schema;
    std::vector<std::string> names;
    for (const auto& [n, s] : m_cat.m_schemas) names.push_back(n);
    std::string hint = diag::did_you_mean(explicit_schema, names);
    error(diag::DiagId::err_schema_not_found, span,
          {explicit_schema, hint.empty() ? "" : ", " + hint});
    return std::nullopt;
  }
  std::vector<std::string> path = path_schemas();
  if (path.empty()) {
    error(diag::DiagId::err_no_creation_schema, span);
    return std::nullopt;
  }
  return path.front();
}

bool CatalogBuilder::type_name_taken(const std::string& sch, const std::string& name,
                                     parse::Span span) {
  Schema* s = schema(sch);
  if (!s || !s->types.count(name)) return false;
  diag::Diagnostic d = diag::make(diag::DiagId::err_type_exists, location(span), {name});
  const Type* t = m_cat.type(s->types.at(name));
  if (t && t->origin.source) {
    d.note(diag::DiagId::note_declared_here, t->origin.location(), {"type", name});
  }
  report(std::move(d));
  return true;
}

bool CatalogBuilder::relation_name_taken(const std::string& sch, const std::string& name,
                                         parse::Span span) {
  Schema* s = schema(sch);
  if (!s || !s->relations.count(name)) return false;
  diag::Diagnostic d = diag::make(diag::DiagId::err_relation_exists, location(span), {name});
  const Relation* r = m_cat.relation(s->relations.at(name));
  if (r && r->origin.source) {
    d.note(diag::DiagId::note_declared_here, r->origin.location(), {relkind_name(r->kind), name});
  }
  report(std::move(d));
  return true;
}

std::string CatalogBuilder::array_name(const std::string& sch, const std::string& name) const {
  const Schema& s = m_cat.m_schemas.at(sch);
  std::string out = "_" + name;
  while (s.types.count(out)) out = "_" + out;
  return out;
}

std::string CatalogBuilder::choose_relation_name(const std::string& sch,
                                                 const std::string& base) const {
  const Schema& s = m_cat.m_schemas.at(sch);
  if (!s.relations.count(base)) return base;
  // PostgreSQL's ChooseRelationName: strip the "_seq"-style suffix, add a number.
  size_t us = base.rfind('_');
  std::string stem = us == std::string::npos ? base : base.substr(0, us);
  std::string suffix = us == std::string::npos ? "" : base.substr(us);
  for (int i = 1;; ++i) {
    std::string cand = stem + std::to_string(i) + suffix;
    if (!s.relations.count(cand)) return cand;
  }
}

Oid CatalogBuilder::add_type(Type t, bool with_array) {
  Oid oid = t.oid ? t.oid : new_oid();
  t.oid = oid;
  if (with_array && t.elem == 0) {
    Type arr;
    arr.oid = new_oid();
    arr.schema = t.schema;
    arr.name = array_name(t.schema, t.name);
    arr.typtype = 'b';
    arr.elem = oid;
    arr.extension = t.extension;
    arr.origin = t.origin;
    t.array = arr.oid;
    m_cat.m_schemas[arr.schema].types[arr.name] = arr.oid;
    m_cat.m_types[arr.oid] = std::move(arr);
  }
  m_cat.m_schemas[t.schema].types[t.name] = oid;
  m_cat.m_types[oid] = std::move(t);
  return oid;
}

Oid CatalogBuilder::add_relation(Relation r) {
  Oid oid = r.oid ? r.oid : new_oid();
  r.oid = oid;
  if (r.kind != RelKind::Sequence) {
    Type row;
    row.schema = r.schema;
    row.name = r.name;
    row.typtype = 'c';
    row.relation = oid;
    row.origin = r.origin;
    r.row_type = add_type(std::move(row));
  }
  m_cat.m_schemas[r.schema].relations[r.name] = oid;
  m_cat.m_relations[oid] = std::move(r);
  return oid;
}

void CatalogBuilder::remove_type(Oid oid) {
  auto it = m_cat.m_types.find(oid);
  if (it == m_cat.m_types.end()) return;
  Oid array = it->second.array;
  if (Schema* s = schema(it->second.schema)) s->types.erase(it->second.name);
  m_cat.m_types.erase(it);
  if (array) remove_type(array);
}

void CatalogBuilder::remove_relation(Oid oid) {
  auto it = m_cat.m_relations.find(oid);
  if (it == m_cat.m_relations.end()) return;
  Relation rel = std::move(it->second);
  m_cat.m_relations.erase(it);
  if (Schema* s = schema(rel.schema)) s->relations.erase(rel.name);
  if (rel.row_type) remove_type(rel.row_type);
  // Sequences owned by the table's columns go with it.
  std::vector<Oid> owned;
  for (const auto& [seq_oid, seq] : m_cat.m_relations) {
    if (seq.kind == RelKind::Sequence && !seq.owned_by.empty() &&
        seq.owned_by.rfind(rel.schema + "." + rel.name + ".", 0) == 0) {
      owned.push_back(seq_oid);
    }
  }
  for (Oid o : owned) remove_relation(o);
}

void CatalogBuilder::remove_function(Oid oid) {
  auto it = m_cat.m_functions.find(oid);
  if (it == m_cat.m_functions.end()) return;
  if (Schema* s = schema(it->second.schema)) {
    auto range = s->functions.equal_range(it->second.name);
    for (auto f = range.first; f != range.second; ++f) {
      if (f->second == oid) {
        s->functions.erase(f);
        break;
      }
    }
  }
  m_cat.m_functions.erase(it);
}

void CatalogBuilder::rename_type(Oid oid, const std::string& new_name) {
  Type& t = m_cat.m_types.at(oid);
  Schema& s = m_cat.m_schemas.at(t.schema);
  s.types.erase(t.name);
  t.name = new_name;
  s.types[new_name] = oid;
  if (t.array) {
    Type& arr = m_cat.m_types.at(t.array);
    s.types.erase(arr.name);
    arr.name = array_name(t.schema, new_name);
    s.types[arr.name] = t.array;
  }
}

void CatalogBuilder::move_type(Oid oid, const std::string& new_schema) {
  Type& t = m_cat.m_types.at(oid);
  m_cat.m_schemas.at(t.schema).types.erase(t.name);
  t.schema = new_schema;
  m_cat.m_schemas.at(new_schema).types[t.name] = oid;
  if (t.array) {
    Type& arr = m_cat.m_types.at(t.array);
    m_cat.m_schemas.at(arr.schema).types.erase(arr.name);
    arr.schema = new_schema;
    arr.name = array_name(new_schema, t.name);
    m_cat.m_schemas.at(new_schema).types[arr.name] = t.array;
  }
}

std::vector<std::pair<Oid, std::string>> columns_using_type(const Catalog& cat, Oid type) {
  std::vector<std::pair<Oid, std::string>> out;
  const Type* t = cat.type(type);
  Oid array = t ? t->array : cat.array_type(type);
  for (const auto& [oid, rel] : cat.relations()) {
    for (const Column& c : rel.columns) {
      if (c.type.oid == type || (array && c.type.oid == array)) {
        out.emplace_back(oid, c.name);
      }
    }
  }
  return out;
}

}  // namespace sqlgen::catalog
