#pragma once
// Applying test migration sets to a real database, the plain way: every Up
// statement in order, in one transaction.

#include <string>
#include <vector>

#include "source/migrations.hpp"

namespace sqlgen::testing {

/// Executes every Up statement of `migrations` in one transaction.
void apply_up_statements(const std::string& conninfo,
                         const std::vector<source::Migration>& migrations);

/// The migrations of a directory under tests/cases/ (must load without errors).
std::vector<source::Migration> load_case_migrations(const std::string& relative_dir);

}  // namespace sqlgen::testing
