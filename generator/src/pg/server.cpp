// Server (databases, SQL), ExternalServer and acquire().
#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>
#include <pqxx/pqxx>

#include "pg/cluster.hpp"
#include "pg/conninfo.hpp"

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

/// A libpq/libpqxx message as a diagnostic argument: first line, without "ERROR:  ".
std::string clean_message(const std::string& what) {
  std::string msg = what.substr(0, what.find('\n'));
  for (const char* prefix : {"ERROR:  ", "FATAL:  "}) {
    if (msg.rfind(prefix, 0) == 0) msg.erase(0, std::strlen(prefix));
  }
  while (!msg.empty() && (msg.back() == ' ' || msg.back() == '\r')) msg.pop_back();
  return msg;
}

diag::Diagnostic connect_error(const std::exception& e) {
  return diag::make(diag::DiagId::err_pg_connect, {}, {clean_message(e.what())});
}

}  // namespace

Result<> Server::create_database(const std::string& name, const std::string& template_db) {
  try {
    pqxx::connection conn(conninfo());
    pqxx::nontransaction work(conn);
    std::string sql = "CREATE DATABASE " + conn.quote_name(name);
    if (!template_db.empty()) sql += " TEMPLATE " + conn.quote_name(template_db);
    work.exec0(sql);
    return {};
  } catch (const pqxx::broken_connection& e) {
    return connect_error(e);
  } catch (const std::exception& e) {
    return diag::make(diag::DiagId::err_pg_database, {}, {"create", name, clean_message(e.what())});
  }
}

Result<> Server::drop_database(const std::string& name) {
  try {
    pqxx::connection conn(conninfo());
    pqxx::nontransaction work(conn);
    std::string sql = "DROP DATABASE IF EXISTS " + conn.quote_name(name);
    if (conn.server_version() >= 130000) sql += " WITH (FORCE)";
    work.exec0(sql);
    return {};
  } catch (const pqxx::broken_connection& e) {
    return connect_error(e);
  } catch (const std::exception& e) {
    return diag::make(diag::DiagId::err_pg_database, {}, {"drop", name, clean_message(e.what())});
  }
}

Result<> Server::execute(const std::string& dbname, const std::string& sql) {
  try {
    pqxx::connection conn(conninfo(dbname));
    pqxx::nontransaction work(conn);
    work.exec(sql);
    return {};
  } catch (const pqxx::broken_connection& e) {
    return connect_error(e);
  } catch (const std::exception& e) {
    return diag::make(diag::DiagId::err_pg_sql, {}, {dbname, clean_message(e.what())});
  }
}

Result<std::unique_ptr<ExternalServer>> ExternalServer::connect(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = ::PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string msg = error ? clean_message(error) : "out of memory";
    if (error) ::PQfreemem(error);
    return diag::make(diag::DiagId::err_pg_url, {}, {msg});
  }
  std::unique_ptr<ExternalServer> server(new ExternalServer());
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val != nullptr && *o->val != '\0') server->m_params.emplace_back(o->keyword, o->val);
  }
  ::PQconninfoFree(options);
  // Never hang on an unreachable host.
  bool has_timeout = false;
  for (const auto& p : server->m_params) has_timeout = has_timeout || p.first == "connect_timeout";
  if (!has_timeout) server->m_params.emplace_back("connect_timeout", "10");
  try {
    pqxx::connection conn(server->conninfo());
  } catch (const std::exception& e) {
    return connect_error(e);
  }
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

}  // namespace sqlgen::pg
