#pragma once
/// Value types the generated code uses for PostgreSQL types without a standard C++ counterpart.

#include <compare>
#include <cstddef>
#include <cstdint>
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

}  // namespace sqlgen::runtime
