// `sqlgen db`: the embedded development database in `.sqlgen/postgres/`.
#include <filesystem>

#include "driver/driver.hpp"
#include "driver/migrate_target.hpp"
#include "pg/devdb.hpp"

namespace sqlgen::driver {

namespace fs = std::filesystem;

namespace {

/// `dir` relative to the cwd when it is below it (as shown to the user).
std::string shown(const fs::path& dir) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  fs::path rel = dir.lexically_relative(cwd);
  if (ec || rel.empty() || *rel.begin() == "..") return dir.string();
  return rel.generic_string();
}

/// psql next to the server binaries, else on PATH; "" when there is none.
std::string find_psql() {
  if (pg::Result<pg::Binaries> found = pg::find_binaries(); found) {
    fs::path p = found->bindir / "psql";
    std::error_code ec;
    if (fs::exists(p, ec)) return p.string();
  }
  return "psql";
}

}  // namespace

DbResult db(const std::string& config_path, DbCommand command, diag::DiagnosticEngine& diags) {
  DbResult result;
  std::optional<config::Config> config = config::load_config(config_path, diags);
  if (!config) return result;
  const fs::path dir = dev_dir(*config);
  result.dir = shown(dir);
  pg::DevDatabase dev;
  if (command == DbCommand::Status) {
    dev = pg::dev_database_status(dir);
  } else if (command == DbCommand::Stop) {
    bool was_running = pg::dev_database_status(dir).running;
    pg::Result<pg::DevDatabase> stopped = pg::stop_dev_database(dir);
    if (!stopped) {
      diags.report(stopped.error());
      return result;
    }
    dev = *stopped;
    result.stopped = was_running;
  } else {
    pg::Result<pg::DevDatabase> started = pg::start_dev_database(dir);
    if (!started) {
      diags.report(started.error());
      return result;
    }
    dev = *started;
    if (command == DbCommand::Reset) {
      if (pg::Result<> r = pg::recreate_dev_database(dev); !r) {
        diags.report(r.error());
        return result;
      }
    }
    if (command == DbCommand::Psql) result.psql = find_psql();
  }
  result.initialized = dev.initialized;
  result.running = dev.running;
  result.started = dev.started;
  result.pid = dev.pid;
  result.url = dev.url();
  result.conninfo = dev.conninfo();
  result.ok = true;
  return result;
}

}  // namespace sqlgen::driver
