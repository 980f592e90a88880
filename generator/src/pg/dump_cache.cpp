// The dump cache: keys (SHA-256 of a dump's inputs) and entries under <cache dir>/dumps/.
#include "pg/dump_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>

#include "pg/cluster.hpp"
#include "pg/dump.hpp"
#include "pg/template_cache.hpp"
#include "util/fs.hpp"

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

// ---- SHA-256 (FIPS 180-4) ----------------------------------------------------------------

constexpr std::array<uint32_t, 64> k_sha_k = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void sha256_block(std::array<uint32_t, 8>& h, const unsigned char* p) {
  std::array<uint32_t, 64> w{};
  for (int i = 0; i < 16; ++i) {
    w[i] = uint32_t(p[4 * i]) << 24 | uint32_t(p[4 * i + 1]) << 16 | uint32_t(p[4 * i + 2]) << 8 |
           uint32_t(p[4 * i + 3]);
  }
  for (int i = 16; i < 64; ++i) {
    uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 64; ++i) {
    uint32_t s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    uint32_t ch = (e & f) ^ (~e & g);
    uint32_t t1 = hh + s1 + ch + k_sha_k[i] + w[i];
    uint32_t s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
    uint32_t t2 = s0 + maj;
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += hh;
}

// ---- key ---------------------------------------------------------------------------------

/// An unambiguous serialization: every field is its length, ':', its bytes, ';'.
class KeyWriter {
 public:
  KeyWriter& field(std::string_view s) {
    m_buf += std::to_string(s.size());
    m_buf += ':';
    m_buf += s;
    m_buf += ';';
    return *this;
  }
  KeyWriter& field(int64_t n) { return field(std::to_string(n)); }
  const std::string& bytes() const { return m_buf; }

 private:
  std::string m_buf;
};

/// sqlgen's version and which build of it runs (size and mtime of the executable, as ccache
/// checks a compiler), so a rebuilt sqlgen with the same version number never reuses entries.
std::string build_identity() {
  std::string id = std::string("sqlgen ") + SQLGEN_VERSION;
  struct stat st {};
  if (::stat("/proc/self/exe", &st) == 0) {
    id += " exe size=" + std::to_string(st.st_size) +
          " mtime=" + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
  }
  return id;
}

/// The module owning `version` (by the config's version ranges), "" when none does.
std::string module_of(const config::Config& config, int64_t version) {
  for (size_t i = 0; i < config.modules.size(); ++i) {
    config::VersionRange r = config.version_range(i);
    if (version >= r.first && version <= r.last) return config.modules[i].name;
  }
  return {};
}

/// A directory we own that is not a symlink (the cache may live in a shared /tmp).
bool owned_dir(const fs::path& dir) {
  struct stat st {};
  return ::lstat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid();
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

std::string sha256_hex(std::string_view data) {
  std::array<uint32_t, 8> h = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  size_t full = data.size() / 64 * 64;
  for (size_t i = 0; i < full; i += 64) sha256_block(h, p + i);
  std::array<unsigned char, 128> tail{};
  size_t rest = data.size() - full;
  std::copy(p + full, p + data.size(), tail.begin());
  tail[rest] = 0x80;
  size_t tail_len = rest + 1 + 8 <= 64 ? 64 : 128;
  uint64_t bits = uint64_t(data.size()) * 8;
  for (int i = 0; i < 8; ++i) tail[tail_len - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  for (size_t i = 0; i < tail_len; i += 64) sha256_block(h, tail.data() + i);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (uint32_t word : h) {
    for (int shift = 28; shift >= 0; shift -= 4) out += k_hex[(word >> shift) & 0xf];
  }
  return out;
}

std::string dump_cache_key(const config::Config& config,
                           const std::vector<source::Migration>& migrations,
                           const std::vector<Fixture>& fixtures, TransactionMode mode,
                           const std::string& server_version) {
  KeyWriter w;
  w.field("sqlgen-dump-key-v1").field(build_identity()).field(k_dump_recipe);
  for (const std::string& table : DumpOptions{}.exclude_tables) w.field("exclude").field(table);
  w.field("server").field(server_version);
  w.field("mode").field(transaction_mode_name(mode));
  for (const char* var : k_session_env) {
    const char* value = std::getenv(var);
    w.field(var).field(value ? value : "<unset>");
  }
  w.field("namespace_width").field(config.namespace_width);
  w.field("modules").field(static_cast<int64_t>(config.modules.size()));
  for (const config::Module& m : config.modules) w.field(m.name).field(m.migrations);
  w.field("migrations").field(static_cast<int64_t>(migrations.size()));
  for (const source::Migration& m : migrations) {
    w.field(m.module).field(m.version).field(m.path);
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
  return sha256_hex(w.bytes());
}

bool dump_cache_disabled_by_env() {
  const char* v = std::getenv("SQLGEN_NO_CACHE");
  return v && *v && std::string_view(v) != "0";
}

DumpCache::DumpCache(fs::path cache_dir)
    : m_root(cache_dir.empty() ? default_cache_dir() : std::move(cache_dir)),
      m_dir(m_root / "dumps") {}

fs::path DumpCache::entry_path(const std::string& key) const { return m_dir / (key + ".sql"); }

std::optional<CachedDump> DumpCache::load(const std::string& key) const {
  if (!owned_dir(m_root) || !owned_dir(m_dir)) return std::nullopt;
  const fs::path path = entry_path(key);
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) {
    return std::nullopt;
  }
  util::ReadResult read = util::read_file(path);
  if (!read.text) return std::nullopt;
  std::string& text = *read.text;
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
  if (!detail::prepare_cache_dir(m_root)) return "cache dir \"" + m_root.string() + "\" unusable";
  if (!detail::prepare_cache_dir(m_dir)) return "cache dir \"" + m_dir.string() + "\" unusable";
  std::string content = std::string(k_entry_magic) + key +
                        " applied=" + std::to_string(dump.applied) +
                        " fixtures=" + std::to_string(dump.fixtures) + "\n" + dump.text;
  if (std::string err = util::write_file_atomic(entry_path(key), content); !err.empty()) {
    return err;
  }

  // Keep the `keep` most recently used entries; drop temp files a crashed writer left.
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  const auto stale = fs::file_time_type::clock::now() - std::chrono::hours(1);
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(m_dir, ec)) {
    const std::string name = e.path().filename().string();
    std::error_code tec;
    fs::file_time_type mtime = e.last_write_time(tec);
    if (tec || !e.is_regular_file(tec)) continue;
    if (is_entry_name(name)) {
      entries.emplace_back(mtime, e.path());
    } else if (name.starts_with(".") && name.find(".tmp.") != std::string::npos && mtime < stale) {
      fs::remove(e.path(), tec);
    }
  }
  if (entries.size() > keep) {
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t i = keep; i < entries.size(); ++i) {
      if (entries[i].second != entry_path(key)) fs::remove(entries[i].second, ec);
    }
  }
  return {};
}

}  // namespace sqlgen::pg
