#pragma once
/// Loading what most subcommands start from: the config, the migrations, the
/// catalog built from them.

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "cli/context.hpp"
#include "config/config.hpp"
#include "source/migrations.hpp"

namespace sqlgen::cli {

/// The migrations named by `schema_paths`, or those of every module in the
/// config when no paths are given. `config` receives the config if one was read.
std::vector<source::Migration> load_migrations(Context& ctx,
                                               const std::vector<std::string>& schema_paths,
                                               std::optional<config::Config>* config = nullptr);

}  // namespace sqlgen::cli
