#pragma once
/// JSON (nlohmann) for the values of generated structs. Generated `to_json` / `from_json`
/// (found by ADL) write each field through `json_put` and read it through `json_get`, so
/// standard types sqlgen uses (std::optional, std::chrono, std::vector<std::byte>) need no
/// specialization of nlohmann's serializer:
///   std::optional → null or the value; Bytes → "\x0a0b" (hex); Date → "2024-01-31";
///   Timestamp → "2024-01-31T12:34:56.789000Z"; LocalTimestamp → "2024-01-31T12:34:56.789000";
///   Interval → {"months", "days", "microseconds"}; Uuid → "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
///   arrays → JSON arrays; enums → their labels. Also `codec<nlohmann::json>` (json, jsonb) and
///   `read_json_rows` (json_agg of a table's rows as its structs; of a libpqxx field in
///   json_pqxx.hpp): only this header of the runtime includes nlohmann/json.hpp, and it
///   includes no libpqxx header (generated headers with JSON include it and values.hpp).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "sqlgen/runtime/error.hpp"
#include "sqlgen/runtime/text.hpp"
#include "sqlgen/runtime/types.hpp"
#include "sqlgen/runtime/uuid.hpp"

namespace sqlgen::runtime {

/// `json` / `jsonb`.
template <>
struct codec<nlohmann::json> {
  /// Parses the JSON text.
  static nlohmann::json parse(std::string_view text) {
    try {
      return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception&) {
      detail::fail("json", text);
    }
  }
  /// Compact JSON text.
  static std::string format(const nlohmann::json& v) { return v.dump(); }
};

/// The canonical text "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11".
inline void to_json(nlohmann::json& j, const Uuid& v) { j = v.to_string(); }

/// Reads a uuid's text; throws conversion_error for a malformed one.
inline void from_json(const nlohmann::json& j, Uuid& v) { v = Uuid::parse(j.get<std::string>()); }

/// `{"months": m, "days": d, "microseconds": us}`.
inline void to_json(nlohmann::json& j, const Interval& v) {
  j = nlohmann::json{{"months", v.months}, {"days", v.days}, {"microseconds", v.microseconds}};
}

/// Reads `{"months", "days", "microseconds"}` (missing keys are 0).
inline void from_json(const nlohmann::json& j, Interval& v) {
  v.months = j.value("months", 0);
  v.days = j.value("days", 0);
  v.microseconds = j.value("microseconds", std::int64_t{0});
}

/// The JSON of one field value.
template <typename T>
nlohmann::json to_json_value(const T& v) {
  if constexpr (detail::is_optional<T>::value) {
    return v ? to_json_value(*v) : nlohmann::json(nullptr);
  } else if constexpr (std::is_same_v<T, Bytes> || std::is_same_v<T, Date>) {
    return codec<T>::format(v);
  } else if constexpr (std::is_same_v<T, Timestamp> || std::is_same_v<T, LocalTimestamp>) {
    std::string s = codec<T>::format(v);
    // "2024-01-31 11:34:56.789000+00" → "2024-01-31T11:34:56.789000Z"
    if (s.size() > 10 && s[10] == ' ') s[10] = 'T';
    if (s.size() > 3 && s.ends_with("+00")) s.replace(s.size() - 3, 3, "Z");
    return s;
  } else if constexpr (detail::is_array_v<T>) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : v) out.push_back(to_json_value(e));
    return out;
  } else {
    return nlohmann::json(v);
  }
}

/// Reads one field value from JSON written by to_json_value.
template <typename T>
void from_json_value(const nlohmann::json& j, T& out) {
  if constexpr (detail::is_optional<T>::value) {
    if (j.is_null()) {
      out.reset();
    } else {
      out.emplace();
      from_json_value(j, *out);
    }
  } else if constexpr (std::is_same_v<T, Bytes> || std::is_same_v<T, Date>) {
    out = codec<T>::parse(j.get<std::string>());
  } else if constexpr (std::is_same_v<T, Timestamp> || std::is_same_v<T, LocalTimestamp>) {
    std::string s = j.get<std::string>();
    if (s.size() > 10 && s[10] == 'T') s[10] = ' ';
    if (s.ends_with("Z")) s.replace(s.size() - 1, 1, "+00");
    out = codec<T>::parse(s);
  } else if constexpr (detail::is_array_v<T>) {
    // Element by element through a local: std::vector<bool> has no bool& to read into.
    out.clear();
    out.reserve(j.size());
    for (const nlohmann::json& je : j) {
      typename T::value_type e{};
      from_json_value(je, e);
      out.push_back(std::move(e));
    }
  } else if constexpr (std::is_floating_point_v<T>) {
    // PostgreSQL's JSON writes the float specials as strings: "NaN", "Infinity", "-Infinity".
    out = j.is_string() ? codec<T>::parse(j.get<std::string>()) : j.get<T>();
  } else {
    j.get_to(out);
  }
}

/// Sets `j[key]` to the JSON of `v`.
template <typename T>
void json_put(nlohmann::json& j, const char* key, const T& v) {
  j[key] = to_json_value(v);
}

/// Reads `j[key]` into `out`; a missing key leaves a std::optional empty and throws
/// nlohmann::json::out_of_range otherwise.
template <typename T>
void json_get(const nlohmann::json& j, const char* key, T& out) {
  auto it = j.find(key);
  if constexpr (detail::is_optional<T>::value) {
    if (it == j.end()) {
      out.reset();
      return;
    }
    from_json_value(*it, out);
  } else {
    from_json_value(j.at(key), out);
  }
}

/// Reads a JSON array of objects, `[{"id": 1, ...}, ...]` as json_agg / jsonb_agg of a table's
/// rows writes it, through each element's from_json; NULL (no row aggregated) reads as an empty
/// vector. A JSON null element needs a std::optional element type (unexpected_null otherwise);
/// text that is not a JSON array throws conversion_error.
template <typename T>
void read_json_rows(std::optional<std::string_view> text, std::vector<T>& out) {
  out.clear();
  if (!text) return;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(*text);
  } catch (const nlohmann::json::exception&) {
    detail::fail("json", *text);
  }
  if (!j.is_array()) detail::fail("json array", *text);
  out.reserve(j.size());
  for (const nlohmann::json& e : j) {
    if (e.is_null() && !detail::is_optional<T>::value) throw unexpected_null("array element");
    T v{};
    from_json_value(e, v);
    out.push_back(std::move(v));
  }
}

}  // namespace sqlgen::runtime
