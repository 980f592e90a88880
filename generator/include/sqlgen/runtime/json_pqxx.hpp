#pragma once
/// read_json_rows of a libpqxx result field: what generated `.cpp` files with JSON add to
/// json.hpp (which includes no libpqxx header, so generated headers with JSON do without it).

#include <optional>
#include <string_view>
#include <vector>

#include "sqlgen/runtime/json.hpp"
#include "sqlgen/runtime/pqxx.hpp"

namespace sqlgen::runtime {

/// read_json_rows of one result field (NULL: no rows).
template <typename T>
void read_json_rows(const pqxx::field& f, std::vector<T>& out) {
  if (f.is_null()) {
    out.clear();
    return;
  }
  read_json_rows(std::optional<std::string_view>(std::string_view(f.c_str(), f.size())), out);
}

}  // namespace sqlgen::runtime
