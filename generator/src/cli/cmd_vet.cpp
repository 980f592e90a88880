// `sqlgen vet`: the static hazard check, and `--fix`, which rewrites unsafe
// ADD VALUE statements and checks the rewritten files again.
#include "cli/cmd_vet.hpp"

#include <algorithm>

#include "cli/load.hpp"
#include "vet/vet.hpp"

namespace sqlgen::cli {

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

}  // namespace

int run_vet(Context& ctx, const VetOptions& opts, std::ostream& out) {
  std::optional<vet::TransactionMode> mode = vet::parse_transaction_mode(opts.mode);
  if (!mode) {
    out << "sqlgen vet: --mode must be \"single\" or \"per-migration\", not \"" << opts.mode
        << "\"\n";
    return k_exit_usage;
  }
  vet::Options options;
  options.mode = *mode;
  std::vector<source::Migration> migrations = load_migrations(ctx, opts.schema_paths);
  if (!opts.fix) {
    vet::check(migrations, options, ctx.diags);
    return k_exit_ok;
  }

  diag::DiagnosticEngine first;
  vet::Report report = vet::check(migrations, options, first);
  if (report.unsafe_add_values.empty() || ctx.diags.has_errors() || has_other_errors(first)) {
    forward(first, ctx.diags);
    if (!report.unsafe_add_values.empty())
      out << "sqlgen vet: nothing rewritten: fix the other errors first\n";
    return k_exit_ok;
  }
  std::vector<vet::FileFix> fixes = vet::plan_fixes(report, ctx.diags);
  if (fixes.empty()) {
    forward(first, ctx.diags);
    return k_exit_ok;
  }
  if (!vet::write_fixes(fixes, ctx.diags)) return k_exit_ok;
  for (const vet::FileFix& fix : fixes) {
    out << fix.path << ": rewrote " << fix.rewritten
        << " \"ADD VALUE\" statement(s) into a recreated type\n";
  }
  // Check again from the files as written; load problems were reported the first time.
  Context reload;
  reload.config_path = ctx.config_path;
  vet::check(load_migrations(reload, opts.schema_paths), options, ctx.diags);
  return k_exit_ok;
}

}  // namespace sqlgen::cli
