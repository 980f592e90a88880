// Server (databases, SQL), ExternalServer and acquire(), on plain libpq (loaded at first use,
// pg/libpq.hpp). Connections and statements fail the way they did on libpqxx 6.4, which this
// code replaced: the same messages, and the same split between "cannot connect" (a connection
// that could not be made or broke) and a failed statement.
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "pg/cluster.hpp"
#include "pg/conninfo.hpp"
#include "pg/libpq.hpp"

namespace sqlgen::pg {

namespace detail {

std::string quote_conninfo_value(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string build_conninfo(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    if (!out.empty()) out += ' ';
    out += key + "=" + quote_conninfo_value(value);
  }
  return out;
}

}  // namespace detail

namespace {

diag::Diagnostic connect_error(const std::string& what) {
  return diag::make(diag::DiagId::err_pg_connect, {}, {clean_message(what)});
}

/// Why a step failed: `broken` for a connection that could not be made or broke (reported as
/// err_pg_connect), else a failed statement; `what` is libpq's message.
struct Failure {
  bool broken = false;
  std::string what;
};
using Failed = std::optional<Failure>;

Failed broken(std::string what) { return Failure{true, std::move(what)}; }
Failed failed(std::string what) { return Failure{false, std::move(what)}; }

/// libpqxx's message for a connection found broken without a message from libpq.
constexpr const char* k_connection_failed = "Connection to database failed";

/// One connection; NOTICEs are dropped (DROP DATABASE IF EXISTS ... skipping is not sqlgen's
/// output).
class Connection {
 public:
  explicit Connection(const Libpq& lib) : m_pq(lib) {}
  ~Connection() {
    if (m_conn != nullptr) m_pq.PQfinish(m_conn);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Connects and checks the server and protocol versions.
  Failed open(const std::string& conninfo) {
    m_conn = m_pq.PQconnectdb(conninfo.c_str());
    if (m_conn == nullptr) return failed("std::bad_alloc");
    if (m_pq.PQstatus(m_conn) != CONNECTION_OK) return broken(m_pq.PQerrorMessage(m_conn));
    m_pq.PQsetNoticeProcessor(
        m_conn, [](void*, const char*) {}, nullptr);
    if (m_pq.PQserverVersion(m_conn) <= 90000) {
      return failed("Unsupported server version; 9.0 is the minimum.");
    }
    switch (m_pq.PQprotocolVersion(m_conn)) {
      case 0:
        return broken(k_connection_failed);
      case 1:
      case 2:
        return failed("Unsupported frontend/backend protocol version; 3.0 is the minimum.");
      default:
        return std::nullopt;
    }
  }

  /// The server's version number (150014 for 15.14).
  int server_version() const { return m_pq.PQserverVersion(m_conn); }

  /// `identifier` quoted as a name ("x", "my ""db""").
  Failed quote_name(const std::string& identifier, std::string& out) {
    char* quoted = m_pq.PQescapeIdentifier(m_conn, identifier.c_str(), identifier.size());
    if (quoted == nullptr) return failed(m_pq.PQerrorMessage(m_conn));
    out = quoted;
    m_pq.PQfreemem(quoted);
    return std::nullopt;
  }

  /// Runs `sql` (one or more statements, outside a transaction block). Errors with SQLSTATE
  /// class 08 (connection exception) or 53300 (too many connections) count as broken.
  Failed exec(const std::string& sql) {
    PGresult* result = m_pq.PQexec(m_conn, sql.c_str());
    struct Clear {
      const Libpq& pq;
      PGresult* r;
      ~Clear() {
        if (r != nullptr) pq.PQclear(r);
      }
    } clear{m_pq, result};
    if (m_pq.PQclientEncoding(m_conn) == -1) {
      return broken("Could not obtain client encoding: not connected.");
    }
    if (result == nullptr) return failed(m_pq.PQerrorMessage(m_conn));
    switch (m_pq.PQresultStatus(result)) {
      case PGRES_EMPTY_QUERY:
      case PGRES_COMMAND_OK:
      case PGRES_TUPLES_OK:
      case PGRES_COPY_OUT:
      case PGRES_COPY_IN:
        break;
      case PGRES_BAD_RESPONSE:
      case PGRES_NONFATAL_ERROR:
      case PGRES_FATAL_ERROR: {
        std::string message = m_pq.PQresultErrorMessage(result);
        if (message.empty()) break;
        const char* code = m_pq.PQresultErrorField(result, PG_DIAG_SQLSTATE);
        bool lost = code != nullptr &&
                    ((code[0] == '0' && code[1] == '8') || std::strcmp(code, "53300") == 0);
        return lost ? broken(message) : failed(message);
      }
      default:
        return failed("libpqxx internal error: pqxx::result: Unrecognized response code " +
                      std::to_string(static_cast<int>(m_pq.PQresultStatus(result))));
    }
    // Whatever else the server sent must still be readable.
    if (m_pq.PQconsumeInput(m_conn) == 0) return broken(k_connection_failed);
    return std::nullopt;
  }

 private:
  const Libpq& m_pq;
  PGconn* m_conn = nullptr;
};

}  // namespace

Result<> Server::create_database(const std::string& name, const std::string& template_db) {
  Result<const Libpq*> lib = load_libpq();
  if (!lib) return lib.error();
  Connection conn(**lib);
  std::string sql = "CREATE DATABASE ", quoted;
  Failed f = conn.open(conninfo());
  if (!f) f = conn.quote_name(name, quoted);
  if (!f) sql += quoted;
  if (!f && !template_db.empty()) {
    f = conn.quote_name(template_db, quoted);
    if (!f) sql += " TEMPLATE " + quoted;
  }
  if (!f) f = conn.exec(sql);
  if (!f) return {};
  if (f->broken) return connect_error(f->what);
  return diag::make(diag::DiagId::err_pg_database, {}, {"create", name, clean_message(f->what)});
}

Result<> Server::drop_database(const std::string& name) {
  Result<const Libpq*> lib = load_libpq();
  if (!lib) return lib.error();
  Connection conn(**lib);
  std::string sql = "DROP DATABASE IF EXISTS ", quoted;
  Failed f = conn.open(conninfo());
  if (!f) f = conn.quote_name(name, quoted);
  if (!f) {
    sql += quoted;
    if (conn.server_version() >= 130000) sql += " WITH (FORCE)";
    f = conn.exec(sql);
  }
  if (!f) return {};
  if (f->broken) return connect_error(f->what);
  return diag::make(diag::DiagId::err_pg_database, {}, {"drop", name, clean_message(f->what)});
}

Result<> Server::execute(const std::string& dbname, const std::string& sql) {
  Result<const Libpq*> lib = load_libpq();
  if (!lib) return lib.error();
  Connection conn(**lib);
  Failed f = conn.open(conninfo(dbname));
  if (!f) f = conn.exec(sql);
  if (!f) return {};
  if (f->broken) return connect_error(f->what);
  return diag::make(diag::DiagId::err_pg_sql, {}, {dbname, clean_message(f->what)});
}

Result<std::unique_ptr<ExternalServer>> ExternalServer::connect(const std::string& url) {
  Result<const Libpq*> lib = load_libpq();
  if (!lib) return lib.error();
  const Libpq& pq = **lib;
  char* error = nullptr;
  PQconninfoOption* options = pq.PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string msg = error ? clean_message(error) : "out of memory";
    if (error) pq.PQfreemem(error);
    return diag::make(diag::DiagId::err_pg_url, {}, {msg});
  }
  std::unique_ptr<ExternalServer> server(new ExternalServer());
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val != nullptr && *o->val != '\0') server->m_params.emplace_back(o->keyword, o->val);
  }
  pq.PQconninfoFree(options);
  // Never hang on an unreachable host.
  bool has_timeout = false;
  for (const auto& p : server->m_params) has_timeout = has_timeout || p.first == "connect_timeout";
  if (!has_timeout) server->m_params.emplace_back("connect_timeout", "10");
  Connection conn(pq);
  if (Failed f = conn.open(server->conninfo())) return connect_error(f->what);
  return Result<std::unique_ptr<ExternalServer>>(std::move(server));
}

std::string ExternalServer::conninfo(const std::string& dbname) const {
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& p : m_params) {
    if (p.first != "dbname" || dbname.empty()) params.push_back(p);
  }
  if (!dbname.empty()) params.emplace_back("dbname", dbname);
  return detail::build_conninfo(params);
}

Result<std::unique_ptr<Server>> acquire(const std::string& url, const ClusterOptions& options) {
  std::string target = url;
  if (const char* env = std::getenv("SQLGEN_DATABASE_URL"); target.empty() && env) target = env;
  if (!target.empty()) {
    Result<std::unique_ptr<ExternalServer>> server = ExternalServer::connect(target);
    if (!server) return server.error();
    return Result<std::unique_ptr<Server>>(std::move(*server));
  }
  Result<std::unique_ptr<Cluster>> cluster = Cluster::start(options);
  if (!cluster) return cluster.error();
  return Result<std::unique_ptr<Server>>(std::move(*cluster));
}

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::create(Server& server,
                                                                 const std::string& prefix) {
  static std::atomic<unsigned> counter{0};
  std::string name = prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
  if (Result<> created = server.create_database(name); !created) return created.error();
  return std::unique_ptr<ScratchDatabase>(new ScratchDatabase(server, std::move(name)));
}

ScratchDatabase::~ScratchDatabase() { (void)m_server.drop_database(m_name); }

}  // namespace sqlgen::pg
