// Migration discovery: per-module directories, version namespaces, .up/.down
// pairing, duplicate detection, and schema paths given without a config.
#include "source/migrations.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <span>
#include <utility>

#include "source/sql_files.hpp"
#include "util/parallel.hpp"

namespace sqlgen::source {

namespace {

namespace fs = std::filesystem;
using diag::DiagId;

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// Where a migration's own file is: its up file, or its down file when it has no up.
diag::Location file_of(const Migration& m) {
  return diag::Location::file(m.source ? m.source : m.down_source);
}

/// The namespaced version of a file numbered `number` in module `index`, or
/// nullopt (reported) when the number is outside the module's range.
std::optional<int64_t> namespaced_version(int64_t number, size_t index,
                                          const config::Module& module,
                                          const config::Config& config,
                                          const diag::SourcePtr& source,
                                          diag::DiagnosticEngine& diags) {
  const int64_t width = config.namespace_width;
  const config::VersionRange range = config.version_range(index);
  // Numbers below W are local to the module; others are already namespaced.
  int64_t version = number < width ? range.first - 1 + number : number;
  if (version >= range.first && version <= range.last) return version;
  diag::Diagnostic d = diag::make(DiagId::err_migration_version_range, diag::Location::file(source),
                                  {std::to_string(number), module.name, std::to_string(range.first),
                                   std::to_string(range.last)});
  d.note(DiagId::note_generic, module.loc,
         {"numbers below " + std::to_string(width) + " are local to the module: 1.." +
          std::to_string(width - 1) + " stand for " + std::to_string(range.first) + ".." +
          std::to_string(range.last)});
  diags.report(std::move(d));
  return std::nullopt;
}

/// Adds `m` to `by_version`, joining the halves of a .up/.down pair; a
/// second file with the same version is an error.
void add_migration(Migration m, std::map<int64_t, Migration>& by_version,
                   diag::DiagnosticEngine& diags) {
  auto [it, inserted] = by_version.emplace(m.version, m);
  if (inserted) return;
  Migration& prev = it->second;
  const bool pair = m.format == Migration::MigratePair && prev.format == Migration::MigratePair;
  if (pair && m.source && !prev.source) {
    prev.path = m.path;
    prev.source = m.source;
    prev.local_version = m.local_version;
    prev.up = std::move(m.up);
    prev.parsed_up = std::move(m.parsed_up);
    return;
  }
  if (pair && m.down_source && !prev.down_source) {
    prev.down_path = m.down_path;
    prev.down_source = m.down_source;
    prev.down = std::move(m.down);
    return;
  }
  diag::Diagnostic d =
      diag::make(DiagId::err_migration_duplicate_version, file_of(m), {std::to_string(m.version)});
  d.note(DiagId::note_previous_here, file_of(prev), {"migration with this version"});
  diags.report(std::move(d));
}

/// A migration from one parsed file; a .down.sql file fills only the down half.
Migration make_migration(const diag::SourcePtr& source, const std::string& path,
                         ParsedFile parsed) {
  Migration m;
  m.format = parsed.format;
  m.no_transaction = parsed.no_transaction;
  m.up = std::move(parsed.up);
  m.down = std::move(parsed.down);
  m.parsed_up = std::move(parsed.parsed_up);
  m.down_path = path;
  m.down_source = source;
  if (!(m.format == Migration::MigratePair && ends_with(path, ".down.sql"))) {
    m.path = path;
    m.source = source;
  }
  if (m.format == Migration::MigratePair && m.source) {
    m.down_path.clear();
    m.down_source = nullptr;
  }
  return m;
}

}  // namespace

std::optional<int64_t> leading_version(std::string_view file_name) {
  int64_t value = 0;
  size_t n = 0;
  for (; n < file_name.size() && file_name[n] >= '0' && file_name[n] <= '9'; ++n) {
    int64_t digit = file_name[n] - '0';
    if (value > (std::numeric_limits<int64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  if (n == 0) return std::nullopt;
  return value;
}

namespace {

/// Each file read and split into its sections and statements, in parallel (a null source for a
/// file that could not be read, reported).
std::vector<std::pair<diag::SourcePtr, ParsedFile>> read_files(
    const std::vector<detail::FoundFile>& files, diag::DiagnosticEngine& diags) {
  std::vector<std::pair<diag::SourcePtr, ParsedFile>> out(files.size());
  util::parallel_for_rethrow(files.size(), [&](size_t i) {
    const fs::path& path = files[i].path;
    out[i].first = detail::read_source(path, path.lexically_normal().generic_string(), diags);
    if (out[i].first) out[i].second = parse_migration_file(out[i].first, diags);
  });
  return out;
}

/// The migrations of the module at `module_index` from its files (`files`, each read and split
/// in `read`), ordered by version; files that cannot be used are reported and left out.
std::vector<Migration> number_module_migrations(
    const config::Module& module, size_t module_index, const config::Config& config,
    std::span<const detail::FoundFile> files,
    std::span<std::pair<diag::SourcePtr, ParsedFile>> read, diag::DiagnosticEngine& diags) {
  const int64_t range_start = config.version_range(module_index).first;
  std::map<int64_t, Migration> by_version;
  // Unversioned schema files (list form), each after the highest version listed before it.
  std::vector<Migration> schema_files;
  int64_t anchor = range_start - 1;
  for (size_t i = 0; i < files.size(); ++i) {
    const detail::FoundFile& f = files[i];
    auto& [source, parsed] = read[i];
    if (!source) continue;
    if (f.listed && parsed.format == Migration::Plain) {
      Migration m = make_migration(source, f.rel, std::move(parsed));
      m.module = module.name;
      m.unversioned = true;
      m.version = anchor;
      m.local_version = 0;
      schema_files.push_back(std::move(m));
      continue;
    }
    const std::string file_name = f.path.filename().string();
    std::optional<int64_t> number = leading_version(file_name);
    if (!number) {
      diags.report(
          diag::make(DiagId::err_migration_bad_name, diag::Location::file(source), {file_name}));
      continue;
    }
    std::optional<int64_t> version =
        namespaced_version(*number, module_index, module, config, source, diags);
    if (!version) continue;
    Migration m = make_migration(source, f.rel, std::move(parsed));
    m.module = module.name;
    m.version = *version;
    m.local_version = *version - (range_start - 1);
    anchor = std::max(anchor, *version);
    add_migration(std::move(m), by_version, diags);
  }

  std::vector<Migration> out;
  for (auto& [version, m] : by_version) {
    if (!m.source) {
      diags.report(diag::make(DiagId::err_migration_missing_up, file_of(m), {m.down_path}));
      continue;
    }
    if (m.format == Migration::MigratePair && !m.down_source) {
      diags.report(diag::make(DiagId::warn_migration_missing_down, file_of(m), {m.path}));
    }
    out.push_back(std::move(m));
  }
  // Versioned first, so a schema file comes after the migration whose version it carries.
  std::move(schema_files.begin(), schema_files.end(), std::back_inserter(out));
  std::stable_sort(out.begin(), out.end(),
                   [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

}  // namespace

std::vector<Migration> load_module_migrations(const config::Module& module, size_t module_index,
                                              const config::Config& config,
                                              diag::DiagnosticEngine& diags, bool* missing) {
  if (module.migrations.empty()) return {};
  std::vector<detail::FoundFile> files = detail::module_source_files(
      module.migrations, module.migrations_listed, config, diags, missing);
  std::vector<std::pair<diag::SourcePtr, ParsedFile>> read = read_files(files, diags);
  return number_module_migrations(module, module_index, config, files, read, diags);
}

std::vector<Migration> load_all_migrations(const config::Config& config,
                                           diag::DiagnosticEngine& diags, bool* missing) {
  // Every module's files found first and read in one parallel batch (a batch per module waited
  // for each module's slowest file, one core idle meanwhile), then numbered module by module.
  std::vector<detail::FoundFile> files;
  std::vector<size_t> first(config.modules.size() + 1, 0);  // module i: files[first[i], first[i+1])
  for (size_t i = 0; i < config.modules.size(); ++i) {
    const config::Module& module = config.modules[i];
    if (!module.migrations.empty()) {
      std::vector<detail::FoundFile> found = detail::module_source_files(
          module.migrations, module.migrations_listed, config, diags, missing);
      std::move(found.begin(), found.end(), std::back_inserter(files));
    }
    first[i + 1] = files.size();
  }
  std::vector<std::pair<diag::SourcePtr, ParsedFile>> read = read_files(files, diags);
  std::vector<Migration> out;
  for (size_t i = 0; i < config.modules.size(); ++i) {
    const size_t n = first[i + 1] - first[i];
    std::vector<Migration> module = number_module_migrations(
        config.modules[i], i, config, std::span(files).subspan(first[i], n),
        std::span(read).subspan(first[i], n), diags);
    std::move(module.begin(), module.end(), std::back_inserter(out));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

std::vector<Migration> load_schema_paths(const std::vector<std::string>& paths,
                                         diag::DiagnosticEngine& diags, bool* missing) {
  // The files in order first, then read and split in parallel, then numbered in order.
  std::vector<detail::FoundFile> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status status = fs::status(p, ec);
    if (!fs::is_directory(status)) {
      if (missing && !fs::exists(status)) *missing = true;  // reported when it is read
      if (!ends_with(p, ".down.sql")) files.push_back(detail::FoundFile{p, p, false});
      continue;
    }
    std::vector<detail::FoundFile> found = detail::find_sql_files(p, diags);
    // Numbered files in numeric order after the unnumbered ones, then by path.
    auto key = [](const detail::FoundFile& f) {
      return std::make_pair(leading_version(f.path.filename().string()).value_or(-1), f.rel);
    };
    std::stable_sort(found.begin(), found.end(),
                     [&](const auto& a, const auto& b) { return key(a) < key(b); });
    for (detail::FoundFile& f : found) {
      if (!ends_with(f.rel, ".down.sql")) files.push_back(std::move(f));
    }
  }
  std::vector<std::pair<diag::SourcePtr, ParsedFile>> read = read_files(files, diags);
  std::vector<Migration> out;
  int64_t anchor = 0;  // the highest version named so far
  for (size_t i = 0; i < files.size(); ++i) {
    auto& [source, parsed] = read[i];
    if (!source) continue;
    const bool plain = parsed.format == Migration::Plain;
    Migration m = make_migration(source, files[i].path.lexically_normal().generic_string(),
                                 std::move(parsed));
    std::optional<int64_t> number = leading_version(files[i].path.filename().string());
    if (!number && plain) {
      // An unnumbered plain file is schema, as sqlc reads it: applied where it is named,
      // after the numbered files before it, never a duplicate of another one's version.
      m.unversioned = true;
      m.version = anchor;
      m.local_version = 0;
    } else {
      m.version = m.local_version = number.value_or(0);
      anchor = std::max(anchor, m.version);
    }
    out.push_back(std::move(m));
  }
  return out;
}

std::optional<TransactionMode> parse_transaction_mode(std::string_view text) {
  if (text == "single") return TransactionMode::Single;
  if (text == "per-migration") return TransactionMode::PerMigration;
  return std::nullopt;
}

std::string_view transaction_mode_name(TransactionMode mode) {
  return mode == TransactionMode::Single ? "single" : "per-migration";
}

}  // namespace sqlgen::source
