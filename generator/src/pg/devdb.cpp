// The development database in `.sqlgen/postgres/`: found running, or started and left running.
#include "pg/devdb.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>

#include "pg/conninfo.hpp"
#include "pg/data_dir.hpp"
#include "pg/libpq.hpp"
#include "pg/pg_exec.hpp"
#include "pg/process.hpp"
#include "util/fs.hpp"

namespace sqlgen::pg {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

/// The port only names the socket file: the server listens on no TCP port.
constexpr int k_port = 5432;
/// sun_path's size on Linux, terminating NUL included.
constexpr size_t k_sun_path = 108;

diag::Diagnostic devdb_error(const std::string& why) {
  return diag::make(diag::DiagId::err_devdb, {}, {why});
}

/// The postmaster's pid from data/postmaster.pid; 0 when there is none.
pid_t postmaster_pid(const fs::path& dir) {
  util::ReadResult r = util::read_file(dir / "data" / "postmaster.pid");
  if (!r.text) return 0;
  return static_cast<pid_t>(std::atol(r.text->c_str()));
}

/// True while `pid` exists (reaping it first when it is our exited child).
bool alive(pid_t pid) {
  if (pid <= 0) return false;
  int status = 0;
  (void)::waitpid(pid, &status, WNOHANG);
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

/// An exclusive lock on `dir/lock`, held while this lives.
class StartLock {
 public:
  explicit StartLock(const fs::path& dir) {
    m_fd = ::open((dir / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd >= 0) {
      while (::flock(m_fd, LOCK_EX) != 0 && errno == EINTR) {
      }
    }
  }
  ~StartLock() {
    if (m_fd >= 0) ::close(m_fd);
  }
  StartLock(const StartLock&) = delete;
  StartLock& operator=(const StartLock&) = delete;

 private:
  int m_fd = -1;
};

/// The last `n` lines of server.log as notes.
diag::Diagnostic with_log(diag::Diagnostic d, const fs::path& dir) {
  util::ReadResult log = util::read_file(dir / "server.log");
  if (!log.text) return d;
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < log.text->size()) {
    size_t end = std::min(log.text->find('\n', start), log.text->size());
    lines.push_back(log.text->substr(start, end - start));
    start = end + 1;
  }
  for (size_t i = lines.size() > 10 ? lines.size() - 10 : 0; i < lines.size(); ++i) {
    if (!lines[i].empty()) d.note(diag::DiagId::note_generic, {}, {"server.log: " + lines[i]});
  }
  return d;
}

/// Creates k_dev_database when the running server lacks it.
Result<> ensure_database(const DevDatabase& db) {
  Result<ConnPtr> conn = detail::connect(db.conninfo("postgres"), "sqlgen");
  if (!conn) return conn.error();
  detail::Rows rows;
  if (auto e = detail::exec(conn->get(), "SELECT 1 FROM pg_database WHERE datname = $1",
                            {k_dev_database}, &rows)) {
    return devdb_error(e->primary);
  }
  if (!rows.empty()) return {};
  if (auto e = detail::exec(conn->get(), std::string("CREATE DATABASE ") + k_dev_database)) {
    if (e->sqlstate != "42P04") return devdb_error(e->primary);  // created meanwhile: fine
  }
  return {};
}

/// Starts the server on an initialized data dir and waits until it accepts connections.
Result<pid_t> launch(const fs::path& dir, const Binaries& binaries, const detail::RunAs& run_as,
                     std::chrono::milliseconds timeout) {
  fs::path log = dir / "server.log";
  int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0) return devdb_error("open \"" + log.string() + "\": " + std::strerror(errno));
  if (run_as.active && ::fchown(log_fd, run_as.uid, run_as.gid) != 0) {
    ::close(log_fd);
    return devdb_error("chown \"" + log.string() + "\": " + std::strerror(errno));
  }
  detail::SpawnSpec spec;
  spec.argv = {binaries.postgres().string(),
               "-D",
               (dir / "data").string(),
               "-k",
               dir.string(),
               "-p",
               std::to_string(k_port),
               "-c",
               "listen_addresses=",
               "-c",
               "dynamic_shared_memory_type=mmap"};
  spec.cwd = dir.string();
  spec.out_fd = log_fd;
  spec.run_as = run_as;
  spec.new_session = true;       // not stopped by the terminal's signals
  spec.die_with_parent = false;  // left running for the next command
  std::string err;
  pid_t pid = detail::spawn(spec, err);
  ::close(log_fd);
  if (pid < 0) return devdb_error(err);
  DevDatabase probe;
  probe.dir = dir;
  const std::string info = probe.conninfo("postgres");
  const auto deadline = Clock::now() + timeout;
  auto pause = std::chrono::milliseconds(5);
  for (;;) {
    if (!alive(pid)) return with_log(devdb_error("the server exited at start"), dir);
    if (pq().PQping(info.c_str()) == PQPING_OK) return pid;
    if (Clock::now() >= deadline) {
      return with_log(devdb_error("the server did not accept connections in time"), dir);
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(100));
  }
}

/// "%2F"-style escapes for a URL's query value.
std::string url_escape(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '/' || c == '.' || c == '_' || c == '-' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string DevDatabase::conninfo(const std::string& dbname) const {
  return detail::build_conninfo({{"host", dir.string()},
                                 {"port", std::to_string(k_port)},
                                 {"user", "postgres"},
                                 {"dbname", dbname.empty() ? k_dev_database : dbname}});
}

std::string DevDatabase::url() const {
  return std::string("postgresql:///") + k_dev_database + "?host=" + url_escape(dir.string()) +
         "&port=" + std::to_string(k_port) + "&user=postgres";
}

fs::path dev_database_dir(const fs::path& project_dir) {
  std::error_code ec;
  fs::path abs = fs::absolute(project_dir.empty() ? fs::path(".") : project_dir, ec);
  return (abs / ".sqlgen" / "postgres").lexically_normal();
}

DevDatabase dev_database_status(const fs::path& dir) {
  DevDatabase db;
  db.dir = dir;
  std::error_code ec;
  db.initialized = fs::exists(dir / "data" / "PG_VERSION", ec);
  pid_t pid = postmaster_pid(dir);
  if (pid > 0 && alive(pid) && load_libpq()) {
    db.running = pq().PQping(db.conninfo("postgres").c_str()) == PQPING_OK;
    if (db.running) db.pid = pid;
  }
  return db;
}

Result<DevDatabase> start_dev_database(const fs::path& dir, const ClusterOptions& options) {
  if (Result<const Libpq*> lib = load_libpq(); !lib) return lib.error();
  const std::string socket = (dir / (".s.PGSQL." + std::to_string(k_port))).string();
  if (socket.size() + std::string(".lock").size() >= k_sun_path) {
    return devdb_error("the socket path \"" + socket +
                       "\" is too long for a unix socket: move the project to a shorter path");
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return devdb_error("cannot create \"" + dir.string() + "\": " + ec.message());
  const fs::path ignore = dir.parent_path() / ".gitignore";
  if (!fs::exists(ignore, ec)) (void)util::write_file_atomic(ignore, "# sqlgen's own files\n*\n");

  StartLock lock(dir);  // a second sqlgen starting at the same time waits, then finds it running
  DevDatabase db = dev_database_status(dir);
  if (!db.running) {
    Result<Binaries> binaries = find_binaries(options.bindir);
    if (!binaries) return binaries.error();
    detail::RunAs run_as;
    if (::geteuid() == 0) {  // PostgreSQL refuses to run as root
      std::string err;
      std::optional<detail::RunAs> user = detail::lookup_user(options.run_as_user, err);
      if (!user) return devdb_error("running as root and cannot switch to another user: " + err);
      run_as = *user;
      run_as.active = true;
      if (::chown(dir.c_str(), run_as.uid, run_as.gid) != 0) {
        return devdb_error("chown \"" + dir.string() + "\": " + std::strerror(errno));
      }
    }
    if (!db.initialized) {
      bool from_cache = false;
      if (Result<> made =
              detail::make_data_dir(*binaries, dir / "data", run_as, options, {}, from_cache);
          !made) {
        fs::remove_all(dir / "data", ec);
        return made.error();
      }
    }
    Result<pid_t> pid = launch(dir, *binaries, run_as, options.start_timeout);
    if (!pid) return pid.error();
    db = dev_database_status(dir);
    db.pid = *pid;
    db.running = true;
    db.started = true;
  }
  if (Result<> created = ensure_database(db); !created) return created.error();
  return db;
}

Result<DevDatabase> stop_dev_database(const fs::path& dir, std::chrono::milliseconds timeout) {
  DevDatabase db = dev_database_status(dir);
  pid_t pid = postmaster_pid(dir);
  if (pid <= 0 || !alive(pid)) {
    db.running = false;
    db.pid = 0;
    return db;
  }
  auto wait_gone = [pid](std::chrono::milliseconds limit) {
    const auto deadline = Clock::now() + limit;
    while (alive(pid)) {
      if (Clock::now() >= deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  };
  ::kill(pid, SIGINT);  // fast shutdown: sessions end, data is flushed
  if (!wait_gone(timeout)) {
    ::kill(pid, SIGQUIT);  // immediate shutdown
    if (!wait_gone(std::chrono::seconds(5))) {
      ::kill(pid, SIGKILL);
      if (!wait_gone(std::chrono::seconds(5))) {
        return devdb_error("the server (PID " + std::to_string(pid) + ") did not stop");
      }
    }
  }
  db.running = false;
  db.pid = 0;
  return db;
}

Result<> recreate_dev_database(const DevDatabase& db) {
  Result<std::unique_ptr<ExternalServer>> server = ExternalServer::connect(db.conninfo("postgres"));
  if (!server) return server.error();
  if (Result<> dropped = (*server)->drop_database(k_dev_database); !dropped) return dropped;
  return (*server)->create_database(k_dev_database);
}

}  // namespace sqlgen::pg
