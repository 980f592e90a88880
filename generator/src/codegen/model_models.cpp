// The view model of `<module>/models.hpp`: enums, composite types and one struct per table
// and view the module owns (see plan.cpp), with doc comments from COMMENT ON.
#include <filesystem>
#include <functional>

#include "codegen/internal.hpp"

namespace sqlgen::codegen {

namespace {

using nlohmann::json;

/// Includes and module headers a file needs, gathered from the types it uses.
struct Needs {
  std::set<std::string> includes;
  std::set<size_t> modules;
  void add(const CppType& t) {
    includes.insert(t.includes.begin(), t.includes.end());
    modules.insert(t.modules.begin(), t.modules.end());
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

}  // namespace

json models_view(const config::Config& config, const catalog::Catalog& cat, const Plan& plan,
                 const TypeMapper& types, const Options& options, size_t module,
                 NameScope& module_scope, std::map<Oid, RelationModel>& relation_models,
                 diag::DiagnosticEngine& diags) {
  const config::Module& mod = *plan.modules[module];
  Needs needs;
  std::set<std::string> sources;
  auto add_source = [&](const catalog::Origin& o) {
    if (!o.source) return;
    // Paths relative to the config's directory, however the config was named.
    std::filesystem::path p = std::filesystem::path(o.source->path()).lexically_normal();
    if (!config.dir.empty()) {
      std::filesystem::path rel = p.lexically_relative(config.dir.lexically_normal());
      if (!rel.empty() && *rel.begin() != "..") p = rel;
    }
    sources.insert(p.generic_string());
  };
  auto field_name = [&](const std::string& column) {
    std::optional<std::string> renamed = find_rename(config, mod, column);
    return escape_identifier(renamed ? *renamed : column);
  };

  // Objects of this module, in (schema, name) order.
  std::vector<const catalog::Type*> enums, composites;
  std::vector<const catalog::Relation*> relations;
  for (const auto& [oid, ref] : plan.types) {
    if (ref.module != module) continue;
    const catalog::Type* t = cat.type(oid);
    (t->typtype == 'e' ? enums : composites).push_back(t);
  }
  for (const auto& [oid, ref] : plan.relations) {
    if (ref.module == module) relations.push_back(cat.relation(oid));
  }
  auto by_name = [](const auto* a, const auto* b) {
    return std::tie(a->schema, a->name) < std::tie(b->schema, b->name);
  };
  std::sort(enums.begin(), enums.end(), by_name);
  std::sort(composites.begin(), composites.end(), by_name);
  std::sort(relations.begin(), relations.end(), by_name);

  // A table whose column has another table's row type comes after that table (its struct
  // holds the other one by value); otherwise (schema, name) order.
  {
    std::vector<const catalog::Relation*> sorted;
    std::set<Oid> done;
    std::function<void(const catalog::Relation*, int)> visit = [&](const catalog::Relation* r,
                                                                   int depth) {
      if (done.count(r->oid) || depth > 64) return;
      done.insert(r->oid);
      for (const catalog::Column& c : r->columns) {
        Oid inner = c.type.oid;
        if (Oid e = cat.element_type(inner)) inner = e;
        const catalog::Type* t = cat.type(inner);
        if (!t || t->relation == 0) continue;
        for (const catalog::Relation* other : relations) {
          if (other->oid == t->relation) visit(other, depth + 1);
        }
      }
      sorted.push_back(r);
    };
    for (const catalog::Relation* r : relations) visit(r, 0);
    relations = std::move(sorted);
  }

  // Composites that hold composites come after them (their codecs use the inner ones).
  std::vector<const catalog::Type*> ordered;
  std::set<Oid> placed;
  std::function<void(const catalog::Type*, int)> place = [&](const catalog::Type* t, int depth) {
    if (placed.count(t->oid) || depth > 64) return;
    placed.insert(t->oid);
    for (const catalog::Column& f : t->fields) {
      Oid inner = f.type.oid;
      if (Oid e = cat.element_type(inner)) inner = e;
      for (const catalog::Type* c : composites) {
        if (c->oid == inner) place(c, depth + 1);
      }
    }
    ordered.push_back(t);
  };
  for (const catalog::Type* t : composites) place(t, 0);

  json view;
  view["module"] = mod.name;
  view["namespace"] = module_namespace(mod);
  view["json"] = options.json;

  json enum_views = json::array();
  for (const catalog::Type* t : enums) {
    add_source(t->origin);
    const std::string& name = plan.types.at(t->oid).name;
    std::string sql_name = t->schema + "." + t->name;
    module_scope.declare(name, "enum \"" + sql_name + "\"", t->origin.location());
    NameScope values_scope("enum \"" + name + "\"", diags);
    json values = json::array();
    for (const std::string& label : t->labels) {
      std::string v = escape_identifier(label);
      values_scope.declare(v, "label \"" + label + "\"", t->origin.location());
      values.push_back(json{{"value", v}, {"label", label}});
    }
    enum_views.push_back(json{{"name", name},
                              {"sql_name", sql_name},
                              {"doc", doc_or(t->comment, "The SQL enum " + sql_name + ".")},
                              {"values", std::move(values)},
                              {"count", std::to_string(t->labels.size())}});
  }
  if (!enums.empty()) needs.includes.insert({"<array>", "<ostream>", "<string>", "<string_view>"});

  json composite_views = json::array();
  for (const catalog::Type* t : ordered) {
    add_source(t->origin);
    const std::string& name = plan.types.at(t->oid).name;
    std::string sql_name = t->schema + "." + t->name;
    module_scope.declare(name, "composite type \"" + sql_name + "\"", t->origin.location());
    NameScope fields_scope("struct \"" + name + "\"", diags);
    json fields = json::array();
    for (size_t i = 0; i < t->fields.size(); ++i) {
      const catalog::Column& f = t->fields[i];
      // Composite structs are declared before table structs: one cannot hold a table's row.
      Oid inner = f.type.oid;
      if (Oid e = cat.element_type(inner)) inner = e;
      if (const catalog::Type* ft = cat.type(inner); ft && ft->relation != 0) {
        diags.report(diag::make(
            diag::DiagId::err_codegen_unsupported, t->origin.location(),
            {"field \"" + f.name + "\" of composite type \"" + sql_name +
                 "\", whose type is the row type of table \"" + ft->schema + "." + ft->name + "\",",
             ": use a composite type (CREATE TYPE ... AS) for the field"}));
      }
      std::string fname = field_name(f.name);
      fields_scope.declare(fname, "field \"" + f.name + "\"", t->origin.location());
      CppType type = types.map(f.type.oid, f.not_null, std::nullopt, module);
      needs.add(type);
      json fv = field_view(fname, type, f.name, f.comment);
      fv["index"] = std::to_string(i);
      fields.push_back(std::move(fv));
    }
    needs.includes.insert({"<string>", "<string_view>"});
    composite_views.push_back(
        json{{"name", name},
             {"sql_name", sql_name},
             {"doc", doc_or(t->comment, "The SQL composite type " + sql_name + ".")},
             {"fields", std::move(fields)},
             {"field_count", std::to_string(t->fields.size())}});
  }

  json struct_views = json::array();
  for (const catalog::Relation* r : relations) {
    add_source(r->origin);
    const std::string& name = plan.relations.at(r->oid).name;
    std::string sql_name = r->schema + "." + r->name;
    module_scope.declare(name,
                         std::string(catalog::relkind_name(r->kind)) + " \"" + sql_name + "\"",
                         r->origin.location());
    NameScope fields_scope("struct \"" + name + "\"", diags);
    RelationModel model;
    model.oid = r->oid;
    model.module = module;
    model.name = name;
    json fields = json::array();
    auto add_field = [&](const std::string& column, Oid type_oid, bool not_null,
                         const std::string& comment, const diag::Location& where) {
      std::string fname = field_name(column);
      fields_scope.declare(fname, "column \"" + column + "\"", where);
      CppType type = types.map(type_oid, not_null, ColumnRef{r->schema, r->name, column}, module);
      needs.add(type);
      json fv = field_view(fname, type, column, comment);
      fv["index"] = std::to_string(fields.size());
      fields.push_back(std::move(fv));
      model.fields.push_back(RelationModel::Field{column, fname, type.name, comment});
    };
    // Views and CREATE TABLE AS have the columns the catalog bound at their definition.
    for (const catalog::Column& c : r->columns) {
      add_source(c.origin);
      add_field(c.name, c.type.oid, c.not_null, c.comment, c.origin.location());
    }
    std::string kind = catalog::relkind_name(r->kind);
    for (char& ch : kind) ch = ch == '_' ? ' ' : ch;
    bool has_codec = plan.row_types.count(r->oid) > 0;
    if (has_codec) needs.includes.insert({"<string>", "<string_view>"});
    size_t field_count = fields.size();
    struct_views.push_back(
        json{{"name", name},
             {"sql_name", sql_name},
             {"doc", doc_or(r->comment, "A row of " + kind + " " + sql_name + ".")},
             {"fields", std::move(fields)},
             {"field_count", std::to_string(field_count)},
             {"has_codec", has_codec}});
    relation_models[r->oid] = std::move(model);
  }

  if (sources.empty()) {
    for (const config::SourcePath& p : mod.migrations) sources.insert(p.path);
  }
  json module_includes = json::array();
  for (size_t m : needs.modules) {
    if (m != module) module_includes.push_back("../" + plan.modules[m]->name + "/models.hpp");
  }
  json std_includes = json::array(), user_includes = json::array();
  for (const std::string& inc : needs.includes) {
    bool standard = inc.size() > 2 && inc[0] == '<' && inc.find('/') == std::string::npos &&
                    inc.find('.') == std::string::npos;
    (standard ? std_includes : user_includes).push_back(inc);
  }
  view["header"] = file_header(sources);
  view["std_includes"] = std::move(std_includes);
  view["user_includes"] = std::move(user_includes);
  view["module_includes"] = std::move(module_includes);
  view["enums"] = std::move(enum_views);
  view["has_enums"] = !enums.empty();
  view["composites"] = std::move(composite_views);
  view["structs"] = std::move(struct_views);
  return view;
}

}  // namespace sqlgen::codegen
