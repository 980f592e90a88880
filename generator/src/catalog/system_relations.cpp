// The relations PostgreSQL brings along: pg_catalog's and information_schema's tables
// and views (shared by every catalog, never user objects) and the views extensions create.
#include <map>

#include "catalog/catalog_builder.hpp"

namespace sqlgen::catalog {

Relation relation_from_builtin(const builtins::BuiltinRelation& b, const std::string& schema) {
  Relation r;
  r.oid = b.oid;
  r.row_type = b.row_type;
  r.kind = b.kind == 'v' ? RelKind::View : RelKind::Table;
  r.schema = schema;
  r.name = std::string(b.name);
  for (const builtins::BuiltinColumn& c : b.columns) {
    Column col;
    col.name = std::string(c.name);
    const builtins::BuiltinType* t = builtins::find_type(c.type);
    col.type = TypeRef{c.type, c.typmod, t && t->is_array() ? 1 : 0};
    col.not_null = c.not_null;
    r.columns.push_back(std::move(col));
  }
  if (!b.primary_key.empty()) {  // system catalogs (PostgreSQL 14+): GROUP BY's dependency
    TableConstraint pk;
    pk.name = std::string(b.primary_key_name);
    pk.type = 'p';
    for (std::string_view c : b.primary_key) pk.columns.emplace_back(c);
    r.constraints.push_back(std::move(pk));
  }
  return r;
}

const Relation* system_relation(Oid oid) {
  // Never destroyed (as builtins' index): freeing it would be work at every exit.
  static const std::map<Oid, Relation>& k_relations = *[] {
    auto* out = new std::map<Oid, Relation>;
    for (const builtins::BuiltinRelation& b : builtins::all_relations()) {
      if (b.extension.empty()) out->emplace(b.oid, relation_from_builtin(b, std::string(b.schema)));
    }
    return out;
  }();
  auto it = k_relations.find(oid);
  return it == k_relations.end() ? nullptr : &it->second;
}

bool is_system_schema(const std::string& schema) {
  return schema == "pg_catalog" || schema == "information_schema";
}

}  // namespace sqlgen::catalog
