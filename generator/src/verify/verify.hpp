#pragma once
/// The verify stage's public header: "PostgreSQL is the oracle" as a product feature. Every
/// query that analyzed without errors is PREPAREd (and described) on a real PostgreSQL that the
/// same migrations built, and its parameter count and types, column count, names, types and
/// typmods are compared with sqlgen's analysis. Types are compared as "schema.typname" on both
/// sides. Differences are warnings at the query's name (errors with `strict`); a query
/// PostgreSQL rejects is an error there.

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
};

/// How to verify.
struct Options {
  std::string db_url;   ///< "" = $SQLGEN_DATABASE_URL, else a throwaway server
  bool strict = false;  ///< report differences as errors instead of warnings
};

/// What became of one query.
enum class Status {
  NotAnalyzed,  ///< the analysis had errors: not sent to PostgreSQL
  NotPrepared,  ///< the schema could not be built, so the query was not sent
  Rejected,     ///< PostgreSQL's PREPARE failed
  Agrees,       ///< every parameter and column agrees
  Differs,      ///< at least one count, name, type or typmod differs
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
  Tally params;
  Tally columns;
  std::vector<std::string> mismatches;  ///< the messages of the differences, in order
  std::string error;                    ///< PostgreSQL's message when Rejected
};

/// Totals over every query.
struct Totals {
  size_t queries = 0;   ///< queries read
  size_t analyzed = 0;  ///< analyzed without errors
  size_t prepared = 0;  ///< accepted by PostgreSQL's PREPARE
  size_t rejected = 0;  ///< rejected by it
  Tally params;
  Tally columns;
};

/// The whole run.
struct Report {
  bool schema_applied = false;  ///< false when the server or the migrations failed (reported)
  std::vector<QueryResult> queries;
  Totals totals;
};

/// Builds the schema from `migrations` in a new database (dropped afterwards) on the server
/// `options` names, PREPAREs every query of `queries` that analyzed without errors, and compares.
/// Differences, rejections and server failures are reported to `diags`.
Report verify_queries(const catalog::Catalog& cat, const std::vector<source::Migration>& migrations,
                      const std::vector<QueryRef>& queries, const Options& options,
                      diag::DiagnosticEngine& diags);

/// "verified 504 queries (3 not analyzed, 1 rejected by PostgreSQL): 2911/2915 types agree
/// (99.86%)", without a newline.
std::string summary(const Report& report);

/// {"queries": [...], "totals": {...}, "schema_applied": bool}.
nlohmann::json to_json(const Report& report);

}  // namespace sqlgen::verify
