// Which database `sqlgen migrate` works on.
#include "driver/migrate_target.hpp"

#include <cstdlib>

namespace sqlgen::driver {

std::filesystem::path dev_dir(const config::Config& config) {
  return pg::dev_database_dir(config.dir);
}

std::optional<MigrateTarget> migrate_target(const config::Config& config, const std::string& db_url,
                                            diag::DiagnosticEngine& diags) {
  MigrateTarget target;
  target.conninfo = db_url;
  if (const char* env = std::getenv("SQLGEN_DATABASE_URL"); target.conninfo.empty() && env) {
    target.conninfo = env;
  }
  if (target.conninfo.empty()) target.conninfo = config.database;
  if (!target.conninfo.empty()) return target;
  pg::Result<pg::DevDatabase> dev = pg::start_dev_database(dev_dir(config));
  if (!dev) {
    diags.report(dev.error());
    return std::nullopt;
  }
  target.embedded = true;
  target.dev = *dev;
  target.conninfo = dev->conninfo();
  return target;
}

}  // namespace sqlgen::driver
