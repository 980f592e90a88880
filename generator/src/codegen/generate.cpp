// The code generator's entry: plan the models, then per module render models.hpp, queries.hpp
// and (for tables under `audit:`) audit.hpp from their view models. Nothing is returned when
// anything went wrong.
#include <algorithm>
#include <deque>
#include <filesystem>

#include "codegen/internal.hpp"
#include "util/parallel.hpp"

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

std::string output_path(const config::Config& config, const std::string& module, const char* file) {
  return (std::filesystem::path(config.output) / module / file).lexically_normal().generic_string();
}

}  // namespace

std::vector<GeneratedFile> generate(const config::Config& config, const catalog::Catalog& cat,
                                    const std::vector<ModuleQueries>& queries,
                                    diag::DiagnosticEngine& diags) {
  size_t errors_before = diags.error_count();
  Options options = parse_options(config, diags);
  check_names(config, diags);
  TemplateSet templates = load_templates(config, diags);
  if (diags.error_count() > errors_before) return {};

  Plan plan = make_plan(config, cat, queries, options);
  TypeMapper types(cat, config, options, plan);
  std::deque<NameScope> scopes;
  for (size_t i = 0; i < plan.modules.size(); ++i) {
    scopes.emplace_back("namespace \"" + module_namespace(*plan.modules[i]) + "\"", diags);
  }
  // Two passes over the modules, each on every core: the models (each module describes the
  // tables it owns, so the relation models of different modules never overlap), then the
  // queries, which may read any module's relation models.
  std::vector<nlohmann::json> model_views(plan.modules.size());
  std::vector<std::map<Oid, RelationModel>> module_relations(plan.modules.size());
  util::parallel_for_rethrow(plan.modules.size(), [&](size_t i) {
    model_views[i] =
        models_view(config, cat, plan, types, options, i, scopes[i], module_relations[i], diags);
  });
  std::map<Oid, RelationModel> relation_models;
  for (std::map<Oid, RelationModel>& m : module_relations) relation_models.merge(m);
  // `audit:` tables: an audit_diff per table in the module holding its struct (declared here,
  // before the parallel jobs below use the module scopes).
  std::vector<nlohmann::json> audits =
      audit_views(config, cat, plan, scopes, relation_models, diags);
  bool any_audit = std::any_of(audits.begin(), audits.end(),
                               [](const nlohmann::json& v) { return !v.is_null(); });
  if (any_audit && !templates.templates.count("audit.hpp")) {
    diags.report(diag::make(diag::DiagId::err_codegen_template_not_found, {},
                            {"audit.hpp.mustache", config.templates}));
    return {};
  }

  // Files are collected in module order, models.hpp first. Rendering a module's models.hpp and
  // building and rendering its queries are separate jobs (a project is often one module); a
  // module's queries stay one job, since their names are declared in order.
  std::vector<std::vector<GeneratedFile>> per_job(2 * plan.modules.size());
  util::parallel_for_rethrow(per_job.size(), [&](size_t job) {
    size_t i = job / 2;
    const std::string& name = plan.modules[i]->name;
    std::vector<GeneratedFile>& out = per_job[job];
    if (job % 2 == 0) {
      if (auto text = render_template(templates, "models.hpp", model_views[i], diags)) {
        out.push_back(GeneratedFile{output_path(config, name, "models.hpp"), std::move(*text)});
      }
      model_views[i] = nlohmann::json();
      if (audits[i].is_null()) return;
      if (auto text = render_template(templates, "audit.hpp", audits[i], diags)) {
        out.push_back(GeneratedFile{output_path(config, name, "audit.hpp"), std::move(*text)});
      }
      return;
    }
    for (const ModuleQueries& mq : queries) {
      if (mq.module != name) continue;
      if (!options.class_per_file) {
        nlohmann::json view = queries_view(config, cat, plan, types, options, i, scopes[i], mq,
                                           relation_models, diags);
        if (auto text = render_template(templates, "queries.hpp", view, diags)) {
          out.push_back(GeneratedFile{output_path(config, name, "queries.hpp"), std::move(*text)});
        }
        continue;
      }
      // query_classes: file: `<stem>_queries.hpp` with class `<Stem>Queries` per query file.
      for (const ModuleQueries& part : split_by_file(mq)) {
        std::string stem = std::filesystem::path(part.files.front()).stem().string();
        std::string class_name = escape_identifier(to_pascal_case(stem) + "Queries");
        nlohmann::json view = queries_view(config, cat, plan, types, options, i, scopes[i], part,
                                           relation_models, diags, class_name);
        if (auto text = render_template(templates, "queries.hpp", view, diags)) {
          std::string file = to_snake_case(stem) + "_queries.hpp";
          out.push_back(GeneratedFile{output_path(config, name, file.c_str()), std::move(*text)});
        }
      }
    }
  });
  std::vector<GeneratedFile> files;
  for (std::vector<GeneratedFile>& module_files : per_job) {
    for (GeneratedFile& f : module_files) files.push_back(std::move(f));
  }
  if (diags.error_count() > errors_before) return {};
  return files;
}

}  // namespace sqlgen::codegen
