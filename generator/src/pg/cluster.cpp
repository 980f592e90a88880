// Cluster: a throwaway PostgreSQL in a temp dir, reachable only through its unix socket.
#include "pg/cluster.hpp"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <thread>

#include "pg/conninfo.hpp"
#include "pg/data_dir.hpp"
#include "pg/libpq.hpp"
#include "pg/process.hpp"
#include "pg/template_cache.hpp"
#include "util/cache.hpp"
#include "util/fs.hpp"
#include "util/signal_cleanup.hpp"

namespace sqlgen::pg {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

/// The unix socket path limit (sun_path) leaves room for "/.s.PGSQL.<port>.lock".
constexpr size_t k_max_socket_dir = 90;

diag::Diagnostic start_error(const std::string& why) {
  return diag::make(diag::DiagId::err_pg_start, {}, {why});
}

/// Attaches `log_tail`'s lines as notes.
diag::Diagnostic with_log(diag::Diagnostic d, const std::string& log_tail) {
  std::istringstream lines(log_tail);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) d.note(diag::DiagId::note_generic, {}, {"server.log: " + line});
  }
  return d;
}

/// The last `n` lines of `text`.
std::string last_lines(const std::string& text, size_t n) {
  size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  for (size_t seen = 0; pos > 0; --pos) {
    if (text[pos - 1] == '\n' && ++seen == n) break;
  }
  return text.substr(pos);
}

bool fits_socket_path(const fs::path& base, int port) {
  return (base / "sqlgen-pg.XXXXXX").string().size() + std::to_string(port).size() <=
         k_max_socket_dir;
}

/// A writable tmpfs with at least 1 GiB free.
bool is_roomy_tmpfs(const char* dir) {
  struct statfs st {};
  return ::statfs(dir, &st) == 0 && st.f_type == TMPFS_MAGIC && ::access(dir, W_OK | X_OK) == 0 &&
         static_cast<unsigned long long>(st.f_bavail) * st.f_bsize >= (1ull << 30);
}

}  // namespace

namespace detail {

Result<> make_data_dir(const Binaries& binaries, const fs::path& data, const RunAs& run_as,
                       const ClusterOptions& options, const std::function<void(pid_t)>& on_child,
                       bool& from_cache) {
  std::optional<Owner> owner;
  if (run_as.active) owner = Owner{run_as.uid, run_as.gid};

  fs::path cache_dir = options.cache_dir.empty() ? default_cache_dir() : options.cache_dir;
  std::string key = template_key(binaries.version, run_as.active ? run_as.uid : ::geteuid());
  bool use_cache = options.use_template_cache && util::prepare_cache_dir(cache_dir);
  if (use_cache) {
    if (std::optional<fs::path> cached = cached_template(cache_dir, key)) {
      if (copy_tree(*cached, data, owner).empty()) {
        from_cache = true;
        return {};
      }
      std::error_code ec;
      fs::remove_all(data, ec);  // a broken cache entry: fall back to initdb
    }
  }

  SpawnSpec spec;
  spec.argv = {binaries.initdb().string(),
               "-D",
               data.string(),
               "-U",
               "postgres",
               "--auth=trust",
               "-E",
               "UTF8",
               "--locale=C",
               "--no-sync"};
  spec.cwd = data.parent_path().string();
  spec.run_as = run_as;
  spec.new_session = true;
  spec.die_with_parent = true;
  RunResult r = run(spec, options.start_timeout, on_child);
  if (on_child) on_child(0);
  if (!r.started) return start_error("initdb: " + r.error);
  if (r.timed_out || !succeeded(r.status)) {
    std::string why = r.timed_out ? "timed out" : describe_status(r.status);
    diag::Diagnostic d = start_error("initdb " + why);
    std::istringstream lines(last_lines(r.output, 10));
    for (std::string line; std::getline(lines, line);) {
      d.note(diag::DiagId::note_generic, {}, {"initdb: " + line});
    }
    return d;
  }
  if (use_cache) (void)store_template(cache_dir, key, data);  // best effort
  return {};
}

}  // namespace detail

fs::path default_base_dir(int port) {
  fs::path base;
  std::error_code ec;
  if (const char* env = std::getenv("SQLGEN_PG_TMPDIR"); env && *env) {
    base = env;
  } else if (is_roomy_tmpfs("/dev/shm")) {
    base = "/dev/shm";
  } else {
    base = fs::temp_directory_path(ec);
  }
  return !ec && fits_socket_path(base, port) ? base : fs::path("/tmp");
}

Result<std::unique_ptr<Cluster>> Cluster::start(const ClusterOptions& options) {
  Result<Binaries> binaries = find_binaries(options.bindir);
  if (!binaries) return binaries.error();
  // Readiness is polled with libpq: fail before creating anything when it cannot be loaded.
  if (Result<const Libpq*> lib = load_libpq(); !lib) return lib.error();
  std::unique_ptr<Cluster> c(new Cluster());
  c->m_binaries = *binaries;
  c->m_port = options.port;
  c->m_owner = ::getpid();
  c->m_stop_timeout = options.stop_timeout;
  if (::geteuid() == 0) {
    // PostgreSQL refuses to run as root.
    std::string err;
    std::optional<detail::RunAs> user = detail::lookup_user(options.run_as_user, err);
    if (!user) return start_error("running as root and cannot switch to another user: " + err);
    c->m_run_as_other = true;
    c->m_uid = user->uid;
    c->m_gid = user->gid;
    c->m_groups = user->groups;
  }

  fs::path base = options.base_dir.empty() ? default_base_dir(options.port) : options.base_dir;
  if (!fits_socket_path(base, options.port)) {
    return start_error("the socket path in \"" + base.string() + "\" would be too long");
  }
  std::string tmpl = (base / "sqlgen-pg.XXXXXX").string();
  // Registered for removal on SIGINT/SIGTERM/SIGHUP, with whatever runs in it (initdb, the
  // server), from the moment it exists.
  util::CleanupEntry dir = util::make_cleaned_up(tmpl, util::CleanupKind::tree);
  if (dir.error != 0) {
    return start_error("cannot create a directory in \"" + tmpl +
                       "\": " + std::strerror(dir.error));
  }
  c->m_dir = tmpl;
  c->m_slot = dir.slot;
  if (c->m_run_as_other && ::chown(tmpl.c_str(), c->m_uid, c->m_gid) != 0) {
    return start_error("chown \"" + tmpl + "\": " + std::strerror(errno));
  }

  // From here on, returning an error destroys `c`, which stops and removes everything.
  if (Result<> r = c->prepare_data_dir(options); !r) return r.error();
  if (Result<> r = c->launch(options); !r) return r.error();
  if (Result<> r = c->wait_until_ready(options.start_timeout); !r) return r.error();
  return Result<std::unique_ptr<Cluster>>(std::move(c));
}

Result<> Cluster::prepare_data_dir(const ClusterOptions& options) {
  int slot = m_slot;
  return detail::make_data_dir(
      m_binaries, m_dir / "data", {m_run_as_other, m_uid, m_gid, m_groups}, options,
      [slot](pid_t pid) { util::set_cleanup_child(slot, pid); }, m_from_cache);
}

Result<> Cluster::launch(const ClusterOptions& options) {
  fs::path log = m_dir / "server.log";
  int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0) return start_error("open \"" + log.string() + "\": " + std::strerror(errno));
  if (m_run_as_other && ::fchown(log_fd, m_uid, m_gid) != 0) {
    ::close(log_fd);
    return start_error("chown \"" + log.string() + "\": " + std::strerror(errno));
  }

  detail::SpawnSpec spec;
  spec.argv = {
      m_binaries.postgres().string(), "-D", (m_dir / "data").string(), "-k", m_dir.string(), "-p",
      std::to_string(m_port)};
  // Throwaway data: durability off, nothing that wakes up on its own, and dynamic shared
  // memory in data/pg_dynshmem rather than /dev/shm, so even a SIGKILL leaves it in our dir.
  std::vector<std::pair<std::string, std::string>> settings = {
      {"listen_addresses", ""},
      {"fsync", "off"},
      {"synchronous_commit", "off"},
      {"full_page_writes", "off"},
      {"autovacuum", "off"},
      {"jit", "off"},
      {"dynamic_shared_memory_type", "mmap"},
  };
  settings.insert(settings.end(), options.settings.begin(), options.settings.end());
  for (const auto& [name, value] : settings) {
    spec.argv.push_back("-c");
    spec.argv.push_back(name + "=" + value);
  }
  spec.cwd = m_dir.string();
  spec.out_fd = log_fd;
  spec.run_as = {m_run_as_other, m_uid, m_gid, m_groups};
  spec.new_session = true;
  spec.die_with_parent = true;
  std::string err;
  int slot = m_slot;
  pid_t pid = detail::spawn(spec, err, [slot](pid_t p) { util::set_cleanup_child(slot, p); });
  ::close(log_fd);
  if (pid < 0) return start_error(err);
  m_pid = pid;
  return {};
}

Result<> Cluster::wait_until_ready(std::chrono::milliseconds timeout) {
  std::string info = conninfo("postgres");
  auto deadline = Clock::now() + timeout;
  auto pause = std::chrono::milliseconds(2);
  for (;;) {
    if (std::optional<int> status = detail::try_reap(m_pid)) {
      take_pid();
      return with_log(start_error("the server " + detail::describe_status(*status)), log_tail());
    }
    if (pq().PQping(info.c_str()) == PQPING_OK) return {};
    if (Clock::now() >= deadline) {
      auto secs = std::chrono::duration_cast<std::chrono::seconds>(timeout).count();
      return with_log(start_error("the server did not accept connections within " +
                                  std::to_string(secs) + " s"),
                      log_tail());
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

pid_t Cluster::take_pid() {
  pid_t pid = m_slot >= 0 ? util::take_cleanup_child(m_slot) : m_pid;
  m_pid = 0;
  return pid;
}

pid_t Cluster::pid() const { return m_pid; }

void Cluster::stop() {
  if (m_owner != ::getpid()) return;  // a forked child's copy: the parent owns the server
  pid_t pid = take_pid();
  if (pid > 0) {
    // Registered while it stops: a signal meanwhile stops and reaps the server as well,
    // instead of leaving it running after sqlgen has died (its directory removed under it).
    if (m_slot >= 0) util::set_cleanup_child(m_slot, pid);
    detail::terminate(pid, SIGINT, m_stop_timeout);
    if (m_slot >= 0) util::take_cleanup_child(m_slot);
  }
  if (!m_dir.empty()) {
    if (!util::cleaned_on_signal(m_slot)) {
      std::error_code ec;
      fs::remove_all(m_dir, ec);
    }
    m_dir.clear();
  }
  util::release_cleanup(m_slot);
  m_slot = -1;
}

Cluster::~Cluster() { stop(); }

std::string Cluster::conninfo(const std::string& dbname) const {
  return detail::build_conninfo({{"host", m_dir.string()},
                                 {"port", std::to_string(m_port)},
                                 {"user", "postgres"},
                                 {"dbname", dbname.empty() ? "postgres" : dbname}});
}

std::string Cluster::log_tail(size_t lines) const {
  util::ReadResult log = util::read_file(m_dir / "server.log");
  return log.text ? last_lines(*log.text, lines) : std::string();
}

}  // namespace sqlgen::pg
