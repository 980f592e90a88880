// CREATE SCHEMA, SET search_path, CREATE EXTENSION.
#include <algorithm>

#include "catalog/catalog_builder.hpp"

namespace sqlgen::catalog {

void CatalogBuilder::create_schema(const parse::CreateSchemaStmt& s) {
  parse::Span name_span{s.span.offset, s.span.length};
  if (schema(s.name)) {
    if (s.if_not_exists) return;
    diag::Diagnostic d = diag::make(diag::DiagId::err_schema_exists, location(name_span), {s.name});
    const Schema* existing = schema(s.name);
    if (existing->origin.source) {
      d.note(diag::DiagId::note_declared_here, existing->origin.location(), {"schema", s.name});
    }
    report(std::move(d));
    return;
  }
  Schema& sc = m_cat.m_schemas[s.name];
  sc.name = s.name;
  sc.origin = origin(s.span);
  // CREATE SCHEMA x CREATE TABLE y ...: the elements are created in x.
  if (!s.elements.empty()) {
    std::vector<std::string> saved = m_cat.m_search_path;
    m_cat.m_search_path = {s.name};
    for (const parse::StmtPtr& e : s.elements) apply(*e);
    m_cat.m_search_path = std::move(saved);
  }
}

void CatalogBuilder::variable_set(const parse::VariableSetStmt& s) {
  if (s.name != "search_path") return;
  if (s.reset) {
    m_cat.m_search_path = {"$user", "public"};
  } else {
    m_cat.m_search_path = s.values;
  }
}

namespace {

bool installed(const std::vector<std::string>& extensions, std::string_view name) {
  return std::find(extensions.begin(), extensions.end(), name) != extensions.end();
}

/// The relation behind an extension's composite type, or null.
const builtins::BuiltinRelation* composite_relation(const builtins::ExtensionObjects& ext,
                                                    Oid type) {
  for (const builtins::BuiltinRelation* r : ext.relations) {
    if (r->kind == 'c' && r->row_type == type) return r;
  }
  return nullptr;
}

Function extension_function(const builtins::BuiltinProc& bp) {
  Function f;
  f.oid = bp.oid;
  f.name = std::string(bp.name);
  f.is_procedure = bp.kind == 'p';
  f.returns = TypeRef{bp.ret_type, -1, 0};
  f.returns_set = bp.retset;
  f.strict = bp.strict;
  f.volatility = bp.volatility;
  const std::vector<builtins::Oid>& types =
      bp.all_arg_types.empty() ? bp.arg_types : bp.all_arg_types;
  size_t first_default = static_cast<size_t>(bp.nargs - bp.nargdefaults);
  size_t input_index = 0;
  for (size_t i = 0; i < types.size(); ++i) {
    FunctionArg a;
    a.type = TypeRef{types[i], -1, 0};
    a.mode = i < bp.arg_modes.size() ? bp.arg_modes[i] : 'i';
    if (i < bp.arg_names.size()) a.name = std::string(bp.arg_names[i]);
    if (a.mode == 'i' || a.mode == 'b' || a.mode == 'v') {
      a.has_default = input_index++ >= first_default;
    }
    f.args.push_back(std::move(a));
  }
  return f;
}

}  // namespace

void CatalogBuilder::create_extension(const parse::CreateExtensionStmt& s) {
  // plpgsql is installed in every database.
  if (installed(m_cat.m_extensions, s.name) || s.name == "plpgsql") {
    if (!s.if_not_exists) error(diag::DiagId::err_extension_exists, s.span, {s.name});
    return;
  }
  const builtins::ExtensionObjects* ext = builtins::extension_objects(s.name);
  if (!ext) {
    error(diag::DiagId::warn_unknown_extension, s.span, {s.name});
    m_cat.m_not_modelled.push_back(NotModelled{"create extension", origin(s.span)});
    return;
  }
  install_extension(*ext, s.schema, s.cascade, s.span);
}

bool CatalogBuilder::install_extension(const builtins::ExtensionObjects& ext,
                                       const std::string& explicit_schema, bool cascade,
                                       parse::Span span) {
  // As CreateExtensionInternal: the schema first, then the required extensions (created
  // with CASCADE in the schema the statement named), then the objects.
  std::string wanted = explicit_schema;
  if (!ext.schema.empty()) {
    if (!wanted.empty() && wanted != ext.schema) {
      error(diag::DiagId::err_extension_schema, span,
            {std::string(ext.name), std::string(ext.schema)});
      return false;
    }
    wanted = std::string(ext.schema);
  }
  auto sch = creation_schema(wanted, span);
  if (!sch) return false;
  for (std::string_view required : ext.required) {
    if (installed(m_cat.m_extensions, required)) continue;
    const builtins::ExtensionObjects* req = builtins::extension_objects(required);
    if (!cascade || !req) {
      error(diag::DiagId::err_extension_required, span, {std::string(required)});
      return false;
    }
    if (!install_extension(*req, explicit_schema, cascade, span)) return false;
  }
  for (const builtins::BuiltinType* bt : ext.types) {
    if (type_name_taken(*sch, std::string(bt->name), span)) return false;
  }
  m_cat.m_extensions.push_back(std::string(ext.name));
  for (const builtins::BuiltinType* bt : ext.types) {
    Type t;
    t.oid = bt->oid;
    t.schema = *sch;
    t.name = std::string(bt->name);
    t.typtype = bt->is_array() ? 'b' : bt->typtype;
    t.elem = bt->is_array() ? bt->elem : 0;
    t.array = bt->array;
    t.base = TypeRef{bt->base_type ? bt->base_type : bt->range_subtype, bt->typmod, 0};
    if (const builtins::BuiltinRelation* r = composite_relation(ext, bt->oid)) {
      t.fields = relation_from_builtin(*r, *sch).columns;
    }
    t.extension = std::string(ext.name);
    t.origin = origin(span);
    add_type(std::move(t), false);
  }
  for (const builtins::BuiltinProc* bp : ext.procs) {
    Function f = extension_function(*bp);
    f.schema = *sch;
    f.extension = std::string(ext.name);
    f.origin = origin(span);
    schema(*sch)->functions.emplace(f.name, f.oid);
    m_cat.m_functions[f.oid] = std::move(f);
  }
  for (const builtins::BuiltinRelation* r : ext.relations) {
    if (r->kind == 'c') continue;  // a composite type's fields (above)
    Relation rel = relation_from_builtin(*r, *sch);
    rel.origin = origin(span);
    m_cat.m_extension_relations[rel.oid] = std::move(rel);
  }
  return true;
}

}  // namespace sqlgen::catalog
