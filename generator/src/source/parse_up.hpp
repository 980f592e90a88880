#pragma once
/// Every Up statement of a list of migrations, parsed on every core: what the catalog build
/// and `sqlgen vet` both walk, in migration order.

#include <vector>

#include "diag/diag.hpp"
#include "parse/ast.hpp"
#include "source/migrations.hpp"

namespace sqlgen::source {

/// `[m][s]`: the statements libpg_query finds in Up statement `s` of `migrations[m]` (one,
/// unless the range holds several; none after a syntax error, which is reported). Statements
/// are parsed in parallel, one job each: a project's schema is often one or two large files.
std::vector<std::vector<std::vector<parse::StmtPtr>>> parse_up(
    const std::vector<Migration>& migrations, diag::DiagnosticEngine& diags);

}  // namespace sqlgen::source
