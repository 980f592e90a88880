// Untyped string literals coerced to a type are read by the type's input function when
// PostgreSQL analyzes the query (parse_coerce.c's coerce_type on an unknown Const), so a
// literal the type cannot read fails PREPARE. These checks follow PostgreSQL 15's input
// functions for the types queries compare with literals; where a format is too rich to model
// (date/time words, IPv6), only what is certainly invalid is reported.
#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <string_view>

#include "analyze/analyzer.hpp"

namespace sqlgen::analyze {

namespace {

using catalog::Oid;
namespace type_oid = catalog::builtins::type_oid;

constexpr Oid k_cidr = 650;

/// A value the type's input function rejects: SQLSTATE and message.
struct InputError {
  std::string sqlstate;
  std::string message;
};
using Check = std::optional<InputError>;

bool space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool xdigit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return out;
}

InputError syntax(const std::string& type, const std::string& text,
                  const char* sqlstate = "22P02") {
  return {sqlstate, "invalid input syntax for type " + type + ": \"" + text + "\""};
}

/// int2/int4/int8 (pg_strtoint16/32/64): blanks, a sign, decimal digits, blanks.
Check check_integer(const std::string& text, const std::string& type, long double lo,
                    long double hi) {
  std::string_view s = trim(text);
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || !std::all_of(s.begin(), s.end(), digit)) return syntax(type, text);
  long double v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  if (neg) v = -v;
  if (v < lo || v > hi) {
    return InputError{"22003", "value \"" + text + "\" is out of range for type " + type};
  }
  return std::nullopt;
}

/// A decimal number: digits with an optional point and exponent. `json`: JSON's grammar.
bool decimal_number(std::string_view s, bool json) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || (!json && s[i] == '+'))) ++i;
  size_t int_start = i;
  while (i < s.size() && digit(s[i])) ++i;
  size_t int_digits = i - int_start;
  if (json && (int_digits == 0 || (int_digits > 1 && s[int_start] == '0'))) return false;
  size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    size_t f = i;
    while (i < s.size() && digit(s[i])) ++i;
    frac_digits = i - f;
    if (json && frac_digits == 0) return false;
  }
  if (int_digits + frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t e = i;
    while (i < s.size() && digit(s[i])) ++i;
    if (i == e) return false;
  }
  return i == s.size();
}

Check check_numeric(const std::string& text) {
  std::string_view s = trim(text);
  std::string l = lower(s);
  for (const char* w : {"nan", "infinity", "+infinity", "-infinity", "inf", "+inf", "-inf"}) {
    if (l == w) return std::nullopt;
  }
  if (!decimal_number(s, false)) return syntax("numeric", text);
  return std::nullopt;
}

Check check_float(const std::string& text, const std::string& type) {
  std::string_view s = trim(text);
  std::string l = lower(s);
  for (const char* w : {"nan", "infinity", "+infinity", "-infinity", "inf", "+inf", "-inf"}) {
    if (l == w) return std::nullopt;
  }
  if (!decimal_number(s, false)) return syntax(type, text);
  return std::nullopt;
}

/// parse_bool: a prefix of true/false/yes/no, on/off (two letters at least), 1/0.
Check check_bool(const std::string& text) {
  std::string l = lower(trim(text));
  auto prefix_of = [&](const char* word, size_t min) {
    std::string_view w(word);
    return l.size() >= min && l.size() <= w.size() && w.substr(0, l.size()) == l;
  };
  if (prefix_of("true", 1) || prefix_of("false", 1) || prefix_of("yes", 1) || prefix_of("no", 1) ||
      prefix_of("on", 2) || prefix_of("off", 2) || l == "1" || l == "0") {
    return std::nullopt;
  }
  return syntax("boolean", text);
}

/// string_to_uuid: 32 hex digits, a hyphen allowed after any group of four, optional braces.
Check check_uuid(const std::string& text) {
  std::string_view s = text;
  bool braces = !s.empty() && s.front() == '{';
  if (braces) s.remove_prefix(1);
  size_t digits = 0;
  size_t i = 0;
  while (digits < 32) {
    if (i + 2 > s.size() || !xdigit(s[i]) || !xdigit(s[i + 1])) return syntax("uuid", text);
    digits += 2;
    i += 2;
    if (digits < 32 && digits % 4 == 0 && i < s.size() && s[i] == '-') ++i;
  }
  if (digits != 32) return syntax("uuid", text);
  if (braces) {
    if (i >= s.size() || s[i] != '}') return syntax("uuid", text);
    ++i;
  }
  if (i != s.size()) return syntax("uuid", text);
  return std::nullopt;
}

/// A JSON text (RFC 8259, as PostgreSQL's json lexer reads it).
class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : m_s(s) {}
  bool document(bool* nul_escape) {
    skip();
    if (!value(0)) return false;
    skip();
    *nul_escape = m_nul;
    return m_i == m_s.size();
  }

 private:
  void skip() {
    while (m_i < m_s.size() &&
           (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\n' || m_s[m_i] == '\r')) {
      ++m_i;
    }
  }
  bool literal(std::string_view w) {
    if (m_s.substr(m_i, w.size()) != w) return false;
    m_i += w.size();
    return true;
  }
  bool string() {
    ++m_i;  // the opening quote
    while (m_i < m_s.size() && m_s[m_i] != '"') {
      unsigned char c = static_cast<unsigned char>(m_s[m_i]);
      if (c < 0x20) return false;
      if (c == '\\') {
        ++m_i;
        if (m_i >= m_s.size()) return false;
        char e = m_s[m_i];
        if (e == 'u') {
          if (m_s.size() - m_i < 5) return false;
          for (int k = 1; k <= 4; ++k) {
            if (!xdigit(m_s[m_i + k])) return false;
          }
          if (m_s.substr(m_i + 1, 4) == "0000") m_nul = true;
          m_i += 4;
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return false;
        }
      }
      ++m_i;
    }
    if (m_i >= m_s.size()) return false;
    ++m_i;
    return true;
  }
  bool value(int depth) {
    if (depth > 1000 || m_i >= m_s.size()) return false;
    char c = m_s[m_i];
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++m_i;
      skip();
      if (m_i < m_s.size() && m_s[m_i] == close) {
        ++m_i;
        return true;
      }
      while (true) {
        skip();
        if (c == '{') {
          if (m_i >= m_s.size() || m_s[m_i] != '"' || !string()) return false;
          skip();
          if (m_i >= m_s.size() || m_s[m_i] != ':') return false;
          ++m_i;
          skip();
        }
        if (!value(depth + 1)) return false;
        skip();
        if (m_i < m_s.size() && m_s[m_i] == ',') {
          ++m_i;
          continue;
        }
        if (m_i < m_s.size() && m_s[m_i] == close) {
          ++m_i;
          return true;
        }
        return false;
      }
    }
    if (c == '"') return string();
    if (literal("true") || literal("false") || literal("null")) return true;
    size_t start = m_i;
    while (m_i < m_s.size() && (digit(m_s[m_i]) || m_s[m_i] == '-' || m_s[m_i] == '+' ||
                                m_s[m_i] == '.' || m_s[m_i] == 'e' || m_s[m_i] == 'E')) {
      ++m_i;
    }
    return m_i > start && decimal_number(m_s.substr(start, m_i - start), true);
  }

  std::string_view m_s;
  size_t m_i = 0;
  bool m_nul = false;
};

Check check_json(const std::string& text, bool jsonb) {
  bool nul = false;
  if (!JsonReader(text).document(&nul)) {
    return InputError{"22P02", "invalid input syntax for type json"};
  }
  if (jsonb && nul) return InputError{"22P05", "unsupported Unicode escape sequence"};
  return std::nullopt;
}

/// inet/cidr: IPv4 in dotted form (cidr may abbreviate), an optional /bits; IPv6 only
/// checked for its characters.
Check check_inet(const std::string& text, bool cidr) {
  const std::string type = cidr ? "cidr" : "inet";
  std::string_view s = text;
  if (s.find(':') != std::string_view::npos) {
    bool ok = std::all_of(s.begin(), s.end(),
                          [](char c) { return xdigit(c) || c == ':' || c == '.' || c == '/'; });
    return ok ? Check{} : Check{syntax(type, text)};
  }
  std::string_view addr = s.substr(0, s.find('/'));
  std::vector<int> octets;
  size_t i = 0;
  while (i <= addr.size()) {
    size_t j = addr.find('.', i);
    std::string_view part = addr.substr(i, j == std::string_view::npos ? addr.size() - i : j - i);
    if (part.empty() || part.size() > 3 || !std::all_of(part.begin(), part.end(), digit)) {
      return syntax(type, text);
    }
    int v = std::stoi(std::string(part));
    if (v > 255) return syntax(type, text);
    octets.push_back(v);
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  if (octets.size() > 4 || (!cidr && octets.size() != 4)) return syntax(type, text);
  int bits = -1;
  if (s.find('/') != std::string_view::npos) {
    std::string_view b = s.substr(s.find('/') + 1);
    if (b.empty() || b.size() > 2 || !std::all_of(b.begin(), b.end(), digit)) {
      return syntax(type, text);
    }
    bits = std::stoi(std::string(b));
    if (bits > 32) return syntax(type, text);
  }
  if (cidr && bits >= 0 && octets.size() == 4) {
    uint32_t a = 0;
    for (int o : octets) a = (a << 8) | static_cast<uint32_t>(o);
    uint32_t host = bits == 32 ? 0 : (bits == 0 ? 0xFFFFFFFFu : (0xFFFFFFFFu >> bits));
    if (a & host) return InputError{"22P02", "invalid cidr value: \"" + text + "\""};
  }
  return std::nullopt;
}

/// bit/varbit: binary digits, or hexadecimal after a leading x (b for binary).
Check check_bits(const std::string& text) {
  std::string_view s = text;
  bool hex = false;
  if (!s.empty() && (s[0] == 'x' || s[0] == 'X')) {
    hex = true;
    s.remove_prefix(1);
  } else if (!s.empty() && (s[0] == 'b' || s[0] == 'B')) {
    s.remove_prefix(1);
  }
  for (char c : s) {
    if (hex ? !xdigit(c) : (c != '0' && c != '1')) {
      return InputError{"22P02", "\"" + std::string(1, c) + "\" is not a valid " +
                                     (hex ? "hexadecimal" : "binary") + " digit"};
    }
  }
  return std::nullopt;
}

bool has_digit(std::string_view s) { return std::any_of(s.begin(), s.end(), digit); }

int days_in_month(int year, int month) {
  static const int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : k_days[month - 1];
}

/// Reads `digits` ... at `i`; returns -1 when there are none.
long read_number(std::string_view s, size_t& i, size_t max_len = 9) {
  size_t start = i;
  long v = 0;
  while (i < s.size() && digit(s[i]) && i - start < max_len) v = v * 10 + (s[i++] - '0');
  return i == start ? -1 : v;
}

/// hh:mm[:ss[.frac]] at `i`: false when out of range (24:00:00 is allowed).
bool time_in_range(std::string_view s, size_t& i, bool* parsed) {
  *parsed = false;
  size_t save = i;
  long h = read_number(s, i, 2);
  if (h < 0 || i >= s.size() || s[i] != ':') {
    i = save;
    return true;
  }
  ++i;
  long m = read_number(s, i, 2);
  if (m < 0) {
    i = save;
    return true;
  }
  long sec = 0;
  bool frac = false;
  if (i < s.size() && s[i] == ':') {
    ++i;
    sec = read_number(s, i, 2);
    if (sec < 0) return true;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && digit(s[i])) frac = frac || s[i++] != '0';
    }
  }
  *parsed = true;
  if (m > 59 || sec > 60) return false;
  if (h > 24 || (h == 24 && (m > 0 || sec > 0 || frac))) return false;
  return true;
}

/// date, time, timestamp[tz]: the ISO forms' field ranges (22008); a value without any digit
/// that is not one of the special words is invalid (22007). Other spellings are accepted.
Check check_datetime(const std::string& text, Oid type, const std::string& type_name) {
  std::string_view s = trim(text);
  std::string l = lower(s);
  static const char* k_special[] = {"epoch", "infinity", "-infinity", "+infinity", "now",
                                    "today", "tomorrow", "yesterday", "allballs"};
  for (const char* w : k_special) {
    if (l == w) return std::nullopt;
  }
  if (!has_digit(s)) return syntax(type_name, text, "22007");
  auto out_of_range = [&] {
    return InputError{"22008", "date/time field value out of range: \"" + text + "\""};
  };
  size_t i = 0;
  bool is_time = type == type_oid::k_time || type == type_oid::k_timetz;
  if (!is_time) {
    // YYYY-MM-DD
    size_t save = i;
    long y = read_number(s, i, 9);
    if (y >= 0 && i - save >= 3 && i < s.size() && s[i] == '-') {
      ++i;
      long m = read_number(s, i, 2);
      if (m >= 0 && i < s.size() && s[i] == '-') {
        ++i;
        long d = read_number(s, i, 2);
        bool end_of_date = i == s.size() || s[i] == ' ' || s[i] == 'T' || s[i] == 't';
        if (d >= 0 && end_of_date) {
          if (y == 0 || m < 1 || m > 12 || d < 1 ||
              d > days_in_month(static_cast<int>(y), static_cast<int>(m))) {
            return out_of_range();
          }
          if (type == type_oid::k_date) return std::nullopt;
          if (i < s.size()) ++i;
          while (i < s.size() && s[i] == ' ') ++i;
          bool parsed = false;
          if (!time_in_range(s, i, &parsed)) return out_of_range();
        }
      }
    }
    return std::nullopt;
  }
  bool parsed = false;
  if (!time_in_range(s, i, &parsed)) return out_of_range();
  return std::nullopt;
}

/// interval: numbers, hh:mm:ss, units and `ago`/`@`; ISO 8601 (P...) is accepted.
Check check_interval(const std::string& text) {
  std::string l = lower(trim(text));
  if (l.empty()) return syntax("interval", text, "22007");
  if (l[0] == 'p' || (l[0] == '-' && l.size() > 1 && l[1] == 'p')) return std::nullopt;
  static const char* k_units[] = {"microsecond", "microseconds",
                                  "us",          "usec",
                                  "usecs",       "microsecon",
                                  "millisecond", "milliseconds",
                                  "ms",          "msec",
                                  "msecs",       "millisecon",
                                  "second",      "seconds",
                                  "s",           "sec",
                                  "secs",        "minute",
                                  "minutes",     "m",
                                  "min",         "mins",
                                  "hour",        "hours",
                                  "h",           "hr",
                                  "hrs",         "day",
                                  "days",        "d",
                                  "week",        "weeks",
                                  "w",           "month",
                                  "months",      "mon",
                                  "mons",        "year",
                                  "years",       "y",
                                  "yr",          "yrs",
                                  "decade",      "decades",
                                  "dec",         "decs",
                                  "century",     "centuries",
                                  "c",           "cent",
                                  "millennium",  "millennia",
                                  "millenniums", "mil",
                                  "mils",        "ago",
                                  "@",           "timezone",
                                  "timezone_h",  "timezone_m"};
  auto is_unit = [&](std::string_view w) {
    for (const char* u : k_units) {
      if (w == u) return true;
    }
    return false;
  };
  size_t i = 0;
  while (i < l.size()) {
    while (i < l.size() && (space(l[i]) || l[i] == ',')) ++i;
    size_t start = i;
    while (i < l.size() && !space(l[i]) && l[i] != ',') ++i;
    std::string_view tok(l.data() + start, i - start);
    if (tok.empty()) continue;
    // A number (signed, with . : -), then possibly a unit glued to it ("1day").
    size_t k = 0;
    while (k < tok.size() &&
           (digit(tok[k]) || tok[k] == '+' || tok[k] == '-' || tok[k] == '.' || tok[k] == ':')) {
      ++k;
    }
    std::string_view rest = tok.substr(k);
    if (!rest.empty() && !is_unit(rest)) return syntax("interval", text, "22007");
  }
  return std::nullopt;
}

/// An array literal: `{...}` (optionally after `[l:u]=` dimensions) whose elements each pass
/// the element check; nested braces for more dimensions, all sub-arrays the same length.
class ArrayReader {
 public:
  ArrayReader(std::string_view s, const std::function<Check(const std::string&)>& elem)
      : m_s(s), m_elem(elem) {}
  /// nullopt: valid; else the error (malformed, or the first bad element).
  Check read(const std::string& text) {
    auto malformed = InputError{"22P02", "malformed array literal: \"" + text + "\""};
    skip();
    if (m_i < m_s.size() && m_s[m_i] == '[') {
      size_t eq = m_s.find('=', m_i);
      if (eq == std::string_view::npos) return malformed;
      m_i = eq + 1;
      skip();
    }
    if (m_i >= m_s.size() || m_s[m_i] != '{') return malformed;
    std::vector<int> lengths;
    if (!sub(0, lengths)) return m_bad ? m_bad : Check{malformed};
    skip();
    if (m_i != m_s.size()) return malformed;
    return m_bad;
  }

 private:
  void skip() {
    while (m_i < m_s.size() && space(m_s[m_i])) ++m_i;
  }
  bool sub(size_t depth, std::vector<int>& lengths) {
    ++m_i;  // '{'
    int count = 0;
    skip();
    if (m_i < m_s.size() && m_s[m_i] == '}') {
      ++m_i;
      return depth == 0;  // `{}` only at the top
    }
    bool nested = false;
    while (true) {
      skip();
      if (m_i >= m_s.size()) return false;
      if (m_s[m_i] == '{') {
        if (count > 0 && !nested) return false;
        nested = true;
        if (!sub(depth + 1, lengths)) return false;
      } else {
        if (nested) return false;
        std::string value;
        bool quoted = false;
        if (m_s[m_i] == '"') {
          quoted = true;
          ++m_i;
          while (m_i < m_s.size() && m_s[m_i] != '"') {
            if (m_s[m_i] == '\\' && m_i + 1 < m_s.size()) ++m_i;
            value += m_s[m_i++];
          }
          if (m_i >= m_s.size()) return false;
          ++m_i;
        } else {
          while (m_i < m_s.size() && m_s[m_i] != ',' && m_s[m_i] != '}') {
            if (m_s[m_i] == '{' || m_s[m_i] == '"') return false;
            if (m_s[m_i] == '\\' && m_i + 1 < m_s.size()) ++m_i;
            value += m_s[m_i++];
          }
          value = std::string(trim(value));
          if (value.empty()) return false;
        }
        if (!m_bad && (quoted || lower(value) != "null")) m_bad = m_elem(value);
      }
      ++count;
      skip();
      if (m_i >= m_s.size()) return false;
      if (m_s[m_i] == ',') {
        ++m_i;
        continue;
      }
      if (m_s[m_i] == '}') {
        ++m_i;
        break;
      }
      return false;
    }
    if (lengths.size() <= depth) lengths.resize(depth + 1, -1);
    if (lengths[depth] >= 0 && lengths[depth] != count) return false;
    lengths[depth] = count;
    return true;
  }

  std::string_view m_s;
  const std::function<Check(const std::string&)>& m_elem;
  size_t m_i = 0;
  Check m_bad;
};

}  // namespace

void Analyzer::check_literal(const parse::Expr& e, ExprType target) {
  if (e.kind != parse::ExprKind::Const ||
      e.as<parse::ConstExpr>().type != parse::ConstExpr::Type::String) {
    return;
  }
  if (m_quiet > 0 || m_failed || target.oid == 0 || target.oid == pseudo_oid::k_unknown_oid) return;
  if (!m_literals_checked.insert(&e).second) return;
  const std::string& text = e.as<parse::ConstExpr>().text;
  std::function<Check(Oid, const std::string&)> check = [&](Oid oid,
                                                            const std::string& value) -> Check {
    oid = base_type(m_cat, oid);
    if (Oid elem = element_of(m_cat, oid)) {
      std::function<Check(const std::string&)> elem_check = [&](const std::string& v) {
        return check(elem, v);
      };
      return ArrayReader(value, elem_check).read(value);
    }
    switch (oid) {
      case type_oid::k_int2:
        return check_integer(value, "smallint", -32768.0L, 32767.0L);
      case type_oid::k_int4:
        return check_integer(value, "integer", -2147483648.0L, 2147483647.0L);
      case type_oid::k_int8:
        return check_integer(value, "bigint", -9223372036854775808.0L, 9223372036854775807.0L);
      case type_oid::k_numeric:
        return check_numeric(value);
      case type_oid::k_float4:
        return check_float(value, "real");
      case type_oid::k_float8:
        return check_float(value, "double precision");
      case type_oid::k_bool:
        return check_bool(value);
      case type_oid::k_uuid:
        return check_uuid(value);
      case type_oid::k_json:
        return check_json(value, false);
      case type_oid::k_jsonb:
        return check_json(value, true);
      case type_oid::k_inet:
        return check_inet(value, false);
      case k_cidr:
        return check_inet(value, true);
      case type_oid::k_bit:
      case type_oid::k_varbit:
        return check_bits(value);
      case type_oid::k_date:
      case type_oid::k_time:
      case type_oid::k_timetz:
      case type_oid::k_timestamp:
      case type_oid::k_timestamptz:
        // The names PostgreSQL's date/time input errors use.
        return check_datetime(value, oid,
                              oid == type_oid::k_date        ? "date"
                              : oid == type_oid::k_time      ? "time"
                              : oid == type_oid::k_timetz    ? "time with time zone"
                              : oid == type_oid::k_timestamp ? "timestamp"
                                                             : "timestamp with time zone");
      case type_oid::k_interval:
        return check_interval(value);
      default:
        break;
    }
    const catalog::Type* ty = m_cat.type(oid);
    if (ty && ty->typtype == 'e' &&
        std::find(ty->labels.begin(), ty->labels.end(), value) == ty->labels.end()) {
      return InputError{
          "22P02", "invalid input value for enum " + format(m_cat, oid) + ": \"" + value + "\""};
    }
    return std::nullopt;
  };
  if (Check err = check(target.oid, text)) {
    reject(diag::DiagId::err_invalid_literal, e.span, err->sqlstate, {err->message});
  }
}

}  // namespace sqlgen::analyze
