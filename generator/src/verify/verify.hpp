#pragma once
/// The verify stage's public header: "PostgreSQL is the oracle" as a product feature. Every
/// query that analyzed without errors is PREPAREd (and described) on a real PostgreSQL that the
/// same migrations built, and its parameter count and types, column count, names, types and
/// typmods are compared with sqlgen's analysis. Types are compared as "schema.typname" on both
/// sides. Differences are warnings at the query's name (errors with `strict`); a query
/// PostgreSQL rejects is an error there.
///
/// With `all` (`sqlgen verify --all`), the queries sqlgen rejected are PREPAREd too, and the
/// run measures agreement on acceptance: both accept, both reject, sqlgen alone rejects
/// (`SqlgenOnly`) or PostgreSQL alone does (`Rejected`, then a warning unless `strict`). The
/// rejections' messages are results then, not diagnostics.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "analyze/analyze.hpp"
#include "catalog/catalog.hpp"
#include "diag/diag.hpp"
#include "source/migrations.hpp"
#include "source/query_file.hpp"

namespace sqlgen::verify {

/// One query to verify: as read (for its location) and as analyzed.
struct QueryRef {
  const source::Query* query = nullptr;
  const analyze::AnalyzedQuery* analyzed = nullptr;
  /// With Options::all: the errors of the query's analysis, kept out of the run's diagnostics
  /// (the first is the query's sqlgen_error); null otherwise.
  const std::vector<diag::Diagnostic>* errors = nullptr;
};

/// How to verify.
struct Options {
  std::string db_url;   ///< "" = $SQLGEN_DATABASE_URL, else a throwaway server
  bool strict = false;  ///< report differences as errors instead of warnings
  /// Also PREPARE the queries sqlgen rejected, and count agreement on acceptance; a query
  /// PostgreSQL alone rejects is then a warning (an error with `strict`).
  bool all = false;
};

/// What became of one query.
enum class Status {
  NotAnalyzed,  ///< the analysis had errors: not sent to PostgreSQL (without `all`)
  NotPrepared,  ///< the schema could not be built, so the query was not sent
  Rejected,     ///< PostgreSQL's PREPARE failed on a query sqlgen accepted
  Agrees,       ///< every parameter and column agrees
  Differs,      ///< at least one count, name, type or typmod differs
  BothReject,   ///< (`all`) sqlgen had errors and PostgreSQL's PREPARE failed
  SqlgenOnly,   ///< (`all`) sqlgen had errors and PostgreSQL's PREPARE succeeded
};

/// The name of a status in the JSON output ("not_analyzed", "agrees", ...).
const char* status_name(Status s);

/// Compared and agreeing items (parameters or columns); a count mismatch counts the missing
/// or extra items as compared and not agreeing.
struct Tally {
  size_t compared = 0;
  size_t agreeing = 0;

  /// Adds `other`.
  Tally& operator+=(const Tally& other);
};

/// One query's result.
struct QueryResult {
  std::string module;
  std::string name;
  std::string file;
  uint32_t line = 0;
  Status status = Status::NotAnalyzed;
  bool analyzed = false;  ///< sqlgen's analysis had no errors
  Tally params;
  Tally columns;
  std::vector<std::string> mismatches;  ///< the messages of the differences, in order
  std::string error;                    ///< PostgreSQL's message when it rejected the query
  std::string sqlstate;                 ///< and its SQLSTATE
  std::string sqlgen_error;             ///< (`all`) sqlgen's first error when it rejected it
  std::string sqlgen_sqlstate;          ///< and its SQLSTATE, when it names one
};

/// Totals over every query.
struct Totals {
  size_t queries = 0;          ///< queries read
  size_t analyzed = 0;         ///< analyzed without errors
  size_t prepared = 0;         ///< accepted by PostgreSQL's PREPARE
  size_t rejected = 0;         ///< rejected by it (of the queries sqlgen accepted)
  size_t sqlgen_rejected = 0;  ///< (`all`) queries sqlgen rejected
  size_t both_reject = 0;      ///< (`all`) of those, rejected by PostgreSQL too
  /// (`all`) Agreement on acceptance: queries PREPAREd, and those where both accept or both
  /// reject.
  Tally acceptance;
  Tally params;
  Tally columns;
};

/// The whole run.
struct Report {
  bool schema_applied = false;  ///< false when the server or the migrations failed (reported)
  bool all = false;             ///< Options::all: acceptance measured too
  std::vector<QueryResult> queries;
  Totals totals;
};

/// Builds the schema from `migrations` in a new database (dropped afterwards) on the server
/// `options` names, PREPAREs every query of `queries` that analyzed without errors (with
/// `options.all`, every query), and compares.
/// Differences, rejections and server failures are reported to `diags`.
Report verify_queries(const catalog::Catalog& cat, const std::vector<source::Migration>& migrations,
                      const std::vector<QueryRef>& queries, const Options& options,
                      diag::DiagnosticEngine& diags);

/// "verified 504 queries (3 not analyzed, 1 rejected by PostgreSQL): 2911/2915 types agree
/// (99.86%)", without a newline; with `all`: "verified 20 queries (5 rejected by sqlgen, 6 by
/// PostgreSQL, 4 by both): acceptance agrees on 17/20 (85.00%), 30/31 types agree (96.77%)".
std::string summary(const Report& report);

/// {"queries": [...], "totals": {...}, "schema_applied": bool}.
nlohmann::json to_json(const Report& report);

}  // namespace sqlgen::verify
