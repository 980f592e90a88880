// The generate stamp (see stamp.hpp): hashing the inputs of `sqlgen generate`, checking the
// outputs a stamp lists, and storing stamps under the cache dir.
#include "codegen/stamp.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <set>
#include <string_view>
#include <system_error>
#include <utility>

#include "util/fs.hpp"
#include "util/parallel.hpp"
#include "util/sha256.hpp"

namespace sqlgen::codegen {

namespace {

namespace fs = std::filesystem;

// First line of every stamp; bump the version when what is hashed or the format changes.
constexpr std::string_view k_stamp_magic = "sqlgen generate stamp v1";

/// Appends length-prefixed fields, so no two field sequences hash alike.
class Fields {
 public:
  Fields& field(std::string_view s) {
    std::string len = std::to_string(s.size());
    m_sha.update(len).update(":").update(s).update(";");
    return *this;
  }
  std::string hex() { return m_sha.hex_digest(); }

 private:
  util::Sha256 m_sha;
};

/// sqlgen's version and which build of it runs (size and mtime of the executable), as the
/// dump cache keys it: a rebuilt sqlgen never trusts an old stamp.
std::string build_identity() {
  std::string id = std::string("sqlgen ") + SQLGEN_VERSION;
  struct stat st {};
  if (::stat("/proc/self/exe", &st) == 0) {
    id += " exe size=" + std::to_string(st.st_size) +
          " mtime=" + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
  }
  return id;
}

/// The inputs hash's fields in order: text, or a file whose bytes' SHA-256 stands in for them.
/// Files are read and hashed on every core, then everything is hashed in order.
class Inputs {
 public:
  Inputs& field(std::string_view text) {
    m_items.push_back(Item{std::string(text), {}, false});
    return *this;
  }
  /// A file's bytes; anything unreadable is a distinct marker (a real run reports it).
  Inputs& file(const fs::path& path) {
    m_items.push_back(Item{{}, path, true});
    return *this;
  }
  std::string hex() {
    util::parallel_for(m_items.size(), [&](size_t i) {
      Item& item = m_items[i];
      if (!item.is_file) return;
      util::ReadResult r = util::read_file(item.path);
      item.text = r.text ? "sha256:" + util::sha256_hex(*r.text) : "unreadable: " + r.error;
    });
    Fields f;
    for (const Item& item : m_items) f.field(item.is_file ? "file" : "text").field(item.text);
    return f.hex();
  }

 private:
  struct Item {
    std::string text;
    fs::path path;
    bool is_file = false;
  };
  std::vector<Item> m_items;
};

/// Every entry under `rel` (a module's migrations or queries path): relative path and bytes,
/// sorted, walked as source/ walks it (no symlinked directories followed). Fixtures and
/// non-.sql files are included too: more than the run reads, never less.
void tree_fields(Inputs& f, const config::Config& config, const std::string& rel) {
  f.field("tree").field(rel);
  if (rel.empty()) return;
  fs::path dir = config.resolve(rel);
  std::error_code ec;
  fs::file_status st = fs::status(dir, ec);
  if (!fs::exists(st)) {
    f.field("missing");
    return;
  }
  if (!fs::is_directory(st)) {
    f.field("not a directory").file(dir);
    return;
  }
  std::vector<std::pair<std::string, fs::path>> files;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
  for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
    std::error_code entry_ec;
    if (it->is_directory(entry_ec)) continue;
    files.emplace_back(it->path().lexically_relative(dir).generic_string(), it->path());
  }
  if (ec) f.field("walk error").field(ec.message());
  std::sort(files.begin(), files.end());
  f.field(std::to_string(files.size()));
  for (const auto& [name, path] : files) f.field(name).file(path);
}

/// True when `path` starts with the generated-file marker line (as output.cpp checks).
bool starts_with_marker(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return false;
  char buf[64];
  ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n < static_cast<ssize_t>(k_generated_marker.size())) return false;
  std::string_view head(buf, static_cast<size_t>(n));
  return head.starts_with(k_generated_marker) &&
         (head.size() == k_generated_marker.size() || head[k_generated_marker.size()] == '\n');
}

/// A directory we own that is not a symlink (the cache may live in a shared /tmp).
bool owned_dir(const fs::path& dir) {
  struct stat st {};
  return ::lstat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid();
}

fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal();
}

}  // namespace

std::string generate_inputs_hash(const config::Config& config) {
  Inputs f;
  f.field(k_stamp_magic).field(build_identity());
  std::string config_path = config.source ? config.source->path() : std::string();
  f.field("config").field(absolute_normal(config_path).generic_string());
  f.field(config.source ? config.source->text() : std::string_view("<no config text>"));
  f.field("output").field(absolute_normal(config.resolve(config.output)).generic_string());
  f.field("modules").field(std::to_string(config.modules.size()));
  for (const config::Module& m : config.modules) {
    f.field(m.name);
    tree_fields(f, config, m.migrations);
    tree_fields(f, config, m.queries);
  }
  fs::path templates = config.resolve(config.templates);
  std::error_code ec;
  if (fs::is_directory(templates, ec)) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(templates, ec)) {
      if (entry.path().extension() == ".mustache") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    f.field("templates").field(std::to_string(files.size()));
    for (const fs::path& t : files) f.field(t.filename().string()).file(t);
  } else {
    f.field("templates").field("built-in");  // compiled in: part of the build identity
  }
  return f.hex();
}

fs::path stamp_path(const fs::path& cache_dir, const config::Config& config) {
  std::string config_path = config.source ? config.source->path() : std::string();
  std::string key =
      util::sha256_hex(absolute_normal(config_path).generic_string() + '\0' +
                       absolute_normal(config.resolve(config.output)).generic_string());
  return cache_dir / "generate" / (key + ".stamp");
}

std::string stamp_text(const std::string& inputs_hash, const std::vector<GeneratedFile>& files) {
  std::vector<std::pair<std::string, std::string>> lines(files.size());
  util::parallel_for(files.size(), [&](size_t i) {
    lines[i] = {files[i].path, util::sha256_hex(files[i].content)};
  });
  std::sort(lines.begin(), lines.end());
  std::string out = std::string(k_stamp_magic) + "\ninputs " + inputs_hash + "\n";
  for (const auto& [path, hash] : lines) out += hash + " " + path + "\n";
  return out;
}

bool stamp_up_to_date(const fs::path& stamp_file, const std::string& inputs_hash,
                      const config::Config& config, size_t* files) {
  if (!owned_dir(stamp_file.parent_path())) return false;
  struct stat st {};
  if (::lstat(stamp_file.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid()) {
    return false;
  }
  util::ReadResult r = util::read_file(stamp_file);
  if (!r.text) return false;
  std::string_view text = *r.text;
  std::string head = std::string(k_stamp_magic) + "\ninputs " + inputs_hash + "\n";
  if (!text.starts_with(head)) return false;
  text.remove_prefix(head.size());

  struct Listed {
    std::string_view hash;
    fs::path target;
  };
  std::vector<Listed> listed;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    if (eol == std::string_view::npos || eol < 66 || text[64] != ' ') return false;
    std::string_view hash = text.substr(0, 64), path = text.substr(65, eol - 65);
    text.remove_prefix(eol + 1);
    listed.push_back(Listed{hash, config.resolve(std::string(path)).lexically_normal()});
  }
  if (listed.empty()) return false;
  // Reading and hashing the outputs is most of a no-op run: on every core.
  std::atomic<bool> all_same{true};
  util::parallel_for(listed.size(), [&](size_t i) {
    if (!all_same) return;
    util::ReadResult out = util::read_file(listed[i].target);
    if (!out.text || util::sha256_hex(*out.text) != listed[i].hash) all_same = false;
  });
  if (!all_same) return false;
  std::set<fs::path> expected;
  for (const Listed& l : listed) expected.insert(l.target);
  size_t count = listed.size();

  // A generated file nobody produces would be removed by a real run: then run for real.
  fs::path out_dir = config.resolve(config.output).lexically_normal();
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(out_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::error_code entry_ec;
    if (!it->is_regular_file(entry_ec) || it->is_symlink(entry_ec)) continue;
    fs::path p = it->path().lexically_normal();
    if (!expected.count(p) && starts_with_marker(p)) return false;
  }
  if (ec) return false;
  (void)::utimensat(AT_FDCWD, stamp_file.c_str(), nullptr, 0);  // recently used: kept longest
  if (files) *files = count;
  return true;
}

std::string write_stamp(const fs::path& stamp_file, const std::string& inputs_hash,
                        const std::vector<GeneratedFile>& files, size_t keep) {
  std::string content = stamp_text(inputs_hash, files);
  util::ReadResult existing = util::read_file(stamp_file);
  if (!(existing.text && *existing.text == content)) {
    if (std::string err = util::write_file_atomic(stamp_file, content); !err.empty()) return err;
  } else {
    (void)::utimensat(AT_FDCWD, stamp_file.c_str(), nullptr, 0);
  }

  // Keep the `keep` most recently used stamps; drop temp files a crashed writer left.
  fs::path dir = stamp_file.parent_path();
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  const auto stale = fs::file_time_type::clock::now() - std::chrono::hours(1);
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    std::error_code tec;
    fs::file_time_type mtime = e.last_write_time(tec);
    if (tec || !e.is_regular_file(tec)) continue;
    std::string name = e.path().filename().string();
    if (name.ends_with(".stamp") && !name.starts_with(".")) {
      entries.emplace_back(mtime, e.path());
    } else if (name.starts_with(".") && name.find(".tmp.") != std::string::npos && mtime < stale) {
      fs::remove(e.path(), tec);
    }
  }
  if (entries.size() > keep) {
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    for (size_t i = keep; i < entries.size(); ++i) {
      if (entries[i].second != stamp_file) fs::remove(entries[i].second, ec);
    }
  }
  return {};
}

}  // namespace sqlgen::codegen
