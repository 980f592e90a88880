#pragma once
/// `uuid`: a 16-byte value type. A malformed id is rejected when the application parses it
/// (`Uuid::parse` throws conversion_error), not by the server when a query sends it.

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
// std::hash itself comes with <string_view> (its hash<string_view>): not <functional>, which
// costs every generated header a tenth of its compile time.
#include <string_view>

#include "sqlgen/runtime/error.hpp"

namespace sqlgen::runtime {

/// A UUID, its 16 bytes in network order; compares and hashes by them (PostgreSQL's order).
class Uuid {
 public:
  /// The nil UUID (all zero).
  constexpr Uuid() = default;
  /// The UUID with these bytes.
  explicit constexpr Uuid(const std::array<std::uint8_t, 16>& bytes) : m_bytes(bytes) {}

  /// Reads what PostgreSQL's uuid input accepts: 32 hex digits in either case, optionally
  /// with a hyphen after any group of four and optionally in braces
  /// ("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{A0EEBC999C0B4EF8BB6D6BB9BD380A11}"); nullopt
  /// for anything else.
  static constexpr std::optional<Uuid> try_parse(std::string_view text) noexcept {
    std::size_t i = 0;
    bool braces = !text.empty() && text[0] == '{';
    if (braces) ++i;
    Uuid out;
    for (std::size_t b = 0; b < 16; ++b) {
      if (i + 2 > text.size()) return std::nullopt;
      int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.m_bytes[b] = static_cast<std::uint8_t>(hi * 16 + lo);
      i += 2;
      if (i < text.size() && text[i] == '-' && b % 2 == 1 && b < 15) ++i;
    }
    if (braces) {
      if (i >= text.size() || text[i] != '}') return std::nullopt;
      ++i;
    }
    if (i != text.size()) return std::nullopt;
    return out;
  }

  /// As try_parse; throws conversion_error ("invalid uuid value ...") for a malformed text.
  static Uuid parse(std::string_view text) {
    std::optional<Uuid> u = try_parse(text);
    if (!u) throw conversion_error("invalid uuid value \"" + std::string(text) + "\"");
    return *u;
  }

  /// The canonical text: lowercase, hyphenated 8-4-4-4-12, as PostgreSQL prints it.
  std::string to_string() const {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t b = 0; b < 16; ++b) {
      if (b == 4 || b == 6 || b == 8 || b == 10) out += '-';
      out += k_digits[m_bytes[b] >> 4];
      out += k_digits[m_bytes[b] & 15];
    }
    return out;
  }

  /// The 16 bytes.
  constexpr const std::array<std::uint8_t, 16>& bytes() const noexcept { return m_bytes; }
  /// True for the nil UUID.
  constexpr bool is_nil() const noexcept { return *this == Uuid(); }

  /// Same bytes.
  friend constexpr bool operator==(const Uuid& a, const Uuid& b) noexcept {
    for (std::size_t i = 0; i < 16; ++i) {
      if (a.m_bytes[i] != b.m_bytes[i]) return false;
    }
    return true;
  }
  /// Byte-wise, as PostgreSQL orders uuids.
  friend constexpr std::strong_ordering operator<=>(const Uuid& a, const Uuid& b) noexcept {
    for (std::size_t i = 0; i < 16; ++i) {
      if (a.m_bytes[i] != b.m_bytes[i]) return a.m_bytes[i] <=> b.m_bytes[i];
    }
    return std::strong_ordering::equal;
  }

  /// Prints the canonical text.
  friend std::ostream& operator<<(std::ostream& os, const Uuid& u) { return os << u.to_string(); }

 private:
  static constexpr int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  std::array<std::uint8_t, 16> m_bytes{};
};

}  // namespace sqlgen::runtime

/// Hashes the 16 bytes (FNV-1a), for std::unordered_map keys.
template <>
struct std::hash<sqlgen::runtime::Uuid> {
  /// The hash of `u`'s bytes.
  std::size_t operator()(const sqlgen::runtime::Uuid& u) const noexcept {
    std::uint64_t h = 14695981039346656037ull;
    for (std::uint8_t b : u.bytes()) {
      h ^= b;
      h *= 1099511628211ull;
    }
    return static_cast<std::size_t>(h);
  }
};
