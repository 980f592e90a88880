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

void CatalogBuilder::create_extension(const parse::CreateExtensionStmt& s) {
  if (std::find(m_cat.m_extensions.begin(), m_cat.m_extensions.end(), s.name) !=
      m_cat.m_extensions.end()) {
    if (!s.if_not_exists) error(diag::DiagId::err_extension_exists, s.span, {s.name});
    return;
  }
  const builtins::ExtensionObjects* ext = builtins::extension_objects(s.name);
  if (!ext) {
    error(diag::DiagId::warn_unknown_extension, s.span, {s.name});
    m_cat.m_not_modelled.push_back(NotModelled{"create extension", origin(s.span)});
    return;
  }
  auto sch = creation_schema(s.schema, s.span);
  if (!sch) return;
  for (const builtins::BuiltinType* bt : ext->types) {
    if (type_name_taken(*sch, std::string(bt->name), s.span)) return;
  }
  m_cat.m_extensions.push_back(s.name);
  for (const builtins::BuiltinType* bt : ext->types) {
    Type t;
    t.oid = bt->oid;
    t.schema = *sch;
    t.name = std::string(bt->name);
    t.typtype = bt->is_array() ? 'b' : bt->typtype;
    t.elem = bt->is_array() ? bt->elem : 0;
    t.array = bt->array;
    t.base = TypeRef{bt->base_type ? bt->base_type : bt->range_subtype, bt->typmod, 0};
    t.extension = s.name;
    t.origin = origin(s.span);
    add_type(std::move(t), false);
  }
  for (const builtins::BuiltinProc* bp : ext->procs) {
    Function f;
    f.oid = bp->oid;
    f.schema = *sch;
    f.name = std::string(bp->name);
    f.is_procedure = bp->kind == 'p';
    f.returns = TypeRef{bp->ret_type, -1, 0};
    f.returns_set = bp->retset;
    f.strict = bp->strict;
    f.volatility = bp->volatility;
    f.extension = s.name;
    f.origin = origin(s.span);
    const std::vector<builtins::Oid>& types =
        bp->all_arg_types.empty() ? bp->arg_types : bp->all_arg_types;
    size_t first_default = static_cast<size_t>(bp->nargs - bp->nargdefaults);
    size_t input_index = 0;
    for (size_t i = 0; i < types.size(); ++i) {
      FunctionArg a;
      a.type = TypeRef{types[i], -1, 0};
      a.mode = i < bp->arg_modes.size() ? bp->arg_modes[i] : 'i';
      if (i < bp->arg_names.size()) a.name = std::string(bp->arg_names[i]);
      if (a.mode == 'i' || a.mode == 'b' || a.mode == 'v') {
        a.has_default = input_index++ >= first_default;
      }
      f.args.push_back(std::move(a));
    }
    schema(*sch)->functions.emplace(f.name, f.oid);
    m_cat.m_functions[f.oid] = std::move(f);
  }
}

}  // namespace sqlgen::catalog
