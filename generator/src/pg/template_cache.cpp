// The template data dir cache.
#include "pg/template_cache.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "pg/cluster.hpp"

namespace sqlgen::pg {

namespace fs = std::filesystem;

fs::path default_cache_dir() {
  if (const char* dir = std::getenv("SQLGEN_CACHE_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "sqlgen";
  return "/tmp/sqlgen-cache-" + std::to_string(::geteuid());
}

namespace detail {

std::string template_key(const std::string& version, uid_t uid) {
  // "v1" names the initdb options; bump it when they change.
  std::string key = "pg-template-v1-";
  for (char c : version) {
    bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
    if (keep) {
      key += c;
    } else if (key.back() != '_') {
      key += '_';
    }
  }
  return key + "-uid" + std::to_string(uid);
}

std::optional<fs::path> cached_template(const fs::path& cache_dir, const std::string& key) {
  fs::path data = cache_dir / key / "data";
  std::error_code ec;
  if (fs::is_regular_file(data / "PG_VERSION", ec)) return data;
  return std::nullopt;
}

std::string store_template(const fs::path& cache_dir, const std::string& key,
                           const fs::path& data_dir) {
  std::string tmpl = (cache_dir / (".tmp-" + key + ".XXXXXX")).string();
  if (::mkdtemp(tmpl.data()) == nullptr) return std::string("mkdtemp: ") + std::strerror(errno);
  fs::path tmp = tmpl;
  std::string err = copy_tree(data_dir, tmp / "data", std::nullopt);
  if (err.empty() && ::rename(tmp.c_str(), (cache_dir / key).c_str()) != 0 && errno != EEXIST &&
      errno != ENOTEMPTY) {
    err = std::string("rename: ") + std::strerror(errno);
  }
  std::error_code ec;
  fs::remove_all(tmp, ec);  // after a successful rename there is nothing left here
  return err;
}

std::string copy_tree(const fs::path& from, const fs::path& to, std::optional<Owner> owner) {
  std::error_code ec;
  fs::copy(from, to, fs::copy_options::recursive, ec);
  if (ec) return "copy \"" + from.string() + "\": " + ec.message();
  if (!owner) return {};
  auto chown_one = [&](const fs::path& p) -> std::string {
    if (::lchown(p.c_str(), owner->uid, owner->gid) != 0) {
      return "chown \"" + p.string() + "\": " + std::strerror(errno);
    }
    return {};
  };
  if (std::string e = chown_one(to); !e.empty()) return e;
  for (auto it = fs::recursive_directory_iterator(to, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (std::string e = chown_one(it->path()); !e.empty()) return e;
  }
  return ec ? "walk \"" + to.string() + "\": " + ec.message() : std::string();
}

}  // namespace detail

}  // namespace sqlgen::pg
