// Types for the rules: column references through query scopes (analyze's scope model),
// written type names through the live catalog, the enum behind a type, array literals.
#include <cctype>

#include "vet/internal.hpp"

namespace sqlgen::vet::detail {

RangeEntry named_entry(const std::string& schema, const std::string& name,
                       const std::string& alias) {
  RangeEntry entry;
  entry.name = alias.empty() ? name : alias;
  if (alias.empty()) entry.schema = schema;
  return entry;
}

RangeEntry relation_entry(const catalog::Relation& rel, const std::string& alias) {
  RangeEntry entry = named_entry(rel.schema, rel.name, alias);
  entry.cols = analyze::relation_columns(rel);
  return entry;
}

Col typed_column(const std::string& name, const catalog::TypeRef& type) {
  Col col;
  col.name = name;
  col.type = analyze::ExprType{type.oid, type.typmod};
  return col;
}

catalog::TypeRef type_ref(const Col& col) {
  return catalog::TypeRef{col.type.oid, col.type.typmod, 0};
}

std::optional<catalog::TypeRef> column_type(const Scope& scope,
                                            const std::vector<std::string>& fields) {
  analyze::ColumnMatch match = analyze::find_column(scope, fields);
  if (!match.col) return std::nullopt;
  return type_ref(*match.col);
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
