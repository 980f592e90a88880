// Commands on a plain libpq connection, with PostgreSQL's error fields as diagnostics.
#include "pg/pg_exec.hpp"

#include <cstdlib>

#include "parse/split.hpp"

namespace sqlgen::pg::detail {

using diag::DiagId;

namespace {

std::string error_field(const PGresult* result, int code) {
  const char* value = result ? pq().PQresultErrorField(result, code) : nullptr;
  return value ? value : "";
}

/// Waits for the rest of a command's results after a COPY it cannot serve.
void drain(PGconn* conn) {
  while (PGresult* r = pq().PQgetResult(conn)) pq().PQclear(r);
}

}  // namespace

std::optional<PgError> exec(PGconn* conn, const std::string& sql,
                            const std::vector<std::string>& params, Rows* rows) {
  ResultPtr result;
  if (params.empty()) {
    result.reset(pq().PQexec(conn, sql.c_str()));
  } else {
    std::vector<const char*> values;
    for (const std::string& p : params) values.push_back(p.c_str());
    result.reset(pq().PQexecParams(conn, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                   values.data(), nullptr, nullptr, 0));
  }
  ExecStatusType status = result ? pq().PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    if (rows && status == PGRES_TUPLES_OK) {
      rows->clear();
      int n = pq().PQntuples(result.get()), cols = pq().PQnfields(result.get());
      for (int i = 0; i < n; ++i) {
        std::vector<std::string>& row = rows->emplace_back();
        for (int c = 0; c < cols; ++c) row.emplace_back(pq().PQgetvalue(result.get(), i, c));
      }
    }
    return std::nullopt;
  }
  if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
    if (status == PGRES_COPY_IN) pq().PQputCopyEnd(conn, "sqlgen has no COPY data to send");
    drain(conn);
    PgError e;
    e.sqlstate = "0A000";
    e.primary = "COPY to or from the client is not supported in migrations";
    return e;
  }
  PgError e;
  e.sqlstate = error_field(result.get(), PG_DIAG_SQLSTATE);
  e.primary = error_field(result.get(), PG_DIAG_MESSAGE_PRIMARY);
  if (e.primary.empty()) e.primary = clean_message(pq().PQerrorMessage(conn));
  e.detail = error_field(result.get(), PG_DIAG_MESSAGE_DETAIL);
  e.hint = error_field(result.get(), PG_DIAG_MESSAGE_HINT);
  e.context = error_field(result.get(), PG_DIAG_CONTEXT);
  std::string position = error_field(result.get(), PG_DIAG_STATEMENT_POSITION);
  if (!position.empty()) e.position = std::atoi(position.c_str());
  return e;
}

Result<ConnPtr> connect(const std::string& conninfo, const std::string& application_name) {
  if (Result<const Libpq*> lib = load_libpq(); !lib) return lib.error();
  // dbname is expanded as a whole connection string; later keywords add to it.
  const char* keywords[] = {"dbname", "fallback_application_name", nullptr};
  const char* values[] = {conninfo.c_str(), application_name.c_str(), nullptr};
  ConnPtr conn(pq().PQconnectdbParams(keywords, values, 1));
  if (!conn || pq().PQstatus(conn.get()) != CONNECTION_OK) {
    return diag::make(DiagId::err_pg_connect, {}, {clean_message(pq().PQerrorMessage(conn.get()))});
  }
  // NOTICEs ("schema ... already exists, skipping") are not sqlgen's output.
  pq().PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  return Result<ConnPtr>(std::move(conn));
}

diag::Diagnostic statement_error(const PgError& e, const diag::SourcePtr& source,
                                 const source::Statement& stmt) {
  std::string_view text = std::string_view(source->text()).substr(stmt.offset, stmt.length);
  uint32_t offset = stmt.offset;
  uint32_t length = parse::token_length(text, 0);  // no position: the statement's first word
  if (e.position > 0) {
    uint32_t rel = diag::char_to_byte(text, static_cast<uint32_t>(e.position - 1));
    offset += rel;
    length = parse::token_length(text, rel);
  }
  diag::Location loc = diag::Location::at(source, offset, length);
  diag::Diagnostic d = e.sqlstate.empty()
                           ? diag::make(DiagId::err_pg_migrate, loc, {e.primary})
                           : diag::make(DiagId::err_pg_statement, loc, {e.primary, e.sqlstate});
  if (!e.detail.empty()) d.note(DiagId::note_generic, {}, {"detail: " + e.detail});
  if (!e.hint.empty()) d.note(DiagId::note_generic, {}, {"hint: " + e.hint});
  if (!e.context.empty()) d.note(DiagId::note_generic, {}, {"context: " + e.context});
  return d;
}

diag::Diagnostic general_error(const PgError& e, const diag::SourcePtr& file) {
  diag::Location loc = file ? diag::Location::file(file) : diag::Location{};
  std::string msg = e.sqlstate.empty() ? e.primary : e.primary + " (SQLSTATE " + e.sqlstate + ")";
  diag::Diagnostic d = diag::make(DiagId::err_pg_migrate, loc, {msg});
  if (!e.detail.empty()) d.note(DiagId::note_generic, {}, {"detail: " + e.detail});
  return d;
}

std::vector<source::Statement> split(const diag::SourcePtr& source) {
  std::vector<source::Statement> out;
  for (const parse::StatementRange& r : parse::split_statements(source->text())) {
    out.push_back(source::Statement{r.offset, r.length});
  }
  return out;
}

}  // namespace sqlgen::pg::detail
