#pragma once
/// sqlgen's runtime: the small header-only support generated code includes. Depends on
/// libpqxx 6.4 and nlohmann/json only.
///
///   error.hpp  conversion_error, unexpected_null, unknown_enum_label
///   types.hpp  Bytes (bytea), Interval
///   text.hpp   codec<T>: PostgreSQL text format for every mapped type, arrays and records
///   enum.hpp   enum_traits<E>, from_string<E>, all_values<E>, label_of
///   json.hpp   json_put / json_get for generated to_json / from_json
///   pqxx.hpp   exec, read, Batch (pipeline), copy_row (COPY)

#include "sqlgen/runtime/enum.hpp"
#include "sqlgen/runtime/error.hpp"
#include "sqlgen/runtime/json.hpp"
#include "sqlgen/runtime/pqxx.hpp"
#include "sqlgen/runtime/text.hpp"
#include "sqlgen/runtime/types.hpp"
