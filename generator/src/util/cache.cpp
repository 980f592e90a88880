// Cache directories, owned entries and least-recently-used eviction (see cache.hpp).
#include "util/cache.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "util/fs.hpp"

namespace sqlgen::util {

namespace fs = std::filesystem;

bool prepare_cache_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    if (dir.has_parent_path()) fs::create_directories(dir.parent_path(), ec);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return false;
  }
  return owned_dir(dir);
}

std::string prepare_cache_entry_dir(const fs::path& dir) {
  for (const fs::path& d : {dir.parent_path(), dir}) {
    if (!prepare_cache_dir(d)) return "cache dir \"" + d.string() + "\" unusable";
  }
  return {};
}

bool owned_dir(const fs::path& dir) {
  struct stat st {};
  return ::lstat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid();
}

std::optional<CacheFile> read_cache_file(const fs::path& path) {
  if (!owned_dir(path.parent_path())) return std::nullopt;
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) {
    return std::nullopt;
  }
  ReadResult read = read_file(path);
  if (!read.text) return std::nullopt;
  return CacheFile{std::move(*read.text),
                   static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
                   static_cast<uint64_t>(st.st_ino)};
}

void evict_cache_entries(const fs::path& dir, size_t keep,
                         const std::function<bool(const std::string& name)>& is_entry,
                         const fs::path& current) {
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  const auto stale = fs::file_time_type::clock::now() - std::chrono::hours(1);
  std::error_code ec;
  // increment(ec): a directory that changes or fails mid-walk ends it, never throws.
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& e = *it;
    std::error_code tec;
    fs::file_time_type mtime = e.last_write_time(tec);
    if (tec || !e.is_regular_file(tec)) continue;
    const std::string name = e.path().filename().string();
    if (is_entry(name)) {
      entries.emplace_back(mtime, e.path());
    } else if (name.starts_with(".") && name.find(".tmp.") != std::string::npos && mtime < stale) {
      fs::remove(e.path(), tec);
    }
  }
  if (entries.size() <= keep) return;
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = keep; i < entries.size(); ++i) {
    if (entries[i].second != current) fs::remove(entries[i].second, ec);
  }
}

bool cache_disabled_by_env() {
  const char* v = std::getenv("SQLGEN_NO_CACHE");
  return v && *v && std::string_view(v) != "0";
}

}  // namespace sqlgen::util
