#pragma once
/// The command line of each subcommand, defined next to its run_* function: add_*_command
/// registers the subcommand and its options on the app and returns what runs it once parsed.

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace sqlgen::cli {

/// A registered subcommand: its CLI11 app (true once given) and what runs it.
struct Subcommand {
  CLI::App* app = nullptr;
  std::function<int(Context&, std::ostream&)> run;
};

/// The Subcommand running `run(ctx, *opts, out)` when `cmd` was given; `opts` (filled by the
/// parse) lives as long as the Subcommand.
template <class Options>
Subcommand runs(CLI::App* cmd, std::shared_ptr<Options> opts,
                int (*run)(Context&, const Options&, std::ostream&)) {
  return {cmd, [opts, run](Context& ctx, std::ostream& out) { return run(ctx, *opts, out); }};
}

/// "1 migration", "3 migrations"; `many` defaults to `one` + "s" ("1 query", "2 queries").
std::string counted(size_t n, const std::string& one, const std::string& many = "");

/// `--schema`, `--queries` and `--search-path`: the project's inputs named on the command line
/// instead of sqlgen.yaml's (analyze, verify).
void add_input_options(CLI::App& cmd, std::vector<std::string>& schema_paths,
                       std::vector<std::string>& query_paths,
                       std::vector<std::string>& search_path);

Subcommand add_parse_command(CLI::App& app);     ///< cmd_parse.cpp
Subcommand add_schema_command(CLI::App& app);    ///< cmd_schema.cpp
Subcommand add_generate_command(CLI::App& app);  ///< cmd_generate.cpp
Subcommand add_diff_command(CLI::App& app);      ///< cmd_generate.cpp
Subcommand add_dump_command(CLI::App& app);      ///< cmd_dump.cpp
Subcommand add_fixture_command(CLI::App& app);   ///< cmd_fixture.cpp
Subcommand add_analyze_command(CLI::App& app);   ///< cmd_analyze.cpp
Subcommand add_verify_command(CLI::App& app);    ///< cmd_verify.cpp
Subcommand add_vet_command(CLI::App& app);       ///< cmd_vet.cpp
Subcommand add_init_command(CLI::App& app);      ///< cmd_init.cpp
Subcommand add_migrate_command(CLI::App& app);   ///< cmd_migrate.cpp
Subcommand add_db_command(CLI::App& app);        ///< cmd_db.cpp
Subcommand add_create_command(CLI::App& app);    ///< cmd_create.cpp
Subcommand add_renumber_command(CLI::App& app);  ///< cmd_renumber.cpp

}  // namespace sqlgen::cli
