// The view model of `<module>/models.hpp`: enums, composite types and one struct per table
// and view the module owns (see plan.cpp), with doc comments from COMMENT ON.
#include <filesystem>
#include <functional>

#include "codegen/internal.hpp"

namespace sqlgen::codegen {

namespace {

using json = View;

/// Includes and module headers a file needs, gathered from the types it uses.
struct Needs {
  std::set<std::string> includes;
  HeaderUses uses;
  void add(const CppType& t) {
    includes.insert(t.includes.begin(), t.includes.end());
    uses.add(t);
  }
};

json doc_or(const std::string& comment, const std::string& fallback) {
  json lines = comment_lines(comment);
  if (lines.empty()) lines.push_back(comment_line(fallback));
  return lines;
}

/// One struct field of the view model.
json field_view(const std::string& name, const CppType& type, const std::string& json_key,
                const std::string& comment) {
  return json{
      {"name", name}, {"type", type.name}, {"json_key", json_key}, {"doc", comment_lines(comment)}};
}

/// The objects module `module` owns, in the order their declarations need.
struct ModuleObjects {
  std::vector<const catalog::Type*> enums;          ///< (schema, name) order
  std::vector<const catalog::Type*> composites;     ///< a composite after those it holds
  std::vector<const catalog::Relation*> relations;  ///< a table after those it holds by value
};

/// The enums, composite types and relations of `module` (see ModuleObjects for their order).
ModuleObjects module_objects(const catalog::Catalog& cat, const Plan& plan, size_t module) {
  ModuleObjects out;
  std::vector<const catalog::Type*> composites;
  std::vector<const catalog::Relation*> relations;
  for (const auto& [oid, ref] : plan.types) {
    if (ref.module != module) continue;
    const catalog::Type* t = cat.type(oid);
    (t->typtype == 'e' ? out.enums : composites).push_back(t);
  }
  for (const auto& [oid, ref] : plan.relations) {
    if (ref.module == module) relations.push_back(cat.relation(oid));
  }
  auto by_name = [](const auto* a, const auto* b) {
    return std::tie(a->schema, a->name) < std::tie(b->schema, b->name);
  };
  std::sort(out.enums.begin(), out.enums.end(), by_name);
  std::sort(composites.begin(), composites.end(), by_name);
  std::sort(relations.begin(), relations.end(), by_name);
  // The type a column or field holds, through an array.
  auto held = [&](const catalog::Column& c) {
    Oid inner = c.type.oid;
    if (Oid e = cat.element_type(inner)) inner = e;
    return inner;
  };

  // A table whose column has another table's row type comes after that table (its struct
  // holds the other one by value); otherwise (schema, name) order.
  std::set<Oid> done;
  std::function<void(const catalog::Relation*, int)> visit = [&](const catalog::Relation* r,
                                                                 int depth) {
    if (done.count(r->oid) || depth > 64) return;
    done.insert(r->oid);
    for (const catalog::Column& c : r->columns) {
      const catalog::Type* t = cat.type(held(c));
      if (!t || t->relation == 0) continue;
      for (const catalog::Relation* other : relations) {
        if (other->oid == t->relation) visit(other, depth + 1);
      }
    }
    out.relations.push_back(r);
  };
  for (const catalog::Relation* r : relations) visit(r, 0);

  // Composites that hold composites come after them (their codecs use the inner ones).
  std::set<Oid> placed;
  std::function<void(const catalog::Type*, int)> place = [&](const catalog::Type* t, int depth) {
    if (placed.count(t->oid) || depth > 64) return;
    placed.insert(t->oid);
    for (const catalog::Column& f : t->fields) {
      for (const catalog::Type* c : composites) {
        if (c->oid == held(f)) place(c, depth + 1);
      }
    }
    out.composites.push_back(t);
  };
  for (const catalog::Type* t : composites) place(t, 0);
  return out;
}

/// Builds the parts of one module's models view, gathering what they need (includes, other
/// modules' headers) and the files the objects come from.
class ModelsBuilder {
 public:
  ModelsBuilder(const config::Config& config, const catalog::Catalog& cat, const Plan& plan,
                const TypeMapper& types, size_t module, NameScope& module_scope,
                diag::DiagnosticEngine& diags)
      : m_config(config),
        m_cat(cat),
        m_plan(plan),
        m_types(types),
        m_module(module),
        m_mod(*plan.modules[module]),
        m_module_scope(module_scope),
        m_diags(diags) {}

  json enums(const std::vector<const catalog::Type*>& enums);
  json composites(const std::vector<const catalog::Type*>& composites);
  json structs(const std::vector<const catalog::Relation*>& relations,
               std::map<Oid, RelationModel>& relation_models);
  /// The file header and the includes the parts built so far need.
  void header_and_includes(json& view) const;
  /// The modules and JSON values the parts built so far use.
  const HeaderUses& uses() const { return m_needs.uses; }

 private:
  /// Records the file an object comes from, relative to the config's directory.
  void add_source(const catalog::Origin& o) {
    if (!o.source || !m_seen_sources.insert(o.source.get()).second) return;
    // Paths relative to the config's directory, however the config was named.
    std::filesystem::path p = std::filesystem::path(o.source->path()).lexically_normal();
    if (!m_config.dir.empty()) {
      std::filesystem::path rel = p.lexically_relative(m_config.dir.lexically_normal());
      if (!rel.empty() && *rel.begin() != "..") p = rel;
    }
    m_sources.insert(p.generic_string());
  }
  std::string field_name(const std::string& column) const {
    std::optional<std::string> renamed = find_rename(m_config, m_mod, column);
    return escape_identifier(renamed ? *renamed : column);
  }
  /// The struct of one table or view, its model recorded in `model`.
  json relation_struct(const catalog::Relation& r, RelationModel& model);

  /// The source buffers add_source has seen (a path is normalized once per file).
  std::set<const void*> m_seen_sources;
  const config::Config& m_config;
  const catalog::Catalog& m_cat;
  const Plan& m_plan;
  const TypeMapper& m_types;
  size_t m_module;
  const config::Module& m_mod;
  NameScope& m_module_scope;
  diag::DiagnosticEngine& m_diags;
  Needs m_needs;
  std::set<std::string> m_sources;
};

json ModelsBuilder::enums(const std::vector<const catalog::Type*>& enums) {
  json views = json::array();
  for (const catalog::Type* t : enums) {
    add_source(t->origin);
    const std::string& name = m_plan.types.at(t->oid).name;
    std::string sql_name = t->schema + "." + t->name;
    m_module_scope.declare(name, "enum \"" + sql_name + "\"", t->origin.location());
    NameScope values_scope("enum \"" + name + "\"", m_diags);
    json values = json::array();
    for (const std::string& label : t->labels) {
      std::string v = escape_identifier(label);
      values_scope.declare(v, "label \"" + label + "\"", t->origin.location());
      values.push_back(json{{"value", v}, {"label", label}});
    }
    views.push_back(json{{"name", name},
                         {"sql_name", sql_name},
                         {"doc", doc_or(t->comment, "The SQL enum " + sql_name + ".")},
                         {"values", std::move(values)},
                         {"count", std::to_string(t->labels.size())}});
  }
  if (!enums.empty())
    m_needs.includes.insert({"<array>", "<ostream>", "<string>", "<string_view>"});
  return views;
}

json ModelsBuilder::composites(const std::vector<const catalog::Type*>& composites) {
  json views = json::array();
  for (const catalog::Type* t : composites) {
    add_source(t->origin);
    const std::string& name = m_plan.types.at(t->oid).name;
    std::string sql_name = t->schema + "." + t->name;
    m_module_scope.declare(name, "composite type \"" + sql_name + "\"", t->origin.location());
    NameScope fields_scope("struct \"" + name + "\"", m_diags);
    json fields = json::array();
    for (size_t i = 0; i < t->fields.size(); ++i) {
      const catalog::Column& f = t->fields[i];
      // Composite structs are declared before table structs: one cannot hold a table's row.
      Oid inner = f.type.oid;
      if (Oid e = m_cat.element_type(inner)) inner = e;
      if (const catalog::Type* ft = m_cat.type(inner); ft && ft->relation != 0) {
        m_diags.report(diag::make(
            diag::DiagId::err_codegen_unsupported, t->origin.location(),
            {"field \"" + f.name + "\" of composite type \"" + sql_name +
                 "\", whose type is the row type of table \"" + ft->schema + "." + ft->name + "\",",
             ": use a composite type (CREATE TYPE ... AS) for the field"}));
      }
      std::string fname = field_name(f.name);
      fields_scope.declare(fname, "field \"" + f.name + "\"", t->origin.location());
      CppType type = m_types.map(f.type.oid, f.not_null, std::nullopt, m_module);
      m_needs.add(type);
      json fv = field_view(fname, type, f.name, f.comment);
      fv["index"] = std::to_string(i);
      fields.push_back(std::move(fv));
    }
    m_needs.includes.insert({"<string>", "<string_view>"});
    views.push_back(json{{"name", name},
                         {"sql_name", sql_name},
                         {"doc", doc_or(t->comment, "The SQL composite type " + sql_name + ".")},
                         {"fields", std::move(fields)},
                         {"field_count", std::to_string(t->fields.size())}});
  }
  return views;
}

json ModelsBuilder::relation_struct(const catalog::Relation& r, RelationModel& model) {
  add_source(r.origin);
  const std::string& name = m_plan.relations.at(r.oid).name;
  std::string sql_name = r.schema + "." + r.name;
  m_module_scope.declare(name, std::string(catalog::relkind_name(r.kind)) + " \"" + sql_name + "\"",
                         r.origin.location());
  NameScope fields_scope("struct \"" + name + "\"", m_diags);
  model.oid = r.oid;
  model.module = m_module;
  model.name = name;
  json fields = json::array();
  // Views and CREATE TABLE AS have the columns the catalog bound at their definition.
  for (const catalog::Column& c : r.columns) {
    add_source(c.origin);
    std::string fname = field_name(c.name);
    fields_scope.declare(fname, "column \"" + c.name + "\"", c.origin.location());
    CppType type =
        m_types.map(c.type.oid, c.not_null, ColumnRef{r.schema, r.name, c.name}, m_module);
    m_needs.add(type);
    json fv = field_view(fname, type, c.name, c.comment);
    fv["index"] = std::to_string(fields.size());
    fields.push_back(std::move(fv));
    model.fields.push_back(RelationModel::Field{c.name, fname, type.name, c.comment});
  }
  std::string kind = catalog::relkind_name(r.kind);
  for (char& ch : kind) ch = ch == '_' ? ' ' : ch;
  bool has_codec = m_plan.row_types.count(r.oid) > 0;
  if (has_codec) m_needs.includes.insert({"<string>", "<string_view>"});
  size_t field_count = fields.size();
  return json{{"name", name},
              {"sql_name", sql_name},
              {"doc", doc_or(r.comment, "A row of " + kind + " " + sql_name + ".")},
              {"fields", std::move(fields)},
              {"field_count", std::to_string(field_count)},
              {"has_codec", has_codec}};
}

json ModelsBuilder::structs(const std::vector<const catalog::Relation*>& relations,
                            std::map<Oid, RelationModel>& relation_models) {
  json views = json::array();
  for (const catalog::Relation* r : relations) {
    RelationModel model;
    views.push_back(relation_struct(*r, model));
    relation_models[r->oid] = std::move(model);
  }
  return views;
}

void ModelsBuilder::header_and_includes(json& view) const {
  std::set<std::string> sources = m_sources;
  if (sources.empty()) {
    for (const config::SourcePath& p : m_mod.migrations) sources.insert(p.path);
  }
  json std_includes = json::array(), user_includes = json::array();
  for (const std::string& inc : m_needs.includes) {
    bool standard = inc.size() > 2 && inc[0] == '<' && inc.find('/') == std::string::npos &&
                    inc.find('.') == std::string::npos;
    (standard ? std_includes : user_includes).push_back(inc);
  }
  view["header"] = file_header(sources);
  view["std_includes"] = std::move(std_includes);
  view["user_includes"] = std::move(user_includes);
}

}  // namespace

json models_view(const config::Config& config, const catalog::Catalog& cat, const Plan& plan,
                 const TypeMapper& types, const Options& options, size_t module,
                 NameScope& module_scope, std::map<Oid, RelationModel>& relation_models,
                 diag::DiagnosticEngine& diags, HeaderUses* uses) {
  const config::Module& mod = *plan.modules[module];
  ModuleObjects objects = module_objects(cat, plan, module);
  ModelsBuilder builder(config, cat, plan, types, module, module_scope, diags);
  json view;
  view["module"] = mod.name;
  view["namespace"] = module_namespace(mod);
  view["enums"] = builder.enums(objects.enums);
  view["has_enums"] = !objects.enums.empty();
  view["composites"] = builder.composites(objects.composites);
  view["structs"] = builder.structs(objects.relations, relation_models);
  builder.header_and_includes(view);
  // JSON as if every module had it exactly when it holds JSON values (generate() knows better).
  const HeaderUses& used = builder.uses();
  JsonPlan alone{std::vector<bool>(plan.modules.size()), std::vector<bool>(plan.modules.size())};
  alone.own[module] = options.json.value_or(used.json_values);
  set_json_includes(view, plan, alone, module, used, "");
  if (uses) *uses = used;
  return view;
}

}  // namespace sqlgen::codegen
