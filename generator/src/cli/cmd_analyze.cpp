// `sqlgen analyze`: builds the catalog, reads the query files (from paths or
// every module of sqlgen.yaml) and prints the analysis contract as JSON.
#include "cli/cmd_analyze.hpp"

#include <nlohmann/json.hpp>

#include "analyze/analyze.hpp"
#include "cli/inputs.hpp"
#include "cli/load.hpp"
#include "cli/module_queries.hpp"
#include "source/queries.hpp"

namespace sqlgen::cli {

int run_analyze(Context& ctx, const AnalyzeCmdOptions& opts, std::ostream& out) {
  nlohmann::json queries = nlohmann::json::array();
  if (!opts.query_paths.empty() || !opts.schema_paths.empty()) {
    std::vector<source::Migration> migrations = load_migrations(ctx, opts.schema_paths);
    catalog::Catalog cat = catalog::build_catalog(migrations, ctx.diags);
    std::vector<source::Query> all;
    for (const diag::SourcePtr& f : read_inputs(opts.query_paths, ctx.diags)) {
      for (source::Query& q : source::read_query_file(f, ctx.diags)) all.push_back(std::move(q));
    }
    source::check_duplicate_names(all, ctx.diags);
    analyze::AnalyzeOptions aopts;
    aopts.search_path = opts.search_path;
    for (const source::Query& q : all) {
      queries.push_back(analyze::to_json(cat, analyze::analyze_query(cat, q, aopts, ctx.diags)));
    }
  } else {
    // Every module of sqlgen.yaml, read and analyzed as `sqlgen generate` does.
    std::optional<config::Config> config;
    std::vector<source::Migration> migrations = load_migrations(ctx, {}, &config);
    catalog::Catalog cat = catalog::build_catalog(migrations, ctx.diags);
    if (config) {
      for (const codegen::ModuleQueries& mq : analyze_module_queries(ctx, *config, cat)) {
        for (const analyze::AnalyzedQuery& q : mq.analyzed) {
          queries.push_back(analyze::to_json(cat, q));
        }
      }
    }
  }
  nlohmann::json diags = nlohmann::json::array();
  for (const diag::Diagnostic& d : ctx.diags.sorted()) diags.push_back(diag::render_json(d));
  out << nlohmann::json{{"queries", std::move(queries)}, {"diagnostics", std::move(diags)}}.dump(2)
      << '\n';
  return k_exit_ok;
}

}  // namespace sqlgen::cli
