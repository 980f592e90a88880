// The live-cluster registry and the signal handler that cleans it up.
#include "pg/live_clusters.hpp"

#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstring>
#include <ctime>
#include <mutex>

#include "pg/cluster.hpp"

namespace sqlgen::pg {

namespace detail {

namespace {

enum SlotState : int { k_free = 0, k_claimed = 1, k_live = 2, k_cleaned = 3, k_cleaning = 4 };

struct Slot {
  std::atomic<int> state{k_free};
  std::atomic<pid_t> child{0};
  pid_t owner = 0;
  char dir[1024] = {};
};

constexpr int k_slots = 32;
Slot g_slots[k_slots];

constexpr int k_signals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction g_previous[NSIG];
std::mutex g_install_mutex;

/// The fixed part of what getdents64 fills in; the name follows d_type.
struct LinuxDirent64 {
  ino64_t d_ino;
  off64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
};
constexpr size_t k_dirent_name_offset = offsetof(LinuxDirent64, d_type) + 1;

void sleep_ms(long ms) {
  struct timespec ts {
    ms / 1000, (ms % 1000) * 1000000L
  };
  while (::nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

/// Polls waitpid for up to `ms`; true once `pid` is reaped or not our child.
bool reap_within(pid_t pid, long ms) {
  for (long waited = 0;; waited += 2) {
    int status;
    pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid || (r < 0 && errno == ECHILD)) return true;
    if (waited >= ms) return false;
    sleep_ms(2);
  }
}

/// Fast shutdown, then immediate, then SIGKILL to the whole process group.
void stop_signal_safe(pid_t pid) {
  ::kill(pid, SIGINT);
  if (reap_within(pid, 3000)) return;
  ::kill(pid, SIGQUIT);
  if (reap_within(pid, 2000)) return;
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);
  reap_within(pid, 2000);
}

/// Removes `name` under `parent_fd`, recursing into directories; true once it is gone.
bool remove_at(int parent_fd, const char* name, int depth) {
  if (::unlinkat(parent_fd, name, 0) == 0 || errno == ENOENT) return true;
  if ((errno != EISDIR && errno != EPERM) || depth > 64) return false;
  int fd = ::openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  alignas(LinuxDirent64) char buf[2048];
  // Deleting while listing: list again until a pass finds nothing or removes nothing.
  for (;;) {
    bool found = false;
    bool progress = false;
    ::lseek(fd, 0, SEEK_SET);
    for (;;) {
      long n = ::syscall(SYS_getdents64, fd, buf, sizeof buf);
      if (n <= 0) break;
      for (long off = 0; off < n;) {
        const auto* d = reinterpret_cast<const LinuxDirent64*>(buf + off);
        const char* name = buf + off + k_dirent_name_offset;
        off += d->d_reclen;
        if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
        found = true;
        if (remove_at(fd, name, depth + 1)) progress = true;
      }
    }
    if (!found || !progress) break;
  }
  ::close(fd);
  return ::unlinkat(parent_fd, name, AT_REMOVEDIR) == 0 || errno == ENOENT;
}

void on_signal(int sig) {
  int saved_errno = errno;
  pid_t self = ::getpid();
  for (Slot& s : g_slots) {
    int expected = k_live;
    if (s.owner != self || !s.state.compare_exchange_strong(expected, k_cleaning)) continue;
    pid_t child = s.child.exchange(0);
    if (child > 0) stop_signal_safe(child);
    remove_tree(s.dir);
    s.state.store(k_cleaned);
  }
  // Hand over to what was there before us (usually the default action: terminate).
  ::sigaction(sig, &g_previous[sig], nullptr);
  ::raise(sig);
  errno = saved_errno;
}

}  // namespace

int register_cluster(const std::string& dir) {
  if (dir.size() >= sizeof(Slot::dir)) return -1;
  install_cleanup_handlers();
  for (int i = 0; i < k_slots; ++i) {
    int expected = k_free;
    if (!g_slots[i].state.compare_exchange_strong(expected, k_claimed)) continue;
    Slot& s = g_slots[i];
    s.owner = ::getpid();
    s.child.store(0);
    std::memcpy(s.dir, dir.c_str(), dir.size() + 1);
    s.state.store(k_live);
    return i;
  }
  return -1;
}

void set_child(int slot, pid_t pid) {
  if (slot >= 0) g_slots[slot].child.store(pid);
}

pid_t take_child(int slot) { return slot >= 0 ? g_slots[slot].child.exchange(0) : 0; }

bool cleaned_by_handler(int slot) { return slot >= 0 && g_slots[slot].state.load() >= k_cleaned; }

void unregister_cluster(int slot) {
  if (slot >= 0) g_slots[slot].state.store(k_free);
}

void remove_tree(const char* path) { remove_at(AT_FDCWD, path, 0); }

}  // namespace detail

void install_cleanup_handlers() {
  std::lock_guard lock(detail::g_install_mutex);
  for (int sig : detail::k_signals) {
    struct sigaction current {};
    ::sigaction(sig, nullptr, &current);
    if (!(current.sa_flags & SA_SIGINFO) &&
        (current.sa_handler == detail::on_signal || current.sa_handler == SIG_IGN)) {
      continue;  // ours already, or deliberately ignored (e.g. nohup, background jobs)
    }
    detail::g_previous[sig] = current;
    struct sigaction ours {};
    ours.sa_handler = detail::on_signal;
    sigfillset(&ours.sa_mask);
    ours.sa_flags = SA_RESTART;
    ::sigaction(sig, &ours, nullptr);
  }
}

}  // namespace sqlgen::pg
