// CREATE [OR REPLACE] FUNCTION / PROCEDURE.
#include "catalog/catalog_builder.hpp"

namespace sqlgen::catalog {

namespace {

char mode_char(parse::FunctionParam::Mode m) {
  switch (m) {
    case parse::FunctionParam::Mode::Out:
      return 'o';
    case parse::FunctionParam::Mode::InOut:
      return 'b';
    case parse::FunctionParam::Mode::Variadic:
      return 'v';
    case parse::FunctionParam::Mode::Table:
      return 't';
    default:
      return 'i';
  }
}

}  // namespace

void CatalogBuilder::create_function(const parse::CreateFunctionStmt& s) {
  auto sch = creation_schema(s.name.schema, s.span);
  if (!sch) return;
  Function f;
  f.schema = *sch;
  f.name = s.name.name;
  f.is_procedure = s.is_procedure;
  f.language = s.language;
  f.strict = s.strict;
  f.volatility = s.volatility;
  f.origin = origin(s.span);
  std::vector<TypeRef> outs;
  for (const parse::FunctionParam& p : s.params) {
    auto type = resolve_type(p.type);
    if (!type) return;
    FunctionArg a;
    a.name = p.name;
    a.type = *type;
    a.mode = mode_char(p.mode);
    a.has_default = p.default_value != nullptr;
    if (a.mode == 'o' || a.mode == 'b' || a.mode == 't') outs.push_back(a.type);
    f.args.push_back(std::move(a));
  }
  if (s.returns) {
    auto ret = resolve_type(*s.returns);
    if (!ret) return;
    f.returns = *ret;
    f.returns_set = s.returns->setof;
  } else if (s.is_procedure) {
    // Procedures return void, or record as soon as they have OUT/INOUT arguments.
    f.returns.oid = outs.empty() ? builtins::type_oid::k_void : builtins::type_oid::k_record;
  } else if (outs.size() == 1) {
    f.returns = outs.front();  // a single OUT parameter is the result type
  } else if (outs.size() > 1) {
    f.returns.oid = builtins::type_oid::k_record;
  } else {
    f.returns.oid = builtins::type_oid::k_void;  // procedures
  }

  Schema* sc = schema(*sch);
  std::vector<Oid> inputs = f.input_types();
  auto range = sc->functions.equal_range(f.name);
  for (auto it = range.first; it != range.second; ++it) {
    Function& existing = m_cat.m_functions.at(it->second);
    if (existing.input_types() != inputs) continue;
    if (!s.replace) {
      diag::Diagnostic d =
          diag::make(diag::DiagId::err_function_exists, location(s.name.span), {f.name});
      d.note(diag::DiagId::note_declared_here, existing.origin.location(),
             {"function", existing.name});
      report(std::move(d));
      return;
    }
    f.oid = existing.oid;
    f.comment = existing.comment;
    existing = std::move(f);
    return;
  }
  f.oid = new_oid();
  sc->functions.emplace(f.name, f.oid);
  m_cat.m_functions[f.oid] = std::move(f);
}

}  // namespace sqlgen::catalog
