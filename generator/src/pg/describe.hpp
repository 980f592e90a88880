#pragma once
/// What PostgreSQL says a statement takes and returns: each statement PREPAREd (libpq's
/// PQprepare, the extended protocol's Parse: nothing is executed) and described
/// (PQdescribePrepared) on one connection with the server's default search_path; type oids
/// turned into "schema.typname" and format_type() names on the same server.

#include <cstdint>
#include <string>
#include <vector>

#include "pg/cluster.hpp"

namespace sqlgen::pg {

/// A type as the server names it.
struct ServerType {
  uint32_t oid = 0;
  int32_t typmod = -1;  ///< -1 for parameters (the protocol describes none)
  std::string name;     ///< "schema.typname", e.g. "pg_catalog.int4", "public._mood"
  std::string display;  ///< format_type(oid, typmod), e.g. "integer", "character varying(20)"
};

/// A result column of a described statement.
struct DescribedColumn {
  std::string name;
  ServerType type;
};

/// One statement as the server prepared it, or why it could not.
struct Described {
  bool ok = false;
  std::string error;     ///< PostgreSQL's primary message when !ok
  std::string sqlstate;  ///< its SQLSTATE
  std::string detail;    ///< its detail, hint and position ("" when none)
  std::string hint;
  int position = 0;  ///< 1-based character position in the statement; 0 = none
  std::vector<ServerType> params;
  std::vector<DescribedColumn> columns;
};

/// Prepares and describes each of `statements` on the database `conninfo` names, in order, on
/// one connection (unnamed prepared statements: nothing is left behind). A statement the
/// server rejects is a Described with ok == false; a connection that cannot be made or breaks
/// is an error.
Result<std::vector<Described>> describe_statements(const std::string& conninfo,
                                                   const std::vector<std::string>& statements);

}  // namespace sqlgen::pg
