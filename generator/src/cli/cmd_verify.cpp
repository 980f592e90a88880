// `sqlgen verify`: the project analyzed as `sqlgen analyze` does, then checked against
// PostgreSQL by the verify stage; prints its summary line or JSON.
#include "cli/cmd_verify.hpp"

#include <nlohmann/json.hpp>

#include "cli/module_queries.hpp"
#include "verify/verify.hpp"

namespace sqlgen::cli {

int run_verify(Context& ctx, const VerifyOptions& opts, std::ostream& out) {
  AnalyzedProject project =
      analyze_project(ctx, ProjectInputs{opts.schema_paths, opts.query_paths, opts.search_path});
  std::vector<verify::QueryRef> queries;
  for (const codegen::ModuleQueries& mq : project.modules) {
    for (size_t i = 0; i < mq.queries.size(); ++i) {
      queries.push_back(verify::QueryRef{&mq.queries[i], &mq.analyzed[i]});
    }
  }
  verify::Report report = verify::verify_queries(project.catalog, project.migrations, queries,
                                                 {opts.db_url, opts.strict}, ctx.diags);
  if (opts.format == "json") {
    out << verify::to_json(report).dump(2) << '\n';
  } else {
    out << "sqlgen: " << verify::summary(report) << '\n';
  }
  return k_exit_ok;
}

}  // namespace sqlgen::cli
