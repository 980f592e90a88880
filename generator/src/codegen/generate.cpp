// The code generator's entry: plan the models, build every file's view model (per module
// models.hpp, queries.hpp and queries.cpp, audit.hpp for tables under `audit:`, json.hpp where
// the JSON plan puts a companion), then render them, and write sqlgen_queries.cpp. Nothing is
// returned when anything went wrong.
#include <algorithm>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>

#include "codegen/internal.hpp"
#include "util/parallel.hpp"
#include "util/retire.hpp"

namespace sqlgen::codegen {

namespace {

bool is_identifier(const std::string& s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

/// Rename values and namespaces must be C++ identifiers (reported at the config file).
void check_names(const config::Config& config, diag::DiagnosticEngine& diags) {
  auto bad = [&](const std::string& name, const char* what, const diag::Location& loc) {
    diags.report(diag::make(diag::DiagId::err_codegen_bad_name, loc, {name, what}));
  };
  diag::Location file = config.source ? diag::Location::file(config.source) : diag::Location{};
  for (const auto& [from, to] : config.rename) {
    if (!is_identifier(to)) bad(to, "name", file);
  }
  for (const config::Module& m : config.modules) {
    for (const auto& [from, to] : m.rename) {
      if (!is_identifier(to)) bad(to, "name", m.loc);
    }
    std::string ns = m.cpp_namespace.empty() ? m.name : m.cpp_namespace;
    size_t start = 0;
    while (true) {
      size_t end = ns.find("::", start);
      if (!is_identifier(ns.substr(start, end == std::string::npos ? end : end - start))) {
        bad(ns, "namespace", m.loc);
        break;
      }
      if (end == std::string::npos) break;
      start = end + 2;
    }
  }
}

/// The queries of `mq` grouped by the file they come from, in `mq.files` order (each part
/// names its one file).
std::vector<ModuleQueries> split_by_file(const ModuleQueries& mq) {
  std::vector<ModuleQueries> parts;
  for (const std::string& file : mq.files) {
    ModuleQueries part;
    part.module = mq.module;
    part.files = {file};
    for (size_t i = 0; i < mq.queries.size(); ++i) {
      if (mq.analyzed[i].file != file) continue;
      part.queries.push_back(mq.queries[i]);
      part.analyzed.push_back(mq.analyzed[i]);
    }
    if (!part.queries.empty()) parts.push_back(std::move(part));
  }
  return parts;
}

/// The first query with SQL variants, if any.
const analyze::AnalyzedQuery* first_with_variants(const std::vector<ModuleQueries>& queries) {
  for (const ModuleQueries& m : queries) {
    for (const analyze::AnalyzedQuery& q : m.analyzed) {
      if (!q.variants.empty()) return &q;
    }
  }
  return nullptr;
}

/// `view`, moved into a pointer the file views of one view share.
std::shared_ptr<const View> shared(View& view) {
  return std::make_shared<const View>(std::move(view));
}

std::string output_path(const config::Config& config, const std::string& module, const char* file) {
  return (std::filesystem::path(config.output) / module / file).lexically_normal().generic_string();
}

}  // namespace

std::vector<FileView> file_views(const config::Config& config, const catalog::Catalog& cat,
                                 const std::vector<ModuleQueries>& queries, const Options& options,
                                 diag::DiagnosticEngine& diags) {
  Plan plan = make_plan(config, cat, queries, options);
  TypeMapper types(cat, config, options, plan);
  size_t n = plan.modules.size();
  std::deque<NameScope> scopes;
  for (size_t i = 0; i < n; ++i) {
    scopes.emplace_back("namespace \"" + module_namespace(*plan.modules[i]) + "\"", diags);
  }
  // Two passes over the modules, each on every core: the models (each module describes the
  // tables it owns, so the relation models of different modules never overlap), then the
  // queries, which may read any module's relation models. A module's queries stay one job,
  // since their names are declared in order.
  std::vector<View> model_views(n);
  std::vector<HeaderUses> model_uses(n);
  std::vector<std::map<Oid, RelationModel>> module_relations(n);
  util::parallel_for_rethrow(n, [&](size_t i) {
    model_views[i] = models_view(config, cat, plan, types, options, i, scopes[i],
                                 module_relations[i], diags, &model_uses[i]);
  });
  std::map<Oid, RelationModel> relation_models;
  for (std::map<Oid, RelationModel>& m : module_relations) relation_models.merge(m);
  // `audit:` tables: an audit_diff per table in the module holding its struct (declared here,
  // before the parallel jobs below use the module scopes).
  std::vector<View> audits = audit_views(config, cat, plan, scopes, relation_models, diags);

  struct QueriesFile {
    std::string file;  ///< "queries.hpp" or, with `query_classes: file`, "<stem>_queries.hpp"
    View view;
    HeaderUses uses;
  };
  std::vector<std::vector<QueriesFile>> query_files(n);
  std::vector<HeaderUses> query_uses(n);  // of all of a module's query headers
  util::parallel_for_rethrow(n, [&](size_t i) {
    for (const ModuleQueries& mq : queries) {
      if (mq.module != plan.modules[i]->name) continue;
      if (!options.class_per_file) {
        QueriesFile f{"queries.hpp", {}, {}};
        f.view = queries_view(config, cat, plan, types, options, i, scopes[i], mq, relation_models,
                              diags, "Queries", &f.uses);
        query_files[i].push_back(std::move(f));
        continue;
      }
      // query_classes: file: `<stem>_queries.hpp` with class `<Stem>Queries` per query file.
      for (const ModuleQueries& part : split_by_file(mq)) {
        std::string stem = std::filesystem::path(part.files.front()).stem().string();
        QueriesFile f{to_snake_case(stem) + "_queries.hpp", {}, {}};
        f.view =
            queries_view(config, cat, plan, types, options, i, scopes[i], part, relation_models,
                         diags, escape_identifier(to_pascal_case(stem) + "Queries"), &f.uses);
        query_files[i].push_back(std::move(f));
      }
    }
    for (const QueriesFile& f : query_files[i]) {
      query_uses[i].modules.insert(f.uses.modules.begin(), f.uses.modules.end());
      query_uses[i].json_values = query_uses[i].json_values || f.uses.json_values;
    }
  });

  // Where JSON goes, now that every header's types are known.
  JsonPlan json = plan_json(options, model_uses, query_uses);
  std::vector<FileView> out;
  for (size_t i = 0; i < n; ++i) {
    const std::string& name = plan.modules[i]->name;
    set_json_includes(model_views[i], plan, json, i, model_uses[i], "");
    View companion;
    if (json.companion[i]) companion = companion_view(model_views[i], plan, json, i, model_uses[i]);
    out.push_back(
        FileView{output_path(config, name, "models.hpp"), "models.hpp", shared(model_views[i])});
    if (json.companion[i]) {
      out.push_back(FileView{output_path(config, name, "json.hpp"), "json.hpp", shared(companion)});
    }
    if (!audits[i].is_null()) {
      out.push_back(
          FileView{output_path(config, name, "audit.hpp"), "audit.hpp", shared(audits[i])});
    }
    for (QueriesFile& f : query_files[i]) {
      set_json_includes(f.view, plan, json, i, f.uses, "models.hpp");
      // The header declares, the .cpp of the same stem defines: one view renders both.
      f.view["header_file"] = f.file;
      std::shared_ptr<const View> view = shared(f.view);
      std::string source = f.file.substr(0, f.file.size() - 4) + ".cpp";
      out.push_back(FileView{output_path(config, name, source.c_str()), "queries.cpp", view});
      out.push_back(FileView{output_path(config, name, f.file.c_str()), "queries.hpp", view});
    }
  }
  return out;
}

std::vector<GeneratedFile> generate(const config::Config& config, const catalog::Catalog& cat,
                                    const std::vector<ModuleQueries>& queries,
                                    diag::DiagnosticEngine& diags) {
  size_t errors_before = diags.error_count();
  Options options = parse_options(config, diags);
  check_names(config, diags);
  TemplateSet templates = load_templates(config, diags);
  if (diags.error_count() > errors_before) return {};

  // A query with SQL variants (optional parameters, sorts) calls the array of their statements'
  // names, which templates written before sqlgen had variants do not declare: the generated
  // code would not compile. Said here, at the template.
  if (const analyze::AnalyzedQuery* q = first_with_variants(queries);
      q && templates.templates.count("queries.hpp") &&
      !template_has_section(templates, "queries.hpp", "variants") &&
      !template_has_section(templates, "queries.cpp", "variants")) {
    diags.report(diag::make(
        diag::DiagId::err_codegen_template_syntax,
        diag::Location::file(templates.templates.at("queries.hpp")),
        {"queries.hpp.mustache",
         "query \"" + q->name +
             "\" has SQL variants (optional parameters or sorts), and no template declares "
             "them: add the {{#variants}} section of sqlgen's templates/queries.hpp.mustache "
             "(the array of their prepared statements' names)"}));
    return {};
  }

  std::vector<FileView> views = file_views(config, cat, queries, options, diags);
  // A templates directory without queries.cpp.mustache keeps its self-contained headers.
  if (!templates.templates.count("queries.cpp")) {
    std::erase_if(views, [](const FileView& v) { return v.template_name == "queries.cpp"; });
  }
  // audit.hpp and json.hpp are rendered only where needed: a templates directory may lack them.
  for (const char* name : {"audit.hpp", "json.hpp"}) {
    bool used = std::any_of(views.begin(), views.end(),
                            [&](const FileView& v) { return v.template_name == name; });
    if (used && !templates.templates.count(name)) {
      diags.report(diag::make(diag::DiagId::err_codegen_template_not_found, {},
                              {std::string(name) + ".mustache", config.templates}));
      return {};
    }
  }

  // Every file rendered on its own, on every core; collected in the views' order.
  std::vector<std::optional<std::string>> texts(views.size());
  util::parallel_for_rethrow(views.size(), [&](size_t i) {
    texts[i] = render_template(templates, views[i].template_name, *views[i].view, diags);
    // Left to the exit, not freed here: its items were built on other cores (queries_view), and
    // freeing them here took those threads' malloc arena locks while the other files render.
    util::retire(std::move(views[i].view));
  });
  std::vector<GeneratedFile> files;
  std::string all_sources;  // the includes of sqlgen_queries.cpp, relative to it
  const std::filesystem::path out_dir = std::filesystem::path(config.output).lexically_normal();
  for (size_t i = 0; i < views.size(); ++i) {
    if (!texts[i]) continue;
    if (views[i].template_name == "queries.cpp") {
      all_sources +=
          "#include \"" +
          std::filesystem::path(views[i].path).lexically_relative(out_dir).generic_string() +
          "\"\n";
    }
    files.push_back(GeneratedFile{std::move(views[i].path), std::move(*texts[i])});
  }
  if (diags.error_count() > errors_before) return {};
  files.push_back(GeneratedFile{
      output_path(config, "", k_all_sources),
      std::string(k_generated_marker) +
          "\n// Every .cpp sqlgen generated in this directory, for builds that compile one file\n"
          "// (sqlgen_generate() in CMake does). Compile this file or those, not both.\n" +
          all_sources});
  return files;
}

}  // namespace sqlgen::codegen
