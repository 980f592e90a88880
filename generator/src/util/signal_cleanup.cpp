// The signal-cleanup registry: slots written by ordinary threads, read by the handler.
#include "util/signal_cleanup.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>

namespace sqlgen::util {

namespace {

// A slot's life: free -> claimed (being filled by a thread that blocks the signals meanwhile;
// the handler waits for it) -> live -> free, or live -> cleaning -> cleaned (by the handler;
// the process then ends).
enum SlotState : int { k_free = 0, k_claimed = 1, k_live = 2, k_cleaning = 3, k_cleaned = 4 };

struct Slot {
  std::atomic<int> state{k_free};
  std::atomic<pid_t> child{0};
  pid_t owner = 0;
  CleanupKind kind = CleanupKind::file;
  char path[4096] = {};
};

constexpr int k_slots = 512;  // codegen stages every output of a run at once
Slot g_slots[k_slots];
std::atomic<bool> g_dying{false};

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
  if (fd < 0) return errno == ENOENT;
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
        const char* entry = buf + off + k_dirent_name_offset;
        off += d->d_reclen;
        if (std::strcmp(entry, ".") == 0 || std::strcmp(entry, "..") == 0) continue;
        found = true;
        if (remove_at(fd, entry, depth + 1)) progress = true;
      }
    }
    if (!found || !progress) break;
  }
  ::close(fd);
  return ::unlinkat(parent_fd, name, AT_REMOVEDIR) == 0 || errno == ENOENT;
}

/// Removes a slot's path. Other threads may still be writing into a tree (copying a data
/// directory, say): retry until its top is gone, after which nothing can be made inside it
/// (every child process that could recreate it was stopped first or never started).
void remove_path(const Slot& s) {
  if (s.kind == CleanupKind::file) {
    ::unlink(s.path);
    return;
  }
  for (int pass = 0; pass < 2000 && !remove_at(AT_FDCWD, s.path, 0); ++pass) sleep_ms(1);
}

void on_signal(int sig) {
  const int saved_errno = errno;
  g_dying.store(true);
  const pid_t self = ::getpid();
  for (Slot& s : g_slots) {
    // Another thread is creating this slot's path (with the signals blocked, so it is not this
    // thread): wait until it is live or free, else the process could end with the path made
    // but not removed. Bounded: a slot copied claimed into a forked child never changes.
    for (int i = 0; i < 1000 && s.state.load() == k_claimed; ++i) sleep_ms(1);
    int expected = k_live;
    if (s.owner != self || !s.state.compare_exchange_strong(expected, k_cleaning)) continue;
    pid_t child = s.child.exchange(0);
    if (child > 0) stop_signal_safe(child);
    remove_path(s);
    s.state.store(k_cleaned);
  }
  // Hand over to what was there before us (usually the default action: terminate).
  ::sigaction(sig, &g_previous[sig], nullptr);
  ::raise(sig);
  errno = saved_errno;
}

/// Claims a free slot for `tmpl`, or null when all are taken or the path is too long.
Slot* claim(const std::string& tmpl, CleanupKind kind) {
  if (tmpl.size() >= sizeof(Slot::path)) return nullptr;
  for (Slot& s : g_slots) {
    int expected = k_free;
    if (!s.state.compare_exchange_strong(expected, k_claimed)) continue;
    std::memcpy(s.path, tmpl.c_str(), tmpl.size() + 1);
    s.kind = kind;
    s.owner = ::getpid();
    s.child.store(0);
    return &s;
  }
  return nullptr;
}

/// mkstemp or mkdtemp on `path` in place; the fd (files), 0 (directories) or -1.
int create(char* path, CleanupKind kind) {
  if (kind == CleanupKind::file) return ::mkstemp(path);
  return ::mkdtemp(path) != nullptr ? 0 : -1;
}

/// The process is ending: a signal handler in another thread is at work. Never returns.
[[noreturn]] void wait_for_the_end() {
  for (;;) ::pause();
}

}  // namespace

CleanupEntry make_cleaned_up(std::string& tmpl, CleanupKind kind) {
  install_signal_cleanup();
  CleanupEntry e;
  // Signals are blocked in this thread from claiming a slot until the handler can see its path:
  // a handler running here in between would miss it, and one in another thread waits for it.
  sigset_t block;
  sigset_t old;
  ::sigemptyset(&block);
  for (int sig : k_signals) ::sigaddset(&block, sig);
  ::pthread_sigmask(SIG_BLOCK, &block, &old);
  Slot* s = claim(tmpl, kind);
  if (s == nullptr) {
    ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
    int r = create(tmpl.data(), kind);
    if (r < 0) e.error = errno;
    if (kind == CleanupKind::file) e.fd = r;
    return e;
  }
  if (g_dying.load()) {
    // A handler already at work may have passed this slot while it was free: make nothing.
    s->state.store(k_free);
    wait_for_the_end();
  }
  int r = create(s->path, kind);
  if (r < 0) {
    e.error = errno;
    s->state.store(k_free);
  } else {
    s->state.store(k_live);
    e.slot = static_cast<int>(s - g_slots);
    if (kind == CleanupKind::file) e.fd = r;
    tmpl = s->path;
  }
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
  if (e.slot >= 0 && g_dying.load()) {
    // A handler in another thread passed before this slot went live: clean up after it.
    remove_path(*s);
    wait_for_the_end();
  }
  return e;
}

void set_cleanup_child(int slot, pid_t pid) {
  if (slot >= 0) g_slots[slot].child.store(pid);
  if (pid != 0 && g_dying.load()) wait_for_the_end();
}

pid_t take_cleanup_child(int slot) { return slot >= 0 ? g_slots[slot].child.exchange(0) : 0; }

bool cleaned_on_signal(int slot) { return slot >= 0 && g_slots[slot].state.load() >= k_cleaning; }

void release_cleanup(int slot) {
  if (slot < 0) return;
  Slot& s = g_slots[slot];
  // Being cleaned by a handler in another thread: the process is ending.
  if (s.state.load() == k_cleaning) wait_for_the_end();
  s.child.store(0);
  s.state.store(k_free);
}

bool signal_cleanup_dying() { return g_dying.load(); }

void remove_tree_signal_safe(const char* path) { remove_at(AT_FDCWD, path, 0); }

void install_signal_cleanup() {
  std::lock_guard lock(g_install_mutex);
  for (int sig : k_signals) {
    struct sigaction current {};
    ::sigaction(sig, nullptr, &current);
    if (!(current.sa_flags & SA_SIGINFO) &&
        (current.sa_handler == on_signal || current.sa_handler == SIG_IGN)) {
      continue;  // ours already, or deliberately ignored (e.g. nohup, background jobs)
    }
    g_previous[sig] = current;
    struct sigaction ours {};
    ours.sa_handler = on_signal;
    sigfillset(&ours.sa_mask);
    ours.sa_flags = SA_RESTART;
    ::sigaction(sig, &ours, nullptr);
  }
}

}  // namespace sqlgen::util
