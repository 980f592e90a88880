// The dump cache: keys (SHA-256 of a dump's inputs) and entries under <cache dir>/dumps/.
#include "pg/dump_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>

#include "pg/cluster.hpp"
#include "pg/dump.hpp"
#include "util/cache.hpp"
#include "util/cache_key.hpp"
#include "util/fs.hpp"
#include "util/sha256.hpp"

namespace sqlgen::pg {

namespace fs = std::filesystem;

namespace {

// What sqlgen does between the migrations and the stored text: the pg_dump invocation
// (dump.cpp), the tables it leaves out and normalize_dump(). Bump the number when any of them
// changes, so no entry made by the old code is served.
constexpr const char* k_dump_recipe =
    "dump-recipe-v1: pg_dump --schema-only --no-owner --no-privileges --no-tablespaces; "
    "normalize_dump v1";

// First line of every entry: format, key, counts.
constexpr std::string_view k_entry_magic = "-- sqlgen dump cache v1 key=";

// Environment variables libpq turns into session settings of the migrating and dumping
// connections (they can change how pg_dump prints defaults, e.g. timestamptz constants).
constexpr std::array k_session_env = {"PGOPTIONS", "PGTZ", "PGDATESTYLE", "PGCLIENTENCODING"};

// ---- key ---------------------------------------------------------------------------------

/// The module owning `version` (by the config's version ranges), "" when none does.
std::string module_of(const config::Config& config, int64_t version) {
  for (size_t i = 0; i < config.modules.size(); ++i) {
    config::VersionRange r = config.version_range(i);
    if (version >= r.first && version <= r.last) return config.modules[i].name;
  }
  return {};
}

/// "<64 hex digits>.sql".
bool is_entry_name(const std::string& name) {
  return name.size() == 68 && name.ends_with(".sql") &&
         std::all_of(name.begin(), name.begin() + 64,
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

/// "name=<n>" at `pos` in `line`; advances `pos` past it and a following space.
std::optional<size_t> read_count(std::string_view line, std::string_view name, size_t& pos) {
  if (line.substr(pos, name.size() + 1) != std::string(name) + "=") return std::nullopt;
  pos += name.size() + 1;
  size_t start = pos;
  size_t value = 0;
  while (pos < line.size() && line[pos] >= '0' && line[pos] <= '9') {
    value = value * 10 + size_t(line[pos] - '0');
    ++pos;
  }
  if (pos == start) return std::nullopt;
  if (pos < line.size() && line[pos] == ' ') ++pos;
  return value;
}

}  // namespace

std::string dump_cache_key(const config::Config& config,
                           const std::vector<source::Migration>& migrations,
                           const std::vector<Fixture>& fixtures, TransactionMode mode,
                           const std::string& server_version) {
  util::KeyHasher w;
  w.field("sqlgen-dump-key-v1").field(util::build_identity()).field(k_dump_recipe);
  for (const std::string& table : DumpOptions{}.exclude_tables) w.field("exclude").field(table);
  for (const std::string& schema : DumpOptions{}.exclude_schemas) {
    w.field("exclude-schema").field(schema);
  }
  w.field("server").field(server_version);
  w.field("mode").field(transaction_mode_name(mode));
  for (const char* var : k_session_env) {
    const char* value = std::getenv(var);
    w.field(var).field(value ? value : "<unset>");
  }
  w.field("namespace_width").field(config.namespace_width);
  w.field("modules").field(static_cast<int64_t>(config.modules.size()));
  for (const config::Module& m : config.modules) {
    w.field(m.name).field(m.migrations_listed ? "listed" : "directory");
    for (const config::SourcePath& p : m.migrations) w.field(p.path);
  }
  w.field("migrations").field(static_cast<int64_t>(migrations.size()));
  for (const source::Migration& m : migrations) {
    w.field(m.module).field(m.version).field(m.path).field(m.unversioned ? "schema" : "migration");
    w.field(m.source ? m.source->text() : std::string_view("<no up file>"));
    // How the file was split (derived from its bytes by this sqlgen build; cheap to include).
    w.field(m.no_transaction ? "no-transaction" : "transaction").field(int64_t(m.format));
  }
  w.field("fixtures").field(static_cast<int64_t>(fixtures.size()));
  for (const Fixture& f : fixtures) {
    const std::string path = f.source ? f.source->path() : std::string();
    w.field(module_of(config, f.version))
        .field(f.version)
        .field(fs::path(path).filename().string())
        .field(f.source ? f.source->text() : std::string_view());
  }
  return w.hex();
}

DumpCache::DumpCache(fs::path cache_dir)
    : m_root(cache_dir.empty() ? default_cache_dir() : std::move(cache_dir)),
      m_dir(m_root / "dumps") {}

fs::path DumpCache::entry_path(const std::string& key) const { return m_dir / (key + ".sql"); }

std::optional<CachedDump> DumpCache::load(const std::string& key) const {
  if (!util::owned_dir(m_root)) return std::nullopt;
  const fs::path path = entry_path(key);
  std::optional<util::CacheFile> file = util::read_cache_file(path);
  if (!file) return std::nullopt;
  std::string& text = file->text;
  size_t eol = text.find('\n');
  if (eol == std::string::npos) return std::nullopt;
  std::string_view line(text.data(), eol);
  if (!line.starts_with(k_entry_magic) || line.substr(k_entry_magic.size(), key.size()) != key) {
    return std::nullopt;
  }
  size_t pos = k_entry_magic.size() + key.size();
  if (pos >= line.size() || line[pos] != ' ') return std::nullopt;
  ++pos;
  std::optional<size_t> applied = read_count(line, "applied", pos);
  std::optional<size_t> fixtures = applied ? read_count(line, "fixtures", pos) : std::nullopt;
  if (!fixtures || pos != line.size()) return std::nullopt;
  (void)::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // most recently used: kept longest
  return CachedDump{text.substr(eol + 1), *applied, *fixtures};
}

std::string DumpCache::store(const std::string& key, const CachedDump& dump, size_t keep) const {
  if (std::string err = util::prepare_cache_entry_dir(m_dir); !err.empty()) return err;
  std::string content = std::string(k_entry_magic) + key +
                        " applied=" + std::to_string(dump.applied) +
                        " fixtures=" + std::to_string(dump.fixtures) + "\n" + dump.text;
  if (std::string err = util::write_file_atomic(entry_path(key), content); !err.empty()) {
    return err;
  }

  util::evict_cache_entries(m_dir, keep, is_entry_name, entry_path(key));
  return {};
}

}  // namespace sqlgen::pg
