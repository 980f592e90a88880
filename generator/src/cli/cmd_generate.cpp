// `sqlgen generate`: reads sqlgen.yaml, builds the catalog from every module's migrations,
// analyzes every module's queries and writes the catalog-only schema (catalog.sql) and the
// C++ headers of each module (<output>/<module>/models.hpp, queries.hpp) atomically, removing
// generated files no input produces any more. `--check` (alias `sqlgen diff`) writes nothing:
// it prints a unified diff and fails when the output directory is stale.
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/load.hpp"
#include "cli/module_queries.hpp"
#include "codegen/codegen.hpp"

namespace sqlgen::cli {

int run_generate(Context& ctx, std::ostream& out) {
  return run_generate(ctx, GenerateOptions{}, out);
}

int run_generate(Context& ctx, const GenerateOptions& opts, std::ostream& out) {
  std::optional<config::Config> config;
  std::vector<source::Migration> migrations = load_migrations(ctx, {}, &config);
  if (!config) return k_exit_ok;  // diagnostics explain why
  if (!opts.output.empty()) {
    config->output = std::filesystem::absolute(opts.output).lexically_normal().generic_string();
  }
  catalog::Catalog cat = catalog::build_catalog(migrations, ctx.diags);
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
