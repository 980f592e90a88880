// `sqlgen vet`: the static hazard check, and with fix, the rewrite of unsafe ADD VALUE
// statements followed by a check of the rewritten files.
#include <algorithm>

#include "driver/audit.hpp"
#include "driver/driver.hpp"
#include "source/queries.hpp"
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

/// The query rules over the config's query files; files that cannot be read or queries that
/// do not parse are left to generate and analyze to report.
void check_queries(const Project& project, const vet::Options& options,
                   diag::DiagnosticEngine& diags) {
  if (!project.config) return;
  diag::DiagnosticEngine quiet;
  std::vector<std::vector<source::Query>> files;
  for (const source::QueryFile& file : source::list_all_query_files(*project.config, quiet)) {
    util::ReadResult r = util::read_file(file.fs_path);
    if (!r.text) continue;
    files.push_back(
        source::read_query_file(diag::make_source(file.path, std::move(*r.text)), quiet));
  }
  std::vector<vet::QueryInput> inputs;
  for (const std::vector<source::Query>& queries : files) {
    for (const source::Query& q : queries) inputs.push_back(vet::QueryInput{&q, nullptr});
  }
  vet::check_queries(inputs, options, diags);
}

void forward(const diag::DiagnosticEngine& from, diag::DiagnosticEngine& to) {
  for (diag::Diagnostic& d : from.sorted()) to.report(std::move(d));
}

/// What `diags` holds beyond `before` (errors and warnings).
size_t findings_since(const diag::DiagnosticEngine& diags, size_t before) {
  return diags.error_count() + diags.warning_count() - before;
}

}  // namespace

VetResult vet(const Inputs& inputs, const vet::Options& given, bool fix,
              diag::DiagnosticEngine& diags) {
  VetResult result;
  const size_t before = diags.error_count() + diags.warning_count();
  Project project = load(inputs, diags);
  const vet::Options options = with_config_levels(given, project);
  for (const source::Migration& m : project.migrations) {
    ++(m.unversioned ? result.schema_files : result.migrations);
  }
  check_queries(project, options, diags);
  if (!fix) {
    vet::check(project.migrations, options, diags);
    result.findings = findings_since(diags, before);
    return result;
  }

  diag::DiagnosticEngine first;
  vet::Report report = vet::check(project.migrations, options, first);
  if (report.unsafe_add_values.empty() || diags.has_errors() || has_other_errors(first)) {
    forward(first, diags);
    result.fix_blocked = !report.unsafe_add_values.empty();
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
  vet::check(load(inputs, reload).migrations, options, diags);
  result.findings = findings_since(diags, before_recheck);
  return result;
}

}  // namespace sqlgen::driver
