#include "util/cache_key.hpp"

#include <sys/stat.h>

namespace sqlgen::util {

KeyHasher& KeyHasher::field(std::string_view s) {
  m_sha.update(std::to_string(s.size())).update(":").update(s).update(";");
  return *this;
}

KeyHasher& KeyHasher::field(int64_t n) { return field(std::to_string(n)); }

std::string build_identity() {
  std::string id = std::string("sqlgen ") + SQLGEN_VERSION;
  struct stat st {};
  if (::stat("/proc/self/exe", &st) == 0) {
    id += " exe size=" + std::to_string(st.st_size) +
          " mtime=" + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
  }
  return id;
}

}  // namespace sqlgen::util
