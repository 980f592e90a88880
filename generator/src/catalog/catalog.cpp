// The catalog's state, lookups and type facts; the DDL lives in apply_*.cpp.
#include "catalog/catalog.hpp"

#include <algorithm>

#include "catalog/catalog_builder.hpp"

namespace sqlgen::catalog {

const char* relkind_name(RelKind k) {
  switch (k) {
    case RelKind::Table:
      return "table";
    case RelKind::PartitionedTable:
      return "partitioned_table";
    case RelKind::View:
      return "view";
    case RelKind::MatView:
      return "materialized_view";
    case RelKind::ForeignTable:
      return "foreign_table";
    case RelKind::Sequence:
      return "sequence";
  }
  return "table";
}

const Column* Relation::column(const std::string& n) const {
  for (const Column& c : columns) {
    if (c.name == n) return &c;
  }
  return nullptr;
}

Column* Relation::column(const std::string& n) {
  for (Column& c : columns) {
    if (c.name == n) return &c;
  }
  return nullptr;
}

std::vector<Oid> Function::input_types() const {
  std::vector<Oid> out;
  for (const FunctionArg& a : args) {
    if (a.mode == 'i' || a.mode == 'b' || a.mode == 'v') out.push_back(a.type.oid);
  }
  return out;
}

Catalog::Catalog() {
  m_schemas["pg_catalog"].name = "pg_catalog";
  m_schemas["public"].name = "public";
  m_search_path = {"$user", "public"};
}

const Relation* Catalog::relation(Oid oid) const {
  if (auto it = m_relations.find(oid); it != m_relations.end()) return &it->second;
  if (auto it = m_extension_relations.find(oid); it != m_extension_relations.end()) {
    return &it->second;
  }
  return system_relation(oid);
}

const Type* Catalog::type(Oid oid) const {
  auto it = m_types.find(oid);
  return it == m_types.end() ? nullptr : &it->second;
}

const Function* Catalog::function(Oid oid) const {
  auto it = m_functions.find(oid);
  return it == m_functions.end() ? nullptr : &it->second;
}

std::string_view Catalog::extension_schema(std::string_view name) const {
  if (std::find(m_extensions.begin(), m_extensions.end(), name) == m_extensions.end()) return {};
  const builtins::ExtensionObjects* ext = builtins::extension_objects(name);
  if (!ext) return {};
  for (const builtins::BuiltinType* bt : ext->types) {
    const Type* t = type(bt->oid);
    if (t && t->extension == name) return t->schema;
  }
  for (const builtins::BuiltinProc* p : ext->procs) {
    const Function* f = function(p->oid);
    if (f && f->extension == name) return f->schema;
  }
  return {};
}

namespace {

/// pg_catalog first (unless listed), then the path's schemas that exist (information_schema
/// always does).
std::vector<std::string> lookup_path(const std::map<std::string, Schema>& schemas,
                                     const std::vector<std::string>& path) {
  std::vector<std::string> out;
  if (std::find(path.begin(), path.end(), "pg_catalog") == path.end()) {
    out.push_back("pg_catalog");
  }
  for (const std::string& s : path) {
    if (s != "$user" && (schemas.count(s) || is_system_schema(s))) out.push_back(s);
  }
  return out;
}

}  // namespace

namespace {

/// The oid `name` maps to in the first schema of the lookup path that has it
/// in the map `member` selects (relations or types), or 0.
template <class Member>
Oid lookup(const std::map<std::string, Schema>& schemas, const std::string& schema,
           const std::string& name, const std::vector<std::string>& search_path, Member member) {
  std::vector<std::string> path =
      schema.empty() ? lookup_path(schemas, search_path) : std::vector<std::string>{schema};
  for (const std::string& s : path) {
    auto sit = schemas.find(s);
    if (sit == schemas.end()) continue;
    const auto& names = sit->second.*member;
    auto it = names.find(name);
    if (it != names.end()) return it->second;
  }
  return 0;
}

}  // namespace

const Relation* Catalog::find_relation(const std::string& schema, const std::string& name,
                                       const std::vector<std::string>& search_path) const {
  std::vector<std::string> path =
      schema.empty() ? lookup_path(m_schemas, search_path) : std::vector<std::string>{schema};
  for (const std::string& s : path) {
    if (is_system_schema(s)) {
      if (const builtins::BuiltinRelation* b = builtins::find_relation(s, name)) {
        return system_relation(b->oid);
      }
    }
    if (auto sit = m_schemas.find(s); sit != m_schemas.end()) {
      if (auto it = sit->second.relations.find(name); it != sit->second.relations.end()) {
        return relation(it->second);
      }
    }
    for (const auto& [oid, r] : m_extension_relations) {
      if (r.schema == s && r.name == name) return &r;
    }
  }
  return nullptr;
}

const Type* Catalog::find_type(const std::string& schema, const std::string& name,
                               const std::vector<std::string>& search_path) const {
  return type(lookup(m_schemas, schema, name, search_path, &Schema::types));
}

std::pair<std::string, std::string> Catalog::type_name(Oid oid) const {
  if (const Type* t = type(oid)) return {t->schema, t->name};
  if (const builtins::BuiltinType* b = builtins::find_type(oid)) {
    return {std::string(b->schema.empty() ? "pg_catalog" : b->schema), std::string(b->name)};
  }
  return {"", "???"};
}

Oid Catalog::element_type(Oid oid) const {
  if (const Type* t = type(oid)) return t->elem;
  if (const builtins::BuiltinType* b = builtins::find_type(oid)) return b->is_array() ? b->elem : 0;
  return 0;
}

Oid Catalog::array_type(Oid oid) const {
  if (const Type* t = type(oid)) return t->array;
  if (const builtins::BuiltinType* b = builtins::find_type(oid)) return b->array;
  return 0;
}

std::string Catalog::format_type(const TypeRef& ref) const {
  const Type* t = type(ref.oid);
  if (!t) return builtins::format_type(ref.oid, ref.typmod);
  if (t->elem != 0) {
    return format_type(TypeRef{t->elem, ref.typmod, 0}) + "[]";
  }
  // Qualified unless visible on the default search path ("$user", public),
  // the way format_type() prints it in a fresh session.
  std::string name = builtins::quote_identifier(t->name);
  bool visible = t->schema == "public" || t->schema == "pg_catalog";
  return visible ? name : builtins::quote_identifier(t->schema) + "." + name;
}

void Catalog::apply(const parse::Stmt& stmt, const diag::SourcePtr& source,
                    diag::DiagnosticEngine& diags) {
  CatalogBuilder(*this, source, diags).apply(stmt);
}

}  // namespace sqlgen::catalog
