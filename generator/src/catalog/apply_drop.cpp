// DROP TABLE / VIEW / SEQUENCE / TYPE / DOMAIN / SCHEMA / FUNCTION /
// EXTENSION, with PostgreSQL's dependency rules: without CASCADE an object
// others depend on cannot be dropped; with CASCADE the dependents go too.
#include <algorithm>

#include "catalog/catalog_builder.hpp"

namespace sqlgen::catalog {

namespace {

using parse::ObjectType;

/// Something that depends on a dropped object, and how to remove it.
struct Dependent {
  std::string description;  ///< e.g. "column status of table orders"
  enum class Kind { Column, FkConstraint, Domain, Field, Function } kind;
  Oid owner = 0;     ///< relation, type or function oid
  std::string name;  ///< column, constraint or field name
};

/// Everything that uses type `oid` (or its array type).
std::vector<Dependent> type_dependents(const Catalog& cat, Oid oid) {
  std::vector<Dependent> out;
  const Type* t = cat.type(oid);
  Oid array = t ? t->array : 0;
  auto uses = [&](Oid o) { return o == oid || (array && o == array); };
  for (const auto& [roid, rel] : cat.relations()) {
    if (rel.row_type == oid) continue;
    for (const Column& c : rel.columns) {
      if (uses(c.type.oid)) {
        out.push_back({"column " + c.name + " of " + relkind_name(rel.kind) + " " + rel.name,
                       Dependent::Kind::Column, roid, c.name});
      }
    }
  }
  for (const auto& [toid, ty] : cat.types()) {
    if (ty.typtype == 'd' && uses(ty.base.oid)) {
      out.push_back({"type " + ty.name, Dependent::Kind::Domain, toid, ""});
    }
    for (const Column& f : ty.fields) {
      if (uses(f.type.oid)) {
        out.push_back({"column " + f.name + " of composite type " + ty.name, Dependent::Kind::Field,
                       toid, f.name});
      }
    }
  }
  for (const auto& [foid, fn] : cat.functions()) {
    bool used = uses(fn.returns.oid);
    for (const FunctionArg& a : fn.args) used = used || uses(a.type.oid);
    if (used) out.push_back({"function " + fn.name, Dependent::Kind::Function, foid, ""});
  }
  return out;
}

/// Foreign keys of other tables that reference relation `oid`.
std::vector<Dependent> relation_dependents(const Catalog& cat, Oid oid) {
  std::vector<Dependent> out;
  for (const auto& [roid, rel] : cat.relations()) {
    if (roid == oid) continue;
    for (const TableConstraint& k : rel.constraints) {
      if (k.type == 'f' && k.references == oid) {
        out.push_back({"constraint " + k.name + " on table " + rel.name,
                       Dependent::Kind::FkConstraint, roid, k.name});
      }
    }
  }
  return out;
}

}  // namespace

namespace {

/// Reports "cannot drop ... because other objects depend on it" with notes.
void report_dependents(CatalogBuilder& b, parse::Span span, const char* what,
                       const std::string& name, const std::vector<Dependent>& deps) {
  diag::Diagnostic d =
      diag::make(diag::DiagId::err_drop_dependents, b.location(span), {what, name});
  for (const Dependent& dep : deps) {
    d.note(diag::DiagId::note_depends_on, diag::Location{}, {dep.description, what, name});
  }
  b.report(std::move(d));
}

/// Removes the dependents (CASCADE), recursing into dropped domains.
void drop_dependents(CatalogBuilder& b, const std::vector<Dependent>& deps) {
  for (const Dependent& dep : deps) {
    switch (dep.kind) {
      case Dependent::Kind::Column: {
        Relation& rel = const_cast<Relation&>(*b.cat().relation(dep.owner));
        std::erase_if(rel.columns, [&](const Column& c) { return c.name == dep.name; });
        break;
      }
      case Dependent::Kind::FkConstraint: {
        Relation& rel = const_cast<Relation&>(*b.cat().relation(dep.owner));
        std::erase_if(rel.constraints,
                      [&](const TableConstraint& k) { return k.name == dep.name; });
        break;
      }
      case Dependent::Kind::Field: {
        if (const Type* t = b.cat().type(dep.owner)) {
          std::erase_if(const_cast<Type*>(t)->fields,
                        [&](const Column& c) { return c.name == dep.name; });
        }
        break;
      }
      case Dependent::Kind::Domain:
        if (b.cat().type(dep.owner)) {
          drop_dependents(b, type_dependents(b.cat(), dep.owner));
          b.remove_type(dep.owner);
        }
        break;
      case Dependent::Kind::Function:
        b.remove_function(dep.owner);
        break;
    }
  }
}

parse::QualName qual_name(const parse::ObjectRef& ref) {
  parse::QualName q;
  q.span = ref.span;
  if (!ref.names.empty()) q.name = ref.names.back();
  if (ref.names.size() >= 2) q.schema = ref.names[ref.names.size() - 2];
  return q;
}

// One function per object kind; each returns false after reporting dependents that
// stop the statement (no CASCADE).

bool drop_relation(CatalogBuilder& b, const parse::DropStmt& s, const parse::ObjectRef& obj) {
  RelKind want = s.object_type == ObjectType::View           ? RelKind::View
                 : s.object_type == ObjectType::MatView      ? RelKind::MatView
                 : s.object_type == ObjectType::Sequence     ? RelKind::Sequence
                 : s.object_type == ObjectType::ForeignTable ? RelKind::ForeignTable
                                                             : RelKind::Table;
  std::vector<RelKind> kinds{want};
  if (want == RelKind::Table) kinds.push_back(RelKind::PartitionedTable);
  Relation* rel = b.lookup_relation(qual_name(obj), s.missing_ok, kinds,
                                    parse::object_type_name(s.object_type));
  if (!rel) return true;
  std::vector<Dependent> deps = relation_dependents(b.cat(), rel->oid);
  if (!deps.empty() && !s.cascade) {
    report_dependents(b, obj.span, parse::object_type_name(s.object_type), rel->name, deps);
    return false;
  }
  drop_dependents(b, deps);
  b.remove_relation(rel->oid);
  return true;
}

bool drop_type(CatalogBuilder& b, const parse::DropStmt& s, const parse::ObjectRef& obj) {
  Type* t = b.lookup_type(obj.names, obj.span, s.missing_ok);
  if (!t) return true;
  std::vector<Dependent> deps = type_dependents(b.cat(), t->oid);
  if (!deps.empty() && !s.cascade) {
    report_dependents(b, obj.span, "type", t->name, deps);
    return false;
  }
  drop_dependents(b, deps);
  b.remove_type(t->oid);
  return true;
}

/// Removes a type with everything that uses it (CASCADE), if it still exists.
void drop_type_cascade(CatalogBuilder& b, Oid oid) {
  if (!b.cat().type(oid)) return;
  drop_dependents(b, type_dependents(b.cat(), oid));
  b.remove_type(oid);
}

/// Removes the relations, types and functions of a schema (DROP SCHEMA ... CASCADE).
void drop_schema_contents(CatalogBuilder& b, const Schema& sc) {
  std::vector<Oid> rels, types, fns;
  for (const auto& [n, o] : sc.relations) rels.push_back(o);
  for (const auto& [n, o] : sc.types) types.push_back(o);
  for (const auto& [n, o] : sc.functions) fns.push_back(o);
  for (Oid o : rels) b.remove_relation(o);
  for (Oid o : types) drop_type_cascade(b, o);
  for (Oid o : fns) b.remove_function(o);
}

/// Removes the types (with their dependents) and functions extension `name` installed.
void drop_extension_objects(CatalogBuilder& b, const std::string& name) {
  std::vector<Oid> types, fns;
  for (const auto& [o, t] : b.cat().types()) {
    if (t.extension == name && t.elem == 0) types.push_back(o);
  }
  for (const auto& [o, f] : b.cat().functions()) {
    if (f.extension == name) fns.push_back(o);
  }
  for (Oid o : types) drop_type_cascade(b, o);
  for (Oid o : fns) b.remove_function(o);
}

}  // namespace

void CatalogBuilder::drop(const parse::DropStmt& s) {
  for (const parse::ObjectRef& obj : s.objects) {
    switch (s.object_type) {
      case ObjectType::Table:
      case ObjectType::View:
      case ObjectType::MatView:
      case ObjectType::Sequence:
      case ObjectType::ForeignTable:
        if (!drop_relation(*this, s, obj)) return;
        break;
      case ObjectType::Type:
      case ObjectType::Domain:
        if (!drop_type(*this, s, obj)) return;
        break;
      case ObjectType::Schema: {
        const std::string& name = obj.names.empty() ? std::string() : obj.names.front();
        Schema* sc = schema(name);
        if (!sc) {
          if (!s.missing_ok) creation_schema(name, obj.span);
          continue;
        }
        bool empty = sc->relations.empty() && sc->types.empty() && sc->functions.empty();
        if (!empty && !s.cascade) {
          report_dependents(*this, obj.span, "schema", name, {});
          return;
        }
        drop_schema_contents(*this, *sc);
        std::erase_if(m_cat.m_extension_relations,
                      [&](const auto& entry) { return entry.second.schema == name; });
        m_cat.m_schemas.erase(name);
        break;
      }
      case ObjectType::Function:
      case ObjectType::Procedure:
      case ObjectType::Routine: {
        Function* f = lookup_function(obj, s.missing_ok, s.object_type == ObjectType::Procedure);
        if (f) remove_function(f->oid);
        break;
      }
      case ObjectType::Extension: {
        const std::string& name = obj.names.empty() ? std::string() : obj.names.front();
        auto it = std::find(m_cat.m_extensions.begin(), m_cat.m_extensions.end(), name);
        if (it == m_cat.m_extensions.end()) continue;
        m_cat.m_extensions.erase(it);
        drop_extension_objects(*this, name);
        std::erase_if(m_cat.m_extension_relations, [&](const auto& entry) {
          const builtins::BuiltinRelation* b = builtins::find_relation(entry.first);
          return b && b->extension == name;
        });
        break;
      }
      case ObjectType::Index:
        drop_index(obj);
        break;
      default:
        break;  // triggers, policies, ...: not modelled
    }
  }
}

void CatalogBuilder::create_index(const parse::IndexDef& def) {
  if (!def.unique) return;
  Relation* rel = lookup_relation(def.table, true);
  if (!rel) return;  // reported by PostgreSQL, not modelled here
  auto same = [&](const UniqueIndex& i) { return !def.name.empty() && i.name == def.name; };
  if (def.if_not_exists &&
      std::any_of(rel->unique_indexes.begin(), rel->unique_indexes.end(), same))
    return;
  rel->unique_indexes.push_back({def.name, def.columns, def.has_expressions, def.partial});
}

void CatalogBuilder::drop_index(const parse::ObjectRef& obj) {
  if (obj.names.empty()) return;
  const std::string& name = obj.names.back();
  std::vector<std::string> schemas = obj.names.size() > 1
                                         ? std::vector<std::string>{obj.names[obj.names.size() - 2]}
                                         : path_schemas();
  for (const std::string& sname : schemas) {
    const Schema* sc = schema(sname);
    if (!sc) continue;
    for (const auto& [rel_name, oid] : sc->relations) {
      Relation& rel = m_cat.m_relations.at(oid);
      auto n =
          std::erase_if(rel.unique_indexes, [&](const UniqueIndex& i) { return i.name == name; });
      if (n > 0) return;
    }
  }
}

}  // namespace sqlgen::catalog
