#pragma once
/// Printing the runtime's values as psql shows them (a UTC session, DateStyle=ISO,
/// IntervalStyle=postgres): `operator<<`, and `std::formatter` where the standard library has
/// <format>.
///
///   Uuid, Interval        operator<< (found by ADL) and std::formatter
///   generated enums       operator<< next to the enum (generated) and std::formatter (here)
///   Date, Timestamp,      standard types: their operator<< is in sqlgen::runtime::io
///   LocalTimestamp, Bytes (`using namespace sqlgen::runtime::io;`), as ADL looks only in std
///                         for them; std::formatter for the chrono types is the standard's

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <version>

#include "sqlgen/runtime/enum.hpp"
#include "sqlgen/runtime/text.hpp"
#include "sqlgen/runtime/types.hpp"
#include "sqlgen/runtime/uuid.hpp"

#ifdef __cpp_lib_format
#include <format>
#endif

namespace sqlgen::runtime {

namespace detail {

/// "HH:MM:SS[.f]" of microseconds within a day, the fraction without trailing zeros.
inline void append_hms_trimmed(std::string& out, std::int64_t us) {
  std::string hms = format_hms(us);  // "HH:MM:SS.ffffff"
  while (hms.back() == '0') hms.pop_back();
  if (hms.back() == '.') hms.pop_back();
  out += hms;
}

}  // namespace detail

/// PostgreSQL's output of a date: "2024-01-31", "0044-03-15 BC", "infinity".
inline std::string to_display(Date v) { return codec<Date>::format(v); }

/// PostgreSQL's output of a timestamptz in a UTC session: "2024-01-31 11:34:56.789+00".
inline std::string to_display(Timestamp v) {
  if (v == Timestamp::max()) return "infinity";
  if (v == Timestamp::min()) return "-infinity";
  auto days = std::chrono::floor<std::chrono::days>(v);
  bool bc = false;
  std::string out = detail::format_ymd(days, bc);
  out += ' ';
  detail::append_hms_trimmed(out, (v - days).count());
  out += "+00";
  if (bc) out += " BC";
  return out;
}

/// PostgreSQL's output of a timestamp: "2024-01-31 12:34:56.789".
inline std::string to_display(LocalTimestamp v) {
  if (v == LocalTimestamp::max()) return "infinity";
  if (v == LocalTimestamp::min()) return "-infinity";
  auto days = std::chrono::floor<std::chrono::days>(v);
  bool bc = false;
  std::string out = detail::format_ymd(Date(days.time_since_epoch()), bc);
  out += ' ';
  detail::append_hms_trimmed(out, (v - days).count());
  if (bc) out += " BC";
  return out;
}

/// PostgreSQL's output of a bytea (hex): "\x0001ff".
inline std::string to_display(const Bytes& v) { return codec<Bytes>::format(v); }

/// The canonical text of a uuid.
inline std::string to_display(const Uuid& v) { return v.to_string(); }

/// A generated enum's SQL label.
template <sql_enum E>
std::string to_display(E v) {
  return std::string(label_of(v));
}

/// PostgreSQL's output of an interval in IntervalStyle postgres:
/// "1 year 2 mons -3 days +04:05:06.7", "00:00:00" for zero.
inline std::string to_display(const Interval& v) {
  std::string out;
  bool is_zero = true, is_before = false;
  // As PostgreSQL's AddPostgresIntPart: a "+" after a negative field.
  auto part = [&](std::int64_t value, const char* unit) {
    if (value == 0) return;
    if (!is_zero) out += ' ';
    if (is_before && value > 0) out += '+';
    out += std::to_string(value);
    out += ' ';
    out += unit;
    if (value != 1) out += 's';
    is_before = value < 0;
    is_zero = false;
  };
  part(v.months / 12, "year");
  part(v.months % 12, "mon");
  part(v.days, "day");
  std::int64_t t = v.microseconds;
  std::int64_t hour = t / 3600000000;
  t -= hour * 3600000000;
  std::int64_t min = t / 60000000;
  t -= min * 60000000;
  std::int64_t sec = t / 1000000;
  std::int64_t fsec = t - sec * 1000000;
  if (is_zero || hour != 0 || min != 0 || sec != 0 || fsec != 0) {
    bool minus = hour < 0 || min < 0 || sec < 0 || fsec < 0;
    if (!is_zero) out += ' ';
    if (minus)
      out += '-';
    else if (is_before)
      out += '+';
    auto abs = [](std::int64_t x) { return x < 0 ? -x : x; };
    detail::pad(out, abs(hour), 2);
    out += ':';
    detail::pad(out, abs(min), 2);
    out += ':';
    detail::pad(out, abs(sec), 2);
    if (fsec != 0) {
      std::string frac;
      detail::pad(frac, abs(fsec), 6);
      while (frac.back() == '0') frac.pop_back();
      out += '.';
      out += frac;
    }
  }
  return out;
}

/// Prints to_display(v).
inline std::ostream& operator<<(std::ostream& os, const Interval& v) { return os << to_display(v); }

/// `operator<<` for the standard types the runtime uses, as psql shows them. ADL does not look
/// here: `using namespace sqlgen::runtime::io;` where they are printed.
namespace io {

/// "2024-01-31".
inline std::ostream& operator<<(std::ostream& os, Date v) { return os << to_display(v); }
/// "2024-01-31 11:34:56.789+00" (UTC).
inline std::ostream& operator<<(std::ostream& os, Timestamp v) { return os << to_display(v); }
/// "2024-01-31 12:34:56.789".
inline std::ostream& operator<<(std::ostream& os, LocalTimestamp v) { return os << to_display(v); }
/// "\x0001ff".
inline std::ostream& operator<<(std::ostream& os, const Bytes& v) { return os << to_display(v); }

}  // namespace io

}  // namespace sqlgen::runtime

#ifdef __cpp_lib_format
namespace std {

/// `std::format("{}", uuid)`: the canonical text (string format specs apply to it).
template <>
struct formatter<sqlgen::runtime::Uuid, char> : formatter<string_view, char> {
  /// Formats the canonical text.
  template <class FormatContext>
  auto format(const sqlgen::runtime::Uuid& v, FormatContext& ctx) const {
    return formatter<string_view, char>::format(v.to_string(), ctx);
  }
};

/// `std::format("{}", interval)`: as psql shows it.
template <>
struct formatter<sqlgen::runtime::Interval, char> : formatter<string_view, char> {
  /// Formats sqlgen::runtime::to_display(v).
  template <class FormatContext>
  auto format(const sqlgen::runtime::Interval& v, FormatContext& ctx) const {
    return formatter<string_view, char>::format(sqlgen::runtime::to_display(v), ctx);
  }
};

/// `std::format("{}", e)` for a generated enum: its SQL label.
template <sqlgen::runtime::sql_enum E>
struct formatter<E, char> : formatter<string_view, char> {
  /// Formats the label.
  template <class FormatContext>
  auto format(E v, FormatContext& ctx) const {
    return formatter<string_view, char>::format(sqlgen::runtime::label_of(v), ctx);
  }
};

}  // namespace std
#endif
