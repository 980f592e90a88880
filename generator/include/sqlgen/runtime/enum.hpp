#pragma once
/// Enums: generated code specializes `enum_traits<E>` for every SQL enum; these functions and
/// the text codec work from it. Each module namespace re-exports `from_string` and
/// `all_values`, so `billing::from_string<billing::InvoiceStatus>("paid")` works.

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include "sqlgen/runtime/error.hpp"
#include "sqlgen/runtime/text.hpp"

namespace sqlgen::runtime {

/// Specialized by generated code for every SQL enum E:
///   static constexpr std::string_view sql_name;  // "billing.invoice_status"
///   static constexpr std::array<E, N> values;    // in the type's sort order
///   static constexpr std::array<std::string_view, N> labels;  // labels[i] names values[i]
template <typename E>
struct enum_traits;

/// True for enums sqlgen generated (those with an enum_traits specialization).
template <typename E>
concept sql_enum = std::is_enum_v<E> && requires {
  enum_traits<E>::sql_name;
  enum_traits<E>::values;
  enum_traits<E>::labels;
};

/// The SQL label of `v` ("" for a value outside the enum).
template <sql_enum E>
constexpr std::string_view label_of(E v) noexcept {
  const auto& values = enum_traits<E>::values;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i] == v) return enum_traits<E>::labels[i];
  }
  return {};
}

/// The value labelled `label`; throws unknown_enum_label naming the type and the label.
template <sql_enum E>
constexpr E from_string(std::string_view label) {
  const auto& labels = enum_traits<E>::labels;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == label) return enum_traits<E>::values[i];
  }
  throw unknown_enum_label(enum_traits<E>::sql_name, label);
}

/// Every value of E, in the SQL type's sort order.
template <sql_enum E>
constexpr const auto& all_values() noexcept {
  return enum_traits<E>::values;
}

/// Enums travel as their labels.
template <sql_enum E>
struct codec<E> {
  /// Throws unknown_enum_label for labels the generated enum does not know.
  static E parse(std::string_view text) { return from_string<E>(text); }
  /// The label.
  static std::string format(E v) { return std::string(label_of(v)); }
};

}  // namespace sqlgen::runtime
