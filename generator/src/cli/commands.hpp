#pragma once
/// One function per subcommand; main.cpp only wires the command line to them.

#include <ostream>
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace sqlgen::cli {

/// `sqlgen parse FILE...`: statements with kinds and positions.
int run_parse(Context& ctx, const std::vector<std::string>& paths, bool json, std::ostream& out);

/// Options of `sqlgen schema`.
struct SchemaOptions {
  std::vector<std::string> schema_paths;  ///< --schema; empty: read the config
  std::string format = "json";            ///< json | sql
};

/// `sqlgen schema`: the catalog built from the migrations, as JSON or SQL.
int run_schema(Context& ctx, const SchemaOptions& opts, std::ostream& out);

/// `sqlgen generate`: everything `make gen` produces from sqlgen.yaml.
int run_generate(Context& ctx, std::ostream& out);

}  // namespace sqlgen::cli
