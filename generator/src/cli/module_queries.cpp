// Query files of each module → source::Query → analyze::AnalyzedQuery, module by module.
#include "cli/module_queries.hpp"

#include "source/queries.hpp"
#include "util/fs.hpp"

namespace sqlgen::cli {

std::vector<codegen::ModuleQueries> analyze_module_queries(Context& ctx,
                                                           const config::Config& config,
                                                           const catalog::Catalog& cat) {
  std::vector<codegen::ModuleQueries> out;
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
      diag::SourcePtr file = diag::make_source(f.path, std::move(*r.text));
      mq.files.push_back(f.path);
      for (source::Query& q : source::read_query_file(file, ctx.diags)) {
        mq.queries.push_back(std::move(q));
      }
    }
    source::check_duplicate_names(mq.queries, ctx.diags);
    analyze::AnalyzeOptions opts;
    opts.module = m.name;
    opts.search_path = m.search_path.empty() ? config.search_path : m.search_path;
    for (const source::Query& q : mq.queries) {
      mq.analyzed.push_back(analyze::analyze_query(cat, q, opts, ctx.diags));
    }
    out.push_back(std::move(mq));
  }
  return out;
}

}  // namespace sqlgen::cli
