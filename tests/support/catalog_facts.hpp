#pragma once
// The catalog flattened into sorted one-line facts, from sqlgen's catalog and
// from a live PostgreSQL database, so the two can be compared line by line.

#include <string>
#include <vector>

#include "catalog/catalog.hpp"

namespace sqlgen::testing {

/// Facts of sqlgen's catalog (user schemas; extension members excluded).
std::vector<std::string> catalog_facts(const catalog::Catalog& cat);
/// The same facts read from pg_catalog of the database at `conninfo`.
std::vector<std::string> postgres_facts(const std::string& conninfo);
/// Lines only in `a` ("- ") and only in `b` ("+ "), for failure messages.
std::string facts_diff(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace sqlgen::testing
