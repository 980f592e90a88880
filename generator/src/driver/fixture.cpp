// `sqlgen fixture`: a fixture file for a migration, created empty but for a header comment.
#include <filesystem>

#include "driver/driver.hpp"
#include "driver/modules.hpp"
#include "pg/migrate.hpp"
#include "util/fs.hpp"

namespace sqlgen::driver {

namespace fs = std::filesystem;
using diag::DiagId;

std::optional<std::string> create_fixture(const std::string& config_path, const std::string& module,
                                          long long version, diag::DiagnosticEngine& diags) {
  Project project = load(Inputs{config_path, {}, {}, {}}, diags);
  if (!project.config || diags.has_errors()) return std::nullopt;
  const config::Config& config = *project.config;
  std::optional<size_t> index = find_module(config, module, diags);
  if (!index) return std::nullopt;
  const config::Module& m = config.modules[*index];
  std::optional<int64_t> namespaced = pg::fixture_version(config, *index, version);
  if (!namespaced) {
    config::VersionRange range = config.version_range(*index);
    diags.report(diag::make(DiagId::err_fixture_version, m.name_loc,
                            {std::to_string(version), m.name, std::to_string(range.first),
                             std::to_string(range.last)}));
    return std::nullopt;
  }
  const source::Migration* migration = nullptr;
  for (const source::Migration& candidate : project.migrations) {
    if (candidate.module == m.name && candidate.version == *namespaced && !candidate.unversioned) {
      migration = &candidate;
    }
  }
  if (!migration) {
    diags.report(diag::make(DiagId::err_fixture_no_migration, m.name_loc,
                            {m.name, std::to_string(*namespaced)}));
    return std::nullopt;
  }
  // `fixtures/` of the listed directory the migration was found in.
  std::string fixture_dir = fs::path(migration->path).parent_path().generic_string();
  for (const config::SourcePath& source_path : m.migrations) {
    if (migration->path.starts_with(source_path.path + "/")) {
      fixture_dir = source_path.path;
      break;
    }
  }
  const fs::path path =
      config.resolve(fixture_dir) / "fixtures" / (std::to_string(*namespaced) + ".sql");
  const std::string display = path.lexically_normal().generic_string();
  std::error_code ec;
  if (fs::exists(path, ec)) {
    diags.report(diag::make(DiagId::err_fixture_exists, {}, {display}));
    return std::nullopt;
  }
  const std::string header =
      "-- Fixture for migration " + std::to_string(*namespaced) + " (" + migration->path +
      ") of module \"" + m.name +
      "\".\n"
      "-- `sqlgen dump` runs it right after that migration, in the same transaction, to seed\n"
      "-- rows like production's that later migrations must cope with (e.g. values they cast).\n"
      "-- Plain SQL, statements end with \";\". Never applied in production.\n\n";
  if (std::string err = util::write_file_atomic(path, header); !err.empty()) {
    diags.report(diag::make(DiagId::err_file_write, {}, {display, err}));
    return std::nullopt;
  }
  return display;
}

}  // namespace sqlgen::driver
