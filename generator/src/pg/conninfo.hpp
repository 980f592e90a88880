#pragma once
/// Internal to pg/: building libpq key=value connection strings.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sqlgen::pg::detail {

/// `value` quoted for a key=value connection string: 'a b' with \ and ' escaped.
std::string quote_conninfo_value(std::string_view value);

/// "key='value' key='value' ..." in the given order.
std::string build_conninfo(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace sqlgen::pg::detail
