// `sqlgen dump`: the schema the migrations build on a real PostgreSQL, as a normalized pg_dump
// written to the config's schema_dump, compared with it (check), or compared with the schema the
// migrations at a git revision build (base, checked out by pg/base_checkout). Dumps come from
// the dump cache (pg/dump_cache.hpp) when it holds one for the same inputs.
#include "pg/dump.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "driver/driver.hpp"
#include "pg/base_checkout.hpp"
#include "pg/cluster.hpp"
#include "pg/dump_cache.hpp"
#include "pg/migrate.hpp"
#include "util/cache.hpp"
#include "util/fs.hpp"

namespace sqlgen::driver {

namespace fs = std::filesystem;
using diag::DiagId;

namespace {

/// A schema dump and how it was built.
struct BuiltDump {
  std::string text;
  pg::MigrateReport report;
};

/// Makes the dumps of one run: from the dump cache when it may be used and holds the dump,
/// else on a server acquired at the first miss and shared by the run's later dumps. Successful
/// dumps built on a throwaway cluster are stored in the cache.
class DumpMaker {
 public:
  DumpMaker(const DumpOptions& options, diag::DiagnosticEngine& diags)
      : m_options(options), m_diags(diags) {
    // Only clusters sqlgen starts itself: an external server's identity is not in the key.
    const char* env_url = std::getenv("SQLGEN_DATABASE_URL");
    m_use_cache = options.db_url.empty() && !(env_url && *env_url) && !options.no_cache &&
                  !util::cache_disabled_by_env();
  }

  /// The dump `migrations` and `config`'s fixtures build; nullopt when that failed (reported).
  std::optional<BuiltDump> make(const config::Config& config,
                                const std::vector<source::Migration>& migrations) {
    std::vector<pg::Fixture> fixtures = pg::load_fixtures(config, migrations, m_diags);
    if (m_diags.has_errors()) return std::nullopt;
    std::string key;
    if (const pg::Binaries* binaries = cache_binaries()) {
      key = pg::dump_cache_key(config, migrations, fixtures, m_options.mode, binaries->version);
      if (std::optional<pg::CachedDump> hit = m_cache.load(key)) {
        pg::MigrateReport report;
        report.applied = hit->applied;
        report.fixtures = hit->fixtures;
        return BuiltDump{std::move(hit->text), report};
      }
    }
    pg::Server* srv = server();
    if (!srv) return std::nullopt;
    std::optional<BuiltDump> built = build(*srv, migrations, fixtures);
    // Stored only when the dump was made by a cluster of the binaries the key names.
    if (built && !key.empty() && srv->throwaway()) {
      (void)m_cache.store(key, {built->text, built->report.applied, built->report.fixtures});
    }
    return built;
  }

 private:
  /// Applies `migrations` with `fixtures` to a new database on `server` and dumps it.
  std::optional<BuiltDump> build(pg::Server& server,
                                 const std::vector<source::Migration>& migrations,
                                 const std::vector<pg::Fixture>& fixtures) {
    pg::Result<std::unique_ptr<pg::ScratchDatabase>> scratch =
        pg::ScratchDatabase::create(server, "sqlgen_dump");
    if (!scratch) {
      m_diags.report(scratch.error());
      return std::nullopt;
    }
    pg::Result<pg::MigrateReport> report =
        pg::apply_migrations((*scratch)->conninfo(), migrations, fixtures, {m_options.mode});
    if (!report) {
      m_diags.report(report.error());
      return std::nullopt;
    }
    pg::DumpOptions dump_options;
    dump_options.bindir = m_dump_bindir;
    pg::Result<std::string> dump = pg::dump_schema((*scratch)->conninfo(), dump_options);
    if (!dump) {
      m_diags.report(dump.error());
      return std::nullopt;
    }
    return BuiltDump{std::move(*dump), *report};
  }

  /// The binaries a throwaway cluster would run, when the cache may be used; nullptr when not
  /// (finding them failed: starting the server reports why).
  const pg::Binaries* cache_binaries() {
    if (!m_use_cache) return nullptr;
    if (!m_binaries_looked_up) {
      m_binaries_looked_up = true;
      if (pg::Result<pg::Binaries> found = pg::find_binaries(); found) m_binaries = *found;
    }
    return m_binaries ? &*m_binaries : nullptr;
  }

  /// The run's server, acquired on first use; nullptr when that failed (reported once). A
  /// throwaway cluster runs the binaries the cache key names, and pg_dump comes from them too.
  pg::Server* server() {
    if (m_server) return m_server.get();
    if (m_acquire_failed) return nullptr;
    pg::ClusterOptions options;
    if (m_binaries) options.bindir = m_binaries->bindir.string();
    pg::Result<std::unique_ptr<pg::Server>> acquired = pg::acquire(m_options.db_url, options);
    if (!acquired) {
      m_diags.report(acquired.error());
      m_acquire_failed = true;
      return nullptr;
    }
    m_server = std::move(*acquired);
    if (m_server->throwaway()) m_dump_bindir = options.bindir;
    return m_server.get();
  }

  const DumpOptions& m_options;
  diag::DiagnosticEngine& m_diags;
  bool m_use_cache = false;
  bool m_binaries_looked_up = false;
  bool m_acquire_failed = false;
  std::optional<pg::Binaries> m_binaries;
  pg::DumpCache m_cache;
  std::unique_ptr<pg::Server> m_server;
  std::string m_dump_bindir;  ///< "" = the bindir find_binaries() picks
};

/// The number of plain schema files (list-form `migrations:`): applied, but not migrations.
size_t count_schema_files(const std::vector<source::Migration>& migrations) {
  return static_cast<size_t>(std::count_if(migrations.begin(), migrations.end(),
                                           [](const auto& m) { return m.unversioned; }));
}

/// base: the schema at `options.base` against the working tree's.
DumpResult compare_with_base(const std::string& config_path, const DumpOptions& options,
                             const Project& project, diag::DiagnosticEngine& diags) {
  DumpResult result;
  util::TempDir tmp("sqlgen-base");
  std::optional<config::Config> base_config =
      pg::checkout_base(config_path, options.base, tmp.path(), diags);
  if (!base_config) return result;
  std::vector<source::Migration> base_migrations = source::load_all_migrations(*base_config, diags);
  if (diags.has_errors()) return result;
  DumpMaker maker(options, diags);
  std::optional<BuiltDump> before = maker.make(*base_config, base_migrations);
  if (!before) return result;
  std::optional<BuiltDump> after = maker.make(*project.config, project.migrations);
  if (!after) return result;
  result.base_applied = before->report.applied;
  result.applied = after->report.applied;
  result.diff = codegen::unified_diff("schema at " + options.base, before->text,
                                      "schema of the working tree", after->text);
  if (!result.diff.empty()) {
    diags.report(diag::make(DiagId::err_dump_base_differs, {}, {options.base}));
    result.outcome = DumpResult::Outcome::DiffersFromBase;
    return result;
  }
  result.outcome = DumpResult::Outcome::SameAsBase;
  return result;
}

}  // namespace

DumpResult dump(const std::string& config_path, const DumpOptions& options,
                diag::DiagnosticEngine& diags) {
  Project project = load(Inputs{config_path, {}, {}, {}}, diags);
  if (!project.config || diags.has_errors()) return {};  // diagnostics explain why
  if (!options.base.empty()) return compare_with_base(config_path, options, project, diags);

  DumpResult result;
  const config::Config& config = *project.config;
  const fs::path target =
      options.output.empty() ? config.resolve(config.schema_dump) : fs::path(options.output);
  result.path = target.lexically_normal().generic_string();
  DumpMaker maker(options, diags);
  std::optional<BuiltDump> built = maker.make(config, project.migrations);
  if (!built) return result;
  result.applied = built->report.applied;
  result.schema_files = count_schema_files(project.migrations);
  result.fixtures = built->report.fixtures;

  if (options.check) {
    util::ReadResult committed = util::read_file(target);
    if (!committed.text && !committed.not_found) {
      diags.report(diag::make(DiagId::err_file_unreadable, {}, {result.path, committed.error}));
      return result;
    }
    result.diff = codegen::unified_diff(result.path + " (committed)", committed.text.value_or(""),
                                        result.path + " (from the migrations)", built->text);
    if (!result.diff.empty()) {
      diags.report(diag::make(DiagId::err_dump_drift, {}, {result.path}));
      result.outcome = DumpResult::Outcome::Drifted;
      return result;
    }
    result.outcome = DumpResult::Outcome::UpToDate;
    return result;
  }

  if (std::string err = util::write_file_atomic(target, built->text); !err.empty()) {
    diags.report(diag::make(DiagId::err_file_write, {}, {result.path, err}));
    return result;
  }
  result.outcome = DumpResult::Outcome::Written;
  return result;
}

}  // namespace sqlgen::driver
