#pragma once
/// sqlgen's runtime: the small header-only support generated code includes. Depends on
/// libpqxx 6.4 and nlohmann/json only.
///
///   core.hpp   everything but JSON (generated code with `json: false` includes only it)
///   json.hpp   codec<nlohmann::json> (json, jsonb); json_put / json_get for generated
///              to_json / from_json; to_json / from_json of Interval and Uuid (no libpqxx:
///              generated headers with JSON include it and values.hpp, not this header)
///   json_pqxx.hpp  read_json_rows of a libpqxx field
///
/// Not included by either: tx.hpp (in_tx, a callback run in a transaction with retries).

#include "sqlgen/runtime/core.hpp"
#include "sqlgen/runtime/json.hpp"
#include "sqlgen/runtime/json_pqxx.hpp"
