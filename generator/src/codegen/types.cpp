// SQL type → C++ type: PostgreSQL's built-in types (json and jsonb as text with `json: false`),
// the generated enums and composites, domains as their base type, arrays as
// std::vector, NULL as std::optional; `overrides` by column (globs) or database type replace
// the default.
#include "analyze/types.hpp"

#include <algorithm>
#include <map>

#include "codegen/internal.hpp"

namespace sqlgen::codegen {

namespace {

struct Builtin {
  const char* cpp;
  bool by_value;
  const char* include;
};

/// pg_catalog types with a C++ mapping other than std::string.
const std::map<std::string, Builtin>& builtin_map() {
  static const std::map<std::string, Builtin> map = {
      {"bool", {"bool", true, ""}},
      {"int2", {"std::int16_t", true, "<cstdint>"}},
      {"int4", {"std::int32_t", true, "<cstdint>"}},
      {"int8", {"std::int64_t", true, "<cstdint>"}},
      {"oid", {"std::uint32_t", true, "<cstdint>"}},
      {"float4", {"float", true, ""}},
      {"float8", {"double", true, ""}},
      {"bytea", {"sqlgen::runtime::Bytes", false, ""}},
      {"date", {"std::chrono::sys_days", true, "<chrono>"}},
      {"timestamptz", {"std::chrono::sys_time<std::chrono::microseconds>", true, "<chrono>"}},
      {"timestamp", {"std::chrono::local_time<std::chrono::microseconds>", true, "<chrono>"}},
      {"interval", {"sqlgen::runtime::Interval", true, ""}},
      {"uuid", {"sqlgen::runtime::Uuid", true, ""}},
      {"json", {"nlohmann::json", false, ""}},
      {"jsonb", {"nlohmann::json", false, ""}},
  };
  return map;
}

/// `*` matches any run of characters.
bool glob_match(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern[0] == '*') {
    for (size_t i = 0; i <= text.size(); ++i) {
      if (glob_match(pattern.substr(1), text.substr(i))) return true;
    }
    return false;
  }
  return !text.empty() && pattern[0] == text[0] && glob_match(pattern.substr(1), text.substr(1));
}

std::string include_spelling(const std::string& include) {
  if (include.empty() || include[0] == '<' || include[0] == '"') return include;
  return "<" + include + ">";
}

}  // namespace

TypeMapper::TypeMapper(const catalog::Catalog& cat, const config::Config& config,
                       const Options& options, const Plan& plan)
    : m_cat(cat), m_config(config), m_options(options), m_plan(plan) {
  for (size_t m = 0; m <= plan.modules.size(); ++m) {
    bool any = false;
    for (const auto* list : override_lists(m)) {
      for (const config::Override& o : *list) any = any || !o.db_type.empty();
    }
    m_db_type_overrides.push_back(any);
  }
}

std::string TypeMapper::qualified(const ModelRef& ref, size_t from) const {
  if (ref.module == from) return ref.name;
  return "::" + module_namespace(*m_plan.modules[ref.module]) + "::" + ref.name;
}

std::vector<const std::vector<config::Override>*> TypeMapper::override_lists(size_t from) const {
  std::vector<const std::vector<config::Override>*> lists;
  if (from < m_plan.modules.size()) lists.push_back(&m_plan.modules[from]->overrides);
  lists.push_back(&m_config.overrides);
  return lists;
}

const config::Override* TypeMapper::find_override(Oid oid, bool not_null,
                                                  const std::optional<ColumnRef>& column,
                                                  size_t from) const {
  // Column overrides first: `schema.table.column` or `table.column`, with globs.
  if (column) {
    std::string full, short_name;
    for (const auto* list : override_lists(from)) {
      for (const config::Override& o : *list) {
        if (o.column.empty()) continue;
        if (o.nullable && not_null) continue;
        if (full.empty()) {
          full = column->schema + "." + column->table + "." + column->column;
          short_name = column->table + "." + column->column;
        }
        if (glob_match(o.column, full) || glob_match(o.column, short_name)) return &o;
      }
    }
  }
  return find_type_override(oid, not_null, from);
}

const config::Override* TypeMapper::find_type_override(Oid oid, bool not_null, size_t from) const {
  // Most projects have no db_type override: then no lookup (and no lock) at all.
  if (!m_db_type_overrides[std::min(from, m_plan.modules.size())]) return nullptr;
  const uint64_t key =
      (static_cast<uint64_t>(oid) << 32) | (static_cast<uint64_t>(from) << 1) | (not_null ? 1 : 0);
  {
    std::lock_guard<std::mutex> lock(m_type_override_mutex);
    if (auto it = m_type_overrides.find(key); it != m_type_overrides.end()) return it->second;
  }
  const config::Override* found = match_type_override(oid, not_null, from);
  std::lock_guard<std::mutex> lock(m_type_override_mutex);
  m_type_overrides.emplace(key, found);
  return found;
}

const config::Override* TypeMapper::match_type_override(Oid oid, bool not_null, size_t from) const {
  const auto lists = override_lists(from);
  // Database types: the type's name, schema-qualified name or format_type spelling
  // ("uuid", "pg_catalog.uuid", "text[]", "timestamp with time zone").
  auto [schema, name] = m_cat.type_name(oid);
  std::vector<std::string> spellings = {name, schema + "." + name,
                                        m_cat.format_type(catalog::TypeRef{oid, -1, 0})};
  if (Oid elem = m_cat.element_type(oid)) {
    auto [es, en] = m_cat.type_name(elem);
    spellings.push_back(en + "[]");
    spellings.push_back(es + "." + en + "[]");
  }
  for (const auto* list : lists) {
    for (const config::Override& o : *list) {
      if (o.db_type.empty() || o.nullable == not_null) continue;
      for (const std::string& sp : spellings) {
        if (o.db_type == sp) return &o;
      }
    }
  }
  return nullptr;
}

CppType TypeMapper::map(Oid oid, bool not_null, const std::optional<ColumnRef>& column,
                        size_t from) const {
  if (const config::Override* o = find_override(oid, not_null, column, from)) {
    CppType t;
    t.name = o->cpp_type;
    if (!o->include.empty()) t.includes.insert(include_spelling(o->include));
    if (!not_null && !o->nullable) {  // a column override applies to both; NULL adds optional
      t.name = "std::optional<" + t.name + ">";
      t.includes.insert("<optional>");
    }
    return t;
  }
  // A domain: overrides of the domain's base type apply too.
  Oid base = analyze::base_type(m_cat, oid);
  if (base != oid) return map(base, not_null, std::nullopt, from);
  CppType t = base_type(oid, from);
  if (!not_null) {
    t.name = "std::optional<" + t.name + ">";
    t.includes.insert("<optional>");
  }
  return t;
}

CppType TypeMapper::base_type(Oid oid, size_t from) const {
  CppType t;
  if (Oid elem = analyze::element_of(m_cat, oid)) {
    CppType e = map(elem, !m_options.nullable_array_elements, std::nullopt, from);
    t = e;
    t.name = "std::vector<" + e.name + ">";
    t.by_value = false;
    t.includes.insert("<vector>");
    return t;
  }
  if (auto it = m_plan.types.find(oid); it != m_plan.types.end()) {
    t.name = qualified(it->second, from);
    t.modules.insert(it->second.module);
    const catalog::Type* type = m_cat.type(oid);
    t.by_value = type && type->typtype == 'e';
    return t;
  }
  // A table's or view's row type: its model struct.
  if (const catalog::Type* type = m_cat.type(oid); type && type->relation != 0) {
    if (auto it = m_plan.relations.find(type->relation); it != m_plan.relations.end()) {
      t.name = qualified(it->second, from);
      t.modules.insert(it->second.module);
      return t;
    }
  }
  auto [schema, name] = m_cat.type_name(oid);
  if (schema == "pg_catalog") {
    auto it = builtin_map().find(name);
    // With `json: false`, nothing includes nlohmann/json.hpp: json and jsonb are their text.
    bool json_text = m_options.json == false && (name == "json" || name == "jsonb");
    if (it != builtin_map().end() && !json_text) {
      t.name = it->second.cpp;
      t.by_value = it->second.by_value;
      if (*it->second.include) t.includes.insert(it->second.include);
      return t;
    }
  }
  // Text types, numeric, citext, inet, ranges, ... and anything else: its text.
  t.name = "std::string";
  t.includes.insert("<string>");
  return t;
}

}  // namespace sqlgen::codegen
