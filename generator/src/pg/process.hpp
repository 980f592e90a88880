#pragma once
/// Internal to pg/: spawning child processes (as another user, in their own session, killed
/// when sqlgen dies) and waiting for them, always with a timeout.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sqlgen::pg::detail {

/// The identity a child switches to before exec; inactive = keep ours.
struct RunAs {
  bool active = false;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;
};

/// Looks `user` up; nullopt and `error` set when it does not exist.
std::optional<RunAs> lookup_user(const std::string& user, std::string& error);

/// What to run and how.
struct SpawnSpec {
  std::vector<std::string> argv;  ///< argv[0] is the program's path
  std::string cwd;                ///< "" = inherit
  int out_fd = -1;                ///< stdout and stderr; -1 = /dev/null
  int err_fd = -1;                ///< stderr apart from stdout (fd >= 3); -1 = same as stdout
  RunAs run_as;
  bool new_session = false;      ///< setsid(): terminal signals do not reach it
  bool die_with_parent = false;  ///< PR_SET_PDEATHSIG SIGKILL
};

/// Forks and execs `spec`; the pid, or -1 with `error` set (exec failures included).
/// `on_spawn` gets the pid before the child may exec (it waits at a gate until then; should the
/// process die first, the child ends there without running anything).
pid_t spawn(const SpawnSpec& spec, std::string& error,
            const std::function<void(pid_t)>& on_spawn = {});

/// The wait status once `pid` has exited, nullopt while it runs. A pid that is not our child
/// (already reaped) counts as exited with status 0.
std::optional<int> try_reap(pid_t pid);

/// Waits up to `timeout` for `pid`; the wait status, or nullopt on timeout.
std::optional<int> wait_for(pid_t pid, std::chrono::milliseconds timeout);

/// Sends `first` (SIGINT, SIGTERM, ...) and waits `timeout`, then SIGQUIT, then SIGKILL to the
/// process group; returns once `pid` is reaped or the last wait timed out.
void terminate(pid_t pid, int first, std::chrono::milliseconds timeout);

/// The outcome of run().
struct RunResult {
  bool started = false;
  bool timed_out = false;
  int status = 0;      ///< wait status
  std::string output;  ///< stdout and stderr
  std::string error;   ///< why it could not start
};

/// Runs `spec` to completion, capturing its output; killed after `timeout`. `on_spawn` is
/// spawn()'s: it gets the pid before the child may exec.
RunResult run(SpawnSpec spec, std::chrono::milliseconds timeout,
              const std::function<void(pid_t)>& on_spawn = {});

/// True when `status` is a normal exit with code 0.
bool succeeded(int status);

/// "exited with status 1", "was killed by signal 9".
std::string describe_status(int status);

}  // namespace sqlgen::pg::detail
