// The catalog as JSON (`sqlgen schema`) and as a catalog-only SQL dump.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/catalog.hpp"

namespace sqlgen::catalog {

namespace {

using nlohmann::json;

/// Fills `type`, `type_schema`, `array_dims` (element type for arrays) and
/// `format_type` of `t` into `j`, with an optional key prefix ("base_").
void put_type(const Catalog& cat, const TypeRef& t, json& j, const std::string& prefix,
              bool with_format) {
  Oid elem = cat.element_type(t.oid);
  auto [schema, name] = cat.type_name(elem ? elem : t.oid);
  j[prefix + "type"] = name;
  j[prefix + "type_schema"] = schema;
  j[prefix + "array_dims"] = elem ? std::max(1, t.array_dims) : 0;
  if (with_format) j[prefix + "format_type"] = cat.format_type(t);
}

std::string file_of(const Origin& o) { return o.source ? o.source->path() : std::string(); }

uint32_t line_of(const Origin& o) { return o.source ? o.source->line_col(o.offset).line : 0; }

const char* identity_name(char c) { return c == 'a' ? "always" : c == 'd' ? "by_default" : ""; }

const char* mode_name(char m) {
  switch (m) {
    case 'o':
      return "out";
    case 'b':
      return "inout";
    case 'v':
      return "variadic";
    case 't':
      return "table";
    default:
      return "in";
  }
}

json column_json(const Catalog& cat, const Column& c) {
  json j = json::object();
  j["name"] = c.name;
  put_type(cat, c.type, j, "", true);
  j["not_null"] = c.not_null;
  j["has_default"] = c.has_default;
  j["identity"] = identity_name(c.identity);
  j["generated"] = c.generated == 's' ? "stored" : "";
  j["comment"] = c.comment;
  if (!c.default_sql.empty()) j["default"] = c.default_sql;
  return j;
}

json relation_json(const Catalog& cat, const Relation& r) {
  json cols = json::array();
  for (const Column& c : r.columns) cols.push_back(column_json(cat, c));
  json t = {{"name", r.name},
            {"kind", relkind_name(r.kind)},
            {"file", file_of(r.origin)},
            {"line", line_of(r.origin)},
            {"columns", std::move(cols)},
            {"columns_known", r.columns_known},
            {"comment", r.comment}};
  json cons = json::array();
  for (const TableConstraint& k : r.constraints) {
    cons.push_back({{"name", k.name}, {"type", std::string(1, k.type)}, {"columns", k.columns}});
  }
  t["constraints"] = std::move(cons);
  return t;
}

json sequence_json(const Relation& r) {
  json seq = {{"name", r.name}};
  if (!r.owned_by.empty()) seq["owned_by"] = r.owned_by;
  return seq;
}

json composite_json(const Catalog& cat, const Type& t) {
  json fields = json::array();
  for (const Column& f : t.fields) {
    json fj = {{"name", f.name}};
    put_type(cat, f.type, fj, "", true);
    fields.push_back(std::move(fj));
  }
  return {{"name", t.name}, {"fields", std::move(fields)}, {"comment", t.comment}};
}

json domain_json(const Catalog& cat, const Type& t) {
  json d = {{"name", t.name}};
  put_type(cat, t.base, d, "base_", false);
  d.erase("base_array_dims");
  d["base_type_array_dims"] = t.base.oid && cat.element_type(t.base.oid) ? 1 : 0;
  d["base_format_type"] = cat.format_type(t.base);
  d["not_null"] = t.not_null;
  d["has_default"] = t.has_default;
  d["checks"] = t.checks;
  d["comment"] = t.comment;
  return d;
}

json function_json(const Catalog& cat, const Function& f) {
  json args = json::array();
  for (const FunctionArg& a : f.args) {
    json aj = {{"name", a.name}};
    put_type(cat, a.type, aj, "", false);
    aj["mode"] = mode_name(a.mode);
    aj["has_default"] = a.has_default;
    args.push_back(std::move(aj));
  }
  auto [rschema, rname] = cat.type_name(f.returns.oid);
  return {{"name", f.name},
          {"kind", f.is_procedure ? "procedure" : "function"},
          {"args", std::move(args)},
          {"returns", rname},
          {"returns_schema", rschema},
          {"returns_set", f.returns_set},
          {"strict", f.strict},
          {"volatility", std::string(1, f.volatility)},
          {"comment", f.comment}};
}

}  // namespace

json Catalog::to_json() const {
  json schemas = json::array();
  for (const auto& [sname, sc] : m_schemas) {
    if (sname == "pg_catalog") continue;
    json tables = json::array(), enums = json::array(), composites = json::array(),
         domains = json::array(), functions = json::array(), sequences = json::array();
    for (const auto& [rname, oid] : sc.relations) {
      const Relation& r = m_relations.at(oid);
      if (r.kind == RelKind::Sequence) {
        sequences.push_back(sequence_json(r));
      } else {
        tables.push_back(relation_json(*this, r));
      }
    }
    for (const auto& [tname, oid] : sc.types) {
      const Type& t = m_types.at(oid);
      if (!t.extension.empty() || t.elem != 0) continue;
      if (t.typtype == 'e') {
        enums.push_back({{"name", t.name}, {"labels", t.labels}, {"comment", t.comment}});
      } else if (t.typtype == 'c' && t.relation == 0) {
        composites.push_back(composite_json(*this, t));
      } else if (t.typtype == 'd') {
        domains.push_back(domain_json(*this, t));
      }
    }
    for (const auto& [fname, oid] : sc.functions) {
      const Function& f = m_functions.at(oid);
      if (!f.extension.empty()) continue;
      functions.push_back(function_json(*this, f));
    }
    schemas.push_back({{"name", sname},
                       {"comment", sc.comment},
                       {"tables", std::move(tables)},
                       {"enums", std::move(enums)},
                       {"composites", std::move(composites)},
                       {"domains", std::move(domains)},
                       {"functions", std::move(functions)},
                       {"sequences", std::move(sequences)}});
  }
  json nm = json::array();
  for (const NotModelled& n : m_not_modelled) {
    nm.push_back({{"kind", n.kind}, {"file", file_of(n.origin)}, {"line", line_of(n.origin)}});
  }
  json exts = m_extensions;
  std::sort(exts.begin(), exts.end());
  return json{{"schemas", std::move(schemas)},
              {"search_path", m_search_path},
              {"extensions", std::move(exts)},
              {"not_modelled", std::move(nm)}};
}

}  // namespace sqlgen::catalog
