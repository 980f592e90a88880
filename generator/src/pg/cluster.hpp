#pragma once
/// The pg stage's public header: a throwaway PostgreSQL cluster that sqlgen starts itself
/// (a data dir copied from a cached initdb template, on tmpfs when there is one, unix socket
/// only, run as "postgres" when root, removed on exit, on error and on SIGINT/SIGTERM/SIGHUP,
/// killed with sqlgen), or an existing server named by a URL.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "diag/diag.hpp"

namespace sqlgen::pg {

/// A value or the diagnostic explaining why there is none.
template <class T = std::monostate>
class [[nodiscard]] Result {
 public:
  /// Success without a value (for Result<>).
  Result() requires std::is_default_constructible_v<T> : m_value(T{}) {}
  /// Success.
  Result(T value) : m_value(std::move(value)) {}
  /// Failure.
  Result(diag::Diagnostic error) : m_value(std::move(error)) {}

  /// True on success.
  bool ok() const { return m_value.index() == 0; }
  /// True on success.
  explicit operator bool() const { return ok(); }
  /// The value; throws std::runtime_error with the rendered diagnostic on failure.
  T& value() {
    if (!ok()) throw std::runtime_error(diag::render_text(error()));
    return std::get<0>(m_value);
  }
  /// The value; the result must be ok().
  T& operator*() { return std::get<0>(m_value); }
  /// Member access to the value; the result must be ok().
  T* operator->() { return &std::get<0>(m_value); }
  /// The diagnostic; the result must not be ok().
  const diag::Diagnostic& error() const { return std::get<1>(m_value); }

 private:
  std::variant<T, diag::Diagnostic> m_value;
};

/// Where the PostgreSQL server programs are and which version they are.
struct Binaries {
  std::filesystem::path bindir;  ///< holds initdb and postgres
  std::string version;           ///< `postgres --version`, e.g. "postgres (PostgreSQL) 15.14"

  /// The initdb program.
  std::filesystem::path initdb() const { return bindir / "initdb"; }
  /// The postgres server program.
  std::filesystem::path postgres() const { return bindir / "postgres"; }
};

/// Finds initdb and postgres in `configured_bindir`, else $SQLGEN_PG_BINDIR, else PATH, else
/// `pg_config --bindir`, else /usr/lib/postgresql/*/bin (highest version first). An explicit
/// directory without them is an error (err_pg_binaries_missing), not a reason to look elsewhere.
Result<Binaries> find_binaries(const std::string& configured_bindir = "");

namespace detail {
/// A regular file we may execute.
bool is_executable(const std::filesystem::path& p);
/// The directories of $PATH, in order (empty entries skipped).
std::vector<std::filesystem::path> path_dirs();
}  // namespace detail

/// How a throwaway cluster is started.
struct ClusterOptions {
  std::string bindir;                    ///< explicit bindir (e.g. from sqlgen.yaml); "" = search
  std::string run_as_user = "postgres";  ///< OS user for initdb and the server when root
  std::filesystem::path cache_dir;       ///< "" = default_cache_dir()
  std::filesystem::path base_dir;        ///< where cluster dirs go; "" = default_base_dir()
  bool use_template_cache = true;        ///< copy a cached initdb'd data dir instead of initdb
  int port = 5432;                       ///< only names the socket file in the cluster's dir
  std::chrono::milliseconds start_timeout{30000};  ///< initdb, and again for server readiness
  std::chrono::milliseconds stop_timeout{10000};   ///< fast shutdown before escalating
  std::vector<std::pair<std::string, std::string>> settings;  ///< extra `-c name=value`
};

/// $SQLGEN_CACHE_DIR, else $XDG_CACHE_HOME/sqlgen, else /tmp/sqlgen-cache-<uid>.
std::filesystem::path default_cache_dir();

/// Where cluster dirs go by default: $SQLGEN_PG_TMPDIR, else /dev/shm when it is a tmpfs with
/// room (creating files there is far faster than on disk), else the system temp dir; /tmp when
/// the socket path would not fit.
std::filesystem::path default_base_dir(int port = 5432);

/// A PostgreSQL server sqlgen runs SQL on: a throwaway Cluster or an ExternalServer.
class Server {
 public:
  /// Stops whatever the server owns (a Cluster stops its postmaster).
  virtual ~Server() = default;
  /// An abstract base.
  Server() = default;
  /// Not copyable: a server owns processes and directories.
  Server(const Server&) = delete;
  /// Not copyable.
  Server& operator=(const Server&) = delete;

  /// A key=value libpq connection string for `dbname` ("" = the server's default database).
  virtual std::string conninfo(const std::string& dbname = "") const = 0;
  /// True when sqlgen started this server and deletes it when done.
  virtual bool throwaway() const = 0;

  /// CREATE DATABASE `name`, cloned from `template_db` unless it is "".
  Result<> create_database(const std::string& name, const std::string& template_db = "");
  /// DROP DATABASE IF EXISTS `name`, disconnecting its sessions first (PostgreSQL 13+).
  Result<> drop_database(const std::string& name);
  /// Runs `sql` (one or more statements, no transaction added) in database `dbname`.
  Result<> execute(const std::string& dbname, const std::string& sql);
};

/// A database on `server` with a name unique to this process (`<prefix>_<pid>_<n>`), dropped
/// (its sessions disconnected) when this goes out of scope, whatever happened in between.
class ScratchDatabase {
 public:
  /// CREATE DATABASE on `server`, which must outlive the result.
  static Result<std::unique_ptr<ScratchDatabase>> create(Server& server, const std::string& prefix);
  /// DROP DATABASE; a failure to drop is ignored (the server may already be gone).
  ~ScratchDatabase();
  /// Not copyable: it owns the database.
  ScratchDatabase(const ScratchDatabase&) = delete;
  /// Not copyable.
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  /// The database's name.
  const std::string& name() const { return m_name; }
  /// The connection string for it.
  std::string conninfo() const { return m_server.conninfo(m_name); }

 private:
  ScratchDatabase(Server& server, std::string name) : m_server(server), m_name(std::move(name)) {}
  Server& m_server;
  std::string m_name;
};

/// A cluster in a fresh temp dir (data/, the socket, server.log), listening only on a unix
/// socket; stopped and deleted by the destructor. Not copyable; a forked child's copy is inert.
class Cluster final : public Server {
 public:
  /// Finds the binaries, copies (or initdb's) a data dir, starts the server and waits until it
  /// accepts connections. Everything created is removed again on failure.
  static Result<std::unique_ptr<Cluster>> start(const ClusterOptions& options = {});
  /// Stops the server and removes the directory.
  ~Cluster() override;

  /// "host=<dir> port=<port> user=postgres dbname=<dbname or postgres>".
  std::string conninfo(const std::string& dbname = "") const override;
  /// Always true.
  bool throwaway() const override { return true; }

  /// Fast shutdown (SIGINT), then SIGQUIT and SIGKILL after timeouts, then removes the
  /// directory. Idempotent; never hangs.
  void stop();
  /// The cluster's directory; empty once stopped.
  const std::filesystem::path& dir() const { return m_dir; }
  /// The postmaster's pid, 0 once stopped.
  pid_t pid() const;
  /// The port number in the socket's name.
  int port() const { return m_port; }
  /// The binaries the cluster runs.
  const Binaries& binaries() const { return m_binaries; }
  /// True when the data dir was copied from the template cache rather than made by initdb.
  bool from_template_cache() const { return m_from_cache; }
  /// The last `lines` lines of server.log.
  std::string log_tail(size_t lines = 20) const;

 private:
  Cluster() = default;
  Result<> prepare_data_dir(const ClusterOptions& options);
  Result<> launch(const ClusterOptions& options);
  Result<> wait_until_ready(std::chrono::milliseconds timeout);
  pid_t take_pid();

  Binaries m_binaries;
  std::filesystem::path m_dir;
  int m_port = 5432;
  pid_t m_owner = 0;  ///< the process that started the cluster; only it stops it
  pid_t m_pid = 0;    ///< the postmaster (the registry slot holds it for the signal handler)
  int m_slot = -1;    ///< slot in the signal-cleanup registry
  bool m_from_cache = false;
  bool m_run_as_other = false;
  uid_t m_uid = 0;
  gid_t m_gid = 0;
  std::vector<gid_t> m_groups;
  std::chrono::milliseconds m_stop_timeout{10000};
};

/// A server sqlgen did not start, named by a postgresql:// URL or a key=value string.
class ExternalServer final : public Server {
 public:
  /// Parses `url` and checks that the server accepts a connection (connect_timeout defaults to
  /// 10 s).
  static Result<std::unique_ptr<ExternalServer>> connect(const std::string& url);
  /// The URL's parameters as key=value, with dbname replaced unless `dbname` is "".
  std::string conninfo(const std::string& dbname = "") const override;
  /// Always false.
  bool throwaway() const override { return false; }

 private:
  ExternalServer() = default;
  std::vector<std::pair<std::string, std::string>> m_params;
};

/// The server at `url`, else at $SQLGEN_DATABASE_URL, else a throwaway cluster.
Result<std::unique_ptr<Server>> acquire(const std::string& url = "",
                                        const ClusterOptions& options = {});

}  // namespace sqlgen::pg
