#pragma once
/// SHA-256 (FIPS 180-4), for cache keys and stamps: one-shot or incremental. On x86-64 CPUs
/// with the SHA extensions (SHA-NI) blocks are hashed with them (about 5x faster), else by the
/// portable code; both give the same digests.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sqlgen::util {

/// An incremental SHA-256: update() any number of times, then hex_digest() once.
class Sha256 {
 public:
  Sha256();
  /// Appends `data` to the message.
  Sha256& update(std::string_view data);
  /// The digest of everything appended, as 64 lowercase hex digits; ends the hasher's use.
  std::string hex_digest();

 private:
  std::array<uint32_t, 8> m_h;
  std::array<unsigned char, 64> m_buf{};
  size_t m_buf_len = 0;
  uint64_t m_total = 0;
};

/// SHA-256 of `data` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

namespace detail {
/// sha256_hex without the CPU extensions (tests compare the two paths).
std::string sha256_hex_portable(std::string_view data);
/// True when this CPU's SHA extensions are used.
bool sha256_uses_cpu_extensions();
}  // namespace detail

}  // namespace sqlgen::util
