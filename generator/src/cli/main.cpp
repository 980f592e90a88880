// sqlgen's entry point: parses the command line and hands off to cmd_*.cpp.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/cmd_analyze.hpp"
#include "cli/cmd_verify.hpp"
#include "cli/cmd_vet.hpp"
#include "cli/commands.hpp"

using namespace sqlgen::cli;

namespace {

/// Prints the diagnostics gathered before an internal error; a failure there must not hide
/// the internal error's exit code.
void finish_after_internal_error(Context& ctx, bool tty) {
  try {
    ctx.finish(std::cerr, tty);
  } catch (...) {
  }
}

}  // namespace

int main(int argc, char** argv) {
  Context ctx;
  CLI::App app{"sqlgen: typed C++ from PostgreSQL queries, and a guard for the schema"};
  app.set_version_flag("--version", std::string("sqlgen ") + SQLGEN_VERSION);
  app.require_subcommand(1);
  app.add_option("--diagnostics-format", ctx.json_diagnostics, "text or json")
      ->transform(
          CLI::CheckedTransformer(std::map<std::string, bool>{{"text", false}, {"json", true}}))
      ->option_text("text|json");
  app.add_option("--color", ctx.color, "color diagnostics: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_option("-c,--config", ctx.config_path, "path to sqlgen.yaml");
  app.add_flag("-v,--verbose", ctx.verbose, "also print remarks: what was skipped, and why");

  std::vector<std::string> parse_paths;
  bool parse_json = false;
  CLI::App* parse_cmd = app.add_subcommand("parse", "list the statements of SQL files");
  parse_cmd->add_option("paths", parse_paths, "files or directories")->required();
  parse_cmd->add_flag("--json", parse_json, "print JSON");

  SchemaOptions schema_opts;
  CLI::App* schema_cmd =
      app.add_subcommand("schema", "print the catalog the migrations build (JSON or SQL)");
  schema_cmd->add_option("--schema", schema_opts.schema_paths,
                         "migration files or directories (default: the config's modules)");
  schema_cmd->add_option("--format", schema_opts.format, "json or sql")
      ->check(CLI::IsMember({"json", "sql"}));

  GenerateOptions generate_opts;
  CLI::App* generate_cmd =
      app.add_subcommand("generate", "build everything sqlgen.yaml asks for into its output");
  generate_cmd->add_flag("--check", generate_opts.check,
                         "write nothing; print a diff and exit 1 when the output is stale");
  generate_cmd->add_option("--output", generate_opts.output,
                           "output directory (default: the config's output)");
  CLI::App* diff_cmd =
      app.add_subcommand("diff", "same as \"generate --check\": diff the output, write nothing");

  DumpOptions dump_opts;
  CLI::App* dump_cmd = app.add_subcommand(
      "dump", "apply the migrations to a fresh database and write its normalized pg_dump");
  dump_cmd->add_option("--db", dump_opts.db_url,
                       "PostgreSQL URL (default: $SQLGEN_DATABASE_URL, else a throwaway server)");
  dump_cmd
      ->add_option("--mode", dump_opts.mode, "transactions: single (all in one) or per-migration")
      ->check(CLI::IsMember({"single", "per-migration"}));
  CLI::Option* dump_check = dump_cmd->add_flag(
      "--check", dump_opts.check, "compare with the committed dump; exit 1 with a diff on drift");
  dump_cmd->add_option("--output", dump_opts.output,
                       "dump file (default: the config's schema_dump)");
  dump_cmd
      ->add_option("--base", dump_opts.base,
                   "compare with the schema the migrations at this git revision build")
      ->excludes(dump_check);
  dump_cmd->add_flag("--no-cache", dump_opts.no_cache,
                     "build the dump on a server even if the dump cache holds it (see also "
                     "SQLGEN_NO_CACHE=1)");

  std::string fixture_module;
  long long fixture_version = 0;
  CLI::App* fixture_cmd = app.add_subcommand(
      "fixture", "create migrations/<module>/fixtures/<version>.sql for seed data");
  fixture_cmd->add_option("module", fixture_module, "module name")->required();
  fixture_cmd
      ->add_option("version", fixture_version, "migration version (local 1 or namespaced 5001)")
      ->required();

  AnalyzeCmdOptions analyze_opts;
  CLI::App* analyze_cmd =
      app.add_subcommand("analyze", "types, nullability and parameters of every query, as JSON");
  analyze_cmd->add_option("--schema", analyze_opts.schema_paths,
                          "migration files or directories (default: sqlgen.yaml)");
  analyze_cmd->add_option("--queries", analyze_opts.query_paths, "query files or directories");
  analyze_cmd->add_option("--search-path", analyze_opts.search_path, "schemas, comma-separated")
      ->delimiter(',');

  VerifyOptions verify_opts;
  CLI::App* verify_cmd = app.add_subcommand(
      "verify", "PREPARE every query on PostgreSQL and compare its types with sqlgen's analysis");
  verify_cmd->add_option("--schema", verify_opts.schema_paths,
                         "migration files or directories (default: sqlgen.yaml)");
  verify_cmd->add_option("--queries", verify_opts.query_paths, "query files or directories");
  verify_cmd->add_option("--search-path", verify_opts.search_path, "schemas, comma-separated")
      ->delimiter(',');
  verify_cmd->add_option("--db", verify_opts.db_url,
                         "PostgreSQL URL (default: $SQLGEN_DATABASE_URL, else a throwaway server)");
  verify_cmd->add_option("--format", verify_opts.format, "text (a summary line) or json")
      ->check(CLI::IsMember({"text", "json"}));
  verify_cmd->add_flag("--strict", verify_opts.strict, "report type differences as errors");

  VetOptions vet_opts;
  CLI::App* vet_cmd =
      app.add_subcommand("vet", "check the migrations' transaction plan for hazards");
  vet_cmd->add_option("--schema", vet_opts.schema_paths,
                      "migration files or directories (default: sqlgen.yaml)");
  vet_cmd->add_option("--mode", vet_opts.mode, "single (default) or per-migration")
      ->check(CLI::IsMember({"single", "per-migration"}));
  vet_cmd->add_flag("--fix", vet_opts.fix,
                    "rewrite unsafe ALTER TYPE ... ADD VALUE into the recreate pattern");

  InitOptions init_opts;
  CLI::App* init_cmd = app.add_subcommand("init", "write sqlgen.yaml from an existing sqlc config");
  init_cmd
      ->add_option("--from-sqlc", init_opts.sqlc_file,
                   "sqlc.yaml, sqlc.yml or sqlc.json (default: the first found in the current "
                   "directory)")
      ->expected(0, 1)
      ->required();
  init_cmd->add_flag("--force", init_opts.force, "overwrite an existing sqlgen.yaml");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? k_exit_ok : k_exit_usage;
  }

  bool tty = ::isatty(STDERR_FILENO) == 1;
  try {
    int rc = k_exit_ok;
    if (*parse_cmd) rc = run_parse(ctx, parse_paths, parse_json, std::cout);
    if (*schema_cmd) rc = run_schema(ctx, schema_opts, std::cout);
    if (*generate_cmd) rc = run_generate(ctx, generate_opts, std::cout);
    if (*diff_cmd) rc = run_generate(ctx, GenerateOptions{.check = true}, std::cout);
    if (*analyze_cmd) rc = run_analyze(ctx, analyze_opts, std::cout);
    if (*vet_cmd) rc = run_vet(ctx, vet_opts, std::cout);
    if (*verify_cmd) rc = run_verify(ctx, verify_opts, std::cout);
    if (*dump_cmd) rc = run_dump(ctx, dump_opts, std::cout);
    if (*fixture_cmd) rc = run_fixture(ctx, fixture_module, fixture_version, std::cout);
    if (*init_cmd) rc = run_init(ctx, init_opts, std::cout);
    std::cout.flush();
    int diag_rc = ctx.finish(std::cerr, tty);
    return rc != k_exit_ok ? rc : diag_rc;
  } catch (const std::exception& e) {
    finish_after_internal_error(ctx, tty);
    std::cerr << "sqlgen: internal error: " << e.what() << "\n";
    return k_exit_internal;
  } catch (...) {
    finish_after_internal_error(ctx, tty);
    std::cerr << "sqlgen: internal error: an exception of unknown type\n";
    return k_exit_internal;
  }
}
