// One way in: a config or command-line paths → Project → catalog → analysis.
//
// Query files of each module → source::Query → analyze::AnalyzedQuery, module by module.
// Reading a query file (statement splitting, parsing) and analyzing a query depend only on
// their inputs and the finished catalog, so both run on every core (util::parallel_for);
// results land in their module's vectors in file and query order, and diagnostics are
// sorted when printed, so the output does not depend on the scheduling.
#include <algorithm>
#include <filesystem>
#include <set>

#include "analyze/analyze.hpp"
#include "driver/driver.hpp"
#include "source/queries.hpp"
#include "source/query_file.hpp"
#include "util/fs.hpp"
#include "util/parallel.hpp"
#include "util/retire.hpp"

namespace sqlgen::driver {

namespace fs = std::filesystem;

namespace {

/// Reads `file` into a buffer named by its path as configured or given; a missing or unreadable
/// file is an error at that file, an empty one (with `warn_empty`) a warning.
diag::SourcePtr read_query_source(const source::QueryFile& file, bool warn_empty,
                                  diag::DiagnosticEngine& diags) {
  util::ReadResult r = util::read_file(file.fs_path);
  if (!r.text) {
    auto loc = diag::Location::file(diag::make_source(file.path, ""));
    diags.report(r.not_found
                     ? diag::make(diag::DiagId::err_file_not_found, loc, {file.path})
                     : diag::make(diag::DiagId::err_file_unreadable, loc, {file.path, r.error}));
    return nullptr;
  }
  diag::SourcePtr src = diag::make_source(file.path, std::move(*r.text));
  if (!diag::check_encoding(src, diags)) return nullptr;
  if (warn_empty && src->text().find_first_not_of(" \t\r\n") == std::string::npos) {
    diags.report(diag::make(diag::DiagId::warn_file_empty, diag::Location::file(src)));
  }
  return src;
}

/// Files named on the command line: source::list_query_paths, with a path that does not exist
/// an error at that path (as a file that could not be opened).
std::vector<source::QueryFile> list_named_files(const std::vector<std::string>& paths,
                                                diag::DiagnosticEngine& diags) {
  std::vector<source::QueryFile> out;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::exists(fs::status(path, ec))) {
      source::QueryFile missing{"", path, path};
      (void)read_query_source(missing, false, diags);
      continue;
    }
    std::vector<source::QueryFile> found = source::list_query_paths({path}, diags);
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

/// One module's query files, found and its analysis options set (not yet read).
struct ModuleFiles {
  std::vector<source::QueryFile> files;
  analyze::AnalyzeOptions options;
  bool warn_empty = false;  ///< paths named on the command line: an empty file is a warning
  /// The module's `skip_queries`: names and the locations of their list entries.
  std::vector<std::pair<std::string, diag::Location>> skip;
};

/// Drops the queries the module's `skip_queries` names (neither analyzed nor generated), and their
/// entries of `parsed` (one per query); a name no query has is a warning at its list entry, with
/// a did-you-mean.
void drop_skipped(const ModuleFiles& module, std::vector<source::Query>& queries,
                  std::vector<parse::ParsedRange>& parsed, diag::DiagnosticEngine& diags) {
  if (module.skip.empty()) return;
  std::set<std::string> names;
  for (const auto& [name, loc] : module.skip) names.insert(name);
  std::vector<std::string> present;
  for (const source::Query& q : queries) present.push_back(q.name);
  for (const auto& [name, loc] : module.skip) {
    if (std::find(present.begin(), present.end(), name) != present.end()) continue;
    std::string hint = diag::did_you_mean(name, present);
    diags.report(diag::make(diag::DiagId::warn_skip_query_unknown, loc,
                            {name, module.options.module, hint.empty() ? "" : ", " + hint}));
  }
  size_t kept = 0;
  for (size_t i = 0; i < queries.size(); ++i) {
    if (names.contains(queries[i].name)) continue;
    if (kept != i) {
      queries[kept] = std::move(queries[i]);
      parsed[kept] = std::move(parsed[i]);
    }
    ++kept;
  }
  queries.resize(kept);
  parsed.resize(kept);
}

}  // namespace

/// What the query preparation reads of a project: copied when it starts, so that the project
/// may move (load returns it) and load its migrations meanwhile.
struct QuerySources {
  bool from_config = false;
  std::optional<config::Config> config;
  std::vector<std::string> query_paths;
  std::vector<std::string> search_path;
};

namespace {

/// The modules with queries: the config's, or one named "" for `--queries` paths.
std::vector<ModuleFiles> list_modules(const QuerySources& project, diag::DiagnosticEngine& diags) {
  std::vector<ModuleFiles> out;
  if (!project.from_config) {
    ModuleFiles m;
    m.files = list_named_files(project.query_paths, diags);
    m.options.search_path = project.search_path;
    m.warn_empty = true;
    out.push_back(std::move(m));
    return out;
  }
  if (!project.config) return out;  // it did not load: its diagnostics explain why
  const config::Config& config = *project.config;
  for (const config::Module& module : config.modules) {
    if (module.queries.empty()) continue;
    ModuleFiles m;
    m.files = source::list_query_files(module, config, diags);
    m.options.module = module.name;
    m.options.search_path = module.effective_search_path(config);
    m.options.strict_function_checks = module.strict_function_checks;
    m.skip = module.skip_queries;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

namespace {

/// catalog::warm_up() as a task of the pool, posted first thing for a command that analyzes
/// queries (`queries` given), so a worker builds the index before build_catalog needs it; else
/// none (the build does it then, and commands that build no catalog post nothing). Nothing
/// waits for it but the lookups that need the index (a project destroyed before a worker took
/// it drops it).
util::Task start_warm_up(const std::shared_ptr<QueryPrep>* queries) {
  if (!queries) return {};
  return util::Task([] { catalog::warm_up(); });
}

/// With `queries`, the query preparation starts now, before the migrations load (they load on
/// every core while it runs); dropped again when they turn out missing (start_queries).
void start_early(const Project& project, std::shared_ptr<QueryPrep>* queries) {
  if (queries) *queries = start_queries(project);
}
void drop_if_missing(const Project& project, std::shared_ptr<QueryPrep>* queries) {
  // Dropped if no worker started it, else waited for.
  if (queries && project.migrations_missing) queries->reset();
}

Project load_config_project(config::Config config, diag::DiagnosticEngine& diags,
                            std::shared_ptr<QueryPrep>* queries, util::Task warm_up) {
  Project project;
  project.from_config = true;
  project.config = std::move(config);
  project.warm_up = std::move(warm_up);
  start_early(project, queries);
  project.migrations =
      source::load_all_migrations(*project.config, diags, &project.migrations_missing);
  drop_if_missing(project, queries);
  return project;
}

}  // namespace

Project load(const Inputs& inputs, diag::DiagnosticEngine& diags,
             std::shared_ptr<QueryPrep>* queries) {
  util::Task warm_up = start_warm_up(queries);  // while the config is read too
  if (inputs.uses_config()) {
    std::optional<config::Config> config = config::load_config(inputs.config_path, diags);
    if (!config) {
      Project failed;
      failed.from_config = true;
      failed.warm_up = std::move(warm_up);
      return failed;
    }
    return load_config_project(std::move(*config), diags, queries, std::move(warm_up));
  }
  Project project;
  project.query_paths = inputs.query_paths;
  project.search_path = inputs.search_path;
  project.warm_up = std::move(warm_up);
  start_early(project, queries);
  project.migrations =
      source::load_schema_paths(inputs.schema_paths, diags, &project.migrations_missing);
  drop_if_missing(project, queries);
  return project;
}

Project load(config::Config config, diag::DiagnosticEngine& diags,
             std::shared_ptr<QueryPrep>* queries) {
  return load_config_project(std::move(config), diags, queries, start_warm_up(queries));
}

void build_catalog(Project& project, diag::DiagnosticEngine& diags) {
  // Not waiting for project.warm_up: the build's first lookup waits for the index if the warm-up
  // is still building it, and a project without migrations needs none (waiting cost an empty
  // project 1.7 ms).
  project.catalog = catalog::build_catalog(project.migrations, diags, analyze::view_binder());
}

struct QueryPrep {
  QuerySources sources;
  std::vector<ModuleFiles> modules;
  std::vector<codegen::ModuleQueries> out;  ///< queries and files; `analyzed` not yet filled
  std::vector<std::vector<analyze::ParsedQuery>> parsed;  ///< [module][query]
  diag::DiagnosticEngine diags;                           ///< held until analyze_queries
  util::Task done;  ///< last: destroyed first, so destruction waits for the worker (if one runs it)
};

namespace {

/// Fills `p`: the query files of every module read, split, checked and their statements parsed
/// (each file by one parse that also splits it; a statement it leaves to parse_range, by
/// analyze::parse_query).
void prepare_queries(QueryPrep& p) {
  p.modules = list_modules(p.sources, p.diags);
  p.out.resize(p.modules.size());
  struct File {
    size_t module;  ///< index into `out`
    diag::SourcePtr source;
    std::vector<source::Query> queries;
    std::vector<parse::ParsedRange> parsed;  ///< one per query
  };
  std::vector<File> files;
  for (size_t m = 0; m < p.modules.size(); ++m) {
    p.out[m].module = p.modules[m].options.module;
    for (const source::QueryFile& f : p.modules[m].files) {
      diag::SourcePtr src = read_query_source(f, p.modules[m].warn_empty, p.diags);
      if (!src) continue;
      p.out[m].files.push_back(f.path);
      files.push_back(File{m, std::move(src), {}, {}});
    }
  }
  // Largest first: a large file parsed last would leave the other cores idle meanwhile.
  std::vector<size_t> order(files.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return files[a].source->text().size() > files[b].source->text().size();
  });
  util::parallel_for_rethrow(order.size(), [&](size_t k) {
    File& f = files[order[k]];
    f.queries = source::read_query_file(f.source, p.diags, &f.parsed);
  });
  std::vector<std::vector<parse::ParsedRange>> parsed(p.out.size());  // [module][query]
  for (File& f : files) {
    for (source::Query& q : f.queries) p.out[f.module].queries.push_back(std::move(q));
    for (parse::ParsedRange& s : f.parsed) parsed[f.module].push_back(std::move(s));
  }
  std::vector<std::pair<size_t, size_t>> jobs;  // (module, query) left to parse_query
  p.parsed.resize(p.out.size());
  for (size_t m = 0; m < p.out.size(); ++m) {
    drop_skipped(p.modules[m], p.out[m].queries, parsed[m], p.diags);
    source::check_duplicate_names(p.out[m].queries, p.diags);
    p.parsed[m].resize(p.out[m].queries.size());
    for (size_t q = 0; q < p.out[m].queries.size(); ++q) {
      if (parsed[m][q]) {
        p.parsed[m][q].stmts = std::move(*parsed[m][q]);  // parsed without a diagnostic
        p.parsed[m][q].from_file_parse = true;
      } else {
        jobs.emplace_back(m, q);
      }
    }
  }
  util::parallel_for_rethrow(jobs.size(), [&](size_t i) {
    auto [m, q] = jobs[i];
    p.parsed[m][q] = analyze::parse_query(p.out[m].queries[q]);
  });
}

}  // namespace

namespace {

std::shared_ptr<QueryPrep> make_prep(const Project& project) {
  auto prep = std::make_shared<QueryPrep>();
  prep->sources =
      QuerySources{project.from_config, project.config, project.query_paths, project.search_path};
  return prep;
}

/// Posts `prep`'s work to the pool (on one thread, `-j 1`, it runs when analyze_queries asks
/// for it).
void launch(const std::shared_ptr<QueryPrep>& prep) {
  prep->done = util::Task([p = prep.get()] { prepare_queries(*p); });
}

}  // namespace

std::shared_ptr<QueryPrep> start_queries(const Project& project) {
  // A missing migrations directory is the cause: "relation ... does not exist" in every query
  // that reads its tables would only bury it (analyze_queries analyzes nothing then).
  if (project.migrations_missing) return nullptr;
  std::shared_ptr<QueryPrep> prep = make_prep(project);
  launch(prep);
  return prep;
}

void analyze_queries(Project& project, diag::DiagnosticEngine& diags, QueryDiagnostics* kept,
                     std::shared_ptr<QueryPrep> prep) {
  if (project.migrations_missing) return;  // see start_queries
  if (!prep) {
    prep = make_prep(project);
    prepare_queries(*prep);
  } else {
    prep->done.wait();  // its exception, if any, is this call's
  }
  for (diag::Diagnostic& d : prep->diags.sorted()) diags.report(std::move(d));
  std::vector<codegen::ModuleQueries>& out = prep->out;
  std::vector<std::pair<size_t, size_t>> jobs;  // (module, query)
  if (kept) kept->assign(out.size(), {});
  for (size_t m = 0; m < out.size(); ++m) {
    out[m].analyzed.resize(out[m].queries.size());
    if (kept) (*kept)[m].resize(out[m].queries.size());
    for (size_t q = 0; q < out[m].queries.size(); ++q) jobs.emplace_back(m, q);
  }
  util::parallel_for_rethrow(jobs.size(), [&](size_t i) {
    auto [m, q] = jobs[i];
    const analyze::AnalyzeOptions& options = prep->modules[m].options;
    analyze::ParsedQuery* parsed = &prep->parsed[m][q];
    if (!kept) {
      out[m].analyzed[q] =
          analyze::analyze_query(project.catalog, out[m].queries[q], options, diags, parsed);
      return;
    }
    diag::DiagnosticEngine own;
    out[m].analyzed[q] =
        analyze::analyze_query(project.catalog, out[m].queries[q], options, own, parsed);
    (*kept)[m][q] = own.sorted();
  });
  project.modules = std::move(out);
  // The statements' trees are no longer needed: freeing them one allocation at a time took
  // about a millisecond of hatchet's run, on one core, after the parallel part.
  util::retire(std::move(prep));
}

Project analyze(const Inputs& inputs, diag::DiagnosticEngine& diags) {
  std::shared_ptr<QueryPrep> queries;
  Project project = load(inputs, diags, &queries);
  build_catalog(project, diags);
  analyze_queries(project, diags, nullptr, std::move(queries));
  return project;
}

std::vector<diag::SourcePtr> read_sql_files(const std::vector<std::string>& paths,
                                            diag::DiagnosticEngine& diags) {
  std::vector<diag::SourcePtr> out;
  for (const source::QueryFile& f : list_named_files(paths, diags)) {
    if (diag::SourcePtr src = read_query_source(f, true, diags)) out.push_back(std::move(src));
  }
  return out;
}

}  // namespace sqlgen::driver
