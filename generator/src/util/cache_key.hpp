#pragma once
/// What cache keys and stamps are made of: length-prefixed fields hashed with SHA-256, and the
/// identity of the running sqlgen build.

#include <cstdint>
#include <string>
#include <string_view>

#include "util/sha256.hpp"

namespace sqlgen::util {

/// SHA-256 over length-prefixed fields ("<length>:<bytes>;"), so no two field sequences hash
/// alike.
class KeyHasher {
 public:
  KeyHasher& field(std::string_view s);
  KeyHasher& field(int64_t n);
  /// The digest as 64 lowercase hex digits; ends the hasher's use.
  std::string hex() { return m_sha.hex_digest(); }

 private:
  Sha256 m_sha;
};

/// sqlgen's version and which build of it runs (size and mtime of the executable, as ccache
/// checks a compiler): a rebuilt sqlgen with the same version number never trusts old cache
/// entries or stamps.
std::string build_identity();

}  // namespace sqlgen::util
