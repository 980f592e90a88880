// The scope model (scope.hpp): CTEs by name, a relation's columns, where a column reference
// resolves.
#include "analyze/scope.hpp"

#include <algorithm>

namespace sqlgen::analyze {

const CteDef* Scope::find_cte(const std::string& name) const {
  for (const Scope* s = this; s; s = s->parent) {
    for (const CteDef& c : s->ctes) {
      if (c.name == name) return &c;
    }
  }
  return nullptr;
}

std::vector<Col> relation_columns(const catalog::Relation& rel) {
  std::vector<Col> out;
  // Views and CREATE TABLE AS get their columns when the catalog binds them (view_binder());
  // unbound (a definition with errors, reported there): no columns.
  if (!rel.columns_known) return out;
  for (const catalog::Column& c : rel.columns) {
    out.push_back(
        Col{c.name, ExprType{c.type.oid, c.type.typmod}, !c.not_null, rel.name, rel.schema});
  }
  if (rel.kind != catalog::RelKind::View) {
    // System columns every table has (pg_attribute's negative attnums).
    static const std::pair<const char*, catalog::Oid> k_system[] = {
        {"tableoid", 26}, {"cmax", 29}, {"xmax", 28}, {"cmin", 29}, {"xmin", 28}, {"ctid", 27}};
    for (const auto& [name, oid] : k_system) {
      out.push_back(Col{name, ExprType{oid, -1}, false, rel.name, rel.schema, true});
    }
  }
  return out;
}

ColumnMatch find_column(const Scope& scope, const std::vector<std::string>& fields) {
  if (fields.empty()) return {};
  const std::string& col = fields.back();
  const std::string table = fields.size() >= 2 ? fields[fields.size() - 2] : "";
  const std::string schema = fields.size() >= 3 ? fields[fields.size() - 3] : "";
  for (const Scope* s = &scope; s; s = s->parent) {
    ColumnMatch match;
    bool table_seen = false;
    for (const RangeEntry& e : s->entries) {
      if (!table.empty()) {
        if (e.name != table || (!schema.empty() && e.schema != schema)) continue;
        table_seen = true;
      }
      for (const Col& c : e.cols) {
        if (c.name != col) continue;
        // USING/NATURAL: the merged column is shown once, by the left entry.
        if (table.empty() && std::count(e.merged.begin(), e.merged.end(), col)) continue;
        if (match.col) {
          match.ambiguous = true;
          return match;
        }
        match = ColumnMatch{s, &e, &c, false};
      }
    }
    if (match.col) return match;
    if (table_seen) return ColumnMatch{s, nullptr, nullptr, false};
  }
  return {};
}

}  // namespace sqlgen::analyze
