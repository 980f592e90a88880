// Child processes for pg/: fork + exec with only async-signal-safe calls in the child.
#include "pg/process.hpp"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>

extern char** environ;

namespace sqlgen::pg::detail {

namespace {

using Clock = std::chrono::steady_clock;

/// What the child reports through the exec-status pipe when a step fails.
struct ChildFailure {
  int step;
  int err;
};

constexpr const char* k_step_names[] = {
    "setsid", "redirect output",         "chdir", "setgroups", "setgid",
    "setuid", "set parent-death signal", "exec"};

/// Moves `fd` to a number >= 3 (close-on-exec) so dup2 onto 0..2 cannot clobber it.
int raise_fd(int fd) {
  if (fd < 0 || fd >= 3) return fd;
  int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
  ::close(fd);
  return moved;
}

[[noreturn]] void child_fail(int pipe_fd, int step) {
  ChildFailure f{step, errno};
  ssize_t ignored = ::write(pipe_fd, &f, sizeof f);
  (void)ignored;
  ::_exit(127);
}

/// Closes every fd from 3 up except `keep_a` and `keep_b` (both >= 3, `keep_a` < `keep_b`).
void close_fds_except(int keep_a, int keep_b) {
  const unsigned ranges[3][2] = {
      {3, static_cast<unsigned>(keep_a) - 1},
      {static_cast<unsigned>(keep_a) + 1, static_cast<unsigned>(keep_b) - 1},
      {static_cast<unsigned>(keep_b) + 1, ~0U}};
  for (const auto& [first, last] : ranges) {
    if (first > last) continue;
    if (::close_range(first, last, 0) != 0) {
      for (unsigned fd = first; fd <= last && fd < 4096; ++fd) ::close(static_cast<int>(fd));
    }
  }
}

/// The forked child: only async-signal-safe calls from here to execve.
/// `gate_fd` holds the child before execve until the parent has registered it (one byte); EOF
/// (the parent died or refused) ends it without running anything.
[[noreturn]] void run_child(const SpawnSpec& spec, char* const* argv, int out_fd, int null_fd,
                            int pipe_fd, int gate_fd, pid_t parent) {
  if (spec.new_session && ::setsid() < 0) child_fail(pipe_fd, 0);
  const int err_fd = spec.err_fd >= 0 ? spec.err_fd : out_fd;
  if (::dup2(null_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) {
    child_fail(pipe_fd, 1);
  }
  close_fds_except(std::min(pipe_fd, gate_fd), std::max(pipe_fd, gate_fd));
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD}) ::signal(sig, SIG_DFL);
  if (!spec.cwd.empty() && ::chdir(spec.cwd.c_str()) != 0) child_fail(pipe_fd, 2);
  if (spec.run_as.active) {
    if (::setgroups(spec.run_as.groups.size(), spec.run_as.groups.data()) != 0) {
      child_fail(pipe_fd, 3);
    }
    if (::setgid(spec.run_as.gid) != 0) child_fail(pipe_fd, 4);
    if (::setuid(spec.run_as.uid) != 0) child_fail(pipe_fd, 5);
  }
  // After setuid: changing credentials clears the parent-death signal.
  if (spec.die_with_parent) {
    if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) child_fail(pipe_fd, 6);
    if (::getppid() != parent) ::_exit(127);  // the parent died before prctl
  }
  char go = 0;
  ssize_t n;
  do {
    n = ::read(gate_fd, &go, 1);
  } while (n < 0 && errno == EINTR);
  if (n != 1) ::_exit(127);
  ::execve(argv[0], argv, environ);
  child_fail(pipe_fd, 7);
}

}  // namespace

std::optional<RunAs> lookup_user(const std::string& user, std::string& error) {
  std::vector<char> buf(16384);
  struct passwd pw {};
  struct passwd* found = nullptr;
  int rc = ::getpwnam_r(user.c_str(), &pw, buf.data(), buf.size(), &found);
  if (rc != 0 || found == nullptr) {
    error = "no OS user \"" + user + "\"" + (rc != 0 ? std::string(": ") + std::strerror(rc) : "");
    return std::nullopt;
  }
  RunAs r;
  r.active = true;
  r.uid = pw.pw_uid;
  r.gid = pw.pw_gid;
  int n = 64;
  r.groups.resize(static_cast<size_t>(n));
  while (::getgrouplist(user.c_str(), pw.pw_gid, r.groups.data(), &n) < 0) {
    r.groups.resize(static_cast<size_t>(n) + 1);
    n = static_cast<int>(r.groups.size());
  }
  r.groups.resize(static_cast<size_t>(n));
  return r;
}

pid_t spawn(const SpawnSpec& spec, std::string& error, const std::function<void(pid_t)>& on_spawn) {
  if (spec.argv.empty()) {
    error = "nothing to run";
    return -1;
  }
  std::vector<char*> argv;
  for (const std::string& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  int pipe_fds[2];
  int gate_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    return -1;
  }
  if (::pipe2(gate_fds, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    return -1;
  }
  int null_fd = raise_fd(::open("/dev/null", O_RDWR | O_CLOEXEC));
  int pipe_r = raise_fd(pipe_fds[0]);
  int pipe_w = raise_fd(pipe_fds[1]);
  int gate_r = raise_fd(gate_fds[0]);
  int gate_w = raise_fd(gate_fds[1]);
  int out_fd = spec.out_fd >= 0 ? spec.out_fd : null_fd;
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid == 0) run_child(spec, argv.data(), out_fd, null_fd, pipe_w, gate_r, parent);
  int fork_errno = errno;
  ::close(pipe_w);
  ::close(gate_r);
  ::close(null_fd);
  if (pid < 0) {
    ::close(pipe_r);
    ::close(gate_w);
    error = std::string("fork: ") + std::strerror(fork_errno);
    return -1;
  }
  // The child waits at the gate until whoever must stop it on a signal knows its pid.
  if (on_spawn) on_spawn(pid);
  ssize_t sent;
  do {
    sent = ::write(gate_w, "x", 1);
  } while (sent < 0 && errno == EINTR);
  ::close(gate_w);
  // EOF means the exec succeeded (the pipe is close-on-exec); otherwise the child reports.
  ChildFailure f{};
  ssize_t n;
  do {
    n = ::read(pipe_r, &f, sizeof f);
  } while (n < 0 && errno == EINTR);
  ::close(pipe_r);
  if (n == static_cast<ssize_t>(sizeof f)) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    const char* step = f.step >= 0 && f.step < 8 ? k_step_names[f.step] : "start";
    error = std::string(step) + " \"" + spec.argv[0] + "\": " + std::strerror(f.err);
    return -1;
  }
  return pid;
}

std::optional<int> try_reap(pid_t pid) {
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r == 0) return std::nullopt;
    if (errno == EINTR) continue;
    return 0;  // ECHILD: not ours (any more)
  }
}

std::optional<int> wait_for(pid_t pid, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  auto pause = std::chrono::microseconds(500);
  for (;;) {
    if (auto status = try_reap(pid)) return status;
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(20000));
  }
}

void terminate(pid_t pid, int first, std::chrono::milliseconds timeout) {
  if (pid <= 0) return;
  ::kill(pid, first);
  if (wait_for(pid, timeout)) return;
  ::kill(pid, SIGQUIT);
  if (wait_for(pid, std::chrono::seconds(5))) return;
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);
  (void)wait_for(pid, std::chrono::seconds(5));
}

RunResult run(SpawnSpec spec, std::chrono::milliseconds timeout,
              const std::function<void(pid_t)>& on_spawn) {
  RunResult result;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    result.error = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  int read_fd = raise_fd(fds[0]);
  spec.out_fd = raise_fd(fds[1]);
  pid_t pid = spawn(spec, result.error, on_spawn);
  ::close(spec.out_fd);
  if (pid < 0) {
    ::close(read_fd);
    return result;
  }
  result.started = true;
  auto deadline = Clock::now() + timeout;
  char buf[8192];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    struct pollfd p {
      read_fd, POLLIN, 0
    };
    int rc = ::poll(&p, 1, static_cast<int>(left.count()));
    if (rc < 0 && errno == EINTR) continue;
    if (rc <= 0) break;
    ssize_t n = ::read(read_fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    result.output.append(buf, static_cast<size_t>(n));
  }
  ::close(read_fd);
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  std::optional<int> status = wait_for(pid, std::max(left, std::chrono::milliseconds(0)));
  if (!status) {
    result.timed_out = true;
    ::kill(spec.new_session ? -pid : pid, SIGKILL);
    ::kill(pid, SIGKILL);
    status = wait_for(pid, std::chrono::seconds(5));
  }
  result.status = status.value_or(0);
  return result;
}

bool succeeded(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 0; }

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const char* name = ::sigabbrev_np(WTERMSIG(status));
    return "was killed by signal " + std::to_string(WTERMSIG(status)) +
           (name ? std::string(" (SIG") + name + ")" : "");
  }
  return "stopped with wait status " + std::to_string(status);
}

}  // namespace sqlgen::pg::detail
