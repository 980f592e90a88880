#include "fixture.hpp"

#include <cstdio>
#include <cstdlib>
#include <map>

#include "analyze/analyze.hpp"
#include "source/migrations.hpp"
#include "source/query_file.hpp"
#include "util/parallel.hpp"

namespace sqlgen::fuzz {

namespace {

/// Path (relative to the case directory) → text, written by fuzz/CMakeLists.txt.
const std::map<std::string, std::string> k_case_files = {
#include "fixture_files.inc"
};

/// Where the case pretends to live (never opened: only diagnostics name it).
constexpr const char* k_case_dir = "/sqlgen-fuzz/case/";

[[noreturn]] void fixture_failed(const diag::DiagnosticEngine& diags) {
  std::fprintf(stderr, "fuzz fixture: the embedded case has errors:\n%s\n",
               diag::render_all(diags, false).c_str());
  std::abort();
}

/// The case's files under `prefix` ("migrations/app/"), in name order.
std::vector<std::pair<std::string, std::string>> files_under(const std::string& prefix) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [path, text] : k_case_files) {
    if (path.starts_with(prefix)) out.emplace_back(path, text);
  }
  return out;
}

Fixture make_fixture() {
  set_up();
  Fixture f;
  diag::DiagnosticEngine diags;
  std::optional<config::Config> config = config::parse_config(
      diag::make_source(std::string(k_case_dir) + "sqlgen.yaml", k_case_files.at("sqlgen.yaml")),
      diags);
  if (!config) fixture_failed(diags);
  f.config = std::move(*config);

  std::vector<source::Migration> migrations;
  for (size_t i = 0; i < f.config.modules.size(); ++i) {
    const config::Module& module = f.config.modules[i];
    for (const auto& [path, text] : files_under("migrations/" + module.name + "/")) {
      source::Migration m;
      m.module = module.name;
      m.path = path;
      m.down_path = path;
      m.source = diag::make_source(k_case_dir + path, text);
      m.down_source = m.source;
      source::ParsedFile parsed = source::parse_migration_file(m.source, diags);
      m.up = std::move(parsed.up);
      m.down = std::move(parsed.down);
      m.format = parsed.format;
      m.local_version = source::leading_version(path.substr(path.rfind('/') + 1)).value_or(0);
      m.version = f.config.version_range(i).first + m.local_version - 1;
      migrations.push_back(std::move(m));
    }
  }
  f.catalog = catalog::build_catalog(migrations, diags, analyze::view_binder());

  for (const config::Module& module : f.config.modules) {
    codegen::ModuleQueries mq;
    mq.module = module.name;
    analyze::AnalyzeOptions options;
    options.module = module.name;
    options.search_path = module.effective_search_path(f.config);
    options.strict_function_checks = module.strict_function_checks;
    for (const auto& [path, text] : files_under("queries/" + module.name + "/")) {
      mq.files.push_back(path);
      for (source::Query& q :
           source::read_query_file(diag::make_source(k_case_dir + path, text), diags)) {
        mq.queries.push_back(std::move(q));
      }
    }
    for (const source::Query& q : mq.queries) {
      mq.analyzed.push_back(analyze::analyze_query(f.catalog, q, options, diags));
    }
    f.modules.push_back(std::move(mq));
  }
  if (diags.has_errors()) fixture_failed(diags);
  return f;
}

}  // namespace

void set_up() { util::set_jobs(1); }

const Fixture& fixture() {
  static const Fixture f = make_fixture();
  return f;
}

std::vector<View> build_views(const std::vector<codegen::ModuleQueries>& modules,
                              diag::DiagnosticEngine& diags) {
  const Fixture& f = fixture();
  codegen::Options options = codegen::parse_options(f.config, diags);
  std::vector<View> views;
  for (codegen::FileView& v : codegen::file_views(f.config, f.catalog, modules, options, diags)) {
    views.push_back({std::move(v.template_name), std::move(v.view)});
  }
  return views;
}

const codegen::TemplateSet& builtin_template_set() {
  static const codegen::TemplateSet set = [] {
    codegen::TemplateSet s;
    for (const auto& [name, text] : codegen::builtin_templates()) {
      s.templates[name] = diag::make_source("<builtin>/" + name + ".mustache", text);
    }
    // parsed at each use: render_template parses a set without `parsed` per walk, as the
    // fuzzed templates are
    return s;
  }();
  return set;
}

}  // namespace sqlgen::fuzz
