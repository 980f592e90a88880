#pragma once
/// sqlgen's runtime without JSON: what generated `.cpp` files include with `options: json:
/// false` (generated headers include values.hpp). Depends on libpqxx 6.4 only (nlohmann/json is
/// not included).
///
///   values.hpp  the value types, their text codecs and printing, FunctionRef (see there)
///   pqxx.hpp    exec, read, Batch (pipeline), copy_row (COPY), pqxx::string_traits<Uuid>
///   audit.hpp   FieldChange, display_text, diff_field: what generated audit_diff helpers use

#include "sqlgen/runtime/audit.hpp"
#include "sqlgen/runtime/pqxx.hpp"
#include "sqlgen/runtime/values.hpp"
