// `sqlgen analyze`: builds the catalog, reads the query files (from paths or
// every module of sqlgen.yaml) and prints the analysis contract as JSON.
#include "cli/cmd_analyze.hpp"

#include <nlohmann/json.hpp>

#include "analyze/analyze.hpp"
#include "cli/module_queries.hpp"

namespace sqlgen::cli {

int run_analyze(Context& ctx, const AnalyzeCmdOptions& opts, std::ostream& out) {
  AnalyzedProject project =
      analyze_project(ctx, ProjectInputs{opts.schema_paths, opts.query_paths, opts.search_path});
  nlohmann::json queries = nlohmann::json::array();
  for (const codegen::ModuleQueries& mq : project.modules) {
    for (const analyze::AnalyzedQuery& q : mq.analyzed) {
      queries.push_back(analyze::to_json(project.catalog, q));
    }
  }
  nlohmann::json diags = nlohmann::json::array();
  for (const diag::Diagnostic& d : ctx.diags.sorted()) diags.push_back(diag::render_json(d));
  out << nlohmann::json{{"queries", std::move(queries)}, {"diagnostics", std::move(diags)}}.dump(2)
      << '\n';
  return k_exit_ok;
}

}  // namespace sqlgen::cli
