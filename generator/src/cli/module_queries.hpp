#pragma once
/// Reading and analyzing the queries of every module of sqlgen.yaml (shared by the
/// subcommands that need the analysis).

#include <vector>

#include "catalog/catalog.hpp"
#include "cli/context.hpp"
#include "codegen/codegen.hpp"
#include "config/config.hpp"

namespace sqlgen::cli {

/// For every module with a `queries` directory: its query files (paths as configured), the
/// queries read from them (duplicate names reported) and their analysis. Problems are
/// reported to `ctx.diags`.
std::vector<codegen::ModuleQueries> analyze_module_queries(Context& ctx,
                                                           const config::Config& config,
                                                           const catalog::Catalog& cat);

}  // namespace sqlgen::cli
