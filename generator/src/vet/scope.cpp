// Types for the rules: column references through query scopes, written type
// names through the live catalog, the enum behind a type, array literals.
#include <cctype>

#include "vet/internal.hpp"

namespace sqlgen::vet::detail {

namespace {

/// True when the qualifier `fields[0..n-1]` of a column reference names `r`.
bool qualifier_matches(const ScopeRelation& r, const std::vector<std::string>& fields) {
  if (fields.size() == 2) return r.alias.empty() ? r.name == fields[0] : r.alias == fields[0];
  return r.alias.empty() && r.schema == fields[0] && r.name == fields[1];
}

}  // namespace

std::optional<catalog::TypeRef> Scope::column_type(const std::vector<std::string>& fields) const {
  if (fields.empty() || fields.size() > 3) return std::nullopt;
  for (const Scope* s = this; s; s = s->parent) {
    for (const ScopeRelation& r : s->relations) {
      if (fields.size() > 1 && !qualifier_matches(r, fields)) continue;
      for (const ScopeColumn& c : r.columns) {
        if (c.name == fields.back()) return c.type;
      }
    }
  }
  return std::nullopt;
}

bool Scope::is_cte(const std::string& name) const {
  for (const Scope* s = this; s; s = s->parent) {
    if (s->ctes.count(name)) return true;
  }
  return false;
}

ScopeRelation scope_relation(const catalog::Relation& rel, const std::string& alias) {
  ScopeRelation out;
  out.schema = rel.schema;
  out.name = rel.name;
  out.alias = alias;
  for (const catalog::Column& c : rel.columns) out.columns.push_back({c.name, c.type});
  return out;
}

std::optional<catalog::TypeRef> resolve_type(const catalog::Catalog& cat,
                                             const parse::TypeName& type) {
  if (type.pct_type || type.setof || type.names.empty() || type.names.size() > 3) {
    return std::nullopt;
  }
  std::string schema = type.names.size() >= 2 ? type.names[type.names.size() - 2] : "";
  const catalog::Type* t = cat.find_type(schema, type.names.back(), cat.search_path());
  if (!t) return std::nullopt;
  catalog::TypeRef ref{t->oid, -1, 0};
  if (!type.array_bounds.empty()) {
    ref.oid = cat.element_type(t->oid) ? t->oid : cat.array_type(t->oid);
    ref.array_dims = static_cast<int32_t>(type.array_bounds.size());
    if (!ref.oid) return std::nullopt;
  }
  return ref;
}

EnumTarget enum_target(const catalog::Catalog& cat, const catalog::TypeRef& ref) {
  EnumTarget out;
  catalog::Oid oid = ref.oid;
  // Arrays and domains wrap the enum; a few levels are plenty (domains over domains).
  for (int depth = 0; depth < 8 && oid; ++depth) {
    if (catalog::Oid elem = cat.element_type(oid)) {
      out.array = true;
      oid = elem;
      continue;
    }
    const catalog::Type* t = cat.type(oid);
    if (!t) return {};
    if (t->typtype == 'e') {
      out.type = t;
      return out;
    }
    if (t->typtype != 'd') return {};
    oid = t->base.oid;
  }
  return {};
}

std::vector<std::string> array_literal_elements(const std::string& text) {
  std::vector<std::string> out;
  size_t i = 0;
  if (!text.empty() && text[0] == '[') {  // dimension decoration: [1:2]={...}
    size_t eq = text.find('=');
    if (eq != std::string::npos) i = eq + 1;
  }
  std::string current;
  bool pending = false;  // an unquoted element is being read
  auto flush = [&] {
    while (!current.empty() && std::isspace(static_cast<unsigned char>(current.back()))) {
      current.pop_back();
    }
    std::string lower;
    for (char c : current) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (pending && lower != "null") out.push_back(current);
    current.clear();
    pending = false;
  };
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      std::string value;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        value += text[i];
      }
      out.push_back(value);
    } else if (c == '{' || c == '}' || c == ',') {
      flush();
    } else if (!pending && std::isspace(static_cast<unsigned char>(c))) {
      continue;
    } else {
      if (c == '\\' && i + 1 < text.size()) c = text[++i];
      current += c;
      pending = true;
    }
  }
  flush();
  return out;
}

std::string type_display(const catalog::Type& t) { return t.schema + "." + t.name; }

}  // namespace sqlgen::vet::detail
