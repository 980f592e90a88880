#include "catalog/builtins.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <iterator>
#include <limits>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace sqlgen::catalog::builtins {

namespace {

// Row layouts of pg_builtins.inc; types, operators and casts use the public structs.
using RawType = BuiltinType;
using RawOperator = BuiltinOperator;
using RawCast = BuiltinCast;

struct RawExtension {
  std::string_view name;
  std::string_view version;
  std::string_view required;  // comma-separated
  std::string_view schema;
};

struct RawRelation {
  Oid oid;
  Oid row_type;
  std::string_view schema;
  std::string_view name;
  std::string_view extension;
  char kind;
  std::string_view columns;           // "name:type[/typmod][!]" separated by spaces; "!" = not null
  std::string_view primary_key_name;  // "" for none
  std::string_view primary_key;       // its columns separated by commas
};

struct RawKeyword {
  std::string_view word;
  char category;
};

struct RawProc {
  Oid oid;
  std::string_view name;
  std::string_view schema;
  std::string_view extension;
  char kind;
  char agg_kind;
  bool retset;
  Oid ret_type;
  bool strict;
  char volatility;
  int16_t nargs;
  int16_t nargdefaults;
  std::string_view arg_types;  // space-separated oids
  Oid variadic_type;
  std::string_view all_arg_types;  // space-separated oids
  std::string_view arg_modes;
  std::string_view arg_names;  // comma-separated
};

#include "catalog/pg_builtins.inc"

constexpr int32_t k_varhdrsz = 4;
constexpr int64_t k_max_attr_size = 10 * 1024 * 1024;
constexpr int64_t k_max_bit_length = k_max_attr_size * 8;
constexpr int64_t k_numeric_max_precision = 1000;
constexpr int64_t k_numeric_min_scale = -1000;
constexpr int64_t k_numeric_max_scale = 1000;
constexpr int64_t k_max_time_precision = 6;
constexpr int32_t k_interval_full_range = 0x7FFF;
constexpr int32_t k_interval_full_precision = 0xFFFF;

// INTERVAL_MASK() bits of datetime.h.
constexpr int32_t k_mask_month = 1 << 1;
constexpr int32_t k_mask_year = 1 << 2;
constexpr int32_t k_mask_day = 1 << 3;
constexpr int32_t k_mask_hour = 1 << 10;
constexpr int32_t k_mask_minute = 1 << 11;
constexpr int32_t k_mask_second = 1 << 12;

std::vector<Oid> parse_oids(std::string_view text) {
  std::vector<Oid> out;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    Oid value = 0;
    auto [next, ec] = std::from_chars(p, end, value);
    if (ec != std::errc()) break;
    out.push_back(value);
    p = next;
    while (p < end && *p == ' ') ++p;
  }
  return out;
}

std::vector<std::string_view> split_names(std::string_view text) {
  std::vector<std::string_view> out;
  if (text.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t comma = text.find(',', start);
    out.push_back(text.substr(start, comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

/// Reads one number of `text` from `pos` on (advancing it); 0 when there is none.
template <typename T>
T read_number(std::string_view text, size_t& pos) {
  T value = 0;
  auto [next, ec] = std::from_chars(text.data() + pos, text.data() + text.size(), value);
  if (ec == std::errc()) pos = static_cast<size_t>(next - text.data());
  return value;
}

std::vector<BuiltinColumn> parse_columns(std::string_view text) {
  std::vector<BuiltinColumn> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t colon = text.find(':', pos);
    if (colon == std::string_view::npos) break;
    BuiltinColumn c;
    c.name = text.substr(pos, colon - pos);
    pos = colon + 1;
    c.type = read_number<Oid>(text, pos);
    if (pos < text.size() && text[pos] == '/') c.typmod = read_number<int32_t>(text, ++pos);
    if (pos < text.size() && text[pos] == '!') {
      c.not_null = true;
      ++pos;
    }
    out.push_back(c);
    while (pos < text.size() && text[pos] == ' ') ++pos;
  }
  return out;
}

BuiltinRelation decode_relation(const RawRelation& raw) {
  return BuiltinRelation{raw.oid,
                         raw.row_type,
                         raw.schema,
                         raw.name,
                         raw.extension,
                         raw.kind,
                         parse_columns(raw.columns),
                         raw.primary_key_name,
                         split_names(raw.primary_key)};
}

BuiltinProc decode_proc(const RawProc& raw) {
  BuiltinProc p;
  p.oid = raw.oid;
  p.name = raw.name;
  p.schema = raw.schema;
  p.extension = raw.extension;
  p.kind = raw.kind;
  p.agg_kind = raw.agg_kind;
  p.retset = raw.retset;
  p.ret_type = raw.ret_type;
  p.strict = raw.strict;
  p.volatility = raw.volatility;
  p.nargs = raw.nargs;
  p.nargdefaults = raw.nargdefaults;
  p.arg_types = parse_oids(raw.arg_types);
  p.variadic_type = raw.variadic_type;
  p.all_arg_types = parse_oids(raw.all_arg_types);
  p.arg_modes = raw.arg_modes;
  p.arg_names = split_names(raw.arg_names);
  return p;
}

/// The lookup structures, built once on first use.
struct Index {
  std::vector<BuiltinProc> procs;
  std::vector<BuiltinRelation> relations;
  std::map<std::pair<std::string_view, std::string_view>, const BuiltinRelation*> relation_by_name;
  std::map<std::pair<std::string_view, std::string_view>, const BuiltinType*> type_by_name;
  std::unordered_map<std::string_view, std::vector<const BuiltinProc*>> procs_by_name;
  std::unordered_map<std::string_view, std::vector<const BuiltinOperator*>> operators_by_name;
  std::map<std::tuple<std::string_view, Oid, Oid>, const BuiltinOperator*> operator_by_sig;
  std::vector<ExtensionObjects> extensions;
  std::vector<std::string_view> extension_names;

  Index();
  ExtensionObjects* extension(std::string_view name);
};

ExtensionObjects* Index::extension(std::string_view name) {
  for (auto& e : extensions) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

Index::Index() {
  for (const auto& raw : k_raw_extensions) {
    ExtensionObjects e;
    e.name = raw.name;
    e.version = raw.version;
    e.required = split_names(raw.required);
    e.schema = raw.schema;
    extensions.push_back(std::move(e));
    extension_names.push_back(raw.name);
  }
  for (const auto& t : k_raw_types) {
    if (t.extension.empty()) {
      type_by_name.emplace(std::pair{t.schema, t.name}, &t);
    } else if (auto* e = extension(t.extension)) {
      e->types.push_back(&t);
    }
  }
  procs.reserve(std::size(k_raw_procs));
  for (const auto& raw : k_raw_procs) procs.push_back(decode_proc(raw));
  for (const auto& p : procs) {
    if (p.extension.empty()) {
      procs_by_name[p.name].push_back(&p);
    } else if (auto* e = extension(p.extension)) {
      e->procs.push_back(&p);
    }
  }
  for (const auto& o : k_raw_operators) {
    operator_by_sig.emplace(std::tuple{o.name, o.left, o.right}, &o);
    if (o.extension.empty()) {
      operators_by_name[o.name].push_back(&o);
    } else if (auto* e = extension(o.extension)) {
      e->operators.push_back(&o);
    }
  }
  for (const auto& c : k_raw_casts) {
    if (auto* e = c.extension.empty() ? nullptr : extension(c.extension)) e->casts.push_back(&c);
  }
  relations.reserve(std::size(k_raw_relations));
  for (const auto& raw : k_raw_relations) relations.push_back(decode_relation(raw));
  for (const auto& r : relations) {
    if (r.extension.empty()) {
      relation_by_name.emplace(std::pair{r.schema, r.name}, &r);
    } else if (auto* e = extension(r.extension)) {
      e->relations.push_back(&r);
    }
  }
}

const Index& index() {
  // Never destroyed: freeing its few thousand nodes at exit cost about a millisecond of every
  // run, after the work was done. It stays reachable from here, so leak checkers stay quiet.
  static const Index& k_index = *new Index();
  return k_index;
}

template <typename Row, typename Key, typename Proj>
const Row* binary_find(std::span<const Row> rows, const Key& key, Proj proj) {
  auto it = std::lower_bound(rows.begin(), rows.end(), key,
                             [&](const Row& row, const Key& k) { return proj(row) < k; });
  if (it == rows.end() || proj(*it) != key) return nullptr;
  return &*it;
}

// ---- typmod output (the typmodout functions of the builtin types) ----

std::string interval_fields(int32_t fields) {
  switch (fields) {
    case k_mask_year:
      return " year";
    case k_mask_month:
      return " month";
    case k_mask_day:
      return " day";
    case k_mask_hour:
      return " hour";
    case k_mask_minute:
      return " minute";
    case k_mask_second:
      return " second";
    case k_mask_year | k_mask_month:
      return " year to month";
    case k_mask_day | k_mask_hour:
      return " day to hour";
    case k_mask_day | k_mask_hour | k_mask_minute:
      return " day to minute";
    case k_mask_day | k_mask_hour | k_mask_minute | k_mask_second:
      return " day to second";
    case k_mask_hour | k_mask_minute:
      return " hour to minute";
    case k_mask_hour | k_mask_minute | k_mask_second:
      return " hour to second";
    case k_mask_minute | k_mask_second:
      return " minute to second";
    default:
      return "";  // INTERVAL_FULL_RANGE (and invalid masks)
  }
}

std::string interval_typmodout(int32_t typmod) {
  std::string out = interval_fields((typmod >> 16) & 0x7FFF);
  int32_t precision = typmod & 0xFFFF;
  if (precision != k_interval_full_precision) out += "(" + std::to_string(precision) + ")";
  return out;
}

std::string numeric_typmodout(int32_t typmod) {
  if (typmod < k_varhdrsz) return "";
  int32_t precision = ((typmod - k_varhdrsz) >> 16) & 0xFFFF;
  int32_t scale = (((typmod - k_varhdrsz) & 0x7FF) ^ 1024) - 1024;
  return "(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
}

/// printTypmod(): `name` plus the type's typmodout text, or "(typmod)" without one.
std::string print_typmod(std::string name, Oid oid, int32_t typmod) {
  auto paren = [&](int32_t v) { return "(" + std::to_string(v) + ")"; };
  switch (oid) {
    case type_oid::k_bpchar:
    case type_oid::k_varchar:
      return name + (typmod > k_varhdrsz ? paren(typmod - k_varhdrsz) : "");
    case type_oid::k_bit:
    case type_oid::k_varbit:
      return name + paren(typmod);
    case type_oid::k_numeric:
      return name + numeric_typmodout(typmod);
    case type_oid::k_time:
    case type_oid::k_timestamp:
      return name + paren(typmod) + " without time zone";
    case type_oid::k_timetz:
    case type_oid::k_timestamptz:
      return name + paren(typmod) + " with time zone";
    case type_oid::k_interval:
      return name + interval_typmodout(typmod);
    default:
      return name + paren(typmod);
  }
}

/// The special SQL spellings of format_type.c, or "" to use the catalog name.
std::string special_type_name(Oid oid, int32_t typmod, bool with_typmod, bool typmod_given) {
  auto modded = [&](const char* sql, const char* plain) -> std::string {
    return with_typmod ? print_typmod(sql, oid, typmod) : std::string(plain);
  };
  switch (oid) {
    case type_oid::k_bit:
      if (!with_typmod && typmod_given) return "";  // bit without typmod is not BIT(1)
      return modded("bit", "bit");
    case type_oid::k_bpchar:
      if (!with_typmod && typmod_given) return "";  // nor is bpchar CHARACTER(1)
      return modded("character", "character");
    case type_oid::k_bool:
      return "boolean";
    case type_oid::k_float4:
      return "real";
    case type_oid::k_float8:
      return "double precision";
    case type_oid::k_int2:
      return "smallint";
    case type_oid::k_int4:
      return "integer";
    case type_oid::k_int8:
      return "bigint";
    case type_oid::k_numeric:
      return modded("numeric", "numeric");
    case type_oid::k_interval:
      return modded("interval", "interval");
    case type_oid::k_time:
      return modded("time", "time without time zone");
    case type_oid::k_timetz:
      return modded("time", "time with time zone");
    case type_oid::k_timestamp:
      return modded("timestamp", "timestamp without time zone");
    case type_oid::k_timestamptz:
      return modded("timestamp", "timestamp with time zone");
    case type_oid::k_varbit:
      return modded("bit varying", "bit varying");
    case type_oid::k_varchar:
      return modded("character varying", "character varying");
    default:
      return "";
  }
}

// ---- typmod input (the typmodin functions of the builtin types) ----

TypmodResult typmod_error(std::string message) {
  TypmodResult r;
  r.error = std::move(message);
  return r;
}

TypmodResult typmod_value(int32_t typmod, std::string warning = {}) {
  TypmodResult r;
  r.typmod = typmod;
  r.warning = std::move(warning);
  return r;
}

/// anychar_typmodin (bpchar, varchar) and anybit_typmodin (bit, varbit).
TypmodResult length_typmodin(const std::vector<int64_t>& args, const char* type_name,
                             int64_t max_length, int32_t header) {
  if (args.size() != 1) return typmod_error("invalid type modifier");
  std::string type(type_name);
  if (args[0] < 1) return typmod_error("length for type " + type + " must be at least 1");
  if (args[0] > max_length) {
    return typmod_error("length for type " + type + " cannot exceed " + std::to_string(max_length));
  }
  return typmod_value(static_cast<int32_t>(args[0]) + header);
}

TypmodResult numeric_typmodin(const std::vector<int64_t>& args) {
  if (args.empty() || args.size() > 2) return typmod_error("invalid NUMERIC type modifier");
  int64_t precision = args[0];
  if (precision < 1 || precision > k_numeric_max_precision) {
    return typmod_error("NUMERIC precision " + std::to_string(precision) +
                        " must be between 1 and " + std::to_string(k_numeric_max_precision));
  }
  int64_t scale = args.size() == 2 ? args[1] : 0;
  if (scale < k_numeric_min_scale || scale > k_numeric_max_scale) {
    return typmod_error("NUMERIC scale " + std::to_string(scale) + " must be between " +
                        std::to_string(k_numeric_min_scale) + " and " +
                        std::to_string(k_numeric_max_scale));
  }
  auto bits = static_cast<int32_t>((precision << 16) | (scale & 0x7FF));
  return typmod_value(bits + k_varhdrsz);
}

/// anytime_typmodin and anytimestamp_typmodin: `label` is "TIME" or "TIMESTAMP".
TypmodResult time_typmodin(const std::vector<int64_t>& args, const char* label, bool with_tz) {
  if (args.size() != 1) return typmod_error("invalid type modifier");
  std::string what =
      std::string(label) + "(" + std::to_string(args[0]) + ")" + (with_tz ? " WITH TIME ZONE" : "");
  if (args[0] < 0) return typmod_error(what + " precision must not be negative");
  if (args[0] > k_max_time_precision) {
    return typmod_value(
        static_cast<int32_t>(k_max_time_precision),
        what + " precision reduced to maximum allowed, " + std::to_string(k_max_time_precision));
  }
  return typmod_value(static_cast<int32_t>(args[0]));
}

bool valid_interval_range(int64_t mask) {
  if (mask == k_interval_full_range) return true;
  return !interval_fields(static_cast<int32_t>(mask)).empty();
}

TypmodResult interval_typmodin(const std::vector<int64_t>& args) {
  if (args.size() > 2 || !valid_interval_range(args[0])) {
    return typmod_error("invalid INTERVAL type modifier");
  }
  auto range = static_cast<int32_t>(args[0]);
  if (args.size() == 1) {
    if (range == k_interval_full_range) return typmod_value(-1);
    return typmod_value((range << 16) | k_interval_full_precision);
  }
  std::string what = "INTERVAL(" + std::to_string(args[1]) + ")";
  if (args[1] < 0) return typmod_error(what + " precision must not be negative");
  if (args[1] > k_max_time_precision) {
    return typmod_value(
        (range << 16) | static_cast<int32_t>(k_max_time_precision),
        what + " precision reduced to maximum allowed, " + std::to_string(k_max_time_precision));
  }
  return typmod_value((range << 16) | static_cast<int32_t>(args[1]));
}

// ---- SQL type spellings ----

struct SqlAlias {
  std::string_view spelling;
  std::string_view type_name;
  SerialKind serial;
};

constexpr std::array k_sql_aliases{
    SqlAlias{"int", "int4", SerialKind::None},
    SqlAlias{"integer", "int4", SerialKind::None},
    SqlAlias{"smallint", "int2", SerialKind::None},
    SqlAlias{"bigint", "int8", SerialKind::None},
    SqlAlias{"real", "float4", SerialKind::None},
    SqlAlias{"float", "float8", SerialKind::None},
    SqlAlias{"double precision", "float8", SerialKind::None},
    SqlAlias{"boolean", "bool", SerialKind::None},
    SqlAlias{"decimal", "numeric", SerialKind::None},
    SqlAlias{"dec", "numeric", SerialKind::None},
    SqlAlias{"character varying", "varchar", SerialKind::None},
    SqlAlias{"char varying", "varchar", SerialKind::None},
    SqlAlias{"nchar varying", "varchar", SerialKind::None},
    SqlAlias{"national character varying", "varchar", SerialKind::None},
    SqlAlias{"national char varying", "varchar", SerialKind::None},
    SqlAlias{"character", "bpchar", SerialKind::None},
    SqlAlias{"char", "bpchar", SerialKind::None},
    SqlAlias{"nchar", "bpchar", SerialKind::None},
    SqlAlias{"national character", "bpchar", SerialKind::None},
    SqlAlias{"national char", "bpchar", SerialKind::None},
    SqlAlias{"bit varying", "varbit", SerialKind::None},
    SqlAlias{"timestamp without time zone", "timestamp", SerialKind::None},
    SqlAlias{"timestamp with time zone", "timestamptz", SerialKind::None},
    SqlAlias{"time without time zone", "time", SerialKind::None},
    SqlAlias{"time with time zone", "timetz", SerialKind::None},
    SqlAlias{"smallserial", "int2", SerialKind::SmallSerial},
    SqlAlias{"serial2", "int2", SerialKind::SmallSerial},
    SqlAlias{"serial", "int4", SerialKind::Serial},
    SqlAlias{"serial4", "int4", SerialKind::Serial},
    SqlAlias{"bigserial", "int8", SerialKind::BigSerial},
    SqlAlias{"serial8", "int8", SerialKind::BigSerial},
};

/// Lowercases, trims and collapses runs of blanks into one space.
std::string normalize_spelling(std::string_view text) {
  std::string out;
  bool blank = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

/// "float(p)" as gram.y's opt_float maps it: p <= 24 is float4, p <= 53 float8.
std::optional<TypeNameMatch> resolve_float_precision(std::string_view spelling) {
  constexpr std::string_view k_prefix = "float(";
  if (spelling.substr(0, k_prefix.size()) != k_prefix || spelling.back() != ')') {
    return std::nullopt;
  }
  std::string_view digits = spelling.substr(k_prefix.size());
  digits.remove_suffix(1);
  while (!digits.empty() && digits.front() == ' ') digits.remove_prefix(1);
  while (!digits.empty() && digits.back() == ' ') digits.remove_suffix(1);
  int precision = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), precision);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  if (precision < 1 || precision > 53) return std::nullopt;
  return TypeNameMatch{find_type(precision <= 24 ? type_oid::k_float4 : type_oid::k_float8),
                       SerialKind::None};
}

}  // namespace

std::span<const BuiltinType> all_types() { return k_raw_types; }

std::span<const BuiltinProc> all_procs() { return index().procs; }

std::span<const BuiltinOperator> all_operators() { return k_raw_operators; }

std::span<const BuiltinCast> all_casts() { return k_raw_casts; }

std::span<const BuiltinRelation> all_relations() { return index().relations; }

const BuiltinType* find_type(Oid oid) {
  return binary_find(all_types(), oid, [](const BuiltinType& t) { return t.oid; });
}

const BuiltinType* find_type(std::string_view schema, std::string_view name) {
  const auto& map = index().type_by_name;
  auto it = map.find(std::pair{schema, name});
  return it == map.end() ? nullptr : it->second;
}

const BuiltinProc* find_proc(Oid oid) {
  return binary_find(all_procs(), oid, [](const BuiltinProc& p) { return p.oid; });
}

std::span<const BuiltinProc* const> find_procs(std::string_view name) {
  const auto& map = index().procs_by_name;
  auto it = map.find(name);
  if (it == map.end()) return {};
  return it->second;
}

const BuiltinOperator* find_operator(Oid oid) {
  return binary_find(all_operators(), oid, [](const BuiltinOperator& o) { return o.oid; });
}

std::span<const BuiltinOperator* const> find_operators(std::string_view name) {
  const auto& map = index().operators_by_name;
  auto it = map.find(name);
  if (it == map.end()) return {};
  return it->second;
}

const BuiltinOperator* find_operator(std::string_view name, Oid left, Oid right) {
  const auto& map = index().operator_by_sig;
  auto it = map.find(std::tuple{name, left, right});
  return it == map.end() ? nullptr : it->second;
}

const BuiltinCast* find_cast(Oid source, Oid target) {
  return binary_find(all_casts(), std::pair{source, target}, [](const BuiltinCast& c) {
    return std::pair{c.source, c.target};
  });
}

const BuiltinRelation* find_relation(Oid oid) {
  return binary_find(all_relations(), oid, [](const BuiltinRelation& r) { return r.oid; });
}

const BuiltinRelation* find_relation(std::string_view schema, std::string_view name) {
  const auto& map = index().relation_by_name;
  auto it = map.find(std::pair{schema, name});
  return it == map.end() ? nullptr : it->second;
}

std::vector<ProcOutColumn> out_columns(const BuiltinProc& proc) {
  std::vector<ProcOutColumn> out;
  for (size_t i = 0; i < proc.arg_modes.size() && i < proc.all_arg_types.size(); ++i) {
    char mode = proc.arg_modes[i];
    if (mode != 'o' && mode != 'b' && mode != 't') continue;
    std::string_view name = i < proc.arg_names.size() ? proc.arg_names[i] : std::string_view{};
    out.push_back(ProcOutColumn{name, proc.all_arg_types[i]});
  }
  return out;
}

std::span<const std::string_view> known_extensions() { return index().extension_names; }

const ExtensionObjects* extension_objects(std::string_view name) {
  for (const auto& e : index().extensions) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

char keyword_category(std::string_view word) {
  const RawKeyword* k = binary_find(std::span<const RawKeyword>(k_raw_keywords), word,
                                    [](const RawKeyword& row) { return row.word; });
  return k == nullptr ? 0 : k->category;
}

std::string quote_identifier(std::string_view ident) {
  bool safe = !ident.empty() && ((ident[0] >= 'a' && ident[0] <= 'z') || ident[0] == '_');
  for (char c : ident) {
    safe = safe && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  }
  if (safe) {
    char category = keyword_category(ident);
    safe = category == 0 || category == 'U';
  }
  return safe ? std::string(ident) : double_quote(ident);
}

std::string quote_literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string double_quote(std::string_view ident) {
  std::string out = "\"";
  for (char c : ident) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string format_type(Oid oid, int32_t typmod, bool typmod_given) {
  if (oid == 0) return "-";
  const BuiltinType* type = find_type(oid);
  if (type == nullptr) return "???";
  // True arrays print as their element type plus "[]" (but not plain-storage ones like
  // oidvector); the typmod applies to the element.
  bool is_array = false;
  if (type->is_array() && type->storage != 'p') {
    if (const BuiltinType* elem = find_type(type->elem)) {
      type = elem;
      is_array = true;
    }
  }
  bool with_typmod = typmod_given && typmod >= 0;
  std::string out = special_type_name(type->oid, typmod, with_typmod, typmod_given);
  if (out.empty()) {
    // Types outside the search path (information_schema) print qualified.
    if (type->schema == "information_schema") out = quote_identifier(type->schema) + ".";
    out += quote_identifier(type->name);
    if (with_typmod) out = print_typmod(std::move(out), type->oid, typmod);
  }
  if (is_array) out += "[]";
  return out;
}

TypmodResult compute_typmod(Oid type_oid, const std::vector<int64_t>& args) {
  if (args.empty()) return typmod_value(-1);
  const BuiltinType* type = find_type(type_oid);
  if (type == nullptr)
    return typmod_error("type with OID " + std::to_string(type_oid) + " does not exist");
  if (!type->has_typmodin) {
    return typmod_error("type modifier is not allowed for type \"" + std::string(type->name) +
                        "\"");
  }
  for (int64_t arg : args) {
    if (arg < std::numeric_limits<int32_t>::min() || arg > std::numeric_limits<int32_t>::max()) {
      return typmod_error("value \"" + std::to_string(arg) + "\" is out of range for type integer");
    }
  }
  Oid rules = type->is_array() ? type->elem : type->oid;  // arrays share the element's typmodin
  switch (rules) {
    case type_oid::k_bpchar:
      return length_typmodin(args, "char", k_max_attr_size, k_varhdrsz);
    case type_oid::k_varchar:
      return length_typmodin(args, "varchar", k_max_attr_size, k_varhdrsz);
    case type_oid::k_bit:
      return length_typmodin(args, "bit", k_max_bit_length, 0);
    case type_oid::k_varbit:
      return length_typmodin(args, "varbit", k_max_bit_length, 0);
    case type_oid::k_numeric:
      return numeric_typmodin(args);
    case type_oid::k_time:
      return time_typmodin(args, "TIME", false);
    case type_oid::k_timetz:
      return time_typmodin(args, "TIME", true);
    case type_oid::k_timestamp:
      return time_typmodin(args, "TIMESTAMP", false);
    case type_oid::k_timestamptz:
      return time_typmodin(args, "TIMESTAMP", true);
    case type_oid::k_interval:
      return interval_typmodin(args);
    default:
      return typmod_error("type modifier is not allowed for type \"" + std::string(type->name) +
                          "\"");
  }
}

std::optional<TypeNameMatch> resolve_type_name(const std::vector<std::string>& names) {
  if (names.size() == 1) {
    // CREATE TABLE's serial check only looks at unqualified names.
    for (const auto& alias : k_sql_aliases) {
      if (alias.serial != SerialKind::None && alias.spelling == names[0]) {
        return TypeNameMatch{find_type("pg_catalog", alias.type_name), alias.serial};
      }
    }
  }
  const BuiltinType* type = nullptr;
  if (names.size() == 1) type = find_type("pg_catalog", names[0]);
  if (names.size() == 2) type = find_type(names[0], names[1]);
  if (names.size() == 3) type = find_type(names[1], names[2]);
  if (type == nullptr) return std::nullopt;
  return TypeNameMatch{type, SerialKind::None};
}

std::optional<TypeNameMatch> resolve_sql_type_name(std::string_view sql_name) {
  if (sql_name.size() >= 2 && sql_name.front() == '"' && sql_name.back() == '"') {
    // A quoted name is taken literally ("char" is the one-byte type, not character).
    const BuiltinType* type = find_type("pg_catalog", sql_name.substr(1, sql_name.size() - 2));
    if (type == nullptr) return std::nullopt;
    return TypeNameMatch{type, SerialKind::None};
  }
  std::string spelling = normalize_spelling(sql_name);
  if (spelling.empty()) return std::nullopt;
  for (const auto& alias : k_sql_aliases) {
    if (alias.spelling == spelling) {
      return TypeNameMatch{find_type("pg_catalog", alias.type_name), alias.serial};
    }
  }
  if (auto match = resolve_float_precision(spelling)) return match;
  if (const BuiltinType* type = find_type("pg_catalog", spelling)) {
    return TypeNameMatch{type, SerialKind::None};
  }
  return std::nullopt;
}

}  // namespace sqlgen::catalog::builtins
