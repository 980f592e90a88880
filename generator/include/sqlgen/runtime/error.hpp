#pragma once
/// Exceptions thrown by sqlgen's runtime when a value from the database does not fit the C++
/// type generated for it.

#include <stdexcept>
#include <string>
#include <string_view>

namespace sqlgen::runtime {

/// A value's text could not be converted to (or from) its C++ type.
class conversion_error : public std::runtime_error {
 public:
  /// `message` says what was converted and why it failed.
  explicit conversion_error(const std::string& message) : std::runtime_error(message) {}
};

/// A NULL arrived where the generated C++ type cannot hold one (not a std::optional).
class unexpected_null : public conversion_error {
 public:
  /// `what_is_null` names the column, field or array element.
  explicit unexpected_null(std::string_view what_is_null)
      : conversion_error(std::string(what_is_null) + " is NULL but its C++ type is not optional") {}
};

/// The database returned an enum label the generated enum does not know, e.g. one added by
/// `ALTER TYPE ... ADD VALUE` after the code was generated.
class unknown_enum_label : public conversion_error {
 public:
  /// `type` is the SQL type ("billing.invoice_status"), `label` the value received.
  unknown_enum_label(std::string_view type, std::string_view label)
      : conversion_error("unknown label \"" + std::string(label) + "\" of enum \"" +
                         std::string(type) + "\""),
        m_type(type),
        m_label(label) {}
  /// The SQL enum type, schema-qualified.
  const std::string& type() const noexcept { return m_type; }
  /// The label the database returned.
  const std::string& label() const noexcept { return m_label; }

 private:
  std::string m_type;
  std::string m_label;
};

}  // namespace sqlgen::runtime
