#pragma once
/// What the generated audit diff helpers (`<module>/audit.hpp`, one `audit_diff` per table
/// listed under `audit:` in sqlgen.yaml) return: the columns whose values differ between two
/// rows, each value as display text (psql's form), a secret column's values masked.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlgen/runtime/print.hpp"
#include "sqlgen/runtime/text.hpp"

namespace sqlgen::runtime {

/// What a secret column's old and new values show.
inline constexpr std::string_view k_masked = "***";

/// One column that differs between two rows of an audited table.
struct FieldChange {
  std::string field;      ///< the column's SQL name
  std::string old_value;  ///< display_text of the old value; k_masked for a secret column
  std::string new_value;  ///< display_text of the new value; k_masked for a secret column
  bool secret = false;    ///< the column is classified `secret`: its values are masked

  /// Member-wise equality.
  bool operator==(const FieldChange&) const = default;
};

/// A value as text for people: "NULL" for NULL; psql's form where print.hpp has one (dates,
/// timestamps, intervals, bytea, uuids, enum labels); else its PostgreSQL text (`codec<T>`:
/// numbers, text, booleans as "true"/"false", arrays, records, json).
template <typename T>
std::string display_text(const T& v) {
  if constexpr (detail::is_optional<T>::value) {
    return v ? display_text(*v) : std::string("NULL");
  } else if constexpr (requires { to_display(v); }) {
    return to_display(v);
  } else {
    std::optional<std::string> text = to_text(v);
    return text ? std::move(*text) : std::string("NULL");
  }
}

/// Appends to `out` a change of column `field` when its old and new values differ (by `==`, then
/// by their text, so a NaN that stays NaN is no change); a secret's values show as k_masked.
template <typename T>
void diff_field(std::vector<FieldChange>& out, std::string_view field, const T& old_value,
                const T& new_value, bool secret = false) {
  if (old_value == new_value) return;
  std::string before = display_text(old_value), after = display_text(new_value);
  if (before == after) return;
  if (secret) {
    out.push_back(
        FieldChange{std::string(field), std::string(k_masked), std::string(k_masked), true});
  } else {
    out.push_back(FieldChange{std::string(field), std::move(before), std::move(after), false});
  }
}

}  // namespace sqlgen::runtime
