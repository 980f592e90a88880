// `sqlgen create`: the next migration file of a module, numbered and styled like its others.
#include <filesystem>

#include "driver/driver.hpp"
#include "driver/modules.hpp"
#include "util/fs.hpp"

namespace sqlgen::driver {

namespace fs = std::filesystem;
using diag::DiagId;

namespace {

bool valid_name(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

/// `number` with at least `digits` digits.
std::string padded(int64_t number, size_t digits) {
  std::string s = std::to_string(number);
  return s.size() < digits ? std::string(digits - s.size(), '0') + s : s;
}

}  // namespace

std::vector<std::string> create_migration(const std::string& config_path, const std::string& module,
                                          const std::string& name, MigrationStyle style,
                                          diag::DiagnosticEngine& diags) {
  if (!valid_name(name)) {
    diags.report(diag::make(DiagId::err_create_name, {}, {name}));
    return {};
  }
  Project project = load(Inputs{config_path, {}, {}, {}}, diags);
  if (!project.config || diags.has_errors()) return {};
  const config::Config& config = *project.config;
  std::optional<size_t> index = find_module(config, module, diags);
  if (!index) return {};
  const config::Module& m = config.modules[*index];
  const config::VersionRange range = config.version_range(*index);

  // The module's latest migration decides the directory, the numbering and the style.
  const source::Migration* last = nullptr;
  for (const source::Migration& candidate : project.migrations) {
    if (candidate.module == m.name && !candidate.unversioned && candidate.source) last = &candidate;
  }
  std::string dir;
  size_t digits = 3;
  bool namespaced = false;
  bool pair = false;
  if (last) {
    dir = fs::path(last->path).parent_path().generic_string();
    std::string file = fs::path(last->path).filename().string();
    size_t n = 0;
    while (n < file.size() && file[n] >= '0' && file[n] <= '9') ++n;
    digits = n;
    namespaced = source::leading_version(file).value_or(0) >= config.namespace_width;
    pair = last->format == source::Migration::MigratePair;
  } else {
    for (const config::SourcePath& entry : m.migrations) {
      std::error_code ec;
      fs::path p = config.resolve(entry.path);
      if (fs::is_directory(p, ec) || (!m.migrations_listed && !fs::exists(p, ec))) {
        dir = entry.path;
        break;
      }
    }
    if (dir.empty()) {
      diags.report(diag::make(DiagId::err_create_no_directory, m.name_loc, {m.name}));
      return {};
    }
  }
  if (style != MigrationStyle::Existing) pair = style == MigrationStyle::Pair;

  const int64_t version = (last ? last->version : range.first - 1) + 1;
  if (version > range.last) {
    diags.report(diag::make(DiagId::err_create_full, m.name_loc,
                            {m.name, std::to_string(version - 1), std::to_string(range.last)}));
    return {};
  }
  const int64_t local = version - (range.first - 1);
  const std::string stem = padded(namespaced ? version : local, digits) + "_" + name;
  const std::string header = "-- Migration " + std::to_string(version) + " of module \"" + m.name +
                             "\" (" + std::to_string(local) + " in the module).\n";
  std::vector<std::pair<std::string, std::string>> files;
  if (pair) {
    files.emplace_back(stem + ".up.sql",
                       header + "-- The schema change; `sqlgen migrate up` applies it.\n\n");
    files.emplace_back(stem + ".down.sql",
                       header +
                           "-- Reverts the .up.sql: `sqlgen migrate down` runs it, and "
                           "`sqlgen migrate up --rollback` after a branch switch.\n\n");
  } else {
    files.emplace_back(stem + ".sql",
                       header +
                           "-- Up: the schema change. Down: what reverts it (`sqlgen migrate "
                           "down`,\n-- and `sqlgen migrate up --rollback` after a branch "
                           "switch).\n\n"
                           "-- +goose Up\n\n\n-- +goose Down\n\n");
  }
  // Nothing is written when any of the files exists.
  bool exists = false;
  for (const auto& [file, text] : files) {
    std::error_code ec;
    fs::path path = config.resolve(dir) / file;
    if (fs::exists(path, ec)) {
      diags.report(
          diag::make(DiagId::err_create_exists, {}, {path.lexically_normal().generic_string()}));
      exists = true;
    }
  }
  if (exists) return {};
  std::vector<std::string> created;
  for (const auto& [file, text] : files) {
    fs::path path = config.resolve(dir) / file;
    std::string shown = path.lexically_normal().generic_string();
    if (std::string err = util::write_file_atomic(path, text); !err.empty()) {
      diags.report(diag::make(DiagId::err_file_write, {}, {shown, err}));
      return created;
    }
    created.push_back(shown);
  }
  return created;
}

}  // namespace sqlgen::driver
