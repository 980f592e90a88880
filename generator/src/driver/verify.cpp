// `sqlgen verify`: the project analyzed as `sqlgen analyze` does, then checked against
// PostgreSQL by the verify stage. With --all the queries' own errors are kept apart: they are
// what the run measures, not what it reports.
#include "driver/driver.hpp"

namespace sqlgen::driver {

verify::Report verify(const Inputs& inputs, const verify::Options& options,
                      diag::DiagnosticEngine& diags) {
  std::shared_ptr<QueryPrep> prep;  // read and parsed while the migrations load and apply
  Project project = load(inputs, diags, &prep);
  build_catalog(project, diags);
  QueryDiagnostics kept;
  analyze_queries(project, diags, options.all ? &kept : nullptr, std::move(prep));
  // [module][query]: the errors of each query's analysis; its other diagnostics are reported.
  QueryDiagnostics errors(kept.size());
  for (size_t m = 0; m < kept.size(); ++m) {
    errors[m].resize(kept[m].size());
    for (size_t q = 0; q < kept[m].size(); ++q) {
      for (diag::Diagnostic& d : kept[m][q]) {
        if (d.severity == diag::Severity::Error) {
          errors[m][q].push_back(std::move(d));
        } else {
          diags.report(std::move(d));
        }
      }
    }
  }
  std::vector<verify::QueryRef> queries;
  for (size_t m = 0; m < project.modules.size(); ++m) {
    const codegen::ModuleQueries& mq = project.modules[m];
    for (size_t i = 0; i < mq.queries.size(); ++i) {
      queries.push_back(
          verify::QueryRef{&mq.queries[i], &mq.analyzed[i], options.all ? &errors[m][i] : nullptr});
    }
  }
  return verify::verify_queries(project.catalog, project.migrations, queries, options, diags);
}

}  // namespace sqlgen::driver
