// `sqlgen renumber`: after a merge, migrations of a module that share a version; the ones not
// applied anywhere move to the module's next free numbers.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "driver/driver.hpp"
#include "driver/migrate_target.hpp"
#include "driver/modules.hpp"
#include "pg/base_checkout.hpp"
#include "pg/git.hpp"
#include "pg/migrate.hpp"
#include "source/sql_files.hpp"
#include "util/fs.hpp"

namespace sqlgen::driver {

namespace fs = std::filesystem;
using diag::DiagId;

namespace {

/// One migration as files: a goose file, or a pair's .up.sql and .down.sql.
struct Unit {
  std::string stem;                ///< file name without .sql / .up.sql / .down.sql
  std::vector<std::string> files;  ///< paths as configured (relative to the config's dir)
  size_t digits = 0;               ///< digits of the leading number
  bool namespaced = false;         ///< numbered with the namespaced version
};

std::string stem_of(const std::string& name) {
  for (std::string_view suffix : {".up.sql", ".down.sql", ".sql"}) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) {
      return name.substr(0, name.size() - suffix.size());
    }
  }
  return name;
}

std::string padded(int64_t number, size_t digits) {
  std::string s = std::to_string(number);
  return s.size() < digits ? std::string(digits - s.size(), '0') + s : s;
}

/// The paths (as configured) of migrations applied somewhere: recorded in the database at
/// `db_url`, or present at git revision `base`.
std::optional<std::set<std::string>> applied_elsewhere(const config::Config& config,
                                                       const RenumberOptions& options,
                                                       diag::DiagnosticEngine& diags) {
  std::set<std::string> out;
  if (!options.db_url.empty()) {
    pg::Result<std::unique_ptr<pg::MigrationDatabase>> db =
        pg::MigrationDatabase::open(options.db_url, std::nullopt);
    if (!db) {
      diags.report(db.error());
      return std::nullopt;
    }
    pg::Result<pg::TrackingState> state = (*db)->read();
    if (!state) {
      diags.report(state.error());
      return std::nullopt;
    }
    for (const pg::AppliedMigration& row : state->rows) out.insert(row.name);
  }
  if (!options.base.empty()) {
    util::TempDir tmp("sqlgen-renumber");
    fs::path config_path = config.source ? fs::path(config.source->path()) : "sqlgen.yaml";
    std::optional<config::Config> base =
        pg::checkout_base(config_path, options.base, tmp.path(), diags);
    if (!base) return std::nullopt;
    diag::DiagnosticEngine ignored;  // the base's own problems are not this command's
    for (const config::Module& m : base->modules) {
      for (const source::detail::FoundFile& f :
           source::detail::module_source_files(m.migrations, m.migrations_listed, *base, ignored)) {
        out.insert(f.rel);
      }
    }
  }
  return out;
}

/// The renames of module `index`; false when two migrations of a version are both applied.
bool plan_module(const config::Config& config, size_t index, const std::set<std::string>& fixed,
                 std::vector<Rename>& renames, diag::DiagnosticEngine& diags) {
  const config::Module& module = config.modules[index];
  const config::VersionRange range = config.version_range(index);
  std::map<int64_t, std::map<std::string, Unit>> by_version;
  int64_t highest = range.first - 1;
  for (const source::detail::FoundFile& f : source::detail::module_source_files(
           module.migrations, module.migrations_listed, config, diags)) {
    const std::string name = f.path.filename().string();
    std::optional<int64_t> number = source::leading_version(name);
    if (!number) continue;
    int64_t version = *number < config.namespace_width ? range.first - 1 + *number : *number;
    if (version < range.first || version > range.last) continue;
    highest = std::max(highest, version);
    Unit& unit = by_version[version][stem_of(name)];
    unit.stem = stem_of(name);
    unit.files.push_back(f.rel);
    unit.digits =
        std::find_if(name.begin(), name.end(), [](char c) { return c < '0' || c > '9'; }) -
        name.begin();
    unit.namespaced = *number >= config.namespace_width;
  }
  bool ok = true;
  int64_t next = highest + 1;
  for (auto& [version, units] : by_version) {
    if (units.size() < 2) continue;
    std::vector<const Unit*> applied, free;
    for (const auto& [stem, unit] : units) {
      bool is_fixed = std::any_of(unit.files.begin(), unit.files.end(),
                                  [&](const std::string& f) { return fixed.contains(f); });
      (is_fixed ? applied : free).push_back(&unit);
    }
    if (applied.size() > 1) {
      diags.report(diag::make(
          DiagId::err_renumber_applied, {},
          {applied[0]->files.front(), applied[1]->files.front(), std::to_string(version)}));
      ok = false;
      continue;
    }
    // The applied one keeps its number; else the first by name.
    std::vector<const Unit*> moving = free;
    if (applied.empty()) moving.erase(moving.begin());
    for (const Unit* unit : moving) {
      if (next > range.last) {
        diags.report(
            diag::make(DiagId::err_create_full, module.name_loc,
                       {module.name, std::to_string(next - 1), std::to_string(range.last)}));
        return false;
      }
      const int64_t local = next - (range.first - 1);
      const std::string number = padded(unit->namespaced ? next : local, unit->digits);
      for (const std::string& file : unit->files) {
        fs::path p(file);
        std::string renamed = number + p.filename().string().substr(unit->digits);
        renames.push_back({file, (p.parent_path() / renamed).generic_string()});
      }
      ++next;
    }
  }
  return ok;
}

}  // namespace

RenumberResult renumber(const std::string& config_path, const RenumberOptions& options,
                        diag::DiagnosticEngine& diags) {
  RenumberResult result;
  std::optional<config::Config> config = config::load_config(config_path, diags);
  if (!config) return result;
  std::optional<size_t> only;
  if (!options.module.empty()) {
    only = find_module(*config, options.module, diags);
    if (!only) return result;
  }
  std::optional<std::set<std::string>> fixed = applied_elsewhere(*config, options, diags);
  if (!fixed) return result;
  std::vector<Rename> renames;
  bool ok = true;
  for (size_t i = 0; i < config->modules.size(); ++i) {
    if (only && *only != i) continue;
    ok = plan_module(*config, i, *fixed, renames, diags) && ok;
  }
  if (!ok || diags.has_errors()) return result;
  for (const Rename& r : renames) {
    Rename shown{config->resolve(r.from).generic_string(), config->resolve(r.to).generic_string()};
    if (!options.dry_run) {
      std::string error;
      pg::MoveResult moved = pg::move_file(config->resolve(r.from), config->resolve(r.to), error);
      if (moved == pg::MoveResult::Failed) {
        diags.report(diag::make(DiagId::err_renumber_move, {}, {shown.from, shown.to, error}));
        return result;
      }
      result.git = result.git || moved == pg::MoveResult::Git;
    }
    result.renames.push_back(std::move(shown));
  }
  result.ok = true;
  return result;
}

}  // namespace sqlgen::driver
