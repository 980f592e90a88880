// `sqlgen analyze`: the driver analyzes the project (paths or every module of sqlgen.yaml);
// this prints the analysis contract as JSON.
#include "cli/cmd_analyze.hpp"

#include <memory>
#include <nlohmann/json.hpp>

#include "analyze/analyze.hpp"
#include "cli/subcommands.hpp"
#include "driver/driver.hpp"

namespace sqlgen::cli {

int run_analyze(Context& ctx, const AnalyzeCmdOptions& opts, std::ostream& out) {
  driver::Project project = driver::analyze(
      {ctx.config_path, opts.schema_paths, opts.query_paths, opts.search_path}, ctx.diags);
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

Subcommand add_analyze_command(CLI::App& app) {
  auto opts = std::make_shared<AnalyzeCmdOptions>();
  CLI::App* cmd =
      app.add_subcommand("analyze", "types, nullability and parameters of every query, as JSON");
  add_input_options(*cmd, opts->schema_paths, opts->query_paths, opts->search_path);
  return runs(cmd, opts, run_analyze);
}

}  // namespace sqlgen::cli
