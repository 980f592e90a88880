// ALTER ... RENAME and ALTER ... SET SCHEMA for relations, columns,
// constraints, types, functions and schemas.
#include <algorithm>

#include "catalog/catalog_builder.hpp"

namespace sqlgen::catalog {

namespace {

using parse::ObjectType;

bool is_relation_type(ObjectType t) {
  return t == ObjectType::Table || t == ObjectType::View || t == ObjectType::MatView ||
         t == ObjectType::Sequence || t == ObjectType::ForeignTable;
}

/// Sequences record their owner as "schema.table.column": keep that current.
void retarget_owned_sequences(Catalog& cat, const std::string& old_prefix,
                              const std::string& new_prefix) {
  for (const auto& [oid, r] : cat.relations()) {
    if (r.kind == RelKind::Sequence && r.owned_by.rfind(old_prefix, 0) == 0) {
      const_cast<Relation&>(r).owned_by = new_prefix + r.owned_by.substr(old_prefix.size());
    }
  }
}

// One function per kind of object renamed (functions and schemas, which reach into the
// catalog's indexes, are renamed by CatalogBuilder::rename itself).

void rename_relation(CatalogBuilder& b, const parse::RenameStmt& s) {
  Relation* rel = b.lookup_relation(*s.relation, s.missing_ok);
  if (!rel) return;
  if (b.relation_name_taken(rel->schema, s.new_name, s.relation->span)) return;
  if (rel->row_type && b.type_name_taken(rel->schema, s.new_name, s.relation->span)) return;
  std::string old_prefix = rel->schema + "." + rel->name + ".";
  Schema* sc = b.schema(rel->schema);
  sc->relations.erase(rel->name);
  rel->name = s.new_name;
  sc->relations[rel->name] = rel->oid;
  if (rel->row_type) b.rename_type(rel->row_type, s.new_name);
  retarget_owned_sequences(b.cat(), old_prefix, rel->schema + "." + rel->name + ".");
}

void rename_column(CatalogBuilder& b, const parse::RenameStmt& s) {
  Relation* rel = b.lookup_relation(*s.relation, s.missing_ok);
  if (!rel) return;
  Column* col = rel->column(s.subname);
  if (!col) {
    b.error(diag::DiagId::err_column_not_found, s.relation->span, {s.subname, rel->name, ""});
    return;
  }
  if (rel->column(s.new_name)) {
    b.error(diag::DiagId::err_column_exists, s.relation->span, {s.new_name, rel->name});
    return;
  }
  std::string prefix = rel->schema + "." + rel->name + ".";
  retarget_owned_sequences(b.cat(), prefix + col->name, prefix + s.new_name);
  for (TableConstraint& k : rel->constraints) {
    std::replace(k.columns.begin(), k.columns.end(), col->name, s.new_name);
  }
  for (UniqueIndex& i : rel->unique_indexes) {
    std::replace(i.columns.begin(), i.columns.end(), col->name, s.new_name);
  }
  col->name = s.new_name;
}

void rename_constraint(CatalogBuilder& b, const parse::RenameStmt& s) {
  Relation* rel = b.lookup_relation(*s.relation, s.missing_ok);
  if (!rel) return;
  for (TableConstraint& k : rel->constraints) {
    if (k.name == s.subname) {
      k.name = s.new_name;
      return;
    }
  }
  b.error(diag::DiagId::err_constraint_not_found, s.relation->span, {s.subname, rel->name});
}

void rename_type_or_domain(CatalogBuilder& b, const parse::RenameStmt& s) {
  Type* t = b.lookup_type(s.object->names, s.object->span, s.missing_ok);
  if (!t) return;
  if (b.type_name_taken(t->schema, s.new_name, s.object->span)) return;
  b.rename_type(t->oid, s.new_name);
}

/// ALTER TYPE ... RENAME ATTRIBUTE: a field of a composite type.
void rename_attribute(CatalogBuilder& b, const parse::RenameStmt& s) {
  std::vector<std::string> names;
  if (!s.relation->schema.empty()) names.push_back(s.relation->schema);
  names.push_back(s.relation->name);
  Type* t = b.lookup_type(names, s.relation->span, s.missing_ok);
  if (!t) return;
  for (Column& f : t->fields) {
    if (f.name == s.subname) {
      f.name = s.new_name;
      return;
    }
  }
  b.error(diag::DiagId::err_column_not_found, s.relation->span, {s.subname, t->name, ""});
}

}  // namespace

void CatalogBuilder::rename(const parse::RenameStmt& s) {
  if (is_relation_type(s.object_type) && s.relation) {
    rename_relation(*this, s);
  } else if (s.object_type == ObjectType::Column && s.relation) {
    rename_column(*this, s);
  } else if (s.object_type == ObjectType::TabConstraint && s.relation) {
    rename_constraint(*this, s);
  } else if ((s.object_type == ObjectType::Type || s.object_type == ObjectType::Domain) &&
             s.object) {
    rename_type_or_domain(*this, s);
  } else if (s.object_type == ObjectType::Attribute && s.relation) {
    rename_attribute(*this, s);
  } else if ((s.object_type == ObjectType::Function || s.object_type == ObjectType::Procedure ||
              s.object_type == ObjectType::Routine) &&
             s.object) {
    Function* f = lookup_function(*s.object, s.missing_ok, s.object_type == ObjectType::Procedure);
    if (!f) return;
    Function renamed = *f;
    remove_function(f->oid);  // re-register under the new name
    renamed.name = s.new_name;
    schema(renamed.schema)->functions.emplace(renamed.name, renamed.oid);
    m_cat.m_functions[renamed.oid] = std::move(renamed);
  } else if (s.object_type == ObjectType::Schema && s.object && !s.object->names.empty()) {
    const std::string& old_name = s.object->names.front();
    if (!schema(old_name)) {
      creation_schema(old_name, s.object->span);
      return;
    }
    if (schema(s.new_name)) {
      error(diag::DiagId::err_schema_exists, s.object->span, {s.new_name});
      return;
    }
    auto node = m_cat.m_schemas.extract(old_name);
    node.key() = s.new_name;
    node.mapped().name = s.new_name;
    m_cat.m_schemas.insert(std::move(node));
    for (auto& [oid, r] : m_cat.m_relations) {
      if (r.schema == old_name) r.schema = s.new_name;
    }
    for (auto& [oid, t] : m_cat.m_types) {
      if (t.schema == old_name) t.schema = s.new_name;
    }
    for (auto& [oid, f] : m_cat.m_functions) {
      if (f.schema == old_name) f.schema = s.new_name;
    }
    retarget_owned_sequences(m_cat, old_name + ".", s.new_name + ".");
  }
  // Indexes, triggers, policies, ...: not modelled.
}

void CatalogBuilder::alter_object_schema(const parse::AlterObjectSchemaStmt& s) {
  if (!schema(s.new_schema)) {
    creation_schema(s.new_schema, s.span);  // reports the missing schema
    return;
  }
  if (is_relation_type(s.object_type) && s.relation) {
    Relation* rel = lookup_relation(*s.relation, s.missing_ok);
    if (!rel) return;
    if (relation_name_taken(s.new_schema, rel->name, s.relation->span)) return;
    std::string old_prefix = rel->schema + "." + rel->name + ".";
    schema(rel->schema)->relations.erase(rel->name);
    std::string old_schema = rel->schema;
    rel->schema = s.new_schema;
    schema(s.new_schema)->relations[rel->name] = rel->oid;
    if (rel->row_type) move_type(rel->row_type, s.new_schema);
    // Owned sequences move with their table.
    for (auto& [oid, seq] : m_cat.m_relations) {
      if (seq.kind == RelKind::Sequence && seq.owned_by.rfind(old_prefix, 0) == 0) {
        schema(seq.schema)->relations.erase(seq.name);
        seq.schema = s.new_schema;
        schema(s.new_schema)->relations[seq.name] = oid;
      }
    }
    retarget_owned_sequences(m_cat, old_prefix, s.new_schema + "." + rel->name + ".");
    return;
  }
  if ((s.object_type == ObjectType::Type || s.object_type == ObjectType::Domain) && s.object) {
    Type* t = lookup_type(s.object->names, s.object->span, s.missing_ok);
    if (!t) return;
    if (type_name_taken(s.new_schema, t->name, s.object->span)) return;
    move_type(t->oid, s.new_schema);
    return;
  }
  if ((s.object_type == ObjectType::Function || s.object_type == ObjectType::Procedure) &&
      s.object) {
    Function* f = lookup_function(*s.object, s.missing_ok, s.object_type == ObjectType::Procedure);
    if (!f) return;
    Function moved = *f;
    remove_function(f->oid);
    moved.schema = s.new_schema;
    schema(s.new_schema)->functions.emplace(moved.name, moved.oid);
    m_cat.m_functions[moved.oid] = std::move(moved);
  }
}

}  // namespace sqlgen::catalog
