// Which module's models.hpp declares each enum, composite type, table and view, and under
// which C++ name. A module owns the objects of its `schema`; objects of schemas no module owns
// go to the first module (in config order) whose models or queries use them.
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include "analyze/types.hpp"
#include "catalog/builtins.hpp"
#include "codegen/internal.hpp"

namespace sqlgen::codegen {

namespace {

bool is_model_type(const catalog::Type& t) {
  return t.extension.empty() && t.elem == 0 &&
         (t.typtype == 'e' || (t.typtype == 'c' && t.relation == 0));
}

bool is_model_relation(const catalog::Relation& r) { return r.kind != catalog::RelKind::Sequence; }

/// The C++ name an enum or composite gets from a rename (`{schema}_{name}` or `{name}`).
std::optional<std::string> type_renamed(const config::Config& config, const config::Module& module,
                                        const std::string& schema, const std::string& name) {
  if (auto r = find_rename(config, module, schema + "_" + name)) return escape_identifier(*r);
  if (auto r = find_rename(config, module, name)) return escape_identifier(*r);
  return std::nullopt;
}

/// The C++ name of an enum or composite: its rename, else PascalCase.
std::string type_cpp_name(const config::Config& config, const config::Module& module,
                          const std::string& schema, const std::string& name) {
  if (auto r = type_renamed(config, module, schema, name)) return *r;
  return escape_identifier(to_pascal_case(name));
}

/// Tables keep the names sqlc gives their structs; an enum or composite type without a rename
/// whose name a table or view of its module already has (table `profile_selectors` and type
/// `profile_selector` are both `ProfileSelector`) becomes `ProfileSelectorType` (then
/// `ProfileSelectorType2`, ...). A rename that collides stays a collision error.
void yield_type_names_to_tables(const config::Config& config, const catalog::Catalog& cat,
                                Plan& plan) {
  std::set<std::pair<size_t, std::string>> taken;
  for (const auto& [oid, ref] : plan.relations) taken.insert({ref.module, ref.name});
  std::vector<ModelRef*> yielding;
  for (auto& [oid, ref] : plan.types) {
    const catalog::Type* t = cat.type(oid);
    if (taken.count({ref.module, ref.name}) &&
        !type_renamed(config, *plan.modules[ref.module], t->schema, t->name)) {
      yielding.push_back(&ref);
    }
  }
  for (const auto& [oid, ref] : plan.types) taken.insert({ref.module, ref.name});
  for (ModelRef* r : yielding) {
    ModelRef& ref = *r;
    std::string base = ref.name + "Type";
    std::string name = base;
    for (int n = 2; taken.count({ref.module, name}); ++n) name = base + std::to_string(n);
    ref.name = name;
    taken.insert({ref.module, name});
  }
}

/// The C++ name of a table's struct: rename `{schema}_{singular}` or `{singular}`, else
/// PascalCase of the singular (`users` → `User`); with `exact_table_names`, of the name itself.
std::string relation_cpp_name(const config::Config& config, const config::Module& module,
                              const std::string& schema, const std::string& name, bool exact) {
  std::string singular = exact ? name : singularize(name);
  if (auto r = find_rename(config, module, schema + "_" + singular)) return escape_identifier(*r);
  if (auto r = find_rename(config, module, singular)) return escape_identifier(*r);
  return escape_identifier(to_pascal_case(singular));
}

/// Plan::embeds' relation (EmbedRun::relation) of the run of embed columns from `first`; `last`
/// is set to the run's last column.
const catalog::Relation* embedded_relation(const config::Config& config,
                                           const config::Module& module,
                                           const catalog::Catalog& cat,
                                           const std::vector<analyze::ResultColumn>& columns,
                                           size_t first, size_t& last) {
  const analyze::ResultColumn& head = columns[first];
  last = first;
  while (last + 1 < columns.size() && columns[last + 1].embed == head.embed) ++last;
  if (!head.table.empty()) return cat.find_relation(head.table_schema, head.table, {});
  std::vector<std::string> path = module.effective_search_path(config);
  if (path.empty()) path = cat.search_path();
  const catalog::Relation* r = cat.find_relation(head.embed_schema, head.embed, path);
  if (!r || r->columns.size() != last - first + 1) return nullptr;
  for (size_t i = 0; i < r->columns.size(); ++i) {
    const catalog::Column& want = r->columns[i];
    const analyze::ResultColumn& got = columns[first + i];
    if (got.name != want.name || got.type.oid != want.type.oid) return nullptr;
    if (want.not_null && !got.not_null) return nullptr;
  }
  return r;
}

}  // namespace

const EmbedRun& Plan::embed_run(size_t module, const analyze::AnalyzedQuery& q,
                                size_t first) const {
  auto it = embeds.find({module, q.file, q.line, first});
  if (it == embeds.end()) {
    throw std::logic_error("codegen: no planned embed at column " + std::to_string(first) +
                           " of query " + q.name);
  }
  return it->second;
}

Plan make_plan(const config::Config& config, const catalog::Catalog& cat,
               const std::vector<ModuleQueries>& queries, const Options& options) {
  Plan plan;
  std::map<std::string, size_t> owner;
  for (size_t i = 0; i < config.modules.size(); ++i) {
    const config::Module& m = config.modules[i];
    plan.modules.push_back(&m);
    plan.module_index[m.name] = i;
    if (!m.schema.empty() && !owner.count(m.schema)) owner[m.schema] = i;
  }
  for (size_t i = 0; i < config.modules.size(); ++i) {
    if (config.modules[i].schema.empty() && !owner.count("public")) owner["public"] = i;
  }

  std::function<void(Oid, size_t)> use_type;
  std::function<void(Oid, size_t)> use_relation;
  use_type = [&](Oid oid, size_t module) {
    oid = analyze::base_type(cat, oid);
    if (Oid elem = analyze::element_of(cat, oid)) return use_type(elem, module);
    const catalog::Type* t = cat.type(oid);
    if (t && t->typtype == 'c' && t->relation != 0) {  // a table's or view's row type
      if (const catalog::Relation* r = cat.relation(t->relation); r && is_model_relation(*r)) {
        plan.row_types.insert(t->relation);
        use_relation(t->relation, module);
      }
      return;
    }
    if (!t || !is_model_type(*t) || plan.types.count(oid)) return;
    if (auto own = owner.find(t->schema); own != owner.end() && own->second != module) return;
    plan.types[oid] =
        ModelRef{module, type_cpp_name(config, *plan.modules[module], t->schema, t->name)};
    for (const catalog::Column& f : t->fields) use_type(f.type.oid, module);
  };
  use_relation = [&](Oid oid, size_t module) {
    const catalog::Relation* r = cat.relation(oid);
    if (!r || !is_model_relation(*r) || plan.relations.count(oid)) return;
    if (auto own = owner.find(r->schema); own != owner.end() && own->second != module) return;
    plan.relations[oid] =
        ModelRef{module, relation_cpp_name(config, *plan.modules[module], r->schema, r->name,
                                           options.exact_table_names)};
    for (const catalog::Column& c : r->columns) use_type(c.type.oid, module);
  };

  // Each module's own objects, then (again in module order) what queries use from schemas
  // no module owns.
  for (size_t i = 0; i < plan.modules.size(); ++i) {
    for (const auto& [oid, t] : cat.types()) {
      // Row types (and their arrays) are their tables' structs; a codec only when used.
      if (t.relation != 0 || t.elem != 0) continue;
      auto it = owner.find(t.schema);
      if (it != owner.end() && it->second == i) use_type(oid, i);
    }
    for (const auto& [oid, r] : cat.relations()) {
      auto it = owner.find(r.schema);
      if (it != owner.end() && it->second == i) use_relation(oid, i);
    }
  }
  for (size_t i = 0; i < plan.modules.size(); ++i) {
    for (const ModuleQueries& mq : queries) {
      if (mq.module != plan.modules[i]->name) continue;
      for (const analyze::AnalyzedQuery& q : mq.analyzed) {
        for (size_t k = 0; k < q.columns.size(); ++k) {
          use_type(q.columns[k].type.oid, i);
          // json_agg(t) of a table's rows: read as t's struct, which must exist.
          if (const catalog::Type* row = cat.type(q.columns[k].rows_of)) {
            use_relation(row->relation, i);
          }
          if (q.columns[k].embed.empty()) continue;
          EmbedRun run;
          run.relation = embedded_relation(config, *plan.modules[i], cat, q.columns, k, run.last);
          plan.embeds[{i, q.file, q.line, k}] = run;
          if (run.relation) use_relation(run.relation->oid, i);
          for (; k < run.last; ++k) use_type(q.columns[k + 1].type.oid, i);
        }
        for (const analyze::ResultParam& p : q.params) use_type(p.type.oid, i);
      }
    }
  }
  yield_type_names_to_tables(config, cat, plan);
  return plan;
}

}  // namespace sqlgen::codegen
