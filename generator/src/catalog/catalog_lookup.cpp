// Name resolution for DDL: types as written, relations, functions.
#include <algorithm>

#include "catalog/catalog_builder.hpp"
#include "parse/walk.hpp"

namespace sqlgen::catalog {

namespace {

/// Joins a name list with dots for messages.
std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ".") + n;
  return out;
}

std::string hint_suffix(const std::string& name, const std::vector<std::string>& candidates) {
  std::string hint = diag::did_you_mean(name, candidates);
  return hint.empty() ? std::string() : ", " + hint;
}

}  // namespace

Type* CatalogBuilder::lookup_type(const std::vector<std::string>& written, parse::Span span,
                                  bool missing_ok) {
  std::vector<std::string> names = written;
  if (names.size() > 2) names.erase(names.begin(), names.end() - 2);
  std::string sch = names.size() == 2 ? names[0] : "";
  const std::string& name = names.empty() ? std::string() : names.back();
  const Type* t = m_cat.find_type(sch, name, m_cat.m_search_path);
  if (t) return &m_cat.m_types.at(t->oid);
  if (!missing_ok) {
    std::vector<std::string> candidates;
    for (const std::string& s : sch.empty() ? path_schemas() : std::vector<std::string>{sch}) {
      if (const Schema* sc = schema(s)) {
        for (const auto& [n, o] : sc->types) {
          if (!n.empty() && n[0] != '_') candidates.push_back(n);
        }
      }
    }
    error(diag::DiagId::err_type_not_found, span, {joined(names), hint_suffix(name, candidates)});
  }
  return nullptr;
}

namespace {

/// The first known extension, not installed yet, that has an object `has` accepts.
template <class Pred>
const builtins::ExtensionObjects* uninstalled_extension_with(
    const std::vector<std::string>& installed_ones, Pred has) {
  for (std::string_view ext_name : builtins::known_extensions()) {
    const builtins::ExtensionObjects* ext = builtins::extension_objects(ext_name);
    if (!ext ||
        std::find(installed_ones.begin(), installed_ones.end(), ext_name) != installed_ones.end()) {
      continue;
    }
    if (has(*ext)) return ext;
  }
  return nullptr;
}

}  // namespace

bool CatalogBuilder::assume_extension(const builtins::ExtensionObjects& ext,
                                      const std::string& what, const std::string& where,
                                      parse::Span span) {
  if (where.empty() || (!ext.schema.empty() && ext.schema != where)) return false;
  if (!install_extension(ext, where, true, span)) return false;
  error(diag::DiagId::warn_extension_assumed, span, {what, std::string(ext.name), where});
  m_cat.m_assumed_extensions.push_back(AssumedExtension{std::string(ext.name), where});
  return true;
}

Type* CatalogBuilder::assume_extension_type(const std::string& sch, const std::string& name,
                                            parse::Span span) {
  if (name.empty() || name[0] == '_') return nullptr;
  if (!sch.empty() && !schema(sch)) return nullptr;
  const builtins::ExtensionObjects* ext =
      uninstalled_extension_with(m_cat.m_extensions, [&](const builtins::ExtensionObjects& e) {
        return std::any_of(e.types.begin(), e.types.end(),
                           [&](const builtins::BuiltinType* bt) { return bt->name == name; });
      });
  if (!ext) return nullptr;
  std::string where = sch;
  if (where.empty() && !path_schemas().empty()) where = path_schemas().front();
  std::string what = "type \"" + (sch.empty() ? name : sch + "." + name) + "\"";
  if (!assume_extension(*ext, what, where, span)) return nullptr;
  const Type* t = m_cat.find_type(where, name, m_cat.m_search_path);
  return t ? &m_cat.m_types.at(t->oid) : nullptr;
}

void CatalogBuilder::assume_extensions_called(const parse::Expr* e) {
  parse::walk_expr(e, [&](const parse::Expr& x) {
    if (x.kind != parse::ExprKind::FuncCall) return;
    const auto& call = x.as<parse::FuncCallExpr>();
    if (call.name.size() == 2) assume_extension_function(call.name[0], call.name[1], x.span);
  });
}

void CatalogBuilder::assume_extension_function(const std::string& sch, const std::string& name,
                                               parse::Span span) {
  // Only a schema-qualified call (what pg_dump writes) into a schema of the user's, where no
  // function of that name exists: `public.gen_random_uuid()` with pgcrypto not created.
  const Schema* target = schema(sch);
  if (!target || is_system_schema(sch) || target->functions.count(name)) return;
  const builtins::ExtensionObjects* ext =
      uninstalled_extension_with(m_cat.m_extensions, [&](const builtins::ExtensionObjects& e) {
        return std::any_of(e.procs.begin(), e.procs.end(),
                           [&](const builtins::BuiltinProc* bp) { return bp->name == name; });
      });
  if (ext) assume_extension(*ext, "function \"" + sch + "." + name + "\"", sch, span);
}

std::optional<TypeRef> CatalogBuilder::column_type_of(const parse::TypeName& tn) {
  // tbl.col%TYPE / schema.tbl.col%TYPE
  if (tn.names.size() < 2) {
    error(diag::DiagId::err_type_not_found, tn.span, {tn.to_string() + "%TYPE", ""});
    return std::nullopt;
  }
  parse::QualName rel;
  rel.name = tn.names[tn.names.size() - 2];
  if (tn.names.size() >= 3) rel.schema = tn.names[tn.names.size() - 3];
  rel.span = tn.span;
  const Relation* r = lookup_any_relation(rel, false);
  if (!r) return std::nullopt;
  const Column* c = r->column(tn.names.back());
  if (!c) {
    error(diag::DiagId::err_column_not_found, tn.span, {tn.names.back(), r->name, ""});
    return std::nullopt;
  }
  return c->type;
}

std::optional<TypeRef> CatalogBuilder::resolve_type(const parse::TypeName& tn,
                                                    builtins::SerialKind* serial) {
  if (serial) *serial = builtins::SerialKind::None;
  if (tn.pct_type) return column_type_of(tn);
  TypeRef ref;
  bool user_type = false;
  std::vector<std::string> names = tn.names;
  if (names.size() > 2) names.erase(names.begin(), names.end() - 2);
  if (names.size() == 1 || (names.size() == 2 && names[0] == "pg_catalog")) {
    if (auto m = builtins::resolve_type_name(names)) {
      ref.oid = m->type->oid;
      if (serial) *serial = m->serial;
    }
  }
  if (ref.oid == 0) {
    // A type used (not dropped, renamed or commented on) may come from an extension the
    // schema files never create: assumed then, before "does not exist".
    Type* t = lookup_type(names, tn.span, true);
    if (!t) {
      std::string sch = names.size() == 2 ? names[0] : "";
      t = assume_extension_type(sch, names.empty() ? std::string() : names.back(), tn.span);
    }
    if (!t) t = lookup_type(names, tn.span, false);
    if (!t) return std::nullopt;
    ref.oid = t->oid;
    user_type = t->extension.empty();
  }

  if (!tn.typmods.empty()) {
    std::vector<int64_t> args;
    for (const parse::ExprPtr& m : tn.typmods) {
      if (m && m->kind == parse::ExprKind::Const &&
          m->as<parse::ConstExpr>().type == parse::ConstExpr::Type::Integer) {
        args.push_back(std::stoll(m->as<parse::ConstExpr>().text));
      } else {
        error(diag::DiagId::err_typmod, m ? m->span : tn.span,
              {"type modifiers must be simple constants or identifiers"});
        return std::nullopt;
      }
    }
    if (user_type || !builtins::find_type(ref.oid) || !builtins::find_type(ref.oid)->has_typmodin) {
      error(diag::DiagId::err_typmod_not_allowed, tn.span, {tn.to_string()});
      return std::nullopt;
    }
    builtins::TypmodResult r = builtins::compute_typmod(ref.oid, args);
    if (!r.ok()) {
      error(diag::DiagId::err_typmod, tn.span, {r.error});
      return std::nullopt;
    }
    ref.typmod = r.typmod;
  }

  if (!tn.array_bounds.empty()) {
    Oid arr = m_cat.element_type(ref.oid) ? ref.oid : m_cat.array_type(ref.oid);
    if (arr == 0) {
      error(diag::DiagId::err_type_not_found, tn.span, {tn.to_string() + "[]", ""});
      return std::nullopt;
    }
    ref.oid = arr;
    ref.array_dims = static_cast<int32_t>(tn.array_bounds.size());
  }
  return ref;
}

const Relation* CatalogBuilder::lookup_any_relation(const parse::QualName& name, bool missing_ok) {
  const Relation* r = m_cat.find_relation(name.schema, name.name, m_cat.m_search_path);
  if (r || missing_ok) return r;
  if (!name.schema.empty() && !schema(name.schema) && !is_system_schema(name.schema)) {
    creation_schema(name.schema, name.span);  // reports the missing schema
    return nullptr;
  }
  std::vector<std::string> candidates;
  for (const std::string& s :
       name.schema.empty() ? path_schemas() : std::vector<std::string>{name.schema}) {
    if (const Schema* sc = schema(s)) {
      for (const auto& [n, o] : sc->relations) candidates.push_back(n);
    }
  }
  error(diag::DiagId::err_relation_not_found, name.span,
        {name.to_string(), hint_suffix(name.name, candidates)});
  return nullptr;
}

Relation* CatalogBuilder::lookup_relation(const parse::QualName& name, bool missing_ok,
                                          const std::vector<RelKind>& kinds, const char* what) {
  const Relation* r = lookup_any_relation(name, missing_ok);
  if (!r) return nullptr;
  auto user = m_cat.m_relations.find(r->oid);
  if (user == m_cat.m_relations.end()) {
    // pg_catalog's and information_schema's relations and extensions' views.
    const builtins::BuiltinRelation* b = builtins::find_relation(r->oid);
    std::string owner = b && !b->extension.empty()
                            ? "extension \"" + std::string(b->extension) + "\""
                            : "PostgreSQL";
    error(diag::DiagId::err_builtin_relation, name.span, {name.to_string(), owner});
    return nullptr;
  }
  if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), r->kind) == kinds.end()) {
    error(diag::DiagId::err_wrong_object_type, name.span,
          {name.to_string(), what ? what : relkind_name(kinds.front())});
    return nullptr;
  }
  return &user->second;
}

Function* CatalogBuilder::lookup_function(const parse::ObjectRef& ref, bool missing_ok,
                                          bool procedure) {
  std::vector<std::string> names = ref.names;
  if (names.size() > 2) names.erase(names.begin(), names.end() - 2);
  std::string sch = names.size() == 2 ? names[0] : "";
  std::string name = names.empty() ? "" : names.back();
  std::optional<std::vector<Oid>> want;
  if (ref.args) {
    want.emplace();
    for (const parse::TypeName& tn : *ref.args) {
      auto t = resolve_type(tn);
      if (!t) return nullptr;
      want->push_back(t->oid);
    }
  }
  std::vector<Function*> found;
  for (const std::string& s : sch.empty() ? path_schemas() : std::vector<std::string>{sch}) {
    Schema* sc = schema(s);
    if (!sc) continue;
    auto range = sc->functions.equal_range(name);
    for (auto it = range.first; it != range.second; ++it) {
      Function& f = m_cat.m_functions.at(it->second);
      if (want && f.input_types() != *want) continue;
      found.push_back(&f);
    }
    if (!found.empty()) break;
  }
  if (found.size() == 1) return found.front();
  if (found.size() > 1) {
    error(diag::DiagId::err_function_ambiguous, ref.span, {name});
    return nullptr;
  }
  if (!missing_ok) {
    std::string sig = joined(names);
    if (want) {
      sig += "(";
      for (size_t i = 0; i < want->size(); ++i) {
        sig += (i ? ", " : "") + m_cat.format_type(TypeRef{(*want)[i], -1, 0});
      }
      sig += ")";
    }
    (void)procedure;
    error(diag::DiagId::err_function_not_found, ref.span, {sig, ""});
  }
  return nullptr;
}

}  // namespace sqlgen::catalog
