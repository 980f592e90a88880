// The repository's templates/*.mustache, compiled in for configs without a templates
// directory. Regenerate: SQLGEN_UPDATE_GOLDEN=1 build/tests/sqlgen_tests "[golden]"
#include "codegen/internal.hpp"

namespace sqlgen::codegen {

// clang-format off
const std::map<std::string, std::string>& builtin_templates() {
  static const std::map<std::string, std::string> templates = {
      {"audit.hpp", R"tmpl({{{header}}}
{{! Per table listed under `audit:` in sqlgen.yaml, audit_diff: the columns whose values differ between two rows. }}
#pragma once

#include <vector>

#include <sqlgen/runtime/audit.hpp>

#include "models.hpp"

namespace {{{namespace}}} {
{{#tables}}

{{#doc}}
/// {{{.}}}
{{/doc}}
inline std::vector<sqlgen::runtime::FieldChange> audit_diff(
    [[maybe_unused]] const {{{struct}}}& old_row, [[maybe_unused]] const {{{struct}}}& new_row) {
  std::vector<sqlgen::runtime::FieldChange> changes;
{{#fields}}
  sqlgen::runtime::diff_field(changes, "{{column}}", old_row.{{{name}}}, new_row.{{{name}}}{{#secret}}, true{{/secret}});
{{/fields}}
  return changes;
}
{{/tables}}

}  // namespace {{{namespace}}}
)tmpl"},
      {"codec", R"tmpl({{! The record-text codec of a composite type, or of a table or view whose row type is used as a
    value type: sqlgen::runtime::from_text / to_text find it. }}
/// {{{namespace}}}::{{{name}}} in PostgreSQL's record text format "(a,b,...)".
template <>
struct sqlgen::runtime::codec<{{{namespace}}}::{{{name}}}> {
  /// Reads "(...)" with {{field_count}} fields.
  static {{{namespace}}}::{{{name}}} parse(std::string_view text) {
    auto fields = sqlgen::runtime::split_record(text, {{field_count}}, "{{sql_name}}");
    {{{namespace}}}::{{{name}}} v;
{{#fields}}
    sqlgen::runtime::from_text(fields[{{index}}], v.{{{name}}}, "field \"{{json_key}}\"");
{{/fields}}
    return v;
  }
  /// Writes "(...)".
  static std::string format(const {{{namespace}}}::{{{name}}}& v) {
    return sqlgen::runtime::join_record({
{{#fields}}
        sqlgen::runtime::to_text(v.{{{name}}}),
{{/fields}}
    });
  }
};)tmpl"},
      {"enum_json", R"tmpl({{! An enum's to_json / from_json (nlohmann, found by ADL): its SQL label. }}
/// A {{{name}}} is its label in JSON.
inline void to_json(nlohmann::json& j, {{{name}}} v) { j = std::string(to_string(v)); }

/// Reads a label; throws sqlgen::runtime::unknown_enum_label for an unknown one.
inline void from_json(const nlohmann::json& j, {{{name}}}& v) {
  v = sqlgen::runtime::from_string<{{{name}}}>(j.get<std::string>());
})tmpl"},
      {"json.hpp", R"tmpl({{{header}}}
{{! to_json / from_json of the model types of a module without JSON, for the modules with JSON using them. }}
#pragma once

#include <nlohmann/json.hpp>
#include <sqlgen/runtime/json.hpp>
#include <sqlgen/runtime/values.hpp>

{{#module_includes}}
#include "{{{.}}}"
{{/module_includes}}

namespace {{{namespace}}} {
{{#enums}}

{{>enum_json}}
{{/enums}}
{{#composites}}

{{>struct_json}}
{{/composites}}
{{#structs}}

{{>struct_json}}
{{/structs}}

}  // namespace {{{namespace}}}
)tmpl"},
      {"models.hpp", R"tmpl({{{header}}}
{{! The module's model types: enums, composite types, and a struct per table and view. }}
#pragma once

{{#std_includes}}
#include {{{.}}}
{{/std_includes}}

{{#json}}
#include <nlohmann/json.hpp>
#include <sqlgen/runtime/json.hpp>
#include <sqlgen/runtime/values.hpp>
{{/json}}
{{^json}}
#include <sqlgen/runtime/values.hpp>
{{/json}}
{{#user_includes}}
#include {{{.}}}
{{/user_includes}}
{{#module_includes}}
#include "{{{.}}}"
{{/module_includes}}

namespace {{{namespace}}} {

using sqlgen::runtime::all_values;
using sqlgen::runtime::from_string;
{{#enums}}

{{#doc}}
/// {{{.}}}
{{/doc}}
enum class {{{name}}} {
{{#values}}
  {{{value}}},  ///< '{{label}}'
{{/values}}
};
{{/enums}}
{{#has_enums}}

}  // namespace {{{namespace}}}
{{/has_enums}}
{{#enums}}

/// The labels of {{{namespace}}}::{{{name}}}, in the SQL type's sort order.
template <>
struct sqlgen::runtime::enum_traits<{{{namespace}}}::{{{name}}}> {
  /// The SQL type.
  static constexpr std::string_view sql_name = "{{sql_name}}";
  /// Every value.
  static constexpr std::array<{{{namespace}}}::{{{name}}}, {{count}}> values = {
{{#values}}
      {{{namespace}}}::{{{name}}}::{{{value}}},
{{/values}}
  };
  /// The label of values[i].
  static constexpr std::array<std::string_view, {{count}}> labels = {
{{#values}}
      "{{label}}",
{{/values}}
  };
};
{{/enums}}
{{#has_enums}}

namespace {{{namespace}}} {
{{/has_enums}}
{{#enums}}

/// The SQL label of a {{{name}}}.
constexpr std::string_view to_string({{{name}}} v) noexcept { return sqlgen::runtime::label_of(v); }

/// Prints the SQL label of a {{{name}}}.
inline std::ostream& operator<<(std::ostream& os, {{{name}}} v) { return os << to_string(v); }
{{#json}}

{{>enum_json}}
{{/json}}
{{/enums}}
{{#composites}}

{{>struct}}
{{/composites}}
{{#structs}}

{{>struct}}
{{/structs}}

}  // namespace {{{namespace}}}
{{#composites}}

{{>codec}}
{{/composites}}
{{#structs}}
{{#has_codec}}

{{>codec}}
{{/has_codec}}
{{/structs}}
)tmpl"},
      {"queries.cpp", R"tmpl({{{header}}}
{{! The definitions of the functions the header of the same stem declares (same view). }}
#include "{{{header_file}}}"

#include <pqxx/pqxx>
{{#json}}
#include <sqlgen/runtime/runtime.hpp>
{{/json}}
{{^json}}
#include <sqlgen/runtime/core.hpp>
{{/json}}

namespace {{{namespace}}} {

void {{{class_name}}}::prepare(pqxx::connection_base& conn) {
{{#queries}}
{{#statements}}
  conn.prepare("{{name}}", {{{sql_literal}}});
{{/statements}}
{{/queries}}
}
{{#queries}}
{{#is_one}}
{{#exactly_one}}

{{{row_type}}} {{{class_name}}}::{{{fn}}}({{#args}}{{{decl}}}{{^last}}, {{/last}}{{/args}}) {
  const sqlgen::runtime::Statement statement_{"{{stmt}}", "{{{namespace}}}::{{{class_name}}}"};
  pqxx::result result_ = sqlgen::runtime::exec(m_tx, statement_{{#values}}, {{{expr}}}{{/values}});
  {{{row_type}}} out_{};
  {{{reader}}}(sqlgen::runtime::only_row(result_, statement_), out_);
  return out_;
}
{{/exactly_one}}
{{^exactly_one}}

std::optional<{{{row_type}}}> {{{class_name}}}::{{{fn}}}({{#args}}{{{decl}}}{{^last}}, {{/last}}{{/args}}) {
  pqxx::result result_ = sqlgen::runtime::exec(m_tx, sqlgen::runtime::Statement{"{{stmt}}", "{{{namespace}}}::{{{class_name}}}"}{{#values}}, {{{expr}}}{{/values}});
  std::optional<{{{row_type}}}> out_;
  if (!result_.empty()) {{{reader}}}(result_[0], out_.emplace());
  return out_;
}
{{/exactly_one}}
{{/is_one}}
{{#is_many}}

std::vector<{{{row_type}}}> {{{class_name}}}::{{{fn}}}({{#args}}{{{decl}}}{{^last}}, {{/last}}{{/args}}) {
  pqxx::result result_ = sqlgen::runtime::exec(m_tx, sqlgen::runtime::Statement{"{{stmt}}", "{{{namespace}}}::{{{class_name}}}"}{{#values}}, {{{expr}}}{{/values}});
  std::vector<{{{row_type}}}> out_;
  out_.reserve(result_.size());
  for (const pqxx::row& r_ : result_) {{{reader}}}(r_, out_.emplace_back());
  return out_;
}

void {{{class_name}}}::{{{fn_each}}}({{#args}}{{{decl}}}, {{/args}}sqlgen::runtime::FunctionRef<void({{{row_type}}}&&)> on_row) {
  pqxx::result result_ = sqlgen::runtime::exec(m_tx, sqlgen::runtime::Statement{"{{stmt}}", "{{{namespace}}}::{{{class_name}}}"}{{#values}}, {{{expr}}}{{/values}});
  for (const pqxx::row& r_ : result_) {
    {{{row_type}}} row_;
    {{{reader}}}(r_, row_);
    on_row(std::move(row_));
  }
}
{{/is_many}}
{{#is_exec}}

void {{{class_name}}}::{{{fn}}}({{#args}}{{{decl}}}{{^last}}, {{/last}}{{/args}}) {
  sqlgen::runtime::exec(m_tx, sqlgen::runtime::Statement{"{{stmt}}", "{{{namespace}}}::{{{class_name}}}"}{{#values}}, {{{expr}}}{{/values}});
}
{{/is_exec}}
{{#is_execrows}}

std::uint64_t {{{class_name}}}::{{{fn}}}({{#args}}{{{decl}}}{{^last}}, {{/last}}{{/args}}) {
  return sqlgen::runtime::exec(m_tx, sqlgen::runtime::Statement{"{{stmt}}", "{{{namespace}}}::{{{class_name}}}"}{{#values}}, {{{expr}}}{{/values}}).affected_rows();
}
{{/is_execrows}}
{{#is_execresult}}

pqxx::result {{{class_name}}}::{{{fn}}}({{#args}}{{{decl}}}{{^last}}, {{/last}}{{/args}}) {
  return sqlgen::runtime::exec(m_tx, sqlgen::runtime::Statement{"{{stmt}}", "{{{namespace}}}::{{{class_name}}}"}{{#values}}, {{{expr}}}{{/values}});
}
{{/is_execresult}}
{{#is_copyfrom}}

std::uint64_t {{{class_name}}}::{{{fn}}}(sqlgen::runtime::Items<{{{params_type}}}> items) {
  pqxx::stream_to stream_(m_tx, "{{copy_table}}",
                          std::vector<std::string>{ {{#copy_columns}}"{{name}}"{{^last}}, {{/last}}{{/copy_columns}} });
  std::uint64_t n_ = 0;
  items([&](const {{{params_type}}}& item) {
    sqlgen::runtime::copy_row(stream_{{#copy_values}}, {{{expr}}}{{/copy_values}});
    ++n_;
  });
  stream_.complete();
  return n_;
}
{{/is_copyfrom}}
{{#is_batchexec}}

void {{{class_name}}}::{{{fn}}}(sqlgen::runtime::Items<{{{params_type}}}> items) {
  sqlgen::runtime::Batch batch_(m_tx, sqlgen::runtime::Statement{"{{stmt}}", "{{{namespace}}}::{{{class_name}}}"});
  items([&](const {{{params_type}}}& item) { batch_.add({{#values}}{{{expr}}}{{^last}}, {{/last}}{{/values}}); });
  batch_.results();
}
{{/is_batchexec}}
{{#is_batchone}}

std::vector<std::optional<{{{row_type}}}>> {{{class_name}}}::{{{fn}}}(sqlgen::runtime::Items<{{{params_type}}}> items) {
  sqlgen::runtime::Batch batch_(m_tx, sqlgen::runtime::Statement{"{{stmt}}", "{{{namespace}}}::{{{class_name}}}"});
  items([&](const {{{params_type}}}& item) { batch_.add({{#values}}{{{expr}}}{{^last}}, {{/last}}{{/values}}); });
  std::vector<std::optional<{{{row_type}}}>> out_;
  for (const pqxx::result& result_ : batch_.results()) {
    std::optional<{{{row_type}}}>& row_ = out_.emplace_back();
    if (!result_.empty()) {{{reader}}}(result_[0], row_.emplace());
  }
  return out_;
}
{{/is_batchone}}
{{#is_batchmany}}

std::vector<std::vector<{{{row_type}}}>> {{{class_name}}}::{{{fn}}}(sqlgen::runtime::Items<{{{params_type}}}> items) {
  sqlgen::runtime::Batch batch_(m_tx, sqlgen::runtime::Statement{"{{stmt}}", "{{{namespace}}}::{{{class_name}}}"});
  items([&](const {{{params_type}}}& item) { batch_.add({{#values}}{{{expr}}}{{^last}}, {{/last}}{{/values}}); });
  std::vector<std::vector<{{{row_type}}}>> out_;
  for (const pqxx::result& result_ : batch_.results()) {
    std::vector<{{{row_type}}}>& rows_ = out_.emplace_back();
    rows_.reserve(result_.size());
    for (const pqxx::row& r_ : result_) {{{reader}}}(r_, rows_.emplace_back());
  }
  return out_;
}
{{/is_batchmany}}
{{#has_rows}}

void {{{class_name}}}::{{{reader}}}(const pqxx::row& row, {{{row_type}}}& row_) {
  sqlgen::runtime::Fields r(row);
{{#scalar}}
  sqlgen::runtime::{{{scalar_read}}}(r[0], row_);
{{/scalar}}
{{#reads}}
  sqlgen::runtime::{{{read}}}(r[{{index}}], row_.{{{target}}});
{{/reads}}
{{#embeds}}
{{#nullable}}
  if (!sqlgen::runtime::all_null(r, {{first}}, {{count}})) {
    {{{type}}}& e_ = row_.{{{field}}}.emplace();
{{#reads}}
    sqlgen::runtime::read(r[{{index}}], e_.{{{target}}});
{{/reads}}
  }
{{/nullable}}
{{^nullable}}
{{#reads}}
  sqlgen::runtime::read(r[{{index}}], row_.{{{field}}}.{{{target}}});
{{/reads}}
{{/nullable}}
{{/embeds}}
}
{{/has_rows}}
{{/queries}}

}  // namespace {{{namespace}}}
)tmpl"},
      {"queries.hpp", R"tmpl({{{header}}}
{{! The module's queries: a Queries class bound to a transaction, one function per query,
    declared here and defined in queries.cpp (no libpqxx header needed to include this one). }}
#pragma once

{{#std_includes}}
#include {{{.}}}
{{/std_includes}}

#include <pqxx/types>
{{#json}}
#include <sqlgen/runtime/json.hpp>
{{/json}}
#include <sqlgen/runtime/values.hpp>
{{#user_includes}}
#include {{{.}}}
{{/user_includes}}

{{#module_includes}}
#include "{{{.}}}"
{{/module_includes}}

namespace {{{namespace}}} {
{{#structs}}

{{>struct}}
{{/structs}}
{{#sort_enums}}

/// The columns query {{query}} can sort by (sort "{{sort}}").
enum class {{{name}}} {
{{#columns}}
  {{{name}}},
{{/columns}}
};
{{/sort_enums}}

/// The queries of module "{{module}}", run in the caller's transaction. Call
/// {{{class_name}}}::prepare once per connection before using them (a query run on a
/// connection without it throws sqlgen::runtime::not_prepared).
class {{{class_name}}} {
 public:
  /// Binds the queries to a transaction.
  explicit {{{class_name}}}(pqxx::transaction_base& tx) : m_tx(tx) {}

  /// Registers every statement of these queries on `conn` (as "<module>_<Query>").
  static void prepare(pqxx::connection_base& conn);
{{#queries}}

{{#doc}}
  /// {{{.}}}
{{/doc}}
{{#is_one}}
{{#exactly_one}}
  {{{row_type}}} {{{fn}}}({{#args}}{{{decl}}}{{^last}}, {{/last}}{{/args}});
{{/exactly_one}}
{{^exactly_one}}
  std::optional<{{{row_type}}}> {{{fn}}}({{#args}}{{{decl}}}{{^last}}, {{/last}}{{/args}});
{{/exactly_one}}
{{/is_one}}
{{#is_many}}
  std::vector<{{{row_type}}}> {{{fn}}}({{#args}}{{{decl}}}{{^last}}, {{/last}}{{/args}});

  /// {{{fn}}}, calling `on_row` with each row instead of collecting them.
  void {{{fn_each}}}({{#args}}{{{decl}}}, {{/args}}sqlgen::runtime::FunctionRef<void({{{row_type}}}&&)> on_row);
{{/is_many}}
{{#is_exec}}
  void {{{fn}}}({{#args}}{{{decl}}}{{^last}}, {{/last}}{{/args}});
{{/is_exec}}
{{#is_execrows}}
  std::uint64_t {{{fn}}}({{#args}}{{{decl}}}{{^last}}, {{/last}}{{/args}});
{{/is_execrows}}
{{#is_execresult}}
  pqxx::result {{{fn}}}({{#args}}{{{decl}}}{{^last}}, {{/last}}{{/args}});
{{/is_execresult}}
{{#is_copyfrom}}
  /// Loads every {{{params_type}}} of `items` through COPY; returns the number of rows.
  template <std::ranges::input_range Range>
  std::uint64_t {{{fn}}}(Range&& items) {
    return {{{fn}}}(sqlgen::runtime::Items<{{{params_type}}}>(
        [&](sqlgen::runtime::FunctionRef<void(const {{{params_type}}}&)> put_) {
          for (const {{{params_type}}}& item : items) put_(item);
        }));
  }
{{/is_copyfrom}}
{{#is_batchexec}}
  /// Runs the statement for every {{{params_type}}} of `items` in one round trip.
  template <std::ranges::input_range Range>
  void {{{fn}}}(Range&& items) {
    {{{fn}}}(sqlgen::runtime::Items<{{{params_type}}}>(
        [&](sqlgen::runtime::FunctionRef<void(const {{{params_type}}}&)> put_) {
          for (const {{{params_type}}}& item : items) put_(item);
        }));
  }
{{/is_batchexec}}
{{#is_batchone}}
  /// Runs the statement for every {{{params_type}}} of `items` in one round trip; one
  /// optional row per item.
  template <std::ranges::input_range Range>
  std::vector<std::optional<{{{row_type}}}>> {{{fn}}}(Range&& items) {
    return {{{fn}}}(sqlgen::runtime::Items<{{{params_type}}}>(
        [&](sqlgen::runtime::FunctionRef<void(const {{{params_type}}}&)> put_) {
          for (const {{{params_type}}}& item : items) put_(item);
        }));
  }
{{/is_batchone}}
{{#is_batchmany}}
  /// Runs the statement for every {{{params_type}}} of `items` in one round trip; the rows
  /// of each item.
  template <std::ranges::input_range Range>
  std::vector<std::vector<{{{row_type}}}>> {{{fn}}}(Range&& items) {
    return {{{fn}}}(sqlgen::runtime::Items<{{{params_type}}}>(
        [&](sqlgen::runtime::FunctionRef<void(const {{{params_type}}}&)> put_) {
          for (const {{{params_type}}}& item : items) put_(item);
        }));
  }
{{/is_batchmany}}
{{/queries}}

 private:
{{#queries}}
{{#is_copyfrom}}
  std::uint64_t {{{fn}}}(sqlgen::runtime::Items<{{{params_type}}}> items);
{{/is_copyfrom}}
{{#is_batchexec}}
  void {{{fn}}}(sqlgen::runtime::Items<{{{params_type}}}> items);
{{/is_batchexec}}
{{#is_batchone}}
  std::vector<std::optional<{{{row_type}}}>> {{{fn}}}(sqlgen::runtime::Items<{{{params_type}}}> items);
{{/is_batchone}}
{{#is_batchmany}}
  std::vector<std::vector<{{{row_type}}}>> {{{fn}}}(sqlgen::runtime::Items<{{{params_type}}}> items);
{{/is_batchmany}}
{{#variants}}
  /// The prepared statements of {{{fn}}}, one per SQL variant.
  static constexpr const char* {{{array}}}[] = {
{{#names}}
      "{{name}}",
{{/names}}
  };
{{/variants}}
{{#has_rows}}
  static void {{{reader}}}(const pqxx::row& row, {{{row_type}}}& row_);
{{/has_rows}}
{{/queries}}

  pqxx::transaction_base& m_tx;
};

}  // namespace {{{namespace}}}
)tmpl"},
      {"struct", R"tmpl({{! One struct with its fields; with `json`, also its to_json / from_json (struct_json). }}
{{#doc}}
/// {{{.}}}
{{/doc}}
struct {{{name}}} {
{{#fields}}
{{#doc}}
  /// {{{.}}}
{{/doc}}
  {{{type}}} {{{name}}}{};
{{/fields}}

  /// Field-wise equality.
  bool operator==(const {{{name}}}&) const = default;
};
{{#json}}

{{>struct_json}}
{{/json}}
)tmpl"},
      {"struct_json", R"tmpl({{! A struct's to_json / from_json (nlohmann, found by ADL): an object keyed by the SQL names. }}
/// Writes {{{name}}} as a JSON object keyed by the SQL names.
inline void to_json(nlohmann::json& j, const {{{name}}}& v) {
  j = nlohmann::json::object();
{{#fields}}
  sqlgen::runtime::json_put(j, "{{json_key}}", v.{{{name}}});
{{/fields}}
}

/// Reads {{{name}}} from a JSON object written by to_json.
inline void from_json([[maybe_unused]] const nlohmann::json& j, [[maybe_unused]] {{{name}}}& v) {
{{#fields}}
  sqlgen::runtime::json_get(j, "{{json_key}}", v.{{{name}}});
{{/fields}}
})tmpl"},
  };
  return templates;
}
// clang-format on

}  // namespace sqlgen::codegen
