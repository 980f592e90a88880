#include "cli/load.hpp"

namespace sqlgen::cli {

std::vector<source::Migration> load_migrations(Context& ctx,
                                               const std::vector<std::string>& schema_paths,
                                               std::optional<config::Config>* config_out) {
  if (!schema_paths.empty()) return source::load_schema_paths(schema_paths, ctx.diags);
  std::optional<config::Config> config = config::load_config(ctx.config_path, ctx.diags);
  if (!config) return {};
  std::vector<source::Migration> out = source::load_all_migrations(*config, ctx.diags);
  if (config_out) *config_out = std::move(config);
  return out;
}

}  // namespace sqlgen::cli
