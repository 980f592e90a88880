// Finding the PostgreSQL server programs.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <sstream>

#include "pg/cluster.hpp"
#include "pg/process.hpp"

namespace sqlgen::pg {

namespace fs = std::filesystem;

namespace detail {

bool is_executable(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

std::vector<fs::path> path_dirs() {
  std::vector<fs::path> dirs;
  const char* path = std::getenv("PATH");
  std::stringstream ss(path ? path : "");
  for (std::string dir; std::getline(ss, dir, ':');) {
    if (!dir.empty()) dirs.emplace_back(dir);
  }
  return dirs;
}

}  // namespace detail

namespace {

using detail::is_executable;
using detail::path_dirs;

constexpr const char* k_package = "postgresql-15";

bool has_server_binaries(const fs::path& dir) {
  return is_executable(dir / "initdb") && is_executable(dir / "postgres");
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  return s.substr(start);
}

diag::Diagnostic missing(const std::string& where) {
  return diag::make(diag::DiagId::err_pg_binaries_missing, {}, {where, k_package});
}

/// "15" → {15}, "9.6" → {9, 6}; empty when not a version.
std::vector<int> parse_version(const std::string& s) {
  std::vector<int> parts;
  std::stringstream ss(s);
  for (std::string part; std::getline(ss, part, '.');) {
    if (part.empty() || !std::all_of(part.begin(), part.end(), ::isdigit)) return {};
    parts.push_back(std::stoi(part));
  }
  return parts;
}

/// /usr/lib/postgresql/<version>/bin, highest version first.
std::vector<fs::path> debian_bindirs() {
  std::vector<std::pair<std::vector<int>, fs::path>> found;
  std::error_code ec;
  for (fs::directory_iterator it("/usr/lib/postgresql", ec), end; !ec && it != end;
       it.increment(ec)) {
    std::vector<int> v = parse_version(it->path().filename().string());
    if (!v.empty()) found.emplace_back(v, it->path() / "bin");
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a > b; });
  std::vector<fs::path> dirs;
  for (auto& f : found) dirs.push_back(std::move(f.second));
  return dirs;
}

std::optional<fs::path> pg_config_bindir() {
  for (const fs::path& dir : path_dirs()) {
    if (!is_executable(dir / "pg_config")) continue;
    detail::SpawnSpec spec;
    spec.argv = {(dir / "pg_config").string(), "--bindir"};
    detail::RunResult r = detail::run(spec, std::chrono::seconds(10));
    if (r.started && !r.timed_out && detail::succeeded(r.status)) return fs::path(trim(r.output));
    return std::nullopt;
  }
  return std::nullopt;
}

Result<Binaries> with_version(const fs::path& found_dir) {
  Binaries b;
  // A PATH entry may hold symlinks to the server binaries only (e.g.
  // /usr/local/bin/initdb): use the directory they live in, which also has
  // the client tools (pg_dump).
  std::error_code ec;
  fs::path real = fs::canonical(found_dir / "initdb", ec);
  b.bindir = ec ? found_dir : real.parent_path();
  detail::SpawnSpec spec;
  spec.argv = {b.postgres().string(), "--version"};
  detail::RunResult r = detail::run(spec, std::chrono::seconds(10));
  if (!r.started) return diag::make(diag::DiagId::err_pg_start, {}, {r.error});
  if (r.timed_out || !detail::succeeded(r.status) || trim(r.output).empty()) {
    std::string why = r.timed_out ? "timed out" : detail::describe_status(r.status);
    return diag::make(diag::DiagId::err_pg_start, {},
                      {"\"" + b.postgres().string() + " --version\" " + why});
  }
  b.version = trim(r.output);
  return b;
}

Result<Binaries> explicit_dir(const fs::path& dir, const std::string& what) {
  if (!has_server_binaries(dir)) {
    return missing("no initdb and postgres in " + what + " \"" + dir.string() + "\"");
  }
  return with_version(dir);
}

}  // namespace

Result<Binaries> find_binaries(const std::string& configured_bindir) {
  if (!configured_bindir.empty()) return explicit_dir(configured_bindir, "the configured bindir");
  if (const char* env = std::getenv("SQLGEN_PG_BINDIR"); env && *env) {
    return explicit_dir(env, "SQLGEN_PG_BINDIR");
  }
  for (const fs::path& dir : path_dirs()) {
    if (has_server_binaries(dir)) return with_version(dir);
  }
  if (auto dir = pg_config_bindir(); dir && has_server_binaries(*dir)) return with_version(*dir);
  for (const fs::path& dir : debian_bindirs()) {
    if (has_server_binaries(dir)) return with_version(dir);
  }
  return missing("looked in PATH, \"pg_config --bindir\" and /usr/lib/postgresql/*/bin");
}

}  // namespace sqlgen::pg
