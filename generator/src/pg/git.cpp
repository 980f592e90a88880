// `git mv` when the file is tracked, else rename(2).
#include "pg/git.hpp"

#include <chrono>
#include <system_error>

#include "pg/process.hpp"

namespace sqlgen::pg {

namespace fs = std::filesystem;

MoveResult move_file(const fs::path& from, const fs::path& to, std::string& error) {
  std::error_code ec;
  if (fs::exists(to, ec)) {
    error = "\"" + to.generic_string() + "\" exists";
    return MoveResult::Failed;
  }
  const fs::path dir = from.parent_path().empty() ? fs::path(".") : from.parent_path();
  detail::SpawnSpec spec;
  spec.argv = {"/usr/bin/env",
               "git",
               "-C",
               dir.string(),
               "mv",
               "--",
               from.filename().string(),
               fs::relative(to, dir, ec).string()};
  if (!ec) {
    detail::RunResult run = detail::run(spec, std::chrono::seconds(60));
    if (run.started && !run.timed_out && detail::succeeded(run.status)) return MoveResult::Git;
  }
  // Not a work tree, git missing, or an untracked file.
  fs::rename(from, to, ec);
  if (ec) {
    error = ec.message();
    return MoveResult::Failed;
  }
  return MoveResult::Renamed;
}

}  // namespace sqlgen::pg
