// The throwaway cluster: start, socket-only, cleanup on stop/exception/signal, errors, URLs.
#include <poll.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <sstream>
#include <stdexcept>

#include "pg/cluster.hpp"
#include "util/fs.hpp"

namespace fs = std::filesystem;
using sqlgen::diag::DiagId;
using sqlgen::pg::Cluster;
using sqlgen::pg::ClusterOptions;

namespace {

/// The first column of the one row `sql` returns, "<null>" for NULL.
std::string query_value(const std::string& conninfo, const std::string& sql) {
  pqxx::connection conn(conninfo);
  pqxx::nontransaction work(conn);
  pqxx::row row = work.exec1(sql);
  return row[0].is_null() ? "<null>" : row[0].c_str();
}

/// The state letter in /proc/<pid>/stat ('R', 'S', 'Z', ...), or '\0' when there is none.
char process_state(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t close = stat.rfind(')');
  return close != std::string::npos && close + 2 < stat.size() ? stat[close + 2] : '\0';
}

/// True while `pid` runs; a zombie waiting for init to reap it no longer counts.
bool process_exists(pid_t pid) {
  char state = process_state(pid);
  return state != '\0' && state != 'Z';
}

/// Live (non-zombie) processes whose process group is `pgid`.
std::vector<pid_t> processes_in_group(pid_t pgid) {
  std::vector<pid_t> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 1));
    std::string state;
    long ppid = 0;
    long pgrp = 0;
    rest >> state >> ppid >> pgrp;
    if (pgrp == pgid && state != "Z") found.push_back(std::stoi(name));
  }
  return found;
}

/// Socket inodes of the TCP sockets in LISTEN state (IPv4 and IPv6).
std::set<std::string> listening_tcp_inodes() {
  std::set<std::string> inodes;
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string sl, local, remote, st, queues, tr, retrnsmt, uid, timeout, inode;
      fields >> sl >> local >> remote >> st >> queues >> tr >> retrnsmt >> uid >> timeout >> inode;
      if (st == "0A") inodes.insert(inode);
    }
  }
  return inodes;
}

/// Socket inodes `pid` holds open.
std::set<std::string> socket_inodes_of(pid_t pid) {
  std::set<std::string> inodes;
  std::error_code ec;
  for (const auto& fd : fs::directory_iterator("/proc/" + std::to_string(pid) + "/fd", ec)) {
    std::string target = fs::read_symlink(fd.path(), ec).string();
    if (target.rfind("socket:[", 0) == 0) inodes.insert(target.substr(8, target.size() - 9));
  }
  return inodes;
}

/// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (m_old) {
      ::setenv(m_name, m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name);
    }
  }

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

/// A forked child holding a cluster.
struct Holder {
  pid_t child;
  std::string dir;
  pid_t server;
};

/// Forks a child that starts a cluster, reports its directory and server pid, then waits for a
/// signal (SIGTERM with its default action, not Catch2's handler: like a plain sqlgen).
Holder fork_cluster_holder() {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    ::signal(SIGTERM, SIG_DFL);
    ::close(fds[0]);
    auto r = Cluster::start();
    if (!r) ::_exit(2);
    std::string msg = (*r)->dir().string() + "\n" + std::to_string((*r)->pid()) + "\n";
    if (::write(fds[1], msg.data(), msg.size()) != static_cast<ssize_t>(msg.size())) ::_exit(3);
    for (;;) ::pause();
  }
  ::close(fds[1]);
  std::string msg;
  char buf[512];
  pollfd p{};
  p.fd = fds[0];
  p.events = POLLIN;
  while (std::count(msg.begin(), msg.end(), '\n') < 2 && ::poll(&p, 1, 60000) > 0) {
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    msg.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  std::istringstream lines(msg);
  std::string dir;
  std::string pid_text;
  std::getline(lines, dir);
  std::getline(lines, pid_text);
  if (pid_text.empty()) {
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    throw std::runtime_error("the child could not start a cluster");
  }
  return {child, dir, std::stoi(pid_text)};
}

std::unique_ptr<Cluster> start_cluster(const ClusterOptions& options = {}) {
  return std::move(Cluster::start(options).value());
}

}  // namespace

TEST_CASE("cluster starts (as postgres when root) and answers select 1", "[pg]") {
  std::unique_ptr<Cluster> cluster = start_cluster();
  CHECK(query_value(cluster->conninfo(), "select 1") == "1");
  CHECK(query_value(cluster->conninfo(), "select current_user") == "postgres");
  CHECK(query_value(cluster->conninfo(), "show fsync") == "off");
  CHECK(cluster->binaries().version.find("PostgreSQL") != std::string::npos);
  if (::geteuid() == 0) {
    struct passwd* pw = ::getpwnam("postgres");
    REQUIRE(pw != nullptr);
    struct stat data {};
    REQUIRE(::stat((cluster->dir() / "data").c_str(), &data) == 0);
    CHECK(data.st_uid == pw->pw_uid);
    CHECK((data.st_mode & 0777) == 0700);
    struct stat proc {};
    REQUIRE(::stat(("/proc/" + std::to_string(cluster->pid())).c_str(), &proc) == 0);
    CHECK(proc.st_uid == pw->pw_uid);
  }
}

TEST_CASE("cluster is reachable only through its unix socket", "[pg]") {
  std::unique_ptr<Cluster> cluster = start_cluster();
  CHECK(cluster->conninfo().find("host='" + cluster->dir().string() + "'") != std::string::npos);
  CHECK(fs::exists(cluster->dir() / (".s.PGSQL." + std::to_string(cluster->port()))));
  CHECK(query_value(cluster->conninfo(), "select inet_server_addr()") == "<null>");
  CHECK(query_value(cluster->conninfo(), "show listen_addresses").empty());
  std::set<std::string> listening = listening_tcp_inodes();
  std::set<std::string> held = socket_inodes_of(cluster->pid());
  CHECK_FALSE(held.empty());
  for (const std::string& inode : held) CHECK(listening.count(inode) == 0);
}

TEST_CASE("cluster directory and server are gone after stop", "[pg]") {
  std::unique_ptr<Cluster> cluster = start_cluster();
  fs::path dir = cluster->dir();
  pid_t pid = cluster->pid();
  REQUIRE(fs::exists(dir / "data" / "PG_VERSION"));
  cluster->stop();
  CHECK_FALSE(fs::exists(dir));
  CHECK_FALSE(process_exists(pid));
  CHECK(processes_in_group(pid).empty());
  CHECK(cluster->dir().empty());
  CHECK(cluster->pid() == 0);
  cluster->stop();  // idempotent
  cluster.reset();  // and so is the destructor after stop()
}

TEST_CASE("cluster is cleaned up when an exception unwinds past it", "[pg]") {
  fs::path dir;
  pid_t pid = 0;
  try {
    std::unique_ptr<Cluster> cluster = start_cluster();
    dir = cluster->dir();
    pid = cluster->pid();
    throw std::runtime_error("boom");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "boom");
  }
  REQUIRE_FALSE(dir.empty());
  CHECK_FALSE(fs::exists(dir));
  CHECK_FALSE(process_exists(pid));
}

TEST_CASE("SIGTERM to a process holding a cluster leaves no directory or server", "[pg]") {
  auto [child, dir, server] = fork_cluster_holder();
  REQUIRE(fs::exists(dir));
  REQUIRE(process_exists(server));

  REQUIRE(::kill(child, SIGTERM) == 0);
  int status = 0;
  for (int i = 0; i < 3000 && ::waitpid(child, &status, WNOHANG) == 0; ++i) ::usleep(10000);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGTERM);
  CHECK_FALSE(fs::exists(dir));
  CHECK_FALSE(process_exists(server));
  CHECK(processes_in_group(server).empty());
}

TEST_CASE("a SIGKILLed owner takes its server down with it", "[pg]") {
  auto [child, dir, server] = fork_cluster_holder();
  REQUIRE(::kill(child, SIGKILL) == 0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  // PR_SET_PDEATHSIG: the server is killed too; only the directory is left for us to remove.
  bool gone = false;
  for (int i = 0; i < 1000 && !gone; ++i) {
    gone = !process_exists(server) && processes_in_group(server).empty();
    if (!gone) ::usleep(10000);
  }
  CHECK(gone);
  // Dynamic shared memory lives in the cluster's dir (not /dev/shm), so removing it is enough.
  CHECK_FALSE(fs::is_empty(fs::path(dir) / "data" / "pg_dynshmem"));
  fs::remove_all(dir);
}

TEST_CASE("missing server binaries are a clear error", "[pg]") {
  sqlgen::util::TempDir empty("sqlgen-test-bindir");
  SECTION("configured bindir") {
    ClusterOptions options;
    options.bindir = empty.path().string();
    auto r = Cluster::start(options);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().id == DiagId::err_pg_binaries_missing);
    CHECK(r.error().message.find(empty.path().string()) != std::string::npos);
    CHECK(r.error().message.find("\"postgresql-15\"") != std::string::npos);
  }
  SECTION("SQLGEN_PG_BINDIR") {
    ScopedEnv env("SQLGEN_PG_BINDIR", empty.path().string());
    auto r = sqlgen::pg::find_binaries();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().id == DiagId::err_pg_binaries_missing);
    CHECK(r.error().message.find("SQLGEN_PG_BINDIR \"" + empty.path().string()) !=
          std::string::npos);
  }
  SECTION("rendered like every other diagnostic") {
    ClusterOptions options;
    options.bindir = empty.path().string();
    auto r = Cluster::start(options);
    REQUIRE_FALSE(r.ok());
    CHECK(sqlgen::diag::render_text(r.error()) ==
          "sqlgen: error: PostgreSQL server binaries not found (no initdb and postgres in the "
          "configured bindir \"" +
              empty.path().string() +
              "\"): install the \"postgresql-15\" package or set SQLGEN_PG_BINDIR\n");
  }
}

TEST_CASE("a server that fails to start reports its log", "[pg]") {
  ClusterOptions options;
  options.settings = {{"shared_buffers", "bogus"}};
  auto r = Cluster::start(options);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().id == DiagId::err_pg_start);
  std::string text = sqlgen::diag::render_text(r.error());
  CHECK(text.find("shared_buffers") != std::string::npos);
}

TEST_CASE("a second cluster copies the cached template data dir", "[pg]") {
  // A private cache (where clusters go: on tmpfs when there is one, to keep this test fast).
  std::string tmpl = (sqlgen::pg::default_base_dir() / "sqlgen-test-cache.XXXXXX").string();
  REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
  struct RemoveDir {
    fs::path dir;
    ~RemoveDir() { fs::remove_all(dir); }
  } cache{tmpl};
  ClusterOptions options;
  options.cache_dir = cache.dir / "cache";
  std::unique_ptr<Cluster> first = start_cluster(options);
  CHECK_FALSE(first->from_template_cache());
  std::unique_ptr<Cluster> second = start_cluster(options);
  CHECK(second->from_template_cache());
  CHECK(query_value(second->conninfo(), "select 1") == "1");
  CHECK(query_value(first->conninfo(), "select 1") == "1");
}

TEST_CASE("databases are created from templates and dropped", "[pg]") {
  std::unique_ptr<Cluster> cluster = start_cluster();
  REQUIRE(cluster->create_database("tmpl").ok());
  REQUIRE(cluster->execute("tmpl", "create table t(x int); insert into t values (42);").ok());
  REQUIRE(cluster->create_database("copy", "tmpl").ok());
  CHECK(query_value(cluster->conninfo("copy"), "select x from t") == "42");
  pqxx::connection held(cluster->conninfo("copy"));  // DROP ... WITH (FORCE) ends it
  REQUIRE(cluster->drop_database("copy").ok());
  CHECK(query_value(cluster->conninfo(), "select count(*) from pg_database where datname='copy'") ==
        "0");
  auto bad = cluster->execute("tmpl", "select nope");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().id == DiagId::err_pg_sql);
  CHECK(bad.error().message.find("\"nope\"") != std::string::npos);
}

TEST_CASE("SQLGEN_DATABASE_URL is used instead of starting a cluster", "[pg]") {
  std::unique_ptr<Cluster> cluster = start_cluster();
  std::string data_dir = query_value(cluster->conninfo(), "show data_directory");
  std::string url = "postgresql:///postgres?host=" + cluster->dir().string() +
                    "&port=" + std::to_string(cluster->port()) + "&user=postgres";
  {
    ScopedEnv env("SQLGEN_DATABASE_URL", url);
    auto server = sqlgen::pg::acquire();
    REQUIRE(server.ok());
    CHECK_FALSE((*server)->throwaway());
    CHECK(query_value((*server)->conninfo(), "show data_directory") == data_dir);
    CHECK(query_value((*server)->conninfo("template1"), "select current_database()") ==
          "template1");
  }
  SECTION("an explicit key=value URL wins over the environment") {
    ScopedEnv env("SQLGEN_DATABASE_URL", "postgresql://nowhere.invalid/x");
    auto server = sqlgen::pg::acquire(cluster->conninfo());
    REQUIRE(server.ok());
    CHECK(query_value((*server)->conninfo(), "show data_directory") == data_dir);
  }
  SECTION("a bad URL is an error") {
    auto server = sqlgen::pg::acquire("postgresql://localhost/x?nosuchoption=1");
    REQUIRE_FALSE(server.ok());
    CHECK(server.error().id == DiagId::err_pg_url);
  }
}
