#pragma once
/// Internal to pg/: commands on one plain libpq connection with PostgreSQL's error fields
/// (SQLSTATE, statement position, detail, hint, context), shared by the migration runner and
/// the tracking table's readers and writers.

#include <optional>
#include <string>
#include <vector>

#include "diag/diag.hpp"
#include "pg/libpq.hpp"
#include "source/migrations.hpp"

namespace sqlgen::pg::detail {

/// What PostgreSQL reported about a failed command.
struct PgError {
  std::string sqlstate;
  std::string primary;
  std::string detail;
  std::string hint;
  std::string context;
  int position = 0;  ///< PG_DIAG_STATEMENT_POSITION: 1-based character of the statement; 0 = none
};

/// Rows of a query's result as text ("" for NULL), row by row.
using Rows = std::vector<std::vector<std::string>>;

/// Runs one command (with text parameters, when given); nullopt on success. With `rows`, the
/// result's rows are stored there.
std::optional<PgError> exec(PGconn* conn, const std::string& sql,
                            const std::vector<std::string>& params = {}, Rows* rows = nullptr);

/// Connects to `conninfo` (a key=value string or URL) with `application_name`; NOTICEs are
/// dropped. A failure is err_pg_connect with libpq's message.
Result<ConnPtr> connect(const std::string& conninfo, const std::string& application_name);

/// The diagnostic of a failed statement at PostgreSQL's position in it (else at its start).
diag::Diagnostic statement_error(const PgError& e, const diag::SourcePtr& source,
                                 const source::Statement& stmt);

/// An error not tied to a statement: at `file` when it is not null (err_pg_migrate).
diag::Diagnostic general_error(const PgError& e, const diag::SourcePtr& file = nullptr);

/// The statements of `source`'s text, as parse::split_statements finds them.
std::vector<source::Statement> split(const diag::SourcePtr& source);

}  // namespace sqlgen::pg::detail
