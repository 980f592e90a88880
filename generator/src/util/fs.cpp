#include "util/fs.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "util/signal_cleanup.hpp"

namespace sqlgen::util {

namespace fs = std::filesystem;

namespace {

constexpr int64_t k_ns_per_s = 1'000'000'000;

int64_t ns_of(const struct timespec& ts) {
  return static_cast<int64_t>(ts.tv_sec) * k_ns_per_s + ts.tv_nsec;
}

FileStat stat_from(const struct stat& st) {
  FileStat s;
  if (!S_ISREG(st.st_mode)) return s;
  s.regular = true;
  s.size = st.st_size;
  s.mtime = ns_of(st.st_mtim);
  s.ctime = ns_of(st.st_ctim);
  s.ino = st.st_ino;
  s.dev = st.st_dev;
  return s;
}

/// Appends the files below the open directory `fd` (owned: closed here) whose path is `path`
/// and whose path relative to the top is `prefix` ("" or ending in '/').
void walk_dir(int fd, const std::string& path, const std::string& prefix,
              const DescendFilter& descend, DirWalk& out) {
  auto fail = [&](const std::string& where) {
    if (!out.error.empty()) return;
    out.error_path = where;
    out.error = std::strerror(errno);
  };
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    fail(path);
    ::close(fd);
    return;
  }
  int dfd = ::dirfd(dir);
  while (const struct dirent* e = ::readdir(dir)) {
    std::string_view leaf = e->d_name;
    if (leaf == "." || leaf == "..") continue;
    unsigned char type = e->d_type;
    struct stat st {};
    if (type == DT_UNKNOWN) {
      if (::fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_REG;
    }
    std::string full = path + "/" + e->d_name;
    std::string rel = prefix + e->d_name;
    if (type == DT_DIR) {
      if (descend && !descend(rel, leaf)) continue;
      int sub = ::openat(dfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub < 0) {
        fail(full);
        continue;
      }
      walk_dir(sub, full, rel + "/", descend, out);
      continue;
    }
    bool found = ::fstatat(dfd, e->d_name, &st, 0) == 0;
    if (found && S_ISDIR(st.st_mode)) continue;  // a symlink to a directory: not followed
    out.files.push_back(
        WalkedFile{std::move(rel), std::move(full), found ? stat_from(st) : FileStat{}});
  }
  ::closedir(dir);
}

}  // namespace

FileStat stat_file(const fs::path& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? stat_from(st) : FileStat{};
}

DirWalk walk_files(const fs::path& dir, const DescendFilter& descend) {
  DirWalk out;
  std::string top = dir.string();
  while (top.size() > 1 && top.back() == '/') top.pop_back();
  int fd = ::open(top.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    out.error_path = top;
    out.error = std::strerror(errno);
    return out;
  }
  walk_dir(fd, top, "", descend, out);
  std::sort(out.files.begin(), out.files.end(),
            [](const WalkedFile& a, const WalkedFile& b) { return a.rel < b.rel; });
  return out;
}

ReadResult read_file(const fs::path& path) {
  ReadResult r;
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (!ec && fs::is_directory(st)) {
    r.error = "is a directory";
    return r;
  }
  if (!ec && !fs::is_regular_file(st)) {
    // FIFOs and devices could block forever or never end.
    r.error = "not a regular file";
    return r;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    r.not_found = errno == ENOENT;
    r.error = std::strerror(errno);
    return r;
  }
  std::string text;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.error = std::strerror(errno);
      ::close(fd);
      return r;
    }
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  r.text = std::move(text);
  return r;
}

StagedFile::StagedFile(StagedFile&& other) noexcept
    : m_temp(std::move(other.m_temp)), m_target(std::move(other.m_target)), m_slot(other.m_slot) {
  other.m_temp.clear();
  other.m_slot = -1;
}

StagedFile& StagedFile::operator=(StagedFile&& other) noexcept {
  if (this != &other) {
    discard();
    m_temp = std::move(other.m_temp);
    m_target = std::move(other.m_target);
    m_slot = other.m_slot;
    other.m_temp.clear();
    other.m_slot = -1;
  }
  return *this;
}

StagedFile::~StagedFile() { discard(); }

void StagedFile::discard() {
  if (!m_temp.empty()) ::unlink(m_temp.c_str());
  m_temp.clear();
  release_cleanup(m_slot);
  m_slot = -1;
}

std::string StagedFile::commit() {
  if (m_temp.empty()) return "nothing staged";
  std::string err;
  if (::rename(m_temp.c_str(), m_target.c_str()) == 0) {
    m_temp.clear();  // in place: nothing to remove
  } else {
    err = std::strerror(errno);
  }
  discard();
  return err;
}

std::string stage_file(const fs::path& path, const std::string& content, StagedFile& staged) {
  staged.discard();
  std::error_code ec;
  fs::path dir = path.parent_path();
  if (!dir.empty()) {
    fs::create_directories(dir, ec);
    if (ec) return ec.message();
  }
  std::string tmpl = (dir.empty() ? fs::path(".") : dir).string() + "/." +
                     path.filename().string() + ".tmp.XXXXXX";
  // Registered so that SIGINT, SIGTERM or SIGHUP removes it: an interrupted run leaves each
  // output old or new, never a temp file beside it.
  CleanupEntry temp = make_cleaned_up(tmpl, CleanupKind::file);
  if (temp.fd < 0) return std::strerror(temp.error);
  staged.m_temp = tmpl;
  staged.m_target = path;
  staged.m_slot = temp.slot;
  int fd = temp.fd;
  // errno's message, the file closed (unless `closed`) and removed.
  auto fail = [&](bool closed) {
    std::string err = std::strerror(errno);
    if (!closed) ::close(fd);
    staged.discard();
    return err;
  };
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(false);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0) return fail(false);
  if (::close(fd) != 0) return fail(true);
  return {};
}

std::string write_file_atomic(const fs::path& path, const std::string& content) {
  StagedFile staged;
  if (std::string err = stage_file(path, content, staged); !err.empty()) return err;
  return staged.commit();
}

TempDir::TempDir(const std::string& prefix) {
  std::string tmpl = (fs::temp_directory_path() / (prefix + ".XXXXXX")).string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    throw std::system_error(errno, std::generic_category(), "mkdtemp " + tmpl);
  }
  m_path = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

}  // namespace sqlgen::util
