#pragma once
// Shared by the codegen tests: running `sqlgen generate` in-process on a config, copies of
// the golden case, and compiling C++ against generated headers.

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "cli/commands.hpp"
#include "codegen/view.hpp"
#include "support/run.hpp"
#include "util/fs.hpp"

namespace sqlgen::testing {

/// A JSON value as a template view (numbers become their JSON text, as a template prints them).
codegen::View to_view(const nlohmann::json& j);

/// tests/cases/codegen/<name>.
std::filesystem::path codegen_case(const std::string& name);

/// What `sqlgen generate` printed and returned (exit code as main.cpp computes it).
struct GenerateRun {
  int exit_code = 0;
  std::string out;
  std::string diagnostics;
};

/// Runs run_generate on `config` with `opts`.
GenerateRun generate(const std::filesystem::path& config, const cli::GenerateOptions& opts = {});

/// Runs generate on `root`/sqlgen.yaml, which must succeed (its diagnostics are shown when it
/// does not), and returns `root`/`generated`, a file it wrote.
std::string generate_and_read(const std::filesystem::path& root, const std::string& generated);

/// Copies tests/cases/codegen/<name> (migrations, queries, config, expected output) into `dir`.
void copy_case(const std::string& name, const std::filesystem::path& dir);
/// The `templates:` line copy_case writes into a copied case's sqlgen.yaml, with a copy of the
/// repo's templates beside it (the case's own relative path leads nowhere from the copy).
std::string copied_case_templates_line();

/// Reads a file that must exist.
std::string read_text(const std::filesystem::path& path);

/// The C++ compiler tests invoke (the one CMake uses, else c++).
std::string cxx();

/// `cxx -std=c++20 -Wall -Wextra -Wpedantic -Werror -I<runtime> ...` plus `args`; returns the
/// exit code and the compiler's output.
std::pair<int, std::string> compile(const std::string& args);

/// Compiles tests/cases/codegen/<name>/program.cpp against the case's expected/ headers (the
/// compile must succeed) and runs it with `conninfo` as its argument.
RunResult run_case_program(const std::string& name, const std::string& conninfo);

/// A project directory and a sqlgen cache dir of its own, both in one temp dir: what the stamp
/// tests run sqlgen in.
class CachedProject {
 public:
  explicit CachedProject(const std::string& prefix) : m_tmp(prefix) {}

  std::filesystem::path dir() const { return m_tmp.path() / "project"; }
  std::filesystem::path cache() const { return m_tmp.path() / "cache"; }

  /// Writes `text` to `rel` under dir() (atomically: a new inode).
  void write(const std::string& rel, const std::string& text) const;

  /// `sqlgen ARGS` in dir() with cache() as its cache dir, SQLGEN_NO_CACHE unset, and the
  /// `env` assignments; what it printed goes to the test's log.
  RunResult run_sqlgen(const std::string& args, const std::string& env = "") const;

 private:
  util::TempDir m_tmp;
};

}  // namespace sqlgen::testing
