// The `dump --base` checkout: git rev-parse / ls-tree / archive and tar, run through
// pg/process (stdout captured, stderr apart for the error message, stdin from /dev/null).
#include "pg/base_checkout.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

#include "pg/cluster.hpp"
#include "pg/process.hpp"
#include "util/fs.hpp"

namespace sqlgen::pg {

namespace fs = std::filesystem;
using diag::DiagId;

namespace {

/// How long a helper program may take (git on a large repository, tar); then it is stopped.
constexpr std::chrono::minutes k_tool_timeout{10};

/// `name` looked up in $PATH (a name with a '/' as is); "" when not found.
fs::path find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  for (const fs::path& dir : detail::path_dirs()) {
    if (detail::is_executable(dir / name)) return dir / name;
  }
  return {};
}

/// The first line of a tool's stderr without git's "fatal: "/"error: ", else its exit status.
std::string first_error_line(const std::string& err, int status) {
  std::string msg = err.substr(0, err.find('\n'));
  for (std::string_view prefix : {"fatal: ", "error: "}) {
    if (msg.rfind(prefix, 0) == 0) msg.erase(0, prefix.size());
  }
  if (!msg.empty()) return msg;
  return WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                           : detail::describe_status(status);
}

/// Runs `argv` (argv[0] looked up in PATH), which must succeed: its stdout, or nullopt with
/// err_dump_tool reported as "`what` failed: <why>".
std::optional<std::string> must_run(const std::vector<std::string>& argv, const std::string& what,
                                    diag::DiagnosticEngine& diags) {
  auto fail = [&](const std::string& why) {
    diags.report(diag::make(DiagId::err_dump_tool, {}, {what, why}));
    return std::nullopt;
  };
  detail::SpawnSpec spec;
  spec.argv = argv;
  spec.argv[0] = find_program(argv[0]).string();
  if (spec.argv[0].empty()) return fail(argv[0] + ": " + std::strerror(ENOENT));
  util::TempDir tmp("sqlgen-tool");
  const fs::path err_path = tmp.path() / "err";
  spec.err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (spec.err_fd < 0) return fail(err_path.string() + ": " + std::strerror(errno));
  detail::RunResult run = detail::run(spec, k_tool_timeout);
  ::close(spec.err_fd);
  if (!run.started) return fail(run.error);
  if (run.timed_out) {
    return fail(argv[0] + ": did not finish within " + std::to_string(k_tool_timeout.count()) +
                " minutes");
  }
  if (!detail::succeeded(run.status)) {
    return fail(first_error_line(util::read_file(err_path).text.value_or(""), run.status));
  }
  return std::move(run.output);
}

std::string trim_newline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

std::optional<config::Config> checkout_base(const fs::path& config_path, const std::string& rev,
                                            const fs::path& into, diag::DiagnosticEngine& diags) {
  const std::string config_dir =
      config_path.parent_path().empty() ? "." : config_path.parent_path().string();
  std::optional<std::string> top =
      must_run({"git", "-C", config_dir, "rev-parse", "--show-toplevel"}, "git rev-parse", diags);
  std::optional<std::string> prefix =
      must_run({"git", "-C", config_dir, "rev-parse", "--show-prefix"}, "git rev-parse", diags);
  if (!top || !prefix) return std::nullopt;
  const std::string repo = trim_newline(*top);
  std::optional<std::string> commit =
      must_run({"git", "-C", repo, "rev-parse", "--verify", "--quiet", rev + "^{commit}"},
               "git rev-parse \"" + rev + "\"", diags);
  if (!commit) return std::nullopt;
  const std::string sha = trim_newline(*commit);
  const fs::path tree = into / "tree";
  fs::create_directories(tree);
  auto extract = [&](const std::vector<std::string>& paths) {
    std::vector<std::string> argv = {
        "git", "-C", repo, "archive", "--format=tar", "--output=" + (into / "base.tar").string(),
        sha,   "--"};
    argv.insert(argv.end(), paths.begin(), paths.end());
    return must_run(argv, "git archive " + rev, diags) &&
           must_run({"tar", "-xf", (into / "base.tar").string(), "-C", tree.string()}, "tar",
                    diags);
  };
  const fs::path rel_prefix = trim_newline(*prefix);
  const fs::path rel_config = (rel_prefix / config_path.filename()).lexically_normal();
  if (!extract({rel_config.generic_string()})) return std::nullopt;
  std::optional<config::Config> config = config::load_config(tree / rel_config, diags);
  if (!config) return std::nullopt;
  std::vector<std::string> dirs;
  for (const config::Module& m : config->modules) {
    for (const config::SourcePath& source_path : m.migrations) {
      std::string rel = (rel_prefix / source_path.path).lexically_normal().generic_string();
      while (rel.size() > 1 && rel.back() == '/') rel.pop_back();
      if (rel.starts_with("..")) continue;  // outside the repository: reported as missing
      // A directory or a file (list-form schema sources name files too).
      std::optional<std::string> listed = must_run(
          {"git", "-C", repo, "ls-tree", "--name-only", sha, "--", rel}, "git ls-tree", diags);
      if (!listed) return std::nullopt;
      if (!listed->empty()) dirs.push_back(rel);
    }
  }
  if (!dirs.empty() && !extract(dirs)) return std::nullopt;
  return config;
}

}  // namespace sqlgen::pg
