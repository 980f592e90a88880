#pragma once
/// `sqlgen analyze`: the analysis JSON of every query.

#include <ostream>
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace sqlgen::cli {

/// Options of `sqlgen analyze`.
struct AnalyzeCmdOptions {
  std::vector<std::string> schema_paths;  ///< --schema; with --queries instead of the config
  std::vector<std::string> query_paths;   ///< --queries
  std::vector<std::string> search_path;   ///< --search-path a,b
};

/// Prints {"queries": [...], "diagnostics": [...]}; exit 1 when there are errors.
int run_analyze(Context& ctx, const AnalyzeCmdOptions& opts, std::ostream& out);

}  // namespace sqlgen::cli
