// `sqlgen analyze`: builds the catalog, reads the query files (from paths or
// every module of sqlgen.yaml) and prints the analysis contract as JSON.
#include "cli/cmd_analyze.hpp"

#include <nlohmann/json.hpp>

#include "analyze/analyze.hpp"
#include "cli/inputs.hpp"
#include "cli/load.hpp"
#include "source/queries.hpp"

namespace sqlgen::cli {

namespace {

/// Queries of one group of files (a module, or the command line's).
struct QueryGroup {
  std::string module;
  std::vector<std::string> search_path;
  std::vector<diag::SourcePtr> files;
};

}  // namespace

int run_analyze(Context& ctx, const AnalyzeCmdOptions& opts, std::ostream& out) {
  std::optional<config::Config> config;
  std::vector<QueryGroup> groups;
  std::vector<source::Migration> migrations;
  if (!opts.query_paths.empty() || !opts.schema_paths.empty()) {
    migrations = load_migrations(ctx, opts.schema_paths);
    groups.push_back(QueryGroup{"", opts.search_path, read_inputs(opts.query_paths, ctx.diags)});
  } else {
    migrations = load_migrations(ctx, {}, &config);
    if (config) {
      for (const config::Module& m : config->modules) {
        QueryGroup g;
        g.module = m.name;
        g.search_path = m.search_path.empty() ? config->search_path : m.search_path;
        if (!m.queries.empty()) {
          std::vector<std::string> paths;
          for (const source::QueryFile& f : source::list_query_files(m, *config, ctx.diags)) {
            paths.push_back(f.path);
          }
          // Query paths are relative to the config; read them from there.
          std::vector<diag::SourcePtr> files = read_inputs(
              [&] {
                std::vector<std::string> abs;
                for (const std::string& p : paths) abs.push_back(config->resolve(p).string());
                return abs;
              }(),
              ctx.diags);
          for (size_t i = 0; i < files.size() && i < paths.size(); ++i) {
            files[i] = diag::make_source(paths[i], files[i]->text());
          }
          g.files = std::move(files);
        }
        groups.push_back(std::move(g));
      }
    }
  }
  catalog::Catalog cat = catalog::build_catalog(migrations, ctx.diags);

  nlohmann::json queries = nlohmann::json::array();
  for (const QueryGroup& g : groups) {
    std::vector<source::Query> all;
    for (const diag::SourcePtr& f : g.files) {
      for (source::Query& q : source::read_query_file(f, ctx.diags)) all.push_back(std::move(q));
    }
    source::check_duplicate_names(all, ctx.diags);
    analyze::AnalyzeOptions aopts;
    aopts.module = g.module;
    aopts.search_path = g.search_path;
    for (const source::Query& q : all) {
      queries.push_back(analyze::to_json(cat, analyze::analyze_query(cat, q, aopts, ctx.diags)));
    }
  }
  nlohmann::json diags = nlohmann::json::array();
  for (const diag::Diagnostic& d : ctx.diags.sorted()) {
    nlohmann::json j = diag::render_json(d);
    diags.push_back(std::move(j));
  }
  out << nlohmann::json{{"queries", std::move(queries)}, {"diagnostics", std::move(diags)}}.dump(2)
      << '\n';
  return k_exit_ok;
}

}  // namespace sqlgen::cli
