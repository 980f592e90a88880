// Query files of each module → source::Query → analyze::AnalyzedQuery, module by module.
// Reading a query file (statement splitting, parsing) and analyzing a query depend only on
// their inputs and the finished catalog, so both run on every core (util::parallel_for);
// results land in their module's vectors in file and query order, and diagnostics are
// sorted when printed, so the output does not depend on the scheduling.
#include "cli/module_queries.hpp"

#include "analyze/analyze.hpp"
#include "cli/inputs.hpp"
#include "cli/load.hpp"
#include "source/queries.hpp"
#include "util/fs.hpp"
#include "util/parallel.hpp"

namespace sqlgen::cli {

std::vector<codegen::ModuleQueries> analyze_module_queries(Context& ctx,
                                                           const config::Config& config,
                                                           const catalog::Catalog& cat) {
  std::vector<codegen::ModuleQueries> out;
  std::vector<analyze::AnalyzeOptions> options;
  struct File {
    size_t module;  ///< index into `out`
    diag::SourcePtr source;
    std::vector<source::Query> queries;
  };
  std::vector<File> files;
  for (const config::Module& m : config.modules) {
    if (m.queries.empty()) continue;
    codegen::ModuleQueries mq;
    mq.module = m.name;
    for (const source::QueryFile& f : source::list_query_files(m, config, ctx.diags)) {
      util::ReadResult r = util::read_file(f.fs_path);
      // Diagnostics and `// source:` lines show paths as configured.
      if (!r.text) {
        auto loc = diag::Location::file(diag::make_source(f.path, ""));
        ctx.diags.report(
            r.not_found ? diag::make(diag::DiagId::err_file_not_found, loc, {f.path})
                        : diag::make(diag::DiagId::err_file_unreadable, loc, {f.path, r.error}));
        continue;
      }
      mq.files.push_back(f.path);
      files.push_back(File{out.size(), diag::make_source(f.path, std::move(*r.text)), {}});
    }
    analyze::AnalyzeOptions opts;
    opts.module = m.name;
    opts.search_path = m.search_path.empty() ? config.search_path : m.search_path;
    options.push_back(std::move(opts));
    out.push_back(std::move(mq));
  }

  util::parallel_for_rethrow(files.size(), [&](size_t i) {
    files[i].queries = source::read_query_file(files[i].source, ctx.diags);
  });
  for (File& f : files) {
    for (source::Query& q : f.queries) out[f.module].queries.push_back(std::move(q));
  }

  std::vector<std::pair<size_t, size_t>> jobs;  // (module, query)
  for (size_t m = 0; m < out.size(); ++m) {
    source::check_duplicate_names(out[m].queries, ctx.diags);
    out[m].analyzed.resize(out[m].queries.size());
    for (size_t q = 0; q < out[m].queries.size(); ++q) jobs.emplace_back(m, q);
  }
  util::parallel_for_rethrow(jobs.size(), [&](size_t i) {
    auto [m, q] = jobs[i];
    out[m].analyzed[q] = analyze::analyze_query(cat, out[m].queries[q], options[m], ctx.diags);
  });
  return out;
}

AnalyzedProject analyze_project(Context& ctx, const ProjectInputs& inputs) {
  AnalyzedProject project;
  if (inputs.query_paths.empty() && inputs.schema_paths.empty()) {
    std::optional<config::Config> config;
    project.migrations = load_migrations(ctx, {}, &config);
    project.catalog = catalog::build_catalog(project.migrations, ctx.diags, analyze::view_binder());
    if (config) project.modules = analyze_module_queries(ctx, *config, project.catalog);
    return project;
  }
  project.migrations = load_migrations(ctx, inputs.schema_paths);
  project.catalog = catalog::build_catalog(project.migrations, ctx.diags, analyze::view_binder());
  codegen::ModuleQueries mq;
  for (const diag::SourcePtr& f : read_inputs(inputs.query_paths, ctx.diags)) {
    mq.files.push_back(f->path());
    for (source::Query& q : source::read_query_file(f, ctx.diags))
      mq.queries.push_back(std::move(q));
  }
  source::check_duplicate_names(mq.queries, ctx.diags);
  analyze::AnalyzeOptions opts;
  opts.search_path = inputs.search_path;
  for (const source::Query& q : mq.queries) {
    mq.analyzed.push_back(analyze::analyze_query(project.catalog, q, opts, ctx.diags));
  }
  project.modules.push_back(std::move(mq));
  return project;
}

}  // namespace sqlgen::cli
