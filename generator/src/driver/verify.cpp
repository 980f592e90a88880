// `sqlgen verify`: the project analyzed as `sqlgen analyze` does, then checked against
// PostgreSQL by the verify stage.
#include "driver/driver.hpp"

namespace sqlgen::driver {

verify::Report verify(const Inputs& inputs, const verify::Options& options,
                      diag::DiagnosticEngine& diags) {
  Project project = analyze(inputs, diags);
  std::vector<verify::QueryRef> queries;
  for (const codegen::ModuleQueries& mq : project.modules) {
    for (size_t i = 0; i < mq.queries.size(); ++i) {
      queries.push_back(verify::QueryRef{&mq.queries[i], &mq.analyzed[i]});
    }
  }
  return verify::verify_queries(project.catalog, project.migrations, queries, options, diags);
}

}  // namespace sqlgen::driver
