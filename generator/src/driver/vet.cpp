// `sqlgen vet`: the static hazard check over the migrations and the config's analyzed queries,
// and with fix, the mechanical rewrites (unsafe ADD VALUE, goose statement blocks, CONCURRENTLY
// moved out of a transaction) followed by a check of the rewritten files.
#include <algorithm>
#include <sstream>

#include "driver/audit.hpp"
#include "driver/command_stamp.hpp"
#include "driver/driver.hpp"
#include "util/fs.hpp"

namespace sqlgen::driver {

namespace {

/// True when `diags` holds errors other than vet's findings (parse, catalog, load): the
/// catalog the fixes were planned on may be wrong, so nothing is rewritten.
bool has_other_errors(const diag::DiagnosticEngine& diags) {
  std::vector<diag::Diagnostic> all = diags.sorted();
  return std::any_of(all.begin(), all.end(), [](const diag::Diagnostic& d) {
    return d.severity == diag::Severity::Error && d.rule.empty();
  });
}

/// The config's `vet:` levels and `audit:` tables as vet's options (the config checked the
/// level words).
vet::Options with_config_levels(vet::Options options, const Project& project) {
  if (!project.config) return options;
  options.audit = audit_tables(*project.config);
  for (const config::VetRule& r : project.config->vet) {
    if (std::optional<vet::Level> level = vet::parse_level(r.level)) {
      options.levels.push_back(vet::RuleLevel{r.rule, *level, r.loc});
    }
  }
  return options;
}

/// The analysis settings of module `name`, as the analysis of its queries used them.
analyze::AnalyzeOptions module_options(const config::Config& config, const std::string& name) {
  analyze::AnalyzeOptions options;
  options.module = name;
  for (const config::Module& m : config.modules) {
    if (m.name != name) continue;
    options.search_path = m.effective_search_path(config);
    options.strict_function_checks = m.strict_function_checks;
  }
  return options;
}

/// The config's queries, analyzed as generate analyzes them (one catalog build, the parallel
/// analysis). The analysis's findings of vet rules (one-without-returning, unused-parameter)
/// follow the rules' levels; its other diagnostics (a query that does not parse, an unknown
/// column) are reported as generate reports them: vet never passes a query generate rejects.
/// `prep`: the query preparation load started, else it starts here.
std::vector<vet::QueryInput> analyzed_queries(Project& project, const vet::Options& options,
                                              diag::DiagnosticEngine& diags,
                                              std::shared_ptr<QueryPrep> prep) {
  std::vector<vet::QueryInput> out;
  if (!project.config) return out;
  // vet's own walk reports the catalog's errors; the preparation overlaps the catalog's build.
  diag::DiagnosticEngine quiet;
  if (!prep) prep = start_queries(project);
  build_catalog(project, quiet);
  QueryDiagnostics kept;
  analyze_queries(project, quiet, &kept, std::move(prep));
  std::vector<diag::Diagnostic> found;
  for (size_t m = 0; m < project.modules.size(); ++m) {
    const codegen::ModuleQueries& module = project.modules[m];
    analyze::AnalyzeOptions opts = module_options(*project.config, module.module);
    for (size_t q = 0; q < module.queries.size(); ++q) {
      out.push_back(vet::QueryInput{&module.queries[q], &module.analyzed[q], opts});
      if (m < kept.size() && q < kept[m].size()) {
        found.insert(found.end(), kept[m][q].begin(), kept[m][q].end());
      }
    }
  }
  vet::report_stage_findings(found, options, true, diags);
  return out;
}

void forward(const diag::DiagnosticEngine& from, diag::DiagnosticEngine& to) {
  for (diag::Diagnostic& d : from.sorted()) to.report(std::move(d));
}

/// What `diags` holds beyond `before` (errors and warnings).
size_t findings_since(const diag::DiagnosticEngine& diags, size_t before) {
  return diags.error_count() + diags.warning_count() - before;
}

/// A vet run without fix as its command stamp keeps it: the counts the summary line prints.
std::string counts_text(const VetResult& r) {
  return std::to_string(r.migrations) + ' ' + std::to_string(r.schema_files) + ' ' +
         std::to_string(r.findings);
}

bool parse_counts(const std::string& text, VetResult& r) {
  std::istringstream in(text);
  std::string rest;
  return static_cast<bool>(in >> r.migrations >> r.schema_files >> r.findings) && !(in >> rest);
}

bool anything_to_fix(const vet::Report& r) {
  return !r.unsafe_add_values.empty() || !r.edits.empty() || !r.new_files.empty() ||
         !r.not_fixable.empty();
}

/// vet() without its stamp.
VetResult run_vet(const Inputs& inputs, const vet::Options& given, bool fix,
                  diag::DiagnosticEngine& diags) {
  VetResult result;
  const size_t before = diags.error_count() + diags.warning_count();
  // Loading's diagnostics: duplicate versions and versions outside a module's range are
  // findings of "version-conflict".
  diag::DiagnosticEngine loading;
  // With a config, the queries are read and parsed while the migrations load (as generate does).
  std::shared_ptr<QueryPrep> prep;
  Project project = load(inputs, loading, inputs.uses_config() ? &prep : nullptr);
  const vet::Options options = with_config_levels(given, project);
  vet::report_stage_findings(loading.sorted(), options, true, diags);
  for (const source::Migration& m : project.migrations) {
    ++(m.unversioned ? result.schema_files : result.migrations);
  }
  std::vector<vet::QueryInput> queries = analyzed_queries(project, options, diags, std::move(prep));
  vet::check_queries(queries, options, diags, &project.catalog);
  if (!fix) {
    vet::check(project.migrations, options, diags, queries);
    result.findings = findings_since(diags, before);
    return result;
  }

  diag::DiagnosticEngine first;
  vet::Report report = vet::check(project.migrations, options, first, queries);
  if (!anything_to_fix(report) || has_other_errors(diags) || has_other_errors(first)) {
    forward(first, diags);
    result.fix_blocked = anything_to_fix(report);
    result.findings = findings_since(diags, before);
    return result;
  }
  std::vector<vet::FileFix> fixes = vet::plan_fixes(report, diags);
  if (fixes.empty()) {
    forward(first, diags);
    result.findings = findings_since(diags, before);
    return result;
  }
  if (!vet::write_fixes(fixes, diags)) return result;
  result.fixes = std::move(fixes);
  // Check again from the files as written; load problems were reported the first time.
  diag::DiagnosticEngine reload;
  const size_t before_recheck = diags.error_count() + diags.warning_count();
  Project fixed = load(inputs, reload);
  result.migrations = result.schema_files = 0;
  for (const source::Migration& m : fixed.migrations) {
    ++(m.unversioned ? result.schema_files : result.migrations);
  }
  vet::check(fixed.migrations, options, diags, queries);
  result.findings = findings_since(diags, before_recheck);
  return result;
}

}  // namespace

VetResult vet(const Inputs& inputs, const vet::Options& given, bool fix,
              diag::DiagnosticEngine& diags) {
  // A check only with the command line's options (levels and audit come from the config): the
  // same inputs give the same findings, so a command stamp may answer.
  if (fix || !given.levels.empty() || !given.audit.empty()) {
    return run_vet(inputs, given, fix, diags);
  }
  bool single = given.mode == vet::TransactionMode::Single;
  CommandStamp stamp(inputs, single ? "vet single" : "vet per-migration", diags);
  VetResult result;
  if (stamp.lookup(diags, [&](const std::string& text) { return parse_counts(text, result); })) {
    return result;
  }
  result = run_vet(inputs, given, fix, diags);
  stamp.store(counts_text(result), diags);
  return result;
}

}  // namespace sqlgen::driver
