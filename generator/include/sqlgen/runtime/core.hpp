#pragma once
/// sqlgen's runtime without JSON: what generated code includes with `options: json: false`.
/// Depends on libpqxx 6.4 only (nlohmann/json is not included).
///
///   error.hpp  conversion_error, unexpected_null, unknown_enum_label, not_prepared, no_row
///   types.hpp  Bytes (bytea), Interval
///   uuid.hpp   Uuid (parse, format, comparison, std::hash)
///   text.hpp   codec<T>: PostgreSQL text format for every mapped type, arrays and records
///   enum.hpp   enum_traits<E>, from_string<E>, all_values<E>, label_of
///   print.hpp  to_display, operator<< and std::formatter as psql shows values
///   pqxx.hpp   exec, read, Batch (pipeline), copy_row (COPY), pqxx::string_traits<Uuid>
///   audit.hpp  FieldChange, display_text, diff_field: what generated audit_diff helpers use

#include "sqlgen/runtime/audit.hpp"
#include "sqlgen/runtime/enum.hpp"
#include "sqlgen/runtime/error.hpp"
#include "sqlgen/runtime/pqxx.hpp"
#include "sqlgen/runtime/print.hpp"
#include "sqlgen/runtime/text.hpp"
#include "sqlgen/runtime/types.hpp"
#include "sqlgen/runtime/uuid.hpp"
