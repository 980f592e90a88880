#pragma once
/// Exceptions thrown by sqlgen's runtime: a value from the database does not fit the C++ type
/// generated for it, a query ran before its statements were prepared, a query that always
/// returns a row returned none.

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

/// A generated query ran on a connection its class's `prepare(conn)` was not called on.
class not_prepared : public std::logic_error {
 public:
  /// `statement` is the prepared statement's name ("billing_GetInvoice"), `owner` the
  /// generated class that defines it ("billing::Queries").
  not_prepared(std::string_view statement, std::string_view owner)
      : std::logic_error("query \"" + std::string(statement) +
                         "\" is not prepared on this connection: call " + std::string(owner) +
                         "::prepare(conn) once per connection before running its queries") {}
};

/// A query that returns exactly one row by construction (a `:one` returning its row or value
/// without std::optional) returned none: a BEFORE trigger or a rule skipped the row.
class no_row : public std::runtime_error {
 public:
  /// `statement` is the prepared statement's name.
  explicit no_row(std::string_view statement)
      : std::runtime_error("query \"" + std::string(statement) +
                           "\" returned no row where its SQL always returns one (a trigger "
                           "or rule skipped the row?)") {}
};

}  // namespace sqlgen::runtime
