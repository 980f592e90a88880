#pragma once
/// Value types the generated code uses for PostgreSQL types without a standard C++ counterpart.

#include <compare>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace sqlgen::runtime {

/// `bytea`: raw bytes.
using Bytes = std::vector<std::byte>;

/// `interval`: PostgreSQL keeps months, days and microseconds apart (a month is not a fixed
/// number of days, nor a day a fixed number of hours across DST changes).
struct Interval {
  std::int32_t months = 0;        ///< years * 12 + months
  std::int32_t days = 0;          ///< days (and weeks * 7)
  std::int64_t microseconds = 0;  ///< hours, minutes, seconds and fractions

  /// Field-wise equality (PostgreSQL's `=` normalizes; this does not).
  bool operator==(const Interval&) const = default;
};

/// The direction of a sort the caller chooses (`ORDER BY sqlgen.sort(name: ...)`).
enum class SortDirection { asc, desc };

/// Which of a sort's `2 * columns` SQL variants runs: `2 * column + direction`. A value outside
/// the enums (`static_cast<XBy>(9)`) throws std::invalid_argument instead of running another
/// variant or reading past the variants.
template <typename Column>
std::size_t sort_choice(Column column, std::size_t columns, SortDirection direction) {
  const auto c = static_cast<std::size_t>(column);
  const auto d = static_cast<std::size_t>(direction);
  if (c >= columns || d > 1) {
    throw std::invalid_argument(c >= columns ? "sort column out of range"
                                             : "sort direction out of range");
  }
  return 2 * c + d;
}

}  // namespace sqlgen::runtime
