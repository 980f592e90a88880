#pragma once
/// libpqxx 6.4 glue for generated queries: run a prepared statement with converted
/// parameters (not_prepared when the generated `prepare` was not called), read result fields,
/// run many parameter sets in one round trip (a pipeline of SQL-level EXECUTEs), write rows
/// through COPY; and libpqxx's own string conversion of sqlgen::runtime::Uuid, so a Uuid binds
/// as a parameter of `exec_params` and reads with `field.as<Uuid>()`.

#include <array>
#include <cstddef>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sqlgen/runtime/error.hpp"
#include "sqlgen/runtime/text.hpp"
#include "sqlgen/runtime/uuid.hpp"

namespace sqlgen::runtime {

/// The fields of one result row by column number, through one libpqxx field cursor that moves
/// to the column asked for. Reading `row[i]` instead would make and destroy a pqxx::field (a
/// copy of the shared result handle) for every field of every row.
class Fields {
 public:
  explicit Fields(const pqxx::row& row) : m_field(row.begin()) {}

  const pqxx::field& operator[](pqxx::row::size_type column) {
    m_field += static_cast<pqxx::row::difference_type>(column) -
               static_cast<pqxx::row::difference_type>(m_column);
    m_column = column;
    return m_field;
  }

 private:
  pqxx::row::const_iterator m_field;
  pqxx::row::size_type m_column = 0;
};

/// Reads one result field into `out` (NULL needs a std::optional; see from_text). The
/// column's name is only looked up to report a NULL the type cannot hold. A NULL reads as ""
/// (length 0), so only empty values pay for asking whether they are NULL. Values come in
/// PostgreSQL's text format, which never holds a NUL byte, so the length is the C string's.
template <typename T>
void read(const pqxx::field& f, T& out) {
  const char* text = f.c_str();
  std::size_t size = std::strlen(text);
  if (size == 0 && f.is_null()) {
    if constexpr (detail::is_optional<T>::value || detail::self_nullable<T>) {
      from_text(std::nullopt, out, {});
    } else {
      throw unexpected_null(std::string("column \"") + f.name() + "\"");
    }
    return;
  }
  from_text(std::string_view(text, size), out, "column");
}

/// Reads `array_agg(t)` of a table's rows, PostgreSQL's array of records
/// `{"(1,foo,)","(2,\"a b\",3)"}`, into the table's structs; NULL (no row aggregated) reads
/// as an empty vector.
template <typename T>
void read_rows(const pqxx::field& f, std::vector<T>& out) {
  if (f.is_null()) {
    out.clear();
    return;
  }
  read(f, out);
}

/// True when the fields [first, first + count) of `r` are all NULL (an absent LEFT JOIN embed).
inline bool all_null(Fields& fields, pqxx::row::size_type first, pqxx::row::size_type count) {
  for (pqxx::row::size_type i = first; i < first + count; ++i) {
    if (!fields[i].is_null()) return false;
  }
  return true;
}

/// A generated query's prepared statement: its name and the generated class whose `prepare`
/// defines it (named in the error when it was not called).
struct Statement {
  const char* name;   ///< "billing_GetInvoice"
  const char* owner;  ///< "billing::Queries"
};

/// A query with optional parameters or sorts: the prepared statement of the SQL variant that
/// runs, passed to exec() before the values (it names the statement instead of Statement::name).
struct Variant {
  const char* name;
};

/// An optional parameter (`-- @optional`): sent when set; when empty it is not sent at all (the
/// variant that runs has no such parameter: its condition is left out).
template <typename T>
struct Omittable {
  const std::optional<T>& value;
};

/// Wraps an optional parameter's value for exec().
template <typename T>
Omittable<T> omit_if_empty(const std::optional<T>& value) {
  return Omittable<T>{value};
}

namespace detail {

template <typename T>
struct is_omittable : std::false_type {};
template <typename T>
struct is_omittable<Omittable<T>> : std::true_type {};

/// Appends one parameter's text (none for an empty Omittable).
template <typename T>
void append_value(std::vector<std::optional<std::string>>& values, const T& arg) {
  if constexpr (is_omittable<T>::value) {
    if (arg.value) values.push_back(to_text(*arg.value));
  } else {
    values.push_back(to_text(arg));
  }
}

/// libpqxx 6.4's error for a statement name `conn.prepare` never defined.
inline bool is_unknown_statement(const pqxx::argument_error& e) {
  return std::string_view(e.what()).starts_with("Unknown prepared statement");
}

}  // namespace detail

/// Runs the prepared statement (registered by the generated `prepare`) with the arguments
/// converted to PostgreSQL's text format; throws not_prepared when `prepare` was not called on
/// this connection.
template <typename... Args>
pqxx::result exec(pqxx::transaction_base& tx, const Statement& statement, const Args&... args) {
  auto run = [&](const auto& values) {
    std::array<const char*, sizeof...(Args)> pointers{};
    for (std::size_t i = 0; i < values.size(); ++i) {
      pointers[i] = values[i] ? values[i]->c_str() : nullptr;
    }
    try {
      return tx.exec_prepared(
          statement.name,
          pqxx::prepare::make_dynamic_params(pointers.begin(), pointers.begin() + values.size()));
    } catch (const pqxx::argument_error& e) {
      if (detail::is_unknown_statement(e)) throw not_prepared(statement.name, statement.owner);
      throw;
    }
  };
  if constexpr ((detail::is_omittable<Args>::value || ...)) {
    std::vector<std::optional<std::string>> values;
    values.reserve(sizeof...(Args));
    (detail::append_value(values, args), ...);
    return run(values);
  } else {
    std::array<std::optional<std::string>, sizeof...(Args)> values{to_text(args)...};
    return run(values);
  }
}

/// Runs the SQL variant `variant` of a query with optional parameters or sorts (the generated
/// function chose it by which optional parameters are set and the sort asked for).
template <typename... Args>
pqxx::result exec(pqxx::transaction_base& tx, const Statement& statement, Variant variant,
                  const Args&... args) {
  return exec(tx, Statement{variant.name, statement.owner}, args...);
}

/// The same for a statement named without its class (templates written before Statement).
template <typename... Args>
pqxx::result exec(pqxx::transaction_base& tx, const std::string& statement, const Args&... args) {
  return exec(tx, Statement{statement.c_str(), "Queries"}, args...);
}

/// The only row of a query that returns exactly one row by construction; throws no_row when a
/// trigger or rule made it return none.
inline pqxx::row only_row(const pqxx::result& result, const Statement& statement) {
  if (result.empty()) throw no_row(statement.name);
  return result[0];
}

/// Many executions of one prepared statement sent in one round trip: each `add` queues
/// `EXECUTE statement(literal, ...)` on a pqxx::pipeline; `results` waits for all of them.
class Batch {
 public:
  /// Makes sure `statement` exists on the server (it must have been defined by the generated
  /// `prepare`: not_prepared otherwise), then opens a pipeline on `tx`.
  Batch(pqxx::transaction_base& tx, const Statement& statement)
      : m_tx(tx), m_statement(tx.quote_name(statement.name)) {
    try {
      tx.conn().prepare_now(statement.name);
    } catch (const pqxx::argument_error& e) {
      if (detail::is_unknown_statement(e)) throw not_prepared(statement.name, statement.owner);
      throw;
    }
    m_pipeline = std::make_unique<pqxx::pipeline>(tx);
    // Hold every query until the results are asked for: then all go out at once.
    m_pipeline->retain(std::numeric_limits<int>::max());
  }

  /// The same for a statement named without its class (templates written before Statement).
  Batch(pqxx::transaction_base& tx, const std::string& statement)
      : Batch(tx, Statement{statement.c_str(), "Queries"}) {}

  /// Queues one execution with these arguments.
  template <typename... Args>
  void add(const Args&... args) {
    std::string sql = "EXECUTE " + m_statement;
    if constexpr (sizeof...(Args) > 0) {
      sql += '(';
      bool first = true;
      ((append(sql, to_text(args), first)), ...);
      sql += ')';
    }
    m_ids.push_back(m_pipeline->insert(sql));
  }

  /// The results in the order the executions were added; the pipeline is then closed.
  std::vector<pqxx::result> results() {
    std::vector<pqxx::result> out;
    out.reserve(m_ids.size());
    for (pqxx::pipeline::query_id id : m_ids) out.push_back(m_pipeline->retrieve(id));
    m_pipeline->complete();
    m_pipeline.reset();
    m_ids.clear();
    return out;
  }

 private:
  void append(std::string& sql, const std::optional<std::string>& value, bool& first) {
    if (!first) sql += ", ";
    first = false;
    sql += value ? m_tx.quote(*value) : std::string("NULL");
  }

  pqxx::transaction_base& m_tx;
  std::string m_statement;
  std::unique_ptr<pqxx::pipeline> m_pipeline;
  std::vector<pqxx::pipeline::query_id> m_ids;
};

/// Writes one row of values to a COPY stream.
template <typename... Args>
void copy_row(pqxx::stream_to& stream, const Args&... args) {
  std::array<std::optional<std::string>, sizeof...(Args)> values{to_text(args)...};
  std::array<const char*, sizeof...(Args)> pointers{};
  for (std::size_t i = 0; i < values.size(); ++i) {
    pointers[i] = values[i] ? values[i]->c_str() : nullptr;
  }
  stream << pointers;
}

}  // namespace sqlgen::runtime

/// libpqxx's conversion of a Uuid: `tx.exec_params("... $1", uuid)`, `row[0].as<Uuid>()`.
template <>
struct pqxx::string_traits<sqlgen::runtime::Uuid> {
  /// The type's name in libpqxx's messages.
  static constexpr const char* name() noexcept { return "sqlgen::runtime::Uuid"; }
  /// A Uuid cannot hold NULL.
  static constexpr bool has_null() noexcept { return false; }
  /// Never NULL.
  static bool is_null(const sqlgen::runtime::Uuid&) { return false; }
  /// Throws libpqxx's conversion error for NULL.
  [[noreturn]] static sqlgen::runtime::Uuid null() { internal::throw_null_conversion(name()); }
  /// Parses the text; throws sqlgen::runtime::conversion_error for a malformed one.
  static void from_string(const char str[], sqlgen::runtime::Uuid& obj) {
    obj = sqlgen::runtime::Uuid::parse(str);
  }
  /// The canonical text.
  static std::string to_string(const sqlgen::runtime::Uuid& obj) { return obj.to_string(); }
};
