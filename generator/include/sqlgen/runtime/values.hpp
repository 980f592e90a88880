#pragma once
/// The runtime a generated header needs without JSON: its value types, their text codecs and
/// printing, and no libpqxx (the generated `.cpp` files include `core.hpp`, which adds it).
///
///   error.hpp         conversion_error, unexpected_null, unknown_enum_label, not_prepared, no_row
///   types.hpp         Bytes (bytea), Interval, SortDirection
///   uuid.hpp          Uuid (parse, format, comparison, std::hash)
///   text.hpp          codec<T>: PostgreSQL text format for every mapped type, arrays and records
///   enum.hpp          enum_traits<E>, from_string<E>, all_values<E>, label_of
///   print.hpp         to_display, operator<< and std::formatter as psql shows values
///   function_ref.hpp  FunctionRef (row callbacks), Items (ranges of parameter structs)

#include "sqlgen/runtime/enum.hpp"
#include "sqlgen/runtime/error.hpp"
#include "sqlgen/runtime/function_ref.hpp"
#include "sqlgen/runtime/print.hpp"
#include "sqlgen/runtime/text.hpp"
#include "sqlgen/runtime/types.hpp"
#include "sqlgen/runtime/uuid.hpp"
