#pragma once
/// PostgreSQL's text format (what libpqxx sends and receives by default) for the C++ types the
/// generated code uses: `codec<T>::parse` reads a non-NULL value, `codec<T>::format` writes one.
/// `from_text` / `to_text` add NULL handling through std::optional.
///
/// Date and time values assume the server's defaults DateStyle=ISO and IntervalStyle=postgres.
/// A user type (an override's `cpp_type`) plugs in by specializing `codec`:
///
///     template <> struct sqlgen::runtime::codec<MyType> {
///       static MyType parse(std::string_view text);
///       static std::string format(const MyType& value);
///     };
///
/// A type that holds NULL itself (an override with `nullable: true`) also defines
/// `static bool is_null(const MyType&)` and `static MyType null()`.

#include <charconv>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

#include "sqlgen/runtime/error.hpp"
#include "sqlgen/runtime/types.hpp"
#include "sqlgen/runtime/uuid.hpp"

namespace sqlgen::runtime {

/// Text conversion of one C++ type; specialized below and by generated code.
template <typename T>
struct codec;

/// `timestamptz`: microseconds since the Unix epoch, UTC.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;
/// `timestamp` (without time zone): a wall-clock time in no particular zone.
using LocalTimestamp = std::chrono::local_time<std::chrono::microseconds>;
/// `date`.
using Date = std::chrono::sys_days;

namespace detail {

template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};

template <typename T>
struct unwrap_optional {
  using type = T;
};
template <typename T>
struct unwrap_optional<std::optional<T>> {
  using type = T;
};

template <typename T>
struct is_vector : std::false_type {};
template <typename T>
struct is_vector<std::vector<T>> : std::true_type {};

/// A PostgreSQL array in C++: std::vector of anything but std::byte (that is `Bytes`).
template <typename T>
inline constexpr bool is_array_v = is_vector<T>::value && !std::is_same_v<T, Bytes>;

/// Types whose codec represents NULL itself (overrides with `nullable: true`).
template <typename T>
concept self_nullable = requires(const T& v) {
  { codec<T>::is_null(v) } -> std::convertible_to<bool>;
  { codec<T>::null() } -> std::convertible_to<T>;
};

[[noreturn]] inline void fail(std::string_view type, std::string_view text) {
  throw conversion_error("invalid " + std::string(type) + " value \"" + std::string(text) + "\"");
}

/// A small left-to-right reader for date/time texts.
struct Cursor {
  std::string_view s;
  size_t i = 0;

  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  bool eat(std::string_view word) {
    if (s.substr(i, word.size()) != word) return false;
    i += word.size();
    return true;
  }
  /// Reads at least `min` digits; false when there are fewer.
  bool number(std::int64_t& out, size_t min = 1, size_t* count = nullptr) {
    size_t start = i;
    std::int64_t v = 0;
    while (!done() && s[i] >= '0' && s[i] <= '9') {
      if (v > (std::numeric_limits<std::int64_t>::max() - 9) / 10) return false;
      v = v * 10 + (s[i] - '0');
      ++i;
    }
    if (count) *count = i - start;
    out = v;
    return i - start >= min;
  }
  /// Reads ".ffffff" (up to 6 digits kept, rounded down beyond) as microseconds; 0 if absent.
  std::int64_t fraction() {
    if (!eat('.')) return 0;
    std::int64_t us = 0;
    int digits = 0;
    while (!done() && s[i] >= '0' && s[i] <= '9') {
      if (digits < 6) us = us * 10 + (s[i] - '0');
      ++digits;
      ++i;
    }
    for (; digits < 6; ++digits) us *= 10;
    return us;
  }
};

/// "YYYY-MM-DD" (year may have more digits) at the cursor.
inline bool parse_ymd(Cursor& c, std::int64_t& y, std::int64_t& m, std::int64_t& d) {
  return c.number(y, 4) && c.eat('-') && c.number(m, 2) && c.eat('-') && c.number(d, 2);
}

/// Days since 1970-01-01 of a proleptic Gregorian date; `bc` years count 1 BC as year 0.
inline std::chrono::sys_days make_days(std::int64_t y, std::int64_t m, std::int64_t d, bool bc,
                                       std::string_view type, std::string_view text) {
  if (bc) y = 1 - y;
  std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(y)),
                                  std::chrono::month(static_cast<unsigned>(m)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) fail(type, text);
  return std::chrono::sys_days(ymd);
}

/// "HH:MM:SS[.ffffff]" as microseconds.
inline bool parse_hms(Cursor& c, std::int64_t& us) {
  std::int64_t h = 0, m = 0, s = 0;
  if (!(c.number(h, 1) && c.eat(':') && c.number(m, 2))) return false;
  if (c.eat(':') && !c.number(s, 2)) return false;
  us = ((h * 60 + m) * 60 + s) * 1000000 + c.fraction();
  return true;
}

inline void pad(std::string& out, std::int64_t v, int width) {
  char digits[24];
  char* end = std::to_chars(digits, digits + sizeof digits, v).ptr;
  for (int i = static_cast<int>(end - digits); i < width; ++i) out += '0';
  out.append(digits, end);
}

/// "YYYY-MM-DD" of `days` plus " BC" when the year is before 1 AD (appended by the caller).
inline std::string format_ymd(std::chrono::sys_days days, bool& bc) {
  std::chrono::year_month_day ymd{days};
  std::int64_t y = static_cast<int>(ymd.year());
  bc = y <= 0;
  if (bc) y = 1 - y;
  std::string out;
  pad(out, y, 4);
  out += '-';
  pad(out, static_cast<unsigned>(ymd.month()), 2);
  out += '-';
  pad(out, static_cast<unsigned>(ymd.day()), 2);
  return out;
}

/// "HH:MM:SS.ffffff" of microseconds within a day (or any non-negative duration).
inline std::string format_hms(std::int64_t us) {
  std::string out;
  pad(out, us / 3600000000, 2);
  out += ':';
  pad(out, us / 60000000 % 60, 2);
  out += ':';
  pad(out, us / 1000000 % 60, 2);
  out += '.';
  pad(out, us % 1000000, 6);
  return out;
}

/// Date and time parts of "YYYY-MM-DD HH:MM:SS[.f][+HH[:MM[:SS]]][ BC]".
struct TimestampParts {
  std::chrono::sys_days days{};
  std::int64_t time_us = 0;
  std::int64_t offset_s = 0;  ///< seconds east of UTC
};

/// Two decimal digits at `p`, or -1.
inline int two_digits(const char* p) {
  unsigned a = static_cast<unsigned char>(p[0]) - '0', b = static_cast<unsigned char>(p[1]) - '0';
  return a < 10 && b < 10 ? static_cast<int>(a * 10 + b) : -1;
}

/// The fast path of parse_timestamp for what the server prints with DateStyle=ISO: exactly
/// "YYYY-MM-DD HH:MM:SS[.f{1,6}]" (an AD year of four digits), then for timestamptz an offset
/// "+HH[:MM[:SS]]", nothing else. Returns false for any other shape (and for an invalid
/// date), which the general parser then reads or rejects; where both accept a text they
/// compute the same value.
inline bool parse_timestamp_fast(std::string_view text, bool with_zone, TimestampParts& parts) {
  const char* p = text.data();
  size_t n = text.size();
  if (n < 19 || p[4] != '-' || p[7] != '-' || p[10] != ' ' || p[13] != ':' || p[16] != ':') {
    return false;
  }
  int yh = two_digits(p), yl = two_digits(p + 2), m = two_digits(p + 5), d = two_digits(p + 8);
  int hh = two_digits(p + 11), mi = two_digits(p + 14), ss = two_digits(p + 17);
  if ((yh | yl | m | d | hh | mi | ss) < 0) return false;
  size_t i = 19;
  std::int64_t us = 0;
  if (i < n && p[i] == '.') {
    int digits = 0;
    for (++i; i < n && p[i] >= '0' && p[i] <= '9'; ++i, ++digits) us = us * 10 + (p[i] - '0');
    if (digits == 0 || digits > 6) return false;
    for (; digits < 6; ++digits) us *= 10;
  }
  std::int64_t offset = 0;
  if (with_zone && i < n && (p[i] == '+' || p[i] == '-')) {
    std::int64_t sign = p[i] == '-' ? -1 : 1;
    int part[3] = {0, 0, 0};
    for (int k = 0; k < 3; ++k) {
      if (i + 3 > n || (k > 0 && p[i] != ':')) break;
      int v = two_digits(p + i + 1);
      if (v < 0) return false;
      part[k] = v;
      i += 3;
    }
    offset = sign * (part[0] * 3600 + part[1] * 60 + part[2]);
  }
  if (i != n) return false;
  std::chrono::year_month_day ymd{std::chrono::year(yh * 100 + yl),
                                  std::chrono::month(static_cast<unsigned>(m)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return false;
  parts.days = std::chrono::sys_days(ymd);
  parts.time_us = ((std::int64_t(hh) * 60 + mi) * 60 + ss) * 1000000 + us;
  parts.offset_s = offset;
  return true;
}

inline TimestampParts parse_timestamp(std::string_view text, bool with_zone,
                                      std::string_view type) {
  if (TimestampParts fast; parse_timestamp_fast(text, with_zone, fast)) return fast;
  Cursor c{text};
  std::int64_t y = 0, m = 0, d = 0;
  TimestampParts parts;
  if (!parse_ymd(c, y, m, d)) fail(type, text);
  if (c.eat(' ') || c.eat('T')) {
    if (!parse_hms(c, parts.time_us)) fail(type, text);
  }
  if (with_zone && (c.peek() == '+' || c.peek() == '-')) {
    std::int64_t sign = c.peek() == '-' ? -1 : 1;
    ++c.i;
    std::int64_t oh = 0, om = 0, os = 0;
    if (!c.number(oh, 2)) fail(type, text);
    if (c.eat(':') && !c.number(om, 2)) fail(type, text);
    if (c.eat(':') && !c.number(os, 2)) fail(type, text);
    parts.offset_s = sign * (oh * 3600 + om * 60 + os);
  }
  bool bc = c.eat(" BC");
  if (!c.done()) fail(type, text);
  parts.days = make_days(y, m, d, bc, type, text);
  return parts;
}

/// Splits "{a,"b c",NULL,{x,y}}" into its top-level elements: nullopt for an unquoted NULL,
/// otherwise the element's text (quotes removed and backslash escapes resolved; nested
/// arrays are returned as their "{...}" text).
inline std::vector<std::optional<std::string>> split_array(std::string_view text) {
  std::string_view s = text;
  if (!s.empty() && s[0] == '[') {  // "[0:2]={...}": explicit bounds
    size_t eq = s.find('=');
    if (eq == std::string_view::npos) fail("array", text);
    s.remove_prefix(eq + 1);
  }
  if (s.size() < 2 || s.front() != '{' || s.back() != '}') fail("array", text);
  std::vector<std::optional<std::string>> out;
  size_t i = 1, end = s.size() - 1;
  if (i == end) return out;
  while (true) {
    while (i < end && s[i] == ' ') ++i;
    if (i < end && s[i] == '"') {
      std::string v;
      for (++i; i < end && s[i] != '"'; ++i) {
        if (s[i] == '\\' && i + 1 < end) ++i;
        v += s[i];
      }
      if (i >= end) fail("array", text);
      ++i;
      out.emplace_back(std::move(v));
    } else if (i < end && s[i] == '{') {
      size_t start = i;
      int depth = 0;
      bool quoted = false;
      for (; i < end; ++i) {
        if (quoted) {
          if (s[i] == '\\')
            ++i;
          else if (s[i] == '"')
            quoted = false;
        } else if (s[i] == '"') {
          quoted = true;
        } else if (s[i] == '{') {
          ++depth;
        } else if (s[i] == '}' && --depth == 0) {
          ++i;
          break;
        }
      }
      out.emplace_back(std::string(s.substr(start, i - start)));
    } else {
      size_t start = i;
      while (i < end && s[i] != ',') ++i;
      std::string_view v = s.substr(start, i - start);
      while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
      bool is_null = v.size() == 4 && (v[0] == 'N' || v[0] == 'n') &&
                     (v[1] == 'U' || v[1] == 'u') && (v[2] == 'L' || v[2] == 'l') &&
                     (v[3] == 'L' || v[3] == 'l');
      if (is_null)
        out.emplace_back(std::nullopt);
      else
        out.emplace_back(std::string(v));
    }
    while (i < end && s[i] == ' ') ++i;
    if (i >= end) break;
    if (s[i] != ',') fail("array", text);
    ++i;
  }
  return out;
}

/// Quotes an array element or record field: "..." with `"` and `\` backslash-escaped.
inline std::string quote_element(std::string_view v) {
  std::string out = "\"";
  for (char ch : v) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  out += '"';
  return out;
}

}  // namespace detail

/// Splits a record's text "(a,,\"b c\")" into its fields; an empty unquoted field is NULL.
/// Throws conversion_error unless there are exactly `fields` fields.
inline std::vector<std::optional<std::string>> split_record(std::string_view text, size_t fields,
                                                            std::string_view type) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') detail::fail(type, text);
  std::vector<std::optional<std::string>> out;
  size_t i = 1, end = text.size() - 1;
  while (true) {
    std::string v;
    bool any = false;
    while (i < end && text[i] != ',') {
      if (text[i] == '"') {
        any = true;
        for (++i; i < end; ++i) {
          if (text[i] == '\\' && i + 1 < end) {
            v += text[++i];
          } else if (text[i] == '"') {
            if (i + 1 < end && text[i + 1] == '"') {
              v += '"';
              ++i;
            } else {
              break;
            }
          } else {
            v += text[i];
          }
        }
        ++i;
      } else {
        any = true;
        v += text[i++];
      }
    }
    if (any)
      out.emplace_back(std::move(v));
    else
      out.emplace_back(std::nullopt);
    if (i >= end) break;
    ++i;  // ','
  }
  if (out.size() != fields) detail::fail(type, text);
  return out;
}

/// Joins record fields into "(a,,\"b\")": NULL fields are empty, others quoted.
inline std::string join_record(const std::vector<std::optional<std::string>>& fields) {
  std::string out = "(";
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    if (fields[i]) out += detail::quote_element(*fields[i]);
  }
  out += ')';
  return out;
}

/// Integers (int2, int4, int8, oid).
template <std::integral T>
struct codec<T> {
  /// Decimal text.
  static T parse(std::string_view text) {
    T v{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) detail::fail("integer", text);
    return v;
  }
  /// Decimal text.
  static std::string format(T v) { return std::to_string(v); }
};

/// Floating point (float4, float8), including NaN and the infinities.
template <std::floating_point T>
struct codec<T> {
  /// "1.5", "NaN", "Infinity", "-Infinity", "1e+30".
  static T parse(std::string_view text) {
    T v{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) detail::fail("floating point", text);
    return v;
  }
  /// The shortest text that reads back exactly.
  static std::string format(T v) {
    if (v != v) return "NaN";
    if (v == std::numeric_limits<T>::infinity()) return "Infinity";
    if (v == -std::numeric_limits<T>::infinity()) return "-Infinity";
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, end);
  }
};

/// `bool`: "t" / "f".
template <>
struct codec<bool> {
  /// "t", "f" (and the spellings PostgreSQL accepts as input).
  static bool parse(std::string_view text) {
    if (text == "t" || text == "true" || text == "TRUE" || text == "on" || text == "1") return true;
    if (text == "f" || text == "false" || text == "FALSE" || text == "off" || text == "0")
      return false;
    detail::fail("boolean", text);
  }
  /// "true" / "false".
  static std::string format(bool v) { return v ? "true" : "false"; }
};

/// Text types, and every type sqlgen reads as its text (numeric, inet, ...).
template <>
struct codec<std::string> {
  /// The text itself.
  static std::string parse(std::string_view text) { return std::string(text); }
  /// The text itself.
  static std::string format(const std::string& v) { return v; }
};

/// `bytea`: hex format ("\x0a0b", bytea_output=hex, the default) or the escape format.
template <>
struct codec<Bytes> {
  /// Decodes either output format.
  static Bytes parse(std::string_view text) {
    Bytes out;
    auto hex = [&](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      detail::fail("bytea", text);
    };
    if (text.size() >= 2 && text[0] == '\\' && text[1] == 'x') {
      if (text.size() % 2 != 0) detail::fail("bytea", text);
      out.reserve((text.size() - 2) / 2);
      for (size_t i = 2; i < text.size(); i += 2) {
        out.push_back(static_cast<std::byte>(hex(text[i]) * 16 + hex(text[i + 1])));
      }
      return out;
    }
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '\\') {
        out.push_back(static_cast<std::byte>(text[i]));
      } else if (i + 1 < text.size() && text[i + 1] == '\\') {
        out.push_back(std::byte{'\\'});
        ++i;
      } else if (i + 3 < text.size()) {
        int v = (text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 + (text[i + 3] - '0');
        out.push_back(static_cast<std::byte>(v));
        i += 3;
      } else {
        detail::fail("bytea", text);
      }
    }
    return out;
  }
  /// Hex format.
  static std::string format(const Bytes& v) {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out = "\\x";
    out.reserve(2 + v.size() * 2);
    for (std::byte b : v) {
      out += k_digits[static_cast<unsigned>(b) >> 4];
      out += k_digits[static_cast<unsigned>(b) & 15];
    }
    return out;
  }
};

/// `date`: "2024-01-31", "0044-03-15 BC", "infinity" (the largest date), "-infinity".
template <>
struct codec<Date> {
  /// ISO date text.
  static Date parse(std::string_view text) {
    if (text == "infinity") return Date::max();
    if (text == "-infinity") return Date::min();
    detail::Cursor c{text};
    std::int64_t y = 0, m = 0, d = 0;
    if (!detail::parse_ymd(c, y, m, d)) detail::fail("date", text);
    bool bc = c.eat(" BC");
    if (!c.done()) detail::fail("date", text);
    return detail::make_days(y, m, d, bc, "date", text);
  }
  /// ISO date text.
  static std::string format(Date v) {
    if (v == Date::max()) return "infinity";
    if (v == Date::min()) return "-infinity";
    bool bc = false;
    std::string out = detail::format_ymd(v, bc);
    if (bc) out += " BC";
    return out;
  }
};

/// `timestamptz`: "2024-01-31 12:34:56.789+01" in any session time zone, read as UTC.
template <>
struct codec<Timestamp> {
  /// ISO timestamp with offset.
  static Timestamp parse(std::string_view text) {
    detail::TimestampParts p;
    if (!detail::parse_timestamp_fast(text, true, p)) {
      if (text == "infinity") return Timestamp::max();
      if (text == "-infinity") return Timestamp::min();
      p = detail::parse_timestamp(text, true, "timestamptz");
    }
    return Timestamp(p.days) + std::chrono::microseconds(p.time_us - p.offset_s * 1000000);
  }
  /// UTC: "2024-01-31 11:34:56.789000+00".
  static std::string format(Timestamp v) {
    if (v == Timestamp::max()) return "infinity";
    if (v == Timestamp::min()) return "-infinity";
    auto days = std::chrono::floor<std::chrono::days>(v);
    bool bc = false;
    std::string out = detail::format_ymd(days, bc);
    out += ' ';
    out += detail::format_hms((v - days).count());
    out += "+00";
    if (bc) out += " BC";
    return out;
  }
};

/// `timestamp` (without time zone): "2024-01-31 12:34:56.789".
template <>
struct codec<LocalTimestamp> {
  /// ISO timestamp without offset.
  static LocalTimestamp parse(std::string_view text) {
    if (text == "infinity") return LocalTimestamp::max();
    if (text == "-infinity") return LocalTimestamp::min();
    detail::TimestampParts p = detail::parse_timestamp(text, false, "timestamp");
    return LocalTimestamp(p.days.time_since_epoch()) + std::chrono::microseconds(p.time_us);
  }
  /// ISO timestamp without offset.
  static std::string format(LocalTimestamp v) {
    if (v == LocalTimestamp::max()) return "infinity";
    if (v == LocalTimestamp::min()) return "-infinity";
    auto days = std::chrono::floor<std::chrono::days>(v);
    bool bc = false;
    std::string out = detail::format_ymd(Date(days.time_since_epoch()), bc);
    out += ' ';
    out += detail::format_hms((v - days).count());
    if (bc) out += " BC";
    return out;
  }
};

/// `interval` in IntervalStyle postgres: "1 year 2 mons -3 days +04:05:06.7".
template <>
struct codec<Interval> {
  /// Numbers with units (years, mons, days, hours, mins, secs) and an [+-]HH:MM:SS part.
  static Interval parse(std::string_view text) {
    Interval out;
    detail::Cursor c{text};
    c.eat('@');
    while (true) {
      while (c.eat(' ')) {
      }
      if (c.done()) break;
      std::int64_t sign = 1;
      if (c.eat('-'))
        sign = -1;
      else
        c.eat('+');
      size_t start = c.i;
      std::int64_t n = 0;
      if (!c.number(n)) detail::fail("interval", text);
      if (c.peek() == ':') {
        c.i = start;
        std::int64_t us = 0;
        if (!detail::parse_hms(c, us)) detail::fail("interval", text);
        out.microseconds += sign * us;
        continue;
      }
      std::int64_t frac_us = c.fraction();
      if (!c.eat(' ')) detail::fail("interval", text);
      size_t unit_start = c.i;
      while (!c.done() && c.peek() != ' ') ++c.i;
      std::string_view unit = text.substr(unit_start, c.i - unit_start);
      auto is = [&](std::string_view a, std::string_view b) { return unit == a || unit == b; };
      if (is("year", "years"))
        out.months += static_cast<std::int32_t>(sign * n * 12);
      else if (is("mon", "mons") || is("month", "months"))
        out.months += static_cast<std::int32_t>(sign * n);
      else if (is("day", "days"))
        out.days += static_cast<std::int32_t>(sign * n);
      else if (is("hour", "hours"))
        out.microseconds += sign * n * 3600000000;
      else if (is("min", "mins") || is("minute", "minutes"))
        out.microseconds += sign * n * 60000000;
      else if (is("sec", "secs") || is("second", "seconds"))
        out.microseconds += sign * (n * 1000000 + frac_us);
      else
        detail::fail("interval", text);
    }
    if (text.ends_with(" ago")) {
      out.months = -out.months;
      out.days = -out.days;
      out.microseconds = -out.microseconds;
    }
    return out;
  }
  /// "M mons D days [-]HH:MM:SS.ffffff", which PostgreSQL reads back exactly.
  static std::string format(const Interval& v) {
    std::string out = std::to_string(v.months) + " mons " + std::to_string(v.days) + " days ";
    std::int64_t us = v.microseconds;
    if (us < 0) {
      out += '-';
      // -INT64_MIN overflows; PostgreSQL's interval range is far smaller anyway.
      us = us == std::numeric_limits<std::int64_t>::min() ? std::numeric_limits<std::int64_t>::max()
                                                          : -us;
    }
    out += detail::format_hms(us);
    return out;
  }
};

/// `uuid`: what PostgreSQL's uuid input accepts; written in the canonical form.
template <>
struct codec<Uuid> {
  /// Throws conversion_error for a malformed text.
  static Uuid parse(std::string_view text) { return Uuid::parse(text); }
  /// "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11".
  static std::string format(const Uuid& v) { return v.to_string(); }
};

/// Reads a possibly-NULL text into `out`; NULL needs a std::optional (or a self-nullable type)
/// and otherwise throws unexpected_null naming `what`.
template <typename T>
void from_text(const std::optional<std::string_view>& text, T& out, std::string_view what) {
  if constexpr (detail::is_optional<T>::value) {
    if (!text) {
      out.reset();
    } else {
      out.emplace();
      from_text(text, *out, what);
    }
  } else if constexpr (detail::self_nullable<T>) {
    out = text ? codec<T>::parse(*text) : codec<T>::null();
  } else {
    if (!text) throw unexpected_null(what);
    if constexpr (std::is_same_v<T, std::string>) {
      out.assign(text->data(), text->size());  // reuses out's buffer
    } else {
      out = codec<T>::parse(*text);
    }
  }
}

/// The text of a value, nullopt for NULL (an empty std::optional or a self-nullable null).
template <typename T>
std::optional<std::string> to_text(const T& v) {
  if constexpr (detail::is_optional<T>::value) {
    if (!v) return std::nullopt;
    return to_text(*v);
  } else if constexpr (detail::self_nullable<T>) {
    if (codec<T>::is_null(v)) return std::nullopt;
    return codec<T>::format(v);
  } else {
    return codec<T>::format(v);
  }
}

/// One-dimensional (or, through vectors of vectors, nested) arrays: "{1,2,NULL}". An element
/// type that is not std::optional makes a NULL element throw unexpected_null.
template <typename T>
requires(!std::is_same_v<T, std::byte>) struct codec<std::vector<T>> {
  /// Array text, with or without explicit bounds.
  static std::vector<T> parse(std::string_view text) {
    std::vector<std::optional<std::string>> parts = detail::split_array(text);
    std::vector<T> out;
    out.reserve(parts.size());
    for (const std::optional<std::string>& p : parts) {
      std::optional<std::string_view> part;
      if (p) part = *p;
      T e{};  // through a local: std::vector<bool> has no bool& to read into
      from_text(part, e, "array element");
      out.push_back(std::move(e));
    }
    return out;
  }
  /// Array text with every element quoted (nested arrays are not).
  static std::string format(const std::vector<T>& v) {
    constexpr bool nested = detail::is_array_v<typename detail::unwrap_optional<T>::type>;
    std::string out = "{";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += ',';
      std::optional<std::string> t = to_text(v[i]);
      if (!t)
        out += "NULL";
      else if (nested)
        out += *t;
      else
        out += detail::quote_element(*t);
    }
    out += '}';
    return out;
  }
};

}  // namespace sqlgen::runtime
