// PREPARE and describe statements on a server (see describe.hpp).
#include "pg/describe.hpp"

#include <cstdlib>
#include <map>
#include <memory>
#include <utility>

#include "pg/libpq.hpp"

namespace sqlgen::pg {

namespace {

std::string error_field(const PGresult* result, int code) {
  const char* value = result ? pq().PQresultErrorField(result, code) : nullptr;
  return value ? value : "";
}

/// The connection's error as a diagnostic.
diag::Diagnostic connection_error(PGconn* conn) {
  return diag::make(diag::DiagId::err_pg_connect, {}, {clean_message(pq().PQerrorMessage(conn))});
}

/// Fills `d` from the server's description of the unnamed statement.
void read_description(const PGresult* r, Described& d) {
  for (int i = 0; i < pq().PQnparams(r); ++i) {
    d.params.push_back(ServerType{pq().PQparamtype(r, i), -1, "", ""});
  }
  for (int i = 0; i < pq().PQnfields(r); ++i) {
    d.columns.push_back(DescribedColumn{pq().PQfname(r, i),
                                        ServerType{pq().PQftype(r, i), pq().PQfmod(r, i), "", ""}});
  }
}

/// Names every type of `described` with one query: "schema.typname" and format_type().
Result<> name_types(PGconn* conn, std::vector<Described>& described) {
  std::map<std::pair<uint32_t, int32_t>, std::pair<std::string, std::string>> names;
  for (const Described& d : described) {
    for (const ServerType& t : d.params) names[{t.oid, t.typmod}];
    for (const DescribedColumn& c : d.columns) names[{c.type.oid, c.type.typmod}];
  }
  if (names.empty()) return {};
  // Only numbers go into the text: no quoting needed.
  std::string values;
  for (const auto& [key, unused] : names) {
    values += (values.empty() ? "(" : ", (") + std::to_string(key.first) + "::oid, " +
              std::to_string(key.second) + ")";
  }
  const std::string sql =
      "SELECT v.o, v.m, n.nspname || '.' || t.typname, format_type(v.o, v.m) FROM (VALUES " +
      values +
      ") AS v(o, m) JOIN pg_catalog.pg_type t ON t.oid = v.o JOIN pg_catalog.pg_namespace n ON "
      "n.oid = t.typnamespace";
  ResultPtr rows(pq().PQexec(conn, sql.c_str()));
  if (!rows || pq().PQresultStatus(rows.get()) != PGRES_TUPLES_OK) return connection_error(conn);
  for (int i = 0; i < pq().PQntuples(rows.get()); ++i) {
    auto oid = static_cast<uint32_t>(std::strtoul(pq().PQgetvalue(rows.get(), i, 0), nullptr, 10));
    auto typmod = static_cast<int32_t>(std::atoi(pq().PQgetvalue(rows.get(), i, 1)));
    names[{oid, typmod}] = {pq().PQgetvalue(rows.get(), i, 2), pq().PQgetvalue(rows.get(), i, 3)};
  }
  auto fill = [&](ServerType& t) {
    const auto& [name, display] = names[{t.oid, t.typmod}];
    t.name = name.empty() ? "?" + std::to_string(t.oid) : name;
    t.display = display.empty() ? t.name : display;
  };
  for (Described& d : described) {
    for (ServerType& t : d.params) fill(t);
    for (DescribedColumn& c : d.columns) fill(c.type);
  }
  return {};
}

}  // namespace

Result<std::vector<Described>> describe_statements(const std::string& conninfo,
                                                   const std::vector<std::string>& statements) {
  if (Result<const Libpq*> lib = load_libpq(); !lib) return lib.error();
  // dbname is expanded as a whole connection string; later keywords add to it.
  const char* keywords[] = {"dbname", "fallback_application_name", nullptr};
  const char* values[] = {conninfo.c_str(), "sqlgen", nullptr};
  ConnPtr conn(pq().PQconnectdbParams(keywords, values, 1));
  if (!conn || pq().PQstatus(conn.get()) != CONNECTION_OK) return connection_error(conn.get());
  pq().PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);

  std::vector<Described> out;
  out.reserve(statements.size());
  for (const std::string& sql : statements) {
    Described d;
    ResultPtr prepared(pq().PQprepare(conn.get(), "", sql.c_str(), 0, nullptr));
    if (!prepared || pq().PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
      if (pq().PQstatus(conn.get()) != CONNECTION_OK) return connection_error(conn.get());
      d.sqlstate = error_field(prepared.get(), PG_DIAG_SQLSTATE);
      d.error = error_field(prepared.get(), PG_DIAG_MESSAGE_PRIMARY);
      if (d.error.empty()) d.error = clean_message(pq().PQerrorMessage(conn.get()));
      d.detail = error_field(prepared.get(), PG_DIAG_MESSAGE_DETAIL);
      d.hint = error_field(prepared.get(), PG_DIAG_MESSAGE_HINT);
      d.position = std::atoi(error_field(prepared.get(), PG_DIAG_STATEMENT_POSITION).c_str());
      out.push_back(std::move(d));
      continue;
    }
    ResultPtr described(pq().PQdescribePrepared(conn.get(), ""));
    if (!described || pq().PQresultStatus(described.get()) != PGRES_COMMAND_OK) {
      return connection_error(conn.get());
    }
    d.ok = true;
    read_description(described.get(), d);
    out.push_back(std::move(d));
  }
  if (Result<> named = name_types(conn.get(), out); !named) return named.error();
  return out;
}

}  // namespace sqlgen::pg
