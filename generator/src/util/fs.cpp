#include "util/fs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace sqlgen::util {

namespace fs = std::filesystem;

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

std::string write_file_atomic(const fs::path& path, const std::string& content) {
  std::error_code ec;
  fs::path dir = path.parent_path();
  if (!dir.empty()) {
    fs::create_directories(dir, ec);
    if (ec) return ec.message();
  }
  std::string tmpl = (dir.empty() ? fs::path(".") : dir).string() + "/." +
                     path.filename().string() + ".tmp.XXXXXX";
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) return std::strerror(errno);
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string err = std::strerror(errno);
      ::close(fd);
      ::unlink(tmpl.c_str());
      return err;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::string err = std::strerror(errno);
    ::unlink(tmpl.c_str());
    return err;
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    std::string err = std::strerror(errno);
    ::unlink(tmpl.c_str());
    return err;
  }
  return {};
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
