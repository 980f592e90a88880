// The fixer's rewrite of an unsafe `ALTER TYPE t ADD VALUE ...`: create the
// type anew with every label (values a type is created with are usable in the
// same transaction), move every column over, drop the old type and take its
// name, then restore defaults and the comment. Objects the pattern cannot
// carry over (views, domains, composites, functions, CHECKs over the column,
// inherited columns) make the statement not fixable, with the reason.
#include <algorithm>
#include <functional>

#include "vet/internal.hpp"

namespace sqlgen::vet::detail {

namespace {

using catalog::Oid;

/// PostgreSQL's identifier length limit (NAMEDATALEN - 1).
constexpr size_t k_max_identifier = 63;

std::string q(const std::string& ident) { return catalog::builtins::quote_identifier(ident); }

std::string literal(const std::string& text) { return catalog::builtins::quote_literal(text); }

/// A column that moves to the new type.
struct MovedColumn {
  const catalog::Relation* relation = nullptr;
  const catalog::Column* column = nullptr;
  bool array = false;
};

/// A free name for the new type next to `t`: "<name>_new", "<name>_new2", ...
std::string new_type_name(const catalog::Catalog& cat, const catalog::Type& t) {
  const catalog::Schema& schema = cat.schemas().at(t.schema);
  auto taken = [&](const std::string& n) {
    return schema.types.count(n) || schema.types.count("_" + n) || schema.relations.count(n);
  };
  for (int i = 1;; ++i) {
    std::string suffix = i == 1 ? "_new" : "_new" + std::to_string(i);
    std::string name = t.name.substr(0, k_max_identifier - 1 - suffix.size()) + suffix;
    if (!taken(name)) return name;
  }
}

/// The parent `rel` inherits `col` from, or null. PostgreSQL's ALTER on the parent reaches the
/// column, but sqlgen's catalog does not model that yet, so such columns block the rewrite.
const catalog::Relation* inherited_from(const catalog::Catalog& cat, const catalog::Relation& rel,
                                        const std::string& col) {
  for (Oid parent : rel.parents) {
    const catalog::Relation* p = cat.relation(parent);
    if (p && p->column(col)) return p;
  }
  return nullptr;
}

/// Why the type's dependents other than table columns block the rewrite, or "".
std::string other_dependents(const catalog::Catalog& cat,
                             const std::function<bool(const catalog::TypeRef&)>& uses) {
  for (const auto& [oid, other] : cat.types()) {
    if (other.typtype == 'd' && uses(other.base)) {
      return "domain \"" + type_display(other) + "\" is based on it";
    }
    if (other.typtype == 'r' && uses(other.base)) {
      return "range type \"" + type_display(other) + "\" is based on it";
    }
    for (const catalog::Column& f : other.fields) {
      if (uses(f.type)) return "composite type \"" + type_display(other) + "\" has a field of it";
    }
  }
  for (const auto& [oid, f] : cat.functions()) {
    bool arg = std::any_of(f.args.begin(), f.args.end(),
                           [&](const catalog::FunctionArg& a) { return uses(a.type); });
    if (arg || uses(f.returns)) return "function \"" + f.schema + "." + f.name + "\" uses it";
  }
  return "";
}

/// The columns to move, or why one of them blocks the rewrite.
std::string moved_columns(const VetState& st,
                          const std::function<bool(const catalog::TypeRef&)>& uses,
                          const catalog::Type& t, std::vector<MovedColumn>& out) {
  const catalog::Catalog& cat = st.cat;
  for (const auto& [oid, rel] : cat.relations()) {
    for (const catalog::Column& col : rel.columns) {
      if (!uses(col.type)) continue;
      std::string where = "column \"" + col.name + "\" of \"" + rel.schema + "." + rel.name + "\"";
      if (rel.kind != catalog::RelKind::Table && rel.kind != catalog::RelKind::PartitionedTable) {
        return where + " is not a table column";
      }
      if (col.generated) return where + " is generated";
      for (const catalog::TableConstraint& k : rel.constraints) {
        bool may_read = k.columns.empty() ||
                        std::find(k.columns.begin(), k.columns.end(), col.name) != k.columns.end();
        if (k.type == 'c' && may_read) {
          return "check constraint \"" + k.name + "\" of \"" + rel.schema + "." + rel.name +
                 "\" may compare " + where + " with values of the old type";
        }
      }
      if (const catalog::Relation* parent = inherited_from(cat, rel, col.name)) {
        return where + " is inherited from \"" + parent->schema + "." + parent->name + "\"";
      }
      out.push_back({&rel, &col, cat.element_type(col.type.oid) == t.oid});
    }
  }
  for (const auto& [view, reads] : st.view_reads) {
    const catalog::Relation* v = cat.relation(view);
    if (!v) continue;
    for (const MovedColumn& m : out) {
      if (reads.count(m.relation->oid)) {
        return "view \"" + v->schema + "." + v->name + "\" reads \"" + m.relation->schema + "." +
               m.relation->name + "\"";
      }
    }
  }
  return "";
}

}  // namespace

void plan_recreate(const catalog::Type& t, const VetState& st, UnsafeAddValue& site) {
  const catalog::Catalog& cat = st.cat;
  std::function<bool(const catalog::TypeRef&)> uses = [&](const catalog::TypeRef& r) {
    return r.oid == t.oid || (t.array && r.oid == t.array) || cat.element_type(r.oid) == t.oid;
  };
  std::vector<MovedColumn> columns;
  site.not_fixable = other_dependents(cat, uses);
  if (site.not_fixable.empty()) site.not_fixable = moved_columns(st, uses, t, columns);
  if (!site.not_fixable.empty()) return;

  const std::string old_name = q(t.schema) + "." + q(t.name);
  const std::string new_name = q(t.schema) + "." + q(new_type_name(cat, t));
  std::vector<std::string> out;
  std::string labels;
  for (const std::string& l : t.labels) labels += (labels.empty() ? "" : ", ") + literal(l);
  out.push_back("CREATE TYPE " + new_name + " AS ENUM (" + labels + ")");
  // One ALTER TABLE per table moves its columns (one rewrite); defaults typed with the old
  // enum would block the change, so they go first and come back once the name is free.
  std::vector<std::string> set_defaults;
  for (size_t i = 0; i < columns.size();) {
    const catalog::Relation* rel = columns[i].relation;
    const std::string table = "ALTER TABLE " + q(rel->schema) + "." + q(rel->name);
    std::string alter;
    for (; i < columns.size() && columns[i].relation == rel; ++i) {
      const catalog::Column& col = *columns[i].column;
      const std::string brackets = columns[i].array ? "[]" : "";
      if (col.has_default) {
        out.push_back(table + " ALTER COLUMN " + q(col.name) + " DROP DEFAULT");
        set_defaults.push_back(table + " ALTER COLUMN " + q(col.name) + " SET DEFAULT " +
                               col.default_sql);
      }
      alter += (alter.empty() ? " " : ", ") + std::string("ALTER COLUMN ") + q(col.name) +
               " TYPE " + new_name + brackets + " USING " + q(col.name) + "::text" + brackets +
               "::" + new_name + brackets;
    }
    out.push_back(table + alter);
  }
  out.push_back("DROP TYPE " + old_name);
  out.push_back("ALTER TYPE " + new_name + " RENAME TO " + q(t.name));
  out.insert(out.end(), set_defaults.begin(), set_defaults.end());
  if (!t.comment.empty())
    out.push_back("COMMENT ON TYPE " + old_name + " IS " + literal(t.comment));

  for (size_t i = 0; i < out.size(); ++i) site.replacement += (i ? ";\n" : "") + out[i];
}

}  // namespace sqlgen::vet::detail
