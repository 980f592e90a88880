// libFuzzer target: the analyzer over a fixed catalog (the codegen golden case's, fuzz/
// fixture.hpp). The input is a query file of module "app": its queries are read, analyzed
// (types, nullability, parameters, PostgreSQL's parse-analysis checks) and printed as
// `sqlgen analyze` JSON; when none has an error, their queries.hpp view model is built and
// rendered with the built-in templates, as `sqlgen generate` would.
#include <cstdio>
#include <cstdlib>

#include "analyze/analyze.hpp"
#include "fixture.hpp"
#include "source/query_file.hpp"

using namespace sqlgen;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::set_up();
  (void)fuzz::fixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fuzz::Fixture& f = fuzz::fixture();
  const config::Module& app = f.config.modules.at(0);
  analyze::AnalyzeOptions options;
  options.module = app.name;
  options.search_path = app.effective_search_path(f.config);

  diag::DiagnosticEngine diags;
  codegen::ModuleQueries mq;
  mq.module = app.name;
  mq.files = {"queries/app/fuzz.sql"};
  mq.queries = source::read_query_file(
      diag::make_source("/sqlgen-fuzz/case/queries/app/fuzz.sql", fuzz::text_of(data, size)),
      diags);
  source::check_duplicate_names(mq.queries, diags);
  for (const source::Query& q : mq.queries) {
    mq.analyzed.push_back(analyze::analyze_query(f.catalog, q, options, diags));
    (void)analyze::to_json(f.catalog, mq.analyzed.back())
        .dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  if (!diags.has_errors() && !mq.queries.empty()) {
    std::vector<codegen::ModuleQueries> modules = {mq};
    for (const fuzz::View& v : fuzz::build_views(modules, diags)) {
      if (v.template_name != "queries.hpp") continue;
      (void)codegen::render_template(fuzz::builtin_template_set(), v.template_name, v.view, diags);
    }
  }
  (void)diag::render_all(diags, false);
  return 0;
}
