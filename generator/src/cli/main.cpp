// sqlgen's entry point: the global options, every subcommand's command line (registered by its
// cmd_*.cpp), then the one given runs and the diagnostics it gathered are printed.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/subcommands.hpp"
#include "util/heap.hpp"
#include "util/parallel.hpp"
#include "util/retire.hpp"
#include "util/stack.hpp"

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

void add_global_options(CLI::App& app, Context& ctx, unsigned& jobs) {
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
  app.add_option("-j,--jobs", jobs, "threads to use (default: one per core)")
      ->envname("SQLGEN_JOBS")
      ->check(CLI::Range(1u, 1024u));
}

int run(int argc, char** argv) {
  Context ctx;
  unsigned jobs = 0;
  CLI::App app{"sqlgen: typed C++ from PostgreSQL queries, and a guard for the schema"};
  add_global_options(app, ctx, jobs);
  const std::vector<Subcommand> subcommands = {
      add_parse_command(app),   add_schema_command(app),  add_generate_command(app),
      add_diff_command(app),    add_dump_command(app),    add_fixture_command(app),
      add_analyze_command(app), add_verify_command(app),  add_vet_command(app),
      add_init_command(app),    add_migrate_command(app), add_db_command(app),
      add_create_command(app),  add_renumber_command(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? k_exit_ok : k_exit_usage;
  }
  sqlgen::util::set_jobs(jobs);

  bool tty = ::isatty(STDERR_FILENO) == 1;
  try {
    int rc = k_exit_ok;
    for (const Subcommand& s : subcommands) {
      if (*s.app) rc = s.run(ctx, std::cout);
    }
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

}  // namespace

int main(int argc, char** argv) {
  // Before any thread: the heap in huge pages (page faults were a third of a cold run).
  sqlgen::util::use_huge_page_heap();
  // The process ends after the command: what it no longer needs is left to the exit.
  sqlgen::util::set_keep_at_exit(true);
  // Deeply nested statements recurse deeply (libpg_query, the AST, the analysis): a large
  // stack for the command and its worker threads; parse/ refuses what would not fit.
  return sqlgen::util::run_with_stack(sqlgen::util::k_main_stack_bytes,
                                      [&] { return run(argc, argv); });
}
