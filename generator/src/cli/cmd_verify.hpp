#pragma once
/// `sqlgen verify`: every query PREPAREd on PostgreSQL and compared with the analysis.

#include <ostream>
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace sqlgen::cli {

/// Options of `sqlgen verify`.
struct VerifyOptions {
  std::vector<std::string> schema_paths;  ///< --schema; with --queries instead of the config
  std::vector<std::string> query_paths;   ///< --queries
  std::vector<std::string> search_path;   ///< --search-path a,b
  std::string db_url;                     ///< --db; "" = $SQLGEN_DATABASE_URL, else throwaway
  std::string format = "text";            ///< --format: text (a summary line) | json
  bool strict = false;                    ///< --strict: differences are errors
  bool all = false;                       ///< --all: sqlgen's rejections PREPAREd too
};

/// Analyzes every query, PREPAREs those without errors on a database the migrations built and
/// compares parameters and columns; prints a summary (or JSON). Exit 1 on any error: a query
/// that did not analyze or that PostgreSQL rejects, a schema PostgreSQL rejects, or (with
/// --strict) a difference. With --all, sqlgen's rejections are measured, not reported, and a
/// query PostgreSQL alone rejects is a warning (exit 0).
int run_verify(Context& ctx, const VerifyOptions& opts, std::ostream& out);

}  // namespace sqlgen::cli
