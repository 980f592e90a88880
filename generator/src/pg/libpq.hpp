#pragma once
/// Internal to pg/: libpq, loaded with dlopen() the first time a command needs PostgreSQL.
///
/// sqlgen is not linked against libpq (nor libpqxx): libpq and the libraries it pulls in (TLS,
/// Kerberos, LDAP, SASL, ...) are bound immediately at process start, which took about half of
/// the start-up time of every command, while only `dump`, `fixture`, `vet`'s server checks and
/// `--db` talk to a server. Every libpq call of pg/ goes through the table `pq()` returns;
/// <libpq-fe.h> is included for the types only. The library loaded is "libpq.so.5" (libpq's
/// soname since PostgreSQL 8.2), or the file or soname in $SQLGEN_LIBPQ when that is set and
/// not empty (a libpq outside the loader's search path).

#include <libpq-fe.h>

#include <memory>
#include <string>

#include "pg/cluster.hpp"

namespace sqlgen::pg {

/// Every libpq function pg/ calls, in the Libpq table: X(name) per function.
#define SQLGEN_LIBPQ_FUNCTIONS(X) \
  X(PQclear)                      \
  X(PQclientEncoding)             \
  X(PQconninfoFree)               \
  X(PQconninfoParse)              \
  X(PQconnectdb)                  \
  X(PQconnectdbParams)            \
  X(PQconsumeInput)               \
  X(PQdescribePrepared)           \
  X(PQerrorMessage)               \
  X(PQescapeIdentifier)           \
  X(PQexec)                       \
  X(PQexecParams)                 \
  X(PQfinish)                     \
  X(PQfmod)                       \
  X(PQfname)                      \
  X(PQfreemem)                    \
  X(PQftype)                      \
  X(PQgetResult)                  \
  X(PQgetvalue)                   \
  X(PQnfields)                    \
  X(PQnparams)                    \
  X(PQntuples)                    \
  X(PQparamtype)                  \
  X(PQping)                       \
  X(PQprepare)                    \
  X(PQprotocolVersion)            \
  X(PQputCopyEnd)                 \
  X(PQresultErrorField)           \
  X(PQresultErrorMessage)         \
  X(PQresultStatus)               \
  X(PQserverVersion)              \
  X(PQsetNoticeProcessor)         \
  X(PQstatus)

/// libpq's functions, resolved from the loaded library: `pq().PQexec(conn, sql)`.
struct Libpq {
#define SQLGEN_LIBPQ_MEMBER(name) decltype(&::name) name = nullptr;
  SQLGEN_LIBPQ_FUNCTIONS(SQLGEN_LIBPQ_MEMBER)
#undef SQLGEN_LIBPQ_MEMBER
};

/// The soname loaded unless $SQLGEN_LIBPQ names another library.
inline constexpr const char* k_libpq_soname = "libpq.so.5";

/// libpq, loaded and resolved on the first call (once per process, thread-safe); later calls
/// return the same table or the same error. The error reads "cannot load libpq (libpq.so.5):
/// <dlerror()>" (a missing library or a missing function).
Result<const Libpq*> load_libpq();

/// The loaded table; only after load_libpq() succeeded (else throws std::logic_error: a bug).
const Libpq& pq();

/// Finishes a connection through the loaded libpq (for `ConnPtr`).
struct ConnCloser {
  /// PQfinish.
  void operator()(PGconn* conn) const { pq().PQfinish(conn); }
};
/// Clears a result through the loaded libpq (for `ResultPtr`).
struct ResultCloser {
  /// PQclear.
  void operator()(PGresult* result) const { pq().PQclear(result); }
};
/// An owned connection.
using ConnPtr = std::unique_ptr<PGconn, ConnCloser>;
/// An owned result.
using ResultPtr = std::unique_ptr<PGresult, ResultCloser>;

/// A libpq message as a diagnostic argument: its first line, without "ERROR:  " / "FATAL:  "
/// and trailing blanks; "unknown error" when nothing is left.
std::string clean_message(std::string_view raw);

namespace detail {

/// Loads `library` (a soname or a path) and resolves every function of the table, without the
/// process-wide caching of load_libpq() (for tests). The library stays loaded.
Result<std::unique_ptr<const Libpq>> load_libpq_from(const std::string& library);

}  // namespace detail

}  // namespace sqlgen::pg
