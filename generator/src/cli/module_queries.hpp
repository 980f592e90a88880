#pragma once
/// Reading and analyzing the queries of every module of sqlgen.yaml (shared by the
/// subcommands that need the analysis).

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "cli/context.hpp"
#include "codegen/codegen.hpp"
#include "config/config.hpp"
#include "source/migrations.hpp"

namespace sqlgen::cli {

/// For every module with a `queries` directory: its query files (paths as configured), the
/// queries read from them (duplicate names reported) and their analysis. Problems are
/// reported to `ctx.diags`.
std::vector<codegen::ModuleQueries> analyze_module_queries(Context& ctx,
                                                           const config::Config& config,
                                                           const catalog::Catalog& cat);

/// Where a command's schema and queries come from: `--schema`/`--queries` paths, or sqlgen.yaml
/// when both are empty.
struct ProjectInputs {
  std::vector<std::string> schema_paths;  ///< --schema
  std::vector<std::string> query_paths;   ///< --queries
  std::vector<std::string> search_path;   ///< --search-path (paths only; a config has its own)
};

/// A project read, its catalog built and every query analyzed: what `analyze` and `verify`
/// start from.
struct AnalyzedProject {
  std::vector<source::Migration> migrations;
  catalog::Catalog catalog;
  std::vector<codegen::ModuleQueries> modules;  ///< with paths: one module named ""
};

/// Loads the migrations, builds the catalog and analyzes every query, from the paths of
/// `inputs` or else from every module of the config (as `sqlgen generate` does). Problems are
/// reported to `ctx.diags`.
AnalyzedProject analyze_project(Context& ctx, const ProjectInputs& inputs);

}  // namespace sqlgen::cli
