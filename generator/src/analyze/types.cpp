// Type facts for builtin, extension and user types alike: categories, domains,
// arrays, ranges, formatting, installed extensions.
#include "analyze/types.hpp"

#include <algorithm>

namespace sqlgen::analyze {

namespace builtins = catalog::builtins;

namespace {

/// A builtin type row, but only for core types or installed extension types.
const builtins::BuiltinType* builtin(Oid oid) { return builtins::find_type(oid); }

}  // namespace

char type_kind(const catalog::Catalog& cat, Oid oid) {
  if (const builtins::BuiltinType* b = builtin(oid)) return b->typtype;
  if (const catalog::Type* t = cat.type(oid)) return t->elem != 0 ? 'b' : t->typtype;
  return 0;
}

Oid base_type(const catalog::Catalog& cat, Oid oid) {
  return base_type(cat, ExprType{oid, -1}).oid;
}

ExprType base_type(const catalog::Catalog& cat, ExprType type) {
  // Domains over domains: follow the chain (getBaseTypeAndTypmod).
  for (int depth = 0; depth < 64; ++depth) {
    if (const builtins::BuiltinType* b = builtin(type.oid)) {
      if (b->typtype != 'd' || b->base_type == 0) return type;
      type = ExprType{b->base_type, b->typmod};
      continue;
    }
    const catalog::Type* t = cat.type(type.oid);
    if (!t || t->typtype != 'd' || t->elem != 0 || t->base.oid == 0) return type;
    type = ExprType{t->base.oid, t->base.typmod};
  }
  return type;
}

char type_category(const catalog::Catalog& cat, Oid oid) {
  if (const builtins::BuiltinType* b = builtin(oid)) return b->category;
  const catalog::Type* t = cat.type(oid);
  if (!t) return 'U';
  if (t->elem != 0) return 'A';
  switch (t->typtype) {
    case 'e':
      return 'E';
    case 'c':
      return 'C';
    case 'r':
    case 'm':
      return 'R';
    case 'd':
      // CREATE DOMAIN copies the base type's category.
      return type_category(cat, t->base.oid);
    default:
      return 'U';
  }
}

bool is_preferred(const catalog::Catalog& /*cat*/, Oid oid) {
  // User types (enums, composites, domains, ranges, arrays) are never preferred.
  const builtins::BuiltinType* b = builtin(oid);
  return b && b->preferred;
}

Oid array_of(const catalog::Catalog& cat, Oid oid) { return cat.array_type(oid); }

Oid element_of(const catalog::Catalog& cat, Oid oid) { return cat.element_type(oid); }

Oid range_subtype(const catalog::Catalog& cat, Oid oid) {
  if (const builtins::BuiltinType* b = builtin(oid))
    return b->typtype == 'r' ? b->range_subtype : 0;
  const catalog::Type* t = cat.type(oid);
  return t && t->typtype == 'r' && t->elem == 0 ? t->base.oid : 0;
}

namespace {

/// The user range/multirange type of kind `want` paired with `t`: same schema and subtype;
/// several candidates are told apart by creation order (range, its array, multirange).
Oid paired_range_type(const catalog::Catalog& cat, const catalog::Type& t, char want,
                      Oid expected_oid) {
  Oid found = 0;
  int count = 0;
  for (const auto& [oid, other] : cat.types()) {
    if (other.typtype != want || other.elem != 0 || other.schema != t.schema ||
        other.base.oid != t.base.oid) {
      continue;
    }
    found = oid;
    ++count;
    if (oid == expected_oid) return oid;
  }
  return count == 1 ? found : 0;
}

}  // namespace

Oid range_multirange(const catalog::Catalog& cat, Oid range) {
  if (const builtins::BuiltinType* b = builtin(range)) return b->typtype == 'r' ? b->range_link : 0;
  const catalog::Type* t = cat.type(range);
  if (!t || t->typtype != 'r' || t->elem != 0) return 0;
  return paired_range_type(cat, *t, 'm', range + 2);
}

Oid multirange_range(const catalog::Catalog& cat, Oid multirange) {
  if (const builtins::BuiltinType* b = builtin(multirange)) {
    return b->typtype == 'm' ? b->range_link : 0;
  }
  const catalog::Type* t = cat.type(multirange);
  if (!t || t->typtype != 'm' || t->elem != 0) return 0;
  return paired_range_type(cat, *t, 'r', multirange - 2);
}

bool is_complex(const catalog::Catalog& cat, Oid oid) {
  Oid base = base_type(cat, oid);
  if (const builtins::BuiltinType* b = builtin(base)) return b->typtype == 'c';
  const catalog::Type* t = cat.type(base);
  return t && t->typtype == 'c' && t->elem == 0;
}

bool is_polymorphic(Oid oid) {
  using namespace pseudo_oid;
  switch (oid) {
    case k_anyelement:
    case k_anyarray:
    case k_anynonarray:
    case k_anyenum:
    case k_anyrange:
    case k_anymultirange:
    case k_anycompatible:
    case k_anycompatiblearray:
    case k_anycompatiblenonarray:
    case k_anycompatiblerange:
    case k_anycompatiblemultirange:
      return true;
    default:
      return false;
  }
}

std::string format(const catalog::Catalog& cat, ExprType type) {
  return cat.format_type(catalog::TypeRef{type.oid, type.typmod, 0});
}

std::string format(const catalog::Catalog& cat, Oid oid) {
  if (!cat.type(oid)) return builtins::format_type(oid, -1, false);
  return cat.format_type(catalog::TypeRef{oid, -1, 0});
}

bool extension_installed(const catalog::Catalog& cat, std::string_view name) {
  return !cat.extension_schema(name).empty();
}

namespace detail {

std::vector<std::string> effective_path(const catalog::Catalog& cat,
                                        const std::vector<std::string>& search_path) {
  std::vector<std::string> out;
  if (std::find(search_path.begin(), search_path.end(), "pg_catalog") == search_path.end()) {
    out.push_back("pg_catalog");
  }
  for (const std::string& s : search_path) {
    if (s == "$user" || (!cat.schemas().count(s) && s != "information_schema")) continue;
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

}  // namespace detail

}  // namespace sqlgen::analyze
