// `sqlgen vet`: the static hazard check, and with fix, the rewrite of unsafe ADD VALUE
// statements followed by a check of the rewritten files.
#include <algorithm>

#include "driver/driver.hpp"

namespace sqlgen::driver {

namespace {

/// True when `diags` holds errors other than vet's own (parse, catalog, load): the
/// catalog the fixes were planned on may be wrong, so nothing is rewritten.
bool has_other_errors(const diag::DiagnosticEngine& diags) {
  std::vector<diag::Diagnostic> all = diags.sorted();
  return std::any_of(all.begin(), all.end(), [](const diag::Diagnostic& d) {
    return d.severity == diag::Severity::Error && d.id != diag::DiagId::err_vet_unsafe_enum_use;
  });
}

void forward(const diag::DiagnosticEngine& from, diag::DiagnosticEngine& to) {
  for (diag::Diagnostic& d : from.sorted()) to.report(std::move(d));
}

/// What `diags` holds beyond `before` (errors and warnings).
size_t findings_since(const diag::DiagnosticEngine& diags, size_t before) {
  return diags.error_count() + diags.warning_count() - before;
}

}  // namespace

VetResult vet(const Inputs& inputs, const vet::Options& options, bool fix,
              diag::DiagnosticEngine& diags) {
  VetResult result;
  const size_t before = diags.error_count() + diags.warning_count();
  Project project = load(inputs, diags);
  for (const source::Migration& m : project.migrations) {
    ++(m.unversioned ? result.schema_files : result.migrations);
  }
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
