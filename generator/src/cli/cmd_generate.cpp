// `sqlgen generate`: reads sqlgen.yaml, builds the catalog from every module's migrations,
// analyzes every module's queries and writes the catalog-only schema (catalog.sql) and the
// C++ headers of each module (<output>/<module>/models.hpp, queries.hpp) atomically, removing
// generated files no input produces any more. `--check` (alias `sqlgen diff`) writes nothing:
// it prints a unified diff and fails when the output directory is stale.
//
// A repeated run whose inputs, config, templates and sqlgen build are unchanged, and whose
// outputs are still on disk as written, is answered from the generate stamp (codegen/stamp.hpp)
// without parsing or analyzing anything. `--check` and SQLGEN_NO_CACHE=1 never use it.
#include <filesystem>

#include "analyze/analyze.hpp"
#include "cli/commands.hpp"
#include "cli/module_queries.hpp"
#include "codegen/codegen.hpp"
#include "codegen/stamp.hpp"
#include "pg/cluster.hpp"
#include "pg/dump_cache.hpp"
#include "pg/template_cache.hpp"
#include "source/migrations.hpp"

namespace sqlgen::cli {

namespace {

size_t diagnostic_count(const diag::DiagnosticEngine& diags) {
  return diags.error_count() + diags.warning_count();
}

}  // namespace

int run_generate(Context& ctx, const GenerateOptions& opts, std::ostream& out) {
  std::optional<config::Config> config = config::load_config(ctx.config_path, ctx.diags);
  if (!config) return k_exit_ok;  // diagnostics explain why
  if (!opts.output.empty()) {
    config->output = std::filesystem::absolute(opts.output).lexically_normal().generic_string();
  }

  // The stamp: hash the inputs before reading them for the real run, so an input edited while
  // this run works makes the next run miss rather than trust outputs made from older bytes.
  bool use_stamp =
      !opts.check && !pg::dump_cache_disabled_by_env() && diagnostic_count(ctx.diags) == 0;
  std::string inputs_hash;
  codegen::InputHashes input_hashes;
  std::filesystem::path stamp_file;
  if (use_stamp) {
    inputs_hash = codegen::generate_inputs_hash(*config);
    stamp_file = codegen::stamp_path(pg::default_cache_dir(), *config);
    size_t up_to_date_files = 0;
    if (codegen::stamp_up_to_date(stamp_file, inputs_hash, *config, &up_to_date_files,
                                  &input_hashes)) {
      // The summary line of a run that found every file unchanged, named as a skip.
      out << "sqlgen: up to date (no inputs changed); 0 files written, " << up_to_date_files
          << " unchanged, 0 removed\n";
      return k_exit_ok;
    }
  }

  std::vector<source::Migration> migrations = source::load_all_migrations(*config, ctx.diags);
  catalog::Catalog cat = catalog::build_catalog(migrations, ctx.diags, analyze::view_binder());
  if (ctx.diags.has_errors()) return k_exit_ok;  // write nothing half-right
  std::vector<codegen::ModuleQueries> queries = analyze_module_queries(ctx, *config, cat);
  if (ctx.diags.has_errors()) return k_exit_ok;

  std::vector<codegen::GeneratedFile> files = codegen::generate(*config, cat, queries, ctx.diags);
  if (ctx.diags.has_errors()) return k_exit_ok;
  files.insert(
      files.begin(),
      codegen::GeneratedFile{
          (std::filesystem::path(config->output) / "catalog.sql").generic_string(), cat.to_sql()});

  codegen::WriteSummary summary = codegen::write_files(*config, files, opts.check, out, ctx.diags);
  if (opts.check) {
    if (summary.written.empty() && summary.removed.empty()) {
      out << "sqlgen: " << files.size() << " generated files are up to date\n";
    }
    return k_exit_ok;  // differences are reported as errors (exit 1)
  }
  // Only a clean run (everything written, not even a warning) is stamped, so a skipped run
  // never hides a diagnostic. A stamp that cannot be stored only costs the next run its skip.
  if (use_stamp && diagnostic_count(ctx.diags) == 0) {
    std::filesystem::path cache = stamp_file.parent_path().parent_path();
    if (pg::detail::prepare_cache_dir(cache) &&
        pg::detail::prepare_cache_dir(stamp_file.parent_path())) {
      (void)codegen::write_stamp(stamp_file, inputs_hash, files, &input_hashes);
    }
  }
  size_t query_count = 0;
  for (const codegen::ModuleQueries& mq : queries) query_count += mq.queries.size();
  out << "sqlgen: " << migrations.size() << " migrations, " << query_count << " queries; "
      << summary.written.size() << " files written, " << summary.unchanged.size() << " unchanged, "
      << summary.removed.size() << " removed\n";
  for (const std::string& f : summary.written) out << "  wrote " << f << '\n';
  for (const std::string& f : summary.removed) out << "  removed " << f << '\n';
  return k_exit_ok;
}

}  // namespace sqlgen::cli
