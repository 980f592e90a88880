// `sqlgen init --from-sqlc`: sqlgen.yaml translated from a sqlc config (config/sqlc_import.hpp),
// then the project it describes analyzed once, so that queries with errors are listed in their
// module's skip_queries and `sqlgen generate` succeeds as written.
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "config/sqlc_import.hpp"
#include "driver/driver.hpp"
#include "util/fs.hpp"

namespace sqlgen::driver {

namespace fs = std::filesystem;
using diag::DiagId;

namespace {

/// "path:line:col: message" of a located diagnostic.
std::string located_text(const diag::Diagnostic& d) {
  if (!d.loc.source) return d.message;
  std::string at = d.loc.source->path();
  if (d.loc.offset >= 0) {
    diag::LineCol lc = d.loc.source->line_col(static_cast<uint32_t>(d.loc.offset));
    at += ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
  }
  return at + ": " + d.message;
}

/// True when `d` is located inside query `q`'s statement.
bool inside(const diag::Diagnostic& d, const source::Query& q) {
  return d.loc.source && d.loc.source == q.source && d.loc.offset >= q.offset &&
         d.loc.offset <= static_cast<int64_t>(q.offset) + q.length;
}

/// A query with errors: where it is and its first error.
struct Rejected {
  const source::Query* query;
  const diag::Diagnostic* cause;
};

/// What analyzing the imported project found.
struct Findings {
  std::map<std::string, std::vector<Rejected>> by_module;  ///< queries with errors
  size_t other_errors = 0;  ///< errors inside no query (schema, files): nothing is skipped then
  const diag::Diagnostic* first_other = nullptr;
};

/// Sorts the errors of an analysis into the queries they are in, and the rest.
Findings sort_errors(const Project& project, const std::vector<diag::Diagnostic>& found) {
  Findings f;
  std::vector<char> claimed(found.size(), 0);
  for (const codegen::ModuleQueries& m : project.modules) {
    for (size_t q = 0; q < m.queries.size(); ++q) {
      const diag::Diagnostic* cause = nullptr;
      for (size_t i = 0; i < found.size(); ++i) {
        if (found[i].severity != diag::Severity::Error || !inside(found[i], m.queries[q])) continue;
        claimed[i] = 1;
        if (!cause) cause = &found[i];
      }
      if (cause) f.by_module[m.module].push_back({&m.queries[q], cause});
    }
  }
  for (size_t i = 0; i < found.size(); ++i) {
    if (found[i].severity != diag::Severity::Error || claimed[i]) continue;
    if (!f.first_other) f.first_other = &found[i];
    ++f.other_errors;
  }
  return f;
}

}  // namespace

ImportResult import_sqlc_project(const ImportOptions& options, diag::DiagnosticEngine& diags) {
  ImportResult result;
  fs::path sqlc_path(options.sqlc_file);
  if (options.sqlc_file.empty()) {
    std::optional<fs::path> found = config::find_sqlc_config({});
    if (!found) {
      diags.report(diag::make(DiagId::err_sqlc_no_config, {}, {fs::current_path().string()}));
      return result;
    }
    sqlc_path = *found;
  }
  result.from = sqlc_path.lexically_normal().generic_string();
  util::ReadResult read = util::read_file(sqlc_path);
  if (!read.text) {
    diags.report(read.not_found
                     ? diag::make(DiagId::err_file_not_found, {}, {result.from})
                     : diag::make(DiagId::err_file_unreadable, {}, {result.from, read.error}));
    return result;
  }
  diag::SourcePtr sqlc_source = diag::make_source(result.from, std::move(*read.text));
  if (!diag::check_encoding(sqlc_source, diags)) return result;
  std::optional<config::SqlcImport> imported = config::import_sqlc(sqlc_source, diags);
  if (!imported) return result;  // diagnostics explain why; nothing written
  const fs::path target = sqlc_path.parent_path() / "sqlgen.yaml";
  result.config = target.lexically_normal().generic_string();
  std::error_code ec;
  if (!options.force && fs::exists(target, ec)) {
    diags.report(diag::make(DiagId::err_init_exists, {}, {result.config}));
    return result;
  }

  // The project the translation describes, analyzed as `sqlgen generate` would (its
  // diagnostics kept apart: generate reports them to the user, init only sorts them).
  diag::DiagnosticEngine analysis;
  std::optional<config::Config> cfg =
      config::parse_config(diag::make_source(result.config, imported->yaml), analysis);
  config::QuerySkips skips;
  std::vector<diag::Diagnostic> found;
  Project project;
  if (cfg) {
    project = load(std::move(*cfg), analysis);
    build_catalog(project, analysis);
    analyze_queries(project, analysis);
  }
  found = analysis.sorted();
  Findings f = sort_errors(project, found);
  if (f.other_errors > 0) {
    diags.report(
        diag::make(DiagId::warn_init_project_errors, {},
                   {std::to_string(f.other_errors) + (f.other_errors == 1 ? " error" : " errors"),
                    located_text(*f.first_other)}));
  } else {
    for (const auto& [module, rejected] : f.by_module) {
      for (const Rejected& r : rejected) {
        skips[module].push_back({r.query->name, r.query->name + ": " + located_text(*r.cause)});
        diag::Diagnostic d = diag::make(
            DiagId::warn_init_query_skipped,
            diag::Location::at(r.query->source, r.query->name_offset, r.query->name_length),
            {r.query->name, module});
        d.note(DiagId::note_init_skip_cause, r.cause->loc, {r.cause->message});
        diags.report(std::move(d));
        result.skipped.push_back(module + "." + r.query->name);
      }
    }
    if (!skips.empty()) {
      diag::DiagnosticEngine again;  // the same translation: its notes were reported above
      imported = config::import_sqlc(sqlc_source, again, skips);
      if (!imported) throw std::logic_error("init --from-sqlc: a second translation failed");
    }
  }
  if (std::string err = util::write_file_atomic(target, imported->yaml); !err.empty()) {
    diags.report(diag::make(DiagId::err_file_write, {}, {result.config, err}));
    return result;
  }
  result.written = true;
  result.modules = imported->modules;
  return result;
}

}  // namespace sqlgen::driver
